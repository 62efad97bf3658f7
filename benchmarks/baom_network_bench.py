#!/usr/bin/env python3
"""Benchmark of the network snapshots at the volume of the whole network.

Uses the volume of ``baom_case_bench.py`` (16 offices, 500,000 cases,
1,000,000 register lines; generated on the first run) and measures:

* computing one office-month snapshot (``action_compute``: every indicator,
  every disaggregation, disclosure control, cells written), as superuser;
* with ``--url``, the hub ingesting ``--snapshots`` pushed snapshots of
  ``--cells`` cells each through ``POST /baom/network/snapshot`` of a running
  Odoo server on the same database, from ``--clients`` concurrent clients
  (one: start the server with ``--workers 0``; two: ``--workers 2``), then
  the same again (a resend replaces every snapshot); ``--server-pid`` reports
  the memory of the server and its workers before and after;
* with ``--pivot-lines``, the consolidated dashboard over that many received
  cells (generated once with SQL: 160 offices in the 12 regions, 10 years of
  months, ~520 cells a snapshot), as a network coordinator: the calls the web
  client's pivot sends (``formatted_read_grouping_sets``, the action's
  default filter), by indicator x office, region, month, disaggregation.

``--hub-only`` skips the case volume and the snapshot computation (a
database with ``baom_case`` installed is enough).

    python3 benchmarks/baom_network_bench.py --db bench \\
        --addons-path=/opt/odoo19/addons,/opt/odoo19/odoo/addons,addons \\
        --db_host=/tmp/pg --db_port=5432 --url http://127.0.0.1:8069 \\
        --server-pid 1234

Never run it on a production database.
"""

import argparse
import datetime
import json
import pathlib
import statistics
import sys
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import baom_case_bench  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", default=None)
    parser.add_argument("--db_host", default=None)
    parser.add_argument("--db_port", default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hub-only", action="store_true")
    parser.add_argument("--url", help="the hub's address, to measure the ingest")
    parser.add_argument("--snapshots", type=int, default=1000)
    parser.add_argument("--cells", type=int, default=500)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--server-pid", type=int)
    parser.add_argument("--pivot-lines", type=int, default=0)
    parser.add_argument(
        "--work-mem", help="PostgreSQL work_mem for the dashboard, e.g. 32MB"
    )
    parser.add_argument(
        "--totals-only", action="store_true", help="skip the shapes without totals"
    )
    return parser.parse_args()


def rss_mb(pid):
    """Resident memory of ``pid`` and its children (the workers), in MB."""
    if not pid:
        return None
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = pathlib.Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        for task in pathlib.Path(f"/proc/{current}/task").iterdir():
            children = (task / "children").read_text().split()
            pids += [int(child) for child in children]
    return total / 1024


def load_average():
    return " ".join(pathlib.Path("/proc/loadavg").read_text().split()[:3])


def measure_snapshot(env, runs):
    """Median ms of one office-month snapshot, and its cells."""
    cr = env.cr
    cr.execute(
        """SELECT office_id, date_trunc('month', visit_date)::date, count(*)
             FROM baom_visit GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1"""
    )
    office_id, month, visits = cr.fetchone()
    snapshot = env["baom.network.snapshot"].create(
        {"office_id": office_id, "period_start": month}
    )
    timings = []
    for run in range(runs + 1):
        env.invalidate_all()
        start = time.perf_counter()
        snapshot.action_compute()
        env.flush_all()
        if run:
            timings.append((time.perf_counter() - start) * 1000)
    cells = len(snapshot.line_ids)
    hidden = sum(snapshot.line_ids.mapped("suppressed"))
    return statistics.median(timings), cells, hidden, visits, month


DIMENSIONS = ["gender", "profile", "age_band", "nationality_group", "need"]


def payloads(count, cells, offices, indicators):
    """``count`` snapshots of ``cells`` cells: ``offices`` (code, region) x
    months; per indicator one total and its disaggregations."""
    for number in range(count):
        office, region = offices[number % len(offices)]
        month = datetime.date(2015 + number // (12 * len(offices)), 1, 1)
        month = month.replace(month=1 + (number // len(offices)) % 12)
        rows = []
        for cell in range(cells):
            indicator, rank = (
                indicators[cell % len(indicators)],
                cell // len(indicators),
            )
            hidden = cell % 7 == 3
            rows.append(
                {
                    "indicator": indicator,
                    "dimension": DIMENSIONS[rank % 5] if rank else "total",
                    "dimension_value": f"value_{rank}" if rank else "total",
                    "value": None if hidden else float(cell % 50),
                    "suppressed": hidden,
                    "reason": "primary" if hidden else None,
                }
            )
        yield {
            "schema": "baom.network.snapshot",
            "version": 1,
            "instance": f"bench-commune-{number % len(offices)}",
            "office": {"code": office, "name": office, "region": region},
            "period": month.isoformat(),
            "k": 5,
            "zeros_disclosive": False,
            "computed_at": None,
            "cells": rows,
        }


def measure_ingest(args, key, offices, indicators):
    import requests  # noqa: PLC0415

    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    endpoint = args.url.rstrip("/") + "/baom/network/snapshot"
    results = []
    for label in ("first push", "resend (replace)"):
        bodies = [
            json.dumps(p)
            for p in payloads(args.snapshots, args.cells, offices, indicators)
        ]
        errors = []

        def client(share, errors=errors):
            session = requests.Session()
            for body in share:
                response = session.post(
                    endpoint, data=body, headers=headers, timeout=60
                )
                if response.status_code != 200:
                    errors.append(f"{response.status_code}: {response.text[:300]}")
                    return

        # Each client sends its own offices' snapshots, as communes would.
        shares = [bodies[index :: args.clients] for index in range(args.clients)]
        threads = [threading.Thread(target=client, args=(share,)) for share in shares]
        before = rss_mb(args.server_pid)
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        if errors:
            sys.exit(f"hub answered {errors[0]}")
        results.append(
            (label, args.snapshots / elapsed, elapsed, before, rss_mb(args.server_pid))
        )
    return results


def ensure_offices(env, count):
    """``count`` bench offices spread over Morocco's twelve regions."""
    regions = env["res.country.state"].search(
        [("country_id", "=", env.ref("base.ma").id)], order="code"
    )
    Office = env["baom.office"].with_context(active_test=False)
    existing = Office.search([("code", "=like", "NET%")])
    missing = [
        {
            "name": f"BAOM Network {index:03d}",
            "code": f"NET{index:03d}",
            "region_id": regions[index % len(regions)].id,
        }
        for index in range(1, count + 1)
        if f"NET{index:03d}" not in set(existing.mapped("code"))
    ]
    return (existing | Office.create(missing)).sorted("code")


PIVOT_MARK = "baom_case.network_bench_lines"


def generate_lines(env, target):
    """About ``target`` received cells (160 offices x 120 months x cells)."""
    cr = env.cr
    offices = ensure_offices(env, 160)
    indicators = env["baom.indicator"].search([], order="code")
    months = 120
    cells = max(1, round(target / (len(offices) * months)))
    started = time.perf_counter()
    cr.execute(
        """DELETE FROM baom_network_snapshot
            WHERE source = 'received' AND instance_uuid LIKE 'pivot-bench-%%'"""
    )
    cr.execute(
        """INSERT INTO baom_network_snapshot (
               name, office_id, company_id, office_code, region_id, period_start,
               state, source, instance_uuid, k, zeros_disclosive, send_attempts,
               received_date, received_channel, create_uid, write_uid,
               create_date, write_date)
           SELECT office.code || ' ' || to_char(month, 'YYYY-MM'), office.id,
                  office.company_id, office.code, office.region_id, month,
                  'received', 'received', 'pivot-bench-' || office.code, 5, false,
                  0, now(), 'push', 1, 1, now(), now()
             FROM baom_office office,
                  generate_series('2016-01-01'::date, '2016-01-01'::date
                                  + (%s - 1) * interval '1 month',
                                  interval '1 month') AS month
            WHERE office.id IN %s""",
        (months, tuple(offices.ids)),
    )
    # Per indicator: one total, then its disaggregations; one cell in 7 hidden.
    cr.execute(
        """INSERT INTO baom_network_snapshot_line (
               snapshot_id, office_id, region_id, period_start, source,
               indicator_code, indicator_id, dimension, dimension_value, value,
               suppressed, suppression_reason, suppressed_count, published_count)
           SELECT snapshot.id, snapshot.office_id, snapshot.region_id,
                  snapshot.period_start, 'received',
                  (%(codes)s)[1 + cell %% %(count)s],
                  (%(ids)s)[1 + cell %% %(count)s],
                  CASE WHEN cell / %(count)s = 0 THEN 'total'
                       ELSE (%(dims)s)[1 + (cell / %(count)s) %% 5] END,
                  CASE WHEN cell / %(count)s = 0 THEN 'total'
                       ELSE 'value_' || (cell / %(count)s) END,
                  CASE WHEN cell %% 7 = 3 THEN NULL
                       ELSE (snapshot.id + cell) %% 50 END,
                  cell %% 7 = 3,
                  CASE WHEN cell %% 7 = 3 THEN 'primary' END,
                  (cell %% 7 = 3)::int, (cell %% 7 <> 3)::int
             FROM baom_network_snapshot snapshot,
                  generate_series(0, %(cells)s - 1) AS cell
            WHERE snapshot.instance_uuid LIKE 'pivot-bench-%%'""",
        {
            "codes": indicators.mapped("code"),
            "ids": indicators.ids,
            "count": len(indicators),
            "dims": DIMENSIONS,
            "cells": cells,
        },
    )
    lines = cr.rowcount
    env["ir.config_parameter"].set_param(PIVOT_MARK, str(lines))
    return lines, time.perf_counter() - started


PIVOT_MEASURES = ["value:sum", "suppressed_count:sum", "__count"]


def pivot_shapes():
    """(label, domain, rows, cols) as the dashboard's pivot asks them."""
    totals = [("dimension", "=", "total")]
    return [
        (
            "default: totals, indicator x office",
            totals,
            ["indicator_id"],
            ["office_id"],
        ),
        ("totals, indicator x region", totals, ["indicator_id"], ["region_id"]),
        (
            "totals, indicator x month",
            totals,
            ["indicator_id"],
            ["period_start:month"],
        ),
        (
            "totals of one year, region x month",
            totals
            + [
                ("period_start", ">=", "2025-01-01"),
                ("period_start", "<", "2026-01-01"),
            ],
            ["region_id"],
            ["period_start:month"],
        ),
        (
            "by gender, indicator x value",
            [("dimension", "=", "gender")],
            ["indicator_id"],
            ["dimension_value"],
        ),
        (
            "no filter, indicator x disaggregation (worst case)",
            [],
            ["indicator_id"],
            ["dimension_value"],
        ),
        ("no filter, office x month", [], ["office_id"], ["period_start:month"]),
    ]


def grouping_sets(rows, cols):
    """The sets the web client asks at once: totals, rows, cols, both."""
    return [[], rows, cols, rows + cols]


def measure_pivot(env, runs, totals_only=False):
    Line = env["baom.network.snapshot.line"]
    results = []
    for label, domain, rows, cols in pivot_shapes():
        if totals_only and ("dimension", "=", "total") not in domain:
            continue
        timings = []
        for run in range(runs + 1):
            env.invalidate_all()
            start = time.perf_counter()
            Line.formatted_read_grouping_sets(
                domain, grouping_sets(rows, cols), PIVOT_MEASURES
            )
            if run:
                timings.append((time.perf_counter() - start) * 1000)
        results.append((label, statistics.median(timings), max(timings)))
    return results


def network_user(env):
    user = env["res.users"].search([("login", "=", "bench_hub")])
    if not user:
        user = env["res.users"].create(
            {
                "name": "Bench hub",
                "login": "bench_hub",
                "group_ids": [(6, 0, env.ref("baom_base.group_baom_network").ids)],
            }
        )
    return user


def main():
    args = parse_args()
    registry = baom_case_bench.load_odoo(args)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    print(f"load average: {load_average()}")
    if not args.hub_only:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if not env["ir.config_parameter"].get_param(baom_case_bench.MARK):
                baom_case_bench.generate(env)
                cr.commit()
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            median, cells, hidden, visits, month = measure_snapshot(env, args.runs)
            cr.rollback()
        print(
            f"| One office-month snapshot ({month:%Y-%m}, {visits} register lines, "
            f"{cells} cells, {hidden} hidden) | < 2 s | {median:,.0f} ms |"
        )
    if args.url:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = network_user(env)
            key = (
                env["res.users.apikeys"]
                .with_user(user)
                .sudo()
                ._generate("rpc", "bench", None)
            )
            Snapshot = env["baom.network.snapshot"]
            offices = [
                (office.code, Snapshot._prepare_region(office.region_id))
                for office in ensure_offices(env, 16)
            ]
            indicators = env["baom.indicator"].search([]).mapped("code")
            # A first push creates every snapshot: drop those of a former run.
            cr.execute(
                """DELETE FROM baom_network_snapshot
                    WHERE source = 'received'
                      AND instance_uuid LIKE 'bench-commune-%'"""
            )
            cr.commit()
        for label, rate, elapsed, before, after in measure_ingest(
            args, key, offices, indicators
        ):
            memory = f"{before:.0f} → {after:.0f} MB" if before else "n/a"
            print(
                f"| Hub ingest, {args.snapshots} snapshots x {args.cells} cells, "
                f"{args.clients} client(s), {label} | ≥ 20/s | {rate:.1f} "
                f"snapshots/s ({elapsed:.0f} s) | {memory} | {load_average()} |"
            )
    if args.pivot_lines:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            lines = int(env["ir.config_parameter"].get_param(PIVOT_MARK) or 0)
            if lines < args.pivot_lines * 0.9:
                lines, seconds = generate_lines(env, args.pivot_lines)
                cr.commit()
                print(f"generated {lines:,} cells in {seconds:.0f} s")
            user = network_user(env)
            cr.commit()
        # Index-only scans need the visibility map a hub's autovacuum keeps.
        with registry.cursor() as cr:
            cr._cnx.autocommit = True
            cr.execute("VACUUM ANALYZE baom_network_snapshot_line")
            cr.execute("VACUUM ANALYZE baom_network_snapshot")
        with registry.cursor() as cr:
            env = api.Environment(cr, user.id, {"lang": "en_US"})
            cr.execute("SELECT count(*) FROM baom_network_snapshot_line")
            [total] = cr.fetchone()
            if args.work_mem:
                cr.execute("SELECT set_config('work_mem', %s, false)", [args.work_mem])
            cr.execute("SHOW work_mem")
            print(f"work_mem: {cr.fetchone()[0]}")
            for label, median, worst in measure_pivot(env, args.runs, args.totals_only):
                print(
                    f"| Dashboard over {total:,} cells: {label} | < 1 s | "
                    f"{median:,.0f} ms (worst {worst:,.0f}) | {load_average()} |"
                )


if __name__ == "__main__":
    main()
