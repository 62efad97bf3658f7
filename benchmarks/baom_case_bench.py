#!/usr/bin/env python3
"""Benchmark of baom_case at the volume of the whole network.

Run it against a database where ``baom_case`` is installed (``project`` too, for
the comparison with Odoo's own task kanban)::

    python3 benchmarks/baom_case_bench.py --db bench \\
        --addons-path=/opt/odoo19/addons,/opt/odoo19/odoo/addons,addons \\
        --db_host=/tmp/pg --db_port=5432

The first run generates, with ``INSERT ... SELECT generate_series`` (a few
minutes), 16 offices, 200,000 beneficiaries, 500,000 cases and 1,000,000
register lines, plus 500,000 ``project.task`` in 16 projects, and marks the
database so that later runs only measure. It then times, as an officer or a
supervisor, the very calls the web client makes, and counts their SQL queries:

* the case kanban (``web_read_group`` with unfolded columns, then
  ``read_progress_bar``), with 20 and 80 cards per column: the query count must
  not change with the number of cards (no N+1);
* the beneficiary autocomplete on a partial name (``name_search``);
* the statistics pivot (``formatted_read_grouping_sets``) for one office-year
  and for all offices;
* the activity report of one office-year (QWeb HTML, then the PDF through
  wkhtmltopdf);
* the same kanban calls on ``project.task``.

Each measure is run once to warm the caches, then ``--runs`` times; the table
shows the median server time and the query count. ``--markdown FILE`` writes
the table as Markdown. Never run it on a production database.
"""

# ruff: noqa: E501 (long SQL lines read better unwrapped)
import argparse
import os
import re
import statistics
import sys
import time

OFFICES = 16
BENEFICIARIES = 200_000
CASES = 500_000
VISITS = 1_000_000
TASKS = 500_000
MARK = "baom_case.benchmark_generated"

FIRST_NAMES = [
    "Mohamed", "Fatima", "Ahmed", "Khadija", "Brahim", "Aicha", "Hassan",
    "Zahra", "Youssef", "Naima", "Abdellah", "Malika", "Omar", "Rachida",
    "Hamid", "Latifa", "Said", "Itto", "Mustapha", "Hafida", "Mamadou",
    "Fatoumata", "Ibrahima", "Awa", "Moussa", "Aminata", "Jean", "Grace",
    "Ousmane", "Mariam",
]  # fmt: skip
LAST_NAMES = [
    "Ait Brahim", "Oubella", "El Amrani", "Bouzid", "Ait Lahcen", "Ouhammou",
    "Amzil", "Idrissi", "Akhiyat", "Boutaleb", "Ait Ouahmane", "Azougagh",
    "Benali", "Chakiri", "Daoudi", "El Fassi", "Ghazi", "Haddaoui", "Jabri",
    "Kettani", "Lahlou", "Mansouri", "Naciri", "Ouazzani", "Rami", "Sabri",
    "Tazi", "Diallo", "Traore", "Camara", "Ndiaye", "Keita", "Kone", "Sow",
    "Ba", "Mbala", "Okafor", "Tchoumi", "Toure", "Cisse",
]  # fmt: skip

CASE_KANBAN_SPEC = {
    "name": {},
    "priority": {},
    "beneficiary_id": {"fields": {"display_name": {}}},
    "title": {},
    "need_category_ids": {"fields": {"display_name": {}}},
    "tag_ids": {"fields": {"display_name": {}, "color": {}}},
    "document_count": {},
    "document_received_count": {},
    "date_deadline": {},
    "is_closed": {},
    "is_stalled": {},
    "kanban_state": {},
    "legend_normal": {},
    "legend_blocked": {},
    "legend_done": {},
    "activity_ids": {"fields": {}},
    "activity_state": {},
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "user_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
    "color": {},
}
TASK_KANBAN_SPEC = {
    "name": {},
    "priority": {},
    "stage_id": {"fields": {"display_name": {}}},
    "state": {},
    "project_id": {"fields": {"display_name": {}}},
    "partner_id": {"fields": {"display_name": {}}},
    "parent_id": {"fields": {"display_name": {}}},
    "tag_ids": {"fields": {"display_name": {}, "color": {}}},
    "date_deadline": {},
    "user_ids": {"fields": {"display_name": {}}},
    "activity_ids": {"fields": {}},
    "activity_state": {},
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "rating_count": {},
    "rating_avg": {},
    "rating_active": {},
    "subtask_count": {},
    "color": {},
    "displayed_image_id": {"fields": {"display_name": {}}},
}


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="database name")
    parser.add_argument("--addons-path", default=None)
    parser.add_argument("--db_host", default=None)
    parser.add_argument("--db_port", default=None)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measure")
    parser.add_argument("--markdown", help="write the result table to this file")
    parser.add_argument(
        "--no-pdf", action="store_true", help="skip the wkhtmltopdf part of the report"
    )
    parser.add_argument(
        "--only",
        help="measure only the rows whose label contains this text "
        '(e.g. "Statistics pivot")',
    )
    parser.add_argument(
        "--no-jit",
        action="store_true",
        help="SET jit = off for the session (PostgreSQL's JIT compiles the big "
        "statistics queries for longer than it runs them)",
    )
    parser.add_argument(
        "--no-parallel",
        action="store_true",
        help="SET max_parallel_workers_per_gather = 0: the CPU column only counts "
        "the backend, not its parallel workers; without them it is the whole cost",
    )
    parser.add_argument(
        "--tz",
        help="time zone of the users' context, as the web client sends it "
        "(e.g. Africa/Casablanca); none by default",
    )
    return parser.parse_args()


def load_odoo(args):
    from odoo.tools import config  # noqa: PLC0415

    odoo_args = ["-d", args.db, "--no-http", "--log-level=warn"]
    if args.addons_path:
        odoo_args.append(f"--addons-path={args.addons_path}")
    if args.db_host:
        odoo_args.append(f"--db_host={args.db_host}")
    if args.db_port:
        odoo_args.append(f"--db_port={args.db_port}")
    config.parse_config(odoo_args, setup_logging=True)
    from odoo.modules.registry import Registry  # noqa: PLC0415

    return Registry(args.db)


# ----------------------------------------------------------------------
# DATA GENERATION
# ----------------------------------------------------------------------


def sql(query):
    """Write SQL with plain ``%`` (modulo) and ``%(name)s`` parameters."""
    return re.sub(r"%(?!\(\w+\)s)", "%%", query)


def generate(env):
    """Offices and users through the ORM, volumes through SQL."""
    from odoo import Command  # noqa: PLC0415

    from odoo.addons.baom_base.tools import names  # noqa: PLC0415

    def search_key(text):
        # The same skeleton baom_base stores, so that name searches hit.
        if hasattr(names, "search_key"):
            return names.search_key(text)
        return " ".join(names.name_tokens(text))

    cr = env.cr
    started = time.perf_counter()
    officer_group = env.ref("baom_base.group_baom_officer")
    supervisor = env["res.users"].create(
        {
            "name": "Bench Supervisor",
            "login": "bench_supervisor",
            "group_ids": [Command.set(env.ref("baom_base.group_baom_supervisor").ids)],
        }
    )
    officers = env["res.users"].create(
        [
            {
                "name": f"Bench Officer {index:02d}",
                "login": f"bench_officer_{index:02d}",
                "group_ids": [Command.set(officer_group.ids)],
            }
            for index in range(1, OFFICES + 1)
        ]
    )
    offices = env["baom.office"].create(
        [
            {
                "name": f"BAOM Bench {index:02d}",
                "code": f"BENCH{index:02d}",
                "officer_ids": [Command.set(officer.ids)],
                "supervisor_ids": [Command.set(supervisor.ids)],
            }
            for index, officer in enumerate(officers, start=1)
        ]
    )
    env.flush_all()
    cr.execute(
        "CREATE TEMP TABLE bench_office (idx int, id int, user_id int, code text)"
    )
    cr.execute(
        "INSERT INTO bench_office VALUES " + ",".join(["(%s,%s,%s,%s)"] * OFFICES),
        [
            value
            for index, office in enumerate(offices)
            for value in (index, office.id, office.officer_ids.id, office.code)
        ],
    )
    combos = [(f, last) for f in FIRST_NAMES for last in LAST_NAMES]
    cr.execute(
        "CREATE TEMP TABLE bench_name (idx int, first text, last text, key text)"
    )
    cr.execute(
        "INSERT INTO bench_name VALUES " + ",".join(["(%s,%s,%s,%s)"] * len(combos)),
        [
            value
            for index, (first, last) in enumerate(combos)
            for value in (index, first, last, search_key(f"{first} {last}"))
        ],
    )
    country = {
        code: env.ref(f"base.{code}").id
        for code in ("ma", "sn", "ml", "ci", "cm", "ng", "gn")
    }
    company = env.company.id
    uid = env.uid
    print("generating 200,000 beneficiaries...", flush=True)
    cr.execute(
        sql("""
        INSERT INTO baom_beneficiary (
            first_name, last_name, name, search_key, gender, birth_date, birth_band,
            nationality_id, profile, office_id, company_id, consent_date,
            consent_user_id, last_activity_date, is_anonymized, active,
            create_uid, write_uid, create_date, write_date)
        SELECT n.first, n.last, n.first || ' ' || n.last, n.key,
               CASE WHEN p.profile = 'rights_holder' AND g % 10 < 8 THEN 'female'
                    WHEN g % 2 = 0 THEN 'female' ELSE 'male' END,
               b.birth_date,
               (extract(year FROM b.birth_date)::int / 10 * 10)::text || '-'
                   || (extract(year FROM b.birth_date)::int / 10 * 10 + 9)::text,
               CASE WHEN p.profile LIKE 'tcn%'
                    THEN (ARRAY[%(sn)s, %(ml)s, %(ci)s, %(cm)s, %(ng)s, %(gn)s])[1 + g % 6]
                    ELSE %(ma)s END,
               p.profile, o.id, %(company)s, DATE '2021-01-01' + (g % 2000),
               o.user_id, now() - (g % 900) * interval '1 day', FALSE, TRUE,
               %(uid)s, %(uid)s, now(), now()
          FROM generate_series(1, %(count)s) g
          JOIN bench_office o ON o.idx = g % %(offices)s
          JOIN bench_name n ON n.idx = (g * 7) % %(names)s
          CROSS JOIN LATERAL (SELECT DATE '1940-01-01' + (g * 37) % 25000 AS birth_date) b
          CROSS JOIN LATERAL (SELECT CASE
                    WHEN g % 100 < 35 THEN 'mdm_visit'
                    WHEN g % 100 < 50 THEN 'returnee'
                    WHEN g % 100 < 70 THEN 'rights_holder'
                    WHEN g % 100 < 82 THEN 'tcn_settled'
                    WHEN g % 100 < 94 THEN 'tcn_transit'
                    ELSE 'tcn_displaced' END AS profile) p
        """),
        dict(
            country,
            company=company,
            uid=uid,
            count=BENEFICIARIES,
            offices=OFFICES,
            names=len(combos),
        ),
    )
    cr.execute(
        """
        CREATE TEMP TABLE bench_person AS
        SELECT b.id, b.office_id, b.gender, b.profile, b.nationality_id, b.birth_date,
               row_number() OVER (PARTITION BY b.office_id ORDER BY b.id) AS orn
          FROM baom_beneficiary b JOIN bench_office o ON o.id = b.office_id;
        CREATE INDEX ON bench_person (office_id, orn);
        ANALYZE bench_person;
        """
    )
    per_office = BENEFICIARIES // OFFICES
    stages = {
        xmlid: env.ref(f"baom_case.baom_case_stage_{xmlid}").id
        for xmlid in (
            "contact", "information", "listening", "accompaniment", "waiting",
            "orientation", "resolved", "closed",
        )
    }  # fmt: skip
    needs = env["baom.need.category"].search([("child_ids", "=", False)]).ids
    print("generating 500,000 cases...", flush=True)
    cr.execute(
        sql("""
        CREATE TEMP TABLE bench_case AS
        SELECT g, o.id AS office_id, o.user_id, o.code, p.id AS beneficiary_id,
               p.gender, p.profile, p.nationality_id, p.birth_date,
               d.date_open,
               (d.date_open < now() - interval '60 days' AND g % 100 < 85) AS closed
          FROM generate_series(1, %(count)s) g
          JOIN bench_office o ON o.idx = g % %(offices)s
          JOIN bench_person p ON p.office_id = o.id
                             AND p.orn = (g * 13) % %(per_office)s + 1
          CROSS JOIN LATERAL (SELECT CASE
                    WHEN g % 5 = 0 THEN make_timestamp(2021 + g % 6, 7 + g % 2,
                                                       1 + g % 28, 9 + g % 8, 0, 0)
                    ELSE timestamp '2021-01-01 09:00' + ((g::bigint * 7919) % 2130)::int * interval '1 day'
                                                      + (g % 8) * interval '1 hour'
                    END AS date_open) d
        """),
        {"count": CASES, "offices": OFFICES, "per_office": per_office},
    )
    cr.execute(
        sql("""
        INSERT INTO baom_case (
            name, beneficiary_id, office_id, company_id, user_id, stage_id, is_closed,
            kanban_state, priority, channel, outcome, date_open, date_closed,
            date_deadline, date_last_stage_update, date_last_update, is_stalled,
            gender, profile, nationality_id, age_band, need_category_id, active,
            color, rating_last_value, title, create_uid, write_uid, create_date,
            write_date)
        SELECT c.code || '/' || extract(year FROM c.date_open)::int || '/'
                   || lpad((row_number() OVER (PARTITION BY c.office_id,
                        extract(year FROM c.date_open) ORDER BY c.date_open, c.g))::text,
                        4, '0'),
               c.beneficiary_id, c.office_id, %(company)s, c.user_id, s.stage_id,
               c.closed,
               CASE WHEN s.stage_id = %(waiting)s THEN 'blocked' ELSE 'normal' END,
               CASE WHEN c.g % 10 = 0 THEN '1' ELSE '0' END,
               (ARRAY['walk_in', 'phone', 'whatsapp', 'email', 'walk_in_group',
                      'outreach'])[1 + c.g % 6],
               CASE WHEN NOT c.closed THEN NULL
                    WHEN c.g % 100 < 65 THEN 'resolved'
                    ELSE (ARRAY['partially_resolved', 'not_resolved', 'referred',
                                'abandoned'])[1 + c.g % 4] END,
               c.date_open,
               CASE WHEN c.closed THEN c.date_open + (1 + c.g % 120) * interval '1 day' END,
               CASE WHEN NOT c.closed AND c.g % 2 = 0
                    THEN (c.date_open + interval '30 days')::date END,
               c.date_open, c.date_open, FALSE,
               c.gender, c.profile, c.nationality_id,
               CASE WHEN a.age < 18 THEN '00_17' WHEN a.age < 30 THEN '18_29'
                    WHEN a.age < 45 THEN '30_44' WHEN a.age < 60 THEN '45_59'
                    ELSE '60_99' END,
               (%(needs)s)[1 + c.g % %(need_count)s], TRUE, 0,
               CASE WHEN c.closed AND c.g % 3 = 0
                    THEN (ARRAY[5, 5, 3, 1])[1 + c.g % 4] ELSE 0 END,
               'Request ' || c.g, %(uid)s, %(uid)s, c.date_open, c.date_open
          FROM bench_case c
          CROSS JOIN LATERAL (SELECT date_part('year', age(c.date_open, c.birth_date))
                                  AS age) a
          CROSS JOIN LATERAL (SELECT CASE
                    WHEN c.closed AND c.g % 100 < 65 THEN %(resolved)s
                    WHEN c.closed THEN %(closed)s
                    ELSE (ARRAY[%(contact)s, %(information)s, %(listening)s,
                                %(accompaniment)s, %(waiting)s, %(orientation)s])
                         [1 + (c.g / 16) % 6] END AS stage_id) s
        """),
        dict(stages, company=company, uid=uid, needs=needs, need_count=len(needs)),
    )
    cr.execute(
        sql("""
        INSERT INTO baom_case_baom_need_category_rel (baom_case_id, baom_need_category_id)
        SELECT id, need_category_id FROM baom_case
         WHERE need_category_id IS NOT NULL AND office_id IN (SELECT id FROM bench_office);
        INSERT INTO baom_case_document (case_id, company_id, sequence, name, is_received,
                                        create_uid, write_uid, create_date, write_date)
        SELECT c.id, c.company_id, s.seq, s.name, (c.id + s.seq) % 2 = 0,
               %(uid)s, %(uid)s, now(), now()
          FROM baom_case c
          CROSS JOIN (VALUES (10, 'Passport'), (20, 'Bank account details (RIB)'))
                AS s(seq, name)
         WHERE NOT c.is_closed AND c.office_id IN (SELECT id FROM bench_office);
        """),
        {"uid": uid},
    )
    activity_type = env.ref("mail.mail_activity_data_todo").id
    for model, table, user_column in (("baom.case", "baom_case", "user_id"),):
        cr.execute(
            sql(f"""
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
                activity_type_id, summary, date_deadline, user_id, automated, active,
                create_uid, write_uid, create_date, write_date)
            SELECT %(model_id)s, %(model)s, t.id, t.name, %(type)s, 'Follow up',
                   (t.date_open + interval '14 days')::date, t.{user_column}, FALSE,
                   TRUE, %(uid)s, %(uid)s, now(), now()
              FROM {table} t
             WHERE NOT t.is_closed AND t.id % 3 = 0
               AND t.office_id IN (SELECT id FROM bench_office)
            """),
            {
                "model_id": env["ir.model"]._get_id(model),
                "model": model,
                "type": activity_type,
                "uid": uid,
            },
        )
    print("generating 1,000,000 register lines...", flush=True)
    cr.execute(
        sql("""
        INSERT INTO baom_visit (office_id, company_id, visit_date, user_id,
            beneficiary_id, gender, profile, age_band, nationality_id, channel,
            people_count, need_category_id, outcome, duration, active, create_uid,
            write_uid, create_date, write_date)
        SELECT o.id, %(company)s, d.visit_date, o.user_id,
               CASE WHEN g % 10 < 6 THEN p.id END,
               CASE WHEN g % 10 < 6 THEN p.gender
                    WHEN g % 2 = 0 THEN 'female' ELSE 'male' END,
               CASE WHEN g % 10 < 6 THEN p.profile ELSE 'mdm_visit' END,
               CASE WHEN g % 10 >= 6 THEN NULL
                    WHEN a.age < 18 THEN '00_17' WHEN a.age < 30 THEN '18_29'
                    WHEN a.age < 45 THEN '30_44' WHEN a.age < 60 THEN '45_59'
                    ELSE '60_99' END,
               CASE WHEN g % 10 < 6 THEN p.nationality_id END,
               (ARRAY['walk_in', 'walk_in_group', 'phone', 'whatsapp', 'event'])
                   [1 + g % 5],
               1 + (g % 7 = 0)::int * (g % 4),
               (%(needs)s)[1 + g % %(need_count)s],
               (ARRAY['information', 'information', 'case_opened', 'referred'])
                   [1 + g % 4],
               0.5, TRUE, %(uid)s, %(uid)s, d.visit_date, d.visit_date
          FROM generate_series(1, %(count)s) g
          JOIN bench_office o ON o.idx = g % %(offices)s
          JOIN bench_person p ON p.office_id = o.id
                             AND p.orn = (g * 17) % %(per_office)s + 1
          CROSS JOIN LATERAL (SELECT CASE
                    WHEN g % 4 = 0 THEN make_timestamp(2021 + g % 6, 7 + g % 2,
                                                       1 + g % 28, 9 + g % 8, 0, 0)
                    ELSE timestamp '2021-01-01 09:00' + ((g::bigint * 104729) % 2130)::int
                         * interval '1 day' + (g % 8) * interval '1 hour'
                    END AS visit_date) d
          CROSS JOIN LATERAL (SELECT date_part('year', age(d.visit_date, p.birth_date))
                                  AS age) a
        """),
        {
            "company": company,
            "uid": uid,
            "needs": needs,
            "need_count": len(needs),
            "count": VISITS,
            "offices": OFFICES,
            "per_office": per_office,
        },
    )
    if "project.task" in env:
        generate_tasks(env, officers)
    env["ir.config_parameter"].set_param(MARK, "1")
    env.invalidate_all()
    print("analyze...", flush=True)
    cr.commit()
    cr.execute("ANALYZE")
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)


def generate_tasks(env, officers):
    """The same volume in Odoo's own project.task, for the comparison."""
    from odoo import Command  # noqa: PLC0415

    cr = env.cr
    uid = env.uid
    print("generating 500,000 project tasks...", flush=True)
    user_group = env.ref("project.group_project_user")
    officers.write({"group_ids": [Command.link(user_group.id)]})
    stages = env["project.task.type"].create(
        [
            {"name": name, "sequence": index, "fold": index >= 6}
            for index, name in enumerate(
                ["New", "Info", "Listening", "Doing", "Waiting", "Referred", "Done",
                 "Cancelled"]
            )
        ]
    )  # fmt: skip
    projects = env["project.project"].create(
        [
            {
                "name": f"Bench Project {index:02d}",
                "privacy_visibility": "employees",
                "type_ids": [Command.set(stages.ids)],
                "user_id": officer.id,
            }
            for index, officer in enumerate(officers, start=1)
        ]
    )
    env.flush_all()
    cr.execute("CREATE TEMP TABLE bench_project (idx int, id int, user_id int)")
    cr.execute(
        "INSERT INTO bench_project VALUES " + ",".join(["(%s,%s,%s)"] * OFFICES),
        [
            value
            for index, project in enumerate(projects)
            for value in (index, project.id, project.user_id.id)
        ],
    )
    cr.execute(
        sql("""
        INSERT INTO project_task (name, project_id, stage_id, state, company_id,
            active, priority, sequence, display_in_project, date_deadline,
            date_last_stage_update, create_uid, write_uid, create_date, write_date)
        SELECT 'Task ' || g, p.id, (%(stages)s)[1 + g % 8],
               CASE WHEN g % 8 = 6 THEN '1_done' WHEN g % 8 = 7 THEN '1_canceled'
                    ELSE '01_in_progress' END,
               %(company)s, TRUE, CASE WHEN g % 10 = 0 THEN '1' ELSE '0' END, 10,
               TRUE, CASE WHEN g % 2 = 0 THEN now() + (g % 60) * interval '1 day' END,
               now(), %(uid)s, %(uid)s, now(), now()
          FROM generate_series(1, %(count)s) g
          JOIN bench_project p ON p.idx = g % %(offices)s;
        INSERT INTO project_task_user_rel (task_id, user_id)
        SELECT t.id, p.user_id FROM project_task t JOIN bench_project p ON p.id = t.project_id;
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
            activity_type_id, summary, date_deadline, user_id, automated, active,
            create_uid, write_uid, create_date, write_date)
        SELECT %(model_id)s, 'project.task', t.id, t.name, %(type)s, 'Follow up',
               (now() + interval '14 days')::date, p.user_id, FALSE, TRUE,
               %(uid)s, %(uid)s, now(), now()
          FROM project_task t JOIN bench_project p ON p.id = t.project_id
         WHERE t.state = '01_in_progress' AND t.id % 3 = 0;
        """),
        {
            "stages": stages.ids,
            "company": env.company.id,
            "uid": uid,
            "count": TASKS,
            "offices": OFFICES,
            "model_id": env["ir.model"]._get_id("project.task"),
            "type": env.ref("mail.mail_activity_data_todo").id,
        },
    )


# ----------------------------------------------------------------------
# MEASURES
# ----------------------------------------------------------------------


def backend_cpu(cr):
    """A CPU clock of the PostgreSQL backend serving ``cr`` (seconds), when it
    runs on this machine; None otherwise."""
    cr.execute("SELECT pg_backend_pid()")
    path = f"/proc/{cr.fetchone()[0]}/stat"
    ticks = os.sysconf("SC_CLK_TCK")

    def read():
        try:
            with open(path, encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / ticks

    return read if read() is not None else lambda: None


def measure(env, function, runs):
    """(median milliseconds, median CPU milliseconds of Odoo and PostgreSQL,
    query counts seen) of ``function()`` after a warm-up.

    On a machine shared with other work the wall clock measures the
    neighbours as much as the code; the CPU time (this process plus its
    PostgreSQL backend) is what the call would take alone on one core."""
    cr = env.cr
    pg_cpu = backend_cpu(cr)
    timings, cpu_times, counts = [], [], set()
    for run in range(runs + 1):
        env.invalidate_all()
        before = cr.sql_log_count
        pg_before, own_before = pg_cpu(), time.process_time()
        start = time.perf_counter()
        function()
        elapsed = (time.perf_counter() - start) * 1000
        pg_after, own_after = pg_cpu(), time.process_time()
        if run:
            timings.append(elapsed)
            if pg_before is not None and pg_after is not None:
                cpu_times.append((own_after - own_before + pg_after - pg_before) * 1000)
            counts.add(cr.sql_log_count - before)
    cpu = statistics.median(cpu_times) if cpu_times else None
    return statistics.median(timings), cpu, sorted(counts)


def kanban_calls(model, domain, spec, limit, progress_field):
    def run():
        model.web_read_group(
            domain,
            ["stage_id"],
            ["__count"],
            auto_unfold=True,
            unfold_read_specification=spec,
            unfold_read_default_limit=limit,
        )
        model.read_progress_bar(
            domain, "stage_id", {"field": progress_field, "colors": {}}
        )

    return run


def run_measures(env, args):
    Users = env["res.users"]
    officer = Users.search([("login", "=", "bench_officer_01")])
    supervisor = Users.search([("login", "=", "bench_supervisor")])
    office = env["baom.office"].search([("code", "=", "BENCH01")])
    tz = {"tz": args.tz} if args.tz else {}
    officer_env = env(user=officer.id, context={"read_group_expand": True, **tz})
    supervisor_env = env(user=supervisor.id, context=tz)
    Case = officer_env["baom.case"]
    open_cases = [("is_closed", "=", False)]
    year = [("date", ">=", "2025-01-01 00:00:00"), ("date", "<", "2026-01-01 00:00:00")]
    pivot_sets = [[], ["date:month"], ["gender"], ["date:month", "gender"]]
    pivot_measures = ["people_count:sum", "case_count:sum", "closed_count:sum"]
    report = env.ref("baom_case.action_report_baom_activity")
    data = {"office_id": office.id, "date_from": "2025-01-01", "date_to": "2025-12-31"}
    rows = [
        (
            "Case kanban, one office, 20 cards per column",
            "< 300 ms",
            kanban_calls(Case, open_cases, CASE_KANBAN_SPEC, 20, "kanban_state"),
        ),
        (
            "Case kanban, one office, 80 cards per column",
            "< 300 ms",
            kanban_calls(Case, open_cases, CASE_KANBAN_SPEC, 80, "kanban_state"),
        ),
        (
            'Beneficiary name search "fatim" (autocomplete)',
            "< 150 ms",
            lambda: officer_env["baom.beneficiary"].name_search("fatim", limit=8),
        ),
        (
            'Beneficiary name search "ait bra" (two tokens)',
            "< 150 ms",
            lambda: officer_env["baom.beneficiary"].name_search("ait bra", limit=8),
        ),
        (
            "Statistics pivot, one office-year (officer)",
            "< 1 s",
            lambda: officer_env["baom.case.report"].formatted_read_grouping_sets(
                [("office_id", "=", office.id), *year], pivot_sets, pivot_measures
            ),
        ),
        (
            "Statistics pivot, all offices, one year (supervisor)",
            "< 1 s",
            lambda: supervisor_env["baom.case.report"].formatted_read_grouping_sets(
                year, pivot_sets, pivot_measures
            ),
        ),
        (
            "Statistics pivot, all offices, all years (supervisor)",
            "< 1 s",
            lambda: supervisor_env["baom.case.report"].formatted_read_grouping_sets(
                [], pivot_sets, pivot_measures
            ),
        ),
        (
            "Activity report, one office-year, HTML",
            "< 10 s",
            lambda: officer_env["ir.actions.report"]._render_qweb_html(
                report, office.ids, data=data
            ),
        ),
    ]
    if not args.no_pdf:
        rows.append(
            (
                "Activity report, one office-year, PDF (wkhtmltopdf)",
                "< 10 s",
                lambda: officer_env["ir.actions.report"]._render_qweb_pdf(
                    report, office.ids, data=data
                ),
            )
        )
    if "project.task" in env:
        project = env["project.project"].search([("name", "=", "Bench Project 01")])
        Task = officer_env["project.task"].with_context(default_project_id=project.id)
        task_domain = [("project_id", "=", project.id), ("is_closed", "=", False)]
        rows += [
            (
                "project.task kanban, one project, 20 cards per column",
                "(reference)",
                kanban_calls(Task, task_domain, TASK_KANBAN_SPEC, 20, "state"),
            ),
            (
                "project.task kanban, one project, 80 cards per column",
                "(reference)",
                kanban_calls(Task, task_domain, TASK_KANBAN_SPEC, 80, "state"),
            ),
        ]
    counts = {
        "cases": env["baom.case"].search_count([]),
        "open cases of the office": Case.search_count(open_cases),
        "beneficiaries": env["baom.beneficiary"].search_count([]),
        "register lines": env["baom.visit"].search_count([]),
    }
    if "project.task" in env:
        counts["project tasks"] = env["project.task"].search_count([])
    results = []
    for label, target, function in rows:
        if args.only and args.only not in label:
            continue
        print(f"measuring: {label}", flush=True)
        milliseconds, cpu, queries = measure(env, function, args.runs)
        results.append((label, target, milliseconds, cpu, queries))
        env.cr.rollback()
    return counts, results


def render(counts, results, runs):
    lines = [
        "| Measure | Target | Median server time | Median CPU (Odoo + PostgreSQL) "
        "| SQL queries |",
        "|---|---|---:|---:|---:|",
    ]
    for label, target, milliseconds, cpu, queries in results:
        cpu_text = "n/a" if cpu is None else f"{cpu:,.0f} ms"
        lines.append(
            f"| {label} | {target} | {milliseconds:,.0f} ms | {cpu_text} | "
            f"{'/'.join(str(q) for q in queries)} |"
        )
    volume = ", ".join(f"{value:,} {key}" for key, value in counts.items())
    return "\n".join(
        [f"Volume: {volume}. Median of {runs} runs after one warm-up.", "", *lines]
    )


def main():
    args = parse_args()
    registry = load_odoo(args)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if "baom.case" not in env:
            sys.exit("baom_case is not installed in this database")
        if not env["ir.config_parameter"].get_param(MARK):
            generate(env)
            cr.commit()
    with registry.cursor() as cr:
        if args.no_jit:
            cr.execute("SET jit = off")
        if args.no_parallel:
            cr.execute("SET max_parallel_workers_per_gather = 0")
        # Committed: a SET rolled back with the first measure would be undone.
        cr.commit()
        env = api.Environment(cr, SUPERUSER_ID, {})
        counts, results = run_measures(env, args)
        cr.rollback()
    table = render(counts, results, args.runs)
    print(table)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as handle:
            handle.write(table + "\n")


if __name__ == "__main__":
    main()
