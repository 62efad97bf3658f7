"""Benchmark the legacy workbook import against Odoo's standard import.

Usage (a database with baom_base installed; Odoo options after ``--``):

    python3 benchmarks/baom_import_bench.py --db baom_bench [--rows 20000] \
        [--runs 3] [--memory-rows 100000] -- --db_host=... --db_port=...

Our wizard and Odoo's base_import load the same people with the same columns
(first and last name, gender, birth date, nationality by name, phone, type,
office by name, consent date); ours also reads the request, reception date and
outcome of each row into a visit (and a case with baom_case). Each import runs
in a transaction that is rolled back: the database is left as it was. Figures
are printed as Markdown tables for docs/benchmarks.md.
"""

import argparse
import base64
import datetime
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import xlwt

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = [
    "Nom",
    "Prénom",
    "الاسم",
    "Sexe",
    "Date de naissance",
    "Nationalité",
    "Téléphone",
    "Type de bénéficiaire",
    "Demande",
    "Date d'accueil",
    "Suite donnée",
]
FIRST = """Mohamed Fatima Ahmed Khadija Brahim Aicha Lahcen Zahra Hassan Naima Omar
Malika Youssef Rachida Said Hafida Abdellah Latifa Mustapha Saadia Hamid Zineb Driss
Itto Mbark Mina Hicham Nadia Karim Samira Aziz Houda Jamal Souad Rachid Loubna
Noureddine Hanane Abdelkader Fatiha Aminata Mamadou Fatoumata Ousmane Awa Ibrahima
Mariam Moussa
Grace Samuel Blessing Yaya""".split()
VARIANT = {
    "Mohamed": "Mohammed",
    "Ahmed": "Ahmad",
    "Aicha": "Aïcha",
    "Brahim": "Ibrahim",
    "Lahcen": "Lhoucine",
    "Fatima": "Fatema",
    "Youssef": "Youssouf",
    "Said": "Saïd",
    "Abdellah": "Abdallah",
}
LAST = """Ait_Brahim Oubella El_Amrani Bouzid Ait_Lahcen Ouhammou Amzil Idrissi Akhiyat
Boutaleb Ait_Ouahmane Azougagh Bakkali Chakir Daoudi El_Fassi Ghazali Haddad Jabri
Kabbaj Lamrani Mansouri Naciri Ouazzani Rahmani Saidi Tazi Wahbi Ziani Belghiti
Berrada Chraibi El_Idrissi Fikri Guennoun Hajji Iraqi Jaidi Kettani Lahlou Mernissi
Najjar Qadiri Raji Sebti Tahiri Zerhouni Ait_Ali Ait_Said Ouchen Oumouh Bihi Akdim
Diallo Traoré Sow Ndiaye Camara Keita Koné Touré Mbala Okafor Tchoumi Ba""".split()
LAST = [name.replace("_", " ") for name in LAST]
PROFILES = ["MRE", "Retour", "Ayant droit", "RPT installé", "RPT en transit"]
NEEDS = ["Pension", "Retraite", "Etat civil", "Titre de séjour", "Santé", "Emploi"]


def generate_rows(count, seed=7):
    """Rows with ~10 % near-duplicates of earlier rows and ~2 % bad rows."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        roll = rng.random()
        if rows and roll < 0.10:
            row = list(rng.choice(rows))
            row[1] = VARIANT.get(row[1], row[1])
            row[0] = row[0].replace("Ait", "Aït")
        elif roll < 0.12:
            row = [
                "Bad",
                f"Row{index}",
                None,
                "?",
                "31/02/1970",
                "Nowhere",
                "12",
                "",
                None,
                None,
                None,
            ]
        else:
            birth = datetime.date(1940, 1, 1) + datetime.timedelta(
                days=rng.randint(0, 25000)
            )
            row = [
                rng.choice(LAST),
                rng.choice(FIRST),
                None,
                rng.choice(["F", "M", "Femme", "Homme"]),
                birth.strftime("%d/%m/%Y"),
                rng.choice(["Maroc", "Marocaine", "Guinée", "Sénégal", "France"]),
                f"06{index:08d}",
                rng.choice(PROFILES),
                rng.choice(NEEDS),
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025",
                rng.choice(["Information", "Dossier ouvert", "Orienté"]),
            ]
        rows.append(row)
    return rows


def _column_letter(index):
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="Registre" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font>'
        '</fonts><fills count="1"><fill><patternFill patternType="none"/></fill>'
        '</fills><borders count="1"><border/></borders><cellStyleXfs count="1">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
        'xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" '
        'xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    ),
}


def xlsx_bytes(rows):
    """The workbook as Excel and LibreOffice save it: text in the shared
    strings table and the sheet's size declared up front.

    openpyxl's own files keep every text inline and declare no size, which
    openpyxl then reads about twice as slowly as a file saved by Excel.
    """
    strings = {}
    sheet = []
    width = len(HEADER)
    for number, row in enumerate([HEADER, *rows], start=1):
        cells = []
        for column, value in enumerate(row):
            if value is None:
                continue
            index = strings.setdefault(value, len(strings))
            cells.append(
                f'<c r="{_column_letter(column)}{number}" t="s"><v>{index}</v></c>'
            )
        sheet.append(f'<row r="{number}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'{XML_DECL}<sst xmlns="{main}" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">'
            + "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
            + "</sst>",
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'{XML_DECL}<worksheet xmlns="{main}">'
            f'<dimension ref="A1:{_column_letter(width - 1)}{len(rows) + 1}"/>'
            f"<sheetData>{''.join(sheet)}</sheetData></worksheet>",
        )
    return output.getvalue()


def xls_bytes(rows):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Registre")
    for column, title in enumerate(HEADER):
        sheet.write(0, column, title)
    for row_index, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is not None:
                sheet.write(row_index, column, value)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# base_import is given the same people in the same columns as far as it can
# read them: it resolves a many2one by name row by row (nationality, office),
# but cannot read French gender and type words nor dd/mm/yyyy text, so those
# columns carry the values it expects (the work our wizard's parsers do is the
# difference that remains, on our side).
STANDARD_FIELDS = [
    "first_name",
    "last_name",
    "gender",
    "birth_date",
    "nationality_id",
    "phone",
    "profile",
    "office_id",
    "consent_date",
]
STANDARD_COUNTRY = {
    "Maroc": "Morocco",
    "Marocaine": "Morocco",
    "Guinée": "Guinea",
    "Sénégal": "Senegal",
    "France": "France",
}


def standard_import_bytes(rows, office_name):
    """The same people and columns, in the values Odoo's base_import reads."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Registre")
    sheet.append(STANDARD_FIELDS)
    gender = {"F": "female", "Femme": "female", "M": "male", "Homme": "male"}
    profile = {
        "MRE": "mdm_visit",
        "Retour": "returnee",
        "Ayant droit": "rights_holder",
        "RPT installé": "tcn_settled",
        "RPT en transit": "tcn_transit",
    }
    for row in rows:
        try:
            birth = datetime.datetime.strptime(row[4], "%d/%m/%Y").date()
        except ValueError:
            birth = None
        sheet.append(
            [
                row[1],
                row[0],
                gender.get(row[3], ""),
                birth,
                STANDARD_COUNTRY.get(row[5], ""),
                row[6],
                profile.get(row[7], "returnee"),
                office_name,
                datetime.date(2025, 1, 1),
            ]
        )
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _backend_cpu(cr):
    """CPU seconds used so far by this cursor's PostgreSQL backend (a server
    on this machine), or 0 when it cannot be read."""
    cr.execute("SELECT pg_backend_pid()")
    try:
        with open(f"/proc/{cr.fetchone()[0]}/stat") as stat:
            fields_ = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields_[11]) + int(fields_[12])) / os.sysconf("SC_CLK_TCK")


def measure(label, func, cr):
    """Run func, return ((wall seconds, CPU seconds), result).

    On a shared machine the wall time mostly measures the others' load; the
    CPU time of the Odoo process plus its PostgreSQL backend is steadier: it
    is what the import would take alone on one core.
    """
    start, start_cpu = time.perf_counter(), time.process_time()
    start_db = _backend_cpu(cr)
    result = func()
    seconds = time.perf_counter() - start
    cpu = time.process_time() - start_cpu + _backend_cpu(cr) - start_db
    print(f"  {label}: {seconds:.1f} s, {cpu:.1f} s CPU", file=sys.stderr)
    return (seconds, cpu), result


def dry_run_child(db, path, odoo_args, write=False):
    """Dry-run (or, with ``write``, import and roll back) one file in this
    process, as an officer; print seconds and RSS as JSON."""
    import odoo.init  # noqa: F401 - sets up the odoo namespace
    from odoo import api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(odoo_args)
    registry = Registry(db)
    with open(path, "rb") as handle:
        data = base64.b64encode(handle.read())
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        office, env = _officer_env(env)
        wizard = env["baom.beneficiary.import"].create(
            {
                "office_id": office.id,
                "file": data,
                "filename": "big.xlsx",
                "consent_date": "2025-01-01",
                "default_profile": "tcn_settled",
            }
        )
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        if write:
            wizard.action_import()
            env.flush_all()
        else:
            wizard.action_preview()
        seconds = time.perf_counter() - start
        rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result = {
            "seconds": seconds,
            "to_create": wizard.created_count if write else wizard.to_create_count,
            "to_merge": wizard.duplicate_count if write else wizard.to_merge_count,
            "rss_before": rss_before,
            "rss_peak": rss_peak,
        }
        cr.rollback()
    print(json.dumps(result))


def _officer_env(env):
    """(office, environment of its officer): the user who imports in real
    life, with the record rules, followers and chatter a user brings."""
    officer = env["res.users"].create(
        {
            "name": "Bench officer",
            # Unique per process: two benchmarks may share a database.
            "login": f"bench_officer_{os.getpid()}",
            "group_ids": [(4, env.ref("baom_base.group_baom_officer").id)],
        }
    )
    office = env["baom.office"].create(
        {
            "name": f"Bench office {os.getpid()}",
            "code": f"B{os.getpid()}",
            "officer_ids": [(4, officer.id)],
        }
    )
    env.flush_all()
    return office, env(user=officer, su=False)


def run_baom(env, kind, data):
    """(seconds, note) of our wizard on one workbook, duplicate detection on."""
    office, env = _officer_env(env)
    wizard = env["baom.beneficiary.import"].create(
        {
            "office_id": office.id,
            "file": base64.b64encode(data),
            "filename": f"bench.{kind}",
            "consent_date": "2025-01-01",
            # What an officer answers for a bare "RPT": these rows are imported
            # with this type and marked To review.
            "default_profile": "tcn_settled",
        }
    )
    seconds, _result = measure(f"BAOM import .{kind}", wizard.action_import, env.cr)
    extra = ""
    if "baom.case" in env:
        cases = env["baom.case"].sudo().search_count([("office_id", "=", office.id)])
        extra = f", {cases:,} cases"
    note = (
        f"{wizard.created_count:,} created, {wizard.duplicate_count:,} merged, "
        f"{wizard.error_count:,} rejected, {wizard.visit_count:,} visits{extra}"
    )
    return seconds, note


def run_standard(env, rows, tracking):
    """(seconds, note) of Odoo's base_import on the same people and columns."""
    office, env = _officer_env(env)
    # The web client sends tracking_disable=True unless the officer ticks
    # "Track history during import".
    context = {} if tracking else {"tracking_disable": True}
    standard = (
        env["base_import.import"]
        .with_context(**context)
        .create(
            {
                "res_model": "baom.beneficiary",
                "file": standard_import_bytes(rows, office.name),
                "file_name": "bench.xlsx",
                "file_type": XLSX_MIME,
            }
        )
    )
    options = {
        "has_headers": True,
        "date_format": "%Y-%m-%d",
        "quoting": '"',
        "separator": ",",
        "float_thousand_separator": ",",
        "float_decimal_separator": ".",
        "name_create_enabled_fields": {},
    }
    label = "tracking on" if tracking else "tracking off"
    seconds, outcome = measure(
        f"base_import ({label})",
        lambda: standard.execute_import(STANDARD_FIELDS, STANDARD_FIELDS, options),
        env.cr,
    )
    errors = [m for m in outcome.get("messages", []) if m.get("type") == "error"]
    note = f"{len(outcome.get('ids') or []):,} created, {len(errors):,} errors"
    return seconds, note


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-rows", type=int, default=100000)
    parser.add_argument("--dry-run-file", help=argparse.SUPPRESS)
    parser.add_argument("--write-file", help=argparse.SUPPRESS)
    args, odoo_args = parser.parse_known_args()
    odoo_args = [arg for arg in odoo_args if arg != "--"]
    if args.dry_run_file:
        return dry_run_child(args.db, args.dry_run_file, odoo_args)
    if args.write_file:
        return dry_run_child(args.db, args.write_file, odoo_args, write=True)

    import odoo.init  # noqa: F401 - sets up the odoo namespace
    from odoo import api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(odoo_args)
    registry = Registry(args.db)
    rows = generate_rows(args.rows)
    files = {"xlsx": xlsx_bytes(rows), "xls": xls_bytes(rows)}
    # Each side runs in the same process, one after the other, in every run:
    # on a shared machine only their ratio is comparable from run to run.
    sides = [
        ("BAOM import, `.xlsx`, duplicate detection on", "xlsx"),
        ("BAOM import, `.xls`, duplicate detection on", "xls"),
        ("Odoo `base_import`, `.xlsx`, tracking off (web client default)", False),
        ("Odoo `base_import`, `.xlsx`, tracking on", True),
    ]
    timings = {label: [] for label, _side in sides}
    notes = {}
    for run in range(args.runs):
        print(f"run {run + 1}/{args.runs}", file=sys.stderr)
        for label, side in sides:
            with registry.cursor() as cr:
                # An officer of the office on both sides, no context: what
                # the web client sends.
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                if isinstance(side, str):
                    seconds, note = run_baom(env, side, files[side])
                else:
                    seconds, note = run_standard(env, rows, side)
                cr.rollback()
            timings[label].append(seconds)
            notes[label] = note
    header = " | ".join(f"run {n + 1}" for n in range(args.runs))
    for what, pick in (
        ("rows/s (wall clock)", 0),
        ("rows per CPU second, Odoo and PostgreSQL", 1),
    )[: 2 if args.runs else 0]:
        print(f"\n{what}, {args.rows:,} rows:\n")
        print(f"| what | {header} | result |")
        print("|---|" + "---:|" * args.runs + "---|")
        for label, _side in sides:
            speeds = " | ".join(f"{args.rows / t[pick]:,.0f}" for t in timings[label])
            print(f"| {label} | {speeds} | {notes[label]} |")
        ours = timings[sides[0][0]]
        print(f"\n| BAOM `.xlsx` faster than `base_import` by | {header} |")
        print("|---|" + "---:|" * args.runs)
        for label, _side in sides[2:]:
            ratios = " | ".join(
                f"{theirs[pick] / mine[pick]:.1f}×"
                for mine, theirs in zip(ours, timings[label], strict=True)
            )
            print(f"| {label.split(', ', 2)[-1]} | {ratios} |")

    # Memory is measured in a fresh process per mode (the dry run, then the
    # import itself, rolled back), so the figure is the import's and not
    # this generator's.
    if args.memory_rows:
        with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as big:
            big.write(xlsx_bytes(generate_rows(args.memory_rows, seed=11)))
        for option, label, verbs in (
            ("--dry-run-file", "dry run", ("to create", "to merge")),
            ("--write-file", "import (rolled back)", ("created", "merged")),
        ):
            child = subprocess.run(
                [sys.executable, __file__, "--db", args.db, option, big.name, "--"]
                + odoo_args,
                capture_output=True,
                text=True,
                check=True,
            )
            measured = json.loads(child.stdout.strip().splitlines()[-1])
            print(
                f"\nBAOM {label}, `.xlsx`, {args.memory_rows:,} rows, fresh process: "
                f"{measured['seconds']:.1f} s "
                f"({args.memory_rows / measured['seconds']:,.0f} rows/s), "
                f"{measured['to_create']:,} {verbs[0]}, "
                f"{measured['to_merge']:,} {verbs[1]}; process RSS "
                f"{measured['rss_before']:.0f} MB with Odoo loaded, "
                f"peak {measured['rss_peak']:.0f} MB "
                f"(+{measured['rss_peak'] - measured['rss_before']:.0f} MB)"
            )
        os.unlink(big.name)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak resident memory of the whole benchmark process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
