"""Small helpers for scripts/run and scripts/test.

Each sub-command prints one clear line on failure and exits non-zero, so the
shell scripts can stop with that line. ``parse-log``, ``junit-counts`` and
``conf-value`` work without Odoo.
"""

import argparse
import configparser
import getpass
import optparse
import os
import re
import sys
from xml.etree import ElementTree

# Odoo is imported inside the commands that need it: the others run without it.


def fail(message, code=2):
    print(message, file=sys.stderr)
    sys.exit(code)


# ---------------------------------------------------------------------------
# odoo.conf and Odoo's own paths
# ---------------------------------------------------------------------------


def read_conf(path):
    """Parse odoo.conf like Odoo does, but say clearly what is wrong."""
    parser = configparser.RawConfigParser()
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except OSError as exc:
        fail(f"{path}: cannot read it ({exc.strerror})")
    except configparser.Error as exc:
        first_line = str(exc).splitlines()[0]
        fail(f"{path} is not a valid ini file: {first_line}")
    if not parser.has_section("options"):
        fail(f"{path} has no [options] section")
    return parser


def cmd_check_conf(args):
    from odoo.tools import config

    options = read_conf(args.conf)["options"]
    for name, value in options.items():
        if name == "without_demo":
            continue  # still read by Odoo 19 (boolean), see config.py
        if name in config.aliases:
            name = config.aliases[name]
        if name not in config.options_index:
            fail(f"{args.conf}: unknown Odoo 19 option {name!r}")
        if not config.options_index[name].file_loadable:
            fail(f"{args.conf}: option {name!r} cannot be set in a config file")
        try:
            config.parse(name, value)
        except (ValueError, TypeError, optparse.OptionValueError) as exc:
            fail(f"{args.conf}: invalid value for {name!r}: {exc}")


def cmd_conf_value(args):
    value = read_conf(args.conf)["options"].get(args.key, "")
    print("" if value in ("False", "None") else value)


def cmd_addons_path(_args):
    """Odoo's own addons directories, from the importable odoo package."""
    import odoo.addons  # also binds odoo

    paths = [os.path.realpath(p) for p in odoo.addons.__path__]
    for package_dir in odoo.__path__:
        community = os.path.realpath(os.path.join(package_dir, os.pardir, "addons"))
        if os.path.isdir(community) and community not in paths:
            paths.append(community)
    print(",".join(paths))


# ---------------------------------------------------------------------------
# database state
# ---------------------------------------------------------------------------


def _load_odoo_config(conf, db_args):
    from odoo.tools import config

    config.parse_config(["-c", conf, *db_args], setup_logging=False)
    return config


def cmd_db_state(args):
    """Print absent, partial or installed (all the addons) for the database."""
    import psycopg2

    addons = args.addons.split(",")
    config = _load_odoo_config(args.conf, args.db_args)
    from odoo import sql_db

    user = config["db_user"] or getpass.getuser()
    where = (
        f"host {config['db_host'] or 'local socket'}, "
        f"port {config['db_port'] or 5432}, user {user}"
    )
    try:
        with sql_db.db_connect("postgres").cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db])
            exists = bool(cr.fetchone())
        if not exists:
            print("absent")
            return
        with sql_db.db_connect(args.db).cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
            if not cr.fetchone()[0]:
                print("partial")
                return
            cr.execute(
                "SELECT count(*) FROM ir_module_module"
                " WHERE name = ANY(%s) AND state = 'installed'",
                [addons],
            )
            installed = cr.fetchone()[0] == len(addons)
    except psycopg2.Error as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        fail(
            f"cannot reach the PostgreSQL server configured ({where}): {reason}"
            " (check db_host, db_port, db_user, db_password in odoo.conf"
            " and the PGHOST, PGPORT, PGUSER, PGPASSWORD variables)",
            3,
        )
    finally:
        sql_db.close_all()
    print("installed" if installed else "partial")


def cmd_clear_assets(args):
    """Forget the compiled CSS/JS bundles so that Odoo builds them again.

    A right-to-left bundle built while rtlcss was missing is stored as an
    attachment and served as is afterwards; deleting the cached bundles makes
    Odoo rebuild them on the next page load.
    """
    import psycopg2

    _load_odoo_config(args.conf, args.db_args)
    from odoo import sql_db

    try:
        with sql_db.db_connect(args.db).cursor() as cr:
            cr.execute("SELECT to_regclass('ir_attachment') IS NOT NULL")
            if cr.fetchone()[0]:
                cr.execute(
                    "DELETE FROM ir_attachment WHERE url LIKE '/web/assets/%%'"
                    " AND res_model = 'ir.ui.view'"
                )
                print(cr.rowcount)
            cr.commit()
    except psycopg2.Error as exc:
        fail(f"cannot clear the cached stylesheets of {args.db}: {exc}", 3)
    finally:
        sql_db.close_all()


# ---------------------------------------------------------------------------
# Odoo test log
# ---------------------------------------------------------------------------

# 2026-05-20 10:00:00,123 4242 ERROR dbname odoo.addons.x.tests.test_y: FAIL: ...
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z_]+) \S+ "
    r"(?P<logger>[\w.]+): (?P<message>.*)$"
)
SUMMARY = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests"
    r" when loading database"
)
SKIPPED = re.compile(r"^skipped (?P<test>\S+) : (?P<reason>.*)$")
# Skip reasons and log lines that mean "a dependency is missing on this machine".
MISSING_DEPENDENCY = re.compile(
    r"websocket-client|[Cc]hrome|[Ww]khtmltopdf|phonenumbers"
    r"|not installed|not found|No module named"
)
DEPENDENCY_LOG_LINES = re.compile(
    r"You need Wkhtmltopdf|Wkhtmltopdf seems to be broken"
    r"|websocket-client module is not installed|Chrome executable not found"
    r"|The .phonenumbers. Python module is not installed"
    r"|You need https://rtlcss.com/"
)
# Lines saying that one of our addons was not (fully) installed or is unsafe.
INSTALL_PROBLEMS = re.compile(
    r"invalid module names, ignored|not installable, skipped"
    r"|some depends are not loaded, skipped|have no access rules in module baom_"
)


def parse_log(lines):
    """Count tests and spot problems in an Odoo ``--log-level=test`` log."""
    result = {
        "run": 0,
        "failed": 0,
        "errors": 0,
        "skipped": 0,
        "summary": False,
        "error_records": [],
        "dependency_lines": [],
        "install_lines": [],
    }
    records = []  # [level, first line, continuation lines...]
    for raw in lines:
        line = raw.rstrip("\n")
        match = LOG_LINE.match(line)
        if match:
            records.append([match["level"], match["message"], line])
        elif records:
            records[-1].append(line)  # traceback or multi-line message
    for level, message, *text in records:
        summary = SUMMARY.search(message)
        if summary:
            result["summary"] = True
            for key in ("run", "failed", "errors"):
                result[key] += int(summary[key])
            continue
        skipped = SKIPPED.match(message)
        if skipped:
            result["skipped"] += 1
            if MISSING_DEPENDENCY.search(skipped["reason"]):
                result["dependency_lines"].append(text[0])
            continue
        if DEPENDENCY_LOG_LINES.search(message):
            result["dependency_lines"].append(text[0])
        if INSTALL_PROBLEMS.search(message):
            result["install_lines"].append(text[0])
        if level in ("ERROR", "CRITICAL"):
            result["error_records"].append(text)
    return result


def log_problems(result, exit_status):
    """Reasons to fail besides failed tests, one short sentence each."""
    problems = []
    if not result["summary"]:
        problems.append(
            "no test report: Odoo stopped before the tests (install failed?)"
        )
    elif not result["run"]:
        problems.append("no Odoo test ran")
    if result["install_lines"]:
        problems.append(
            "an addon was not installed, or has models without access rules"
        )
    if result["dependency_lines"]:
        problems.append("tests skipped or degraded because a dependency is missing")
    tests_failed = result["failed"] or result["errors"]
    if result["error_records"] and not tests_failed:
        problems.append("ERROR/CRITICAL lines in the log (install or runtime errors)")
    if exit_status and not tests_failed and not problems:
        problems.append(f"Odoo exited with status {exit_status}")
    return problems


def excerpt(text, context=6):
    """First line of a log record and, for a traceback, the exception raised."""
    text = list(text)
    while len(text) > 1 and not text[-1].strip():
        text.pop()
    frames = [i for i, line in enumerate(text) if line.startswith("  File ")]
    if not frames:
        return text[:context]
    tail = text[frames[-1] + 1 :]
    first = next((i for i, line in enumerate(tail) if not line.startswith(" ")), 0)
    return [text[0], "  ...", *tail[first : first + context]]


def print_records(records, limit):
    for text in records[:limit]:
        for line in excerpt(text):
            print(f"  | {line[:300]}")
    if len(records) > limit:
        print(f"  | ... {len(records) - limit} more in the log")


def read_log(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        return parse_log(handle)


def cmd_log_errors(args):
    """Show the ERROR/CRITICAL records of a log; fail if there is any."""
    records = read_log(args.log)["error_records"]
    print_records(records, args.max_records)
    sys.exit(1 if records else 0)


def cmd_parse_log(args):
    result = read_log(args.log)
    problems = log_problems(result, args.exit_status)
    print_records(result["error_records"], args.max_records)
    for line in result["install_lines"] + result["dependency_lines"]:
        print(f"  | {line[:300]}")
    for problem in problems:
        print(f"  ! {problem}")
    with open(args.counts, "w", encoding="utf-8") as handle:
        handle.write(
            f"{result['run']} {result['failed']} {result['errors']}"
            f" {result['skipped']} {len(problems)}\n"
        )


def cmd_junit_counts(args):
    """Print passed, failed (failures + errors) and skipped of a pytest run."""
    try:
        root = ElementTree.parse(args.xml).getroot()
    except (OSError, ElementTree.ParseError) as exc:
        fail(f"no pytest report ({exc})")
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = {key: 0 for key in ("tests", "failures", "errors", "skipped")}
    for suite in suites:
        for key in total:
            total[key] += int(suite.get(key, 0))
    failed = total["failures"] + total["errors"]
    print(total["tests"] - failed - total["skipped"], failed, total["skipped"])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check-conf", help="validate odoo.conf against Odoo 19")
    check.add_argument("conf")
    check.set_defaults(func=cmd_check_conf)
    value = sub.add_parser("conf-value", help="print one [options] value")
    value.add_argument("conf")
    value.add_argument("key")
    value.set_defaults(func=cmd_conf_value)
    paths = sub.add_parser("addons-path", help="Odoo's own addons directories")
    paths.set_defaults(func=cmd_addons_path)
    state = sub.add_parser("db-state", help="absent, partial or installed")
    state.add_argument("conf")
    state.add_argument("db")
    state.add_argument("addons", help="comma-separated addons to find installed")
    state.add_argument("db_args", nargs=argparse.REMAINDER)
    state.set_defaults(func=cmd_db_state)
    assets = sub.add_parser("clear-assets", help="drop cached asset bundles")
    assets.add_argument("conf")
    assets.add_argument("db")
    assets.add_argument("db_args", nargs=argparse.REMAINDER)
    assets.set_defaults(func=cmd_clear_assets)
    log = sub.add_parser("parse-log", help="summarise an Odoo test log")
    log.add_argument("log")
    log.add_argument(
        "counts", help="file receiving: run failed errors skipped problems"
    )
    log.add_argument("--max-records", type=int, default=20)
    log.add_argument("--exit-status", type=int, default=0)
    log.set_defaults(func=cmd_parse_log)
    errors = sub.add_parser("log-errors", help="show ERROR/CRITICAL records")
    errors.add_argument("log")
    errors.add_argument("--max-records", type=int, default=10)
    errors.set_defaults(func=cmd_log_errors)
    junit = sub.add_parser("junit-counts", help="passed failed skipped of pytest")
    junit.add_argument("xml")
    junit.set_defaults(func=cmd_junit_counts)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
