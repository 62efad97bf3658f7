#!/usr/bin/env python3
"""Benchmark of the network snapshots at the volume of the whole network.

Uses the volume of ``baom_case_bench.py`` (16 offices, 500,000 cases,
1,000,000 register lines; generated on the first run) and measures:

* computing one office-month snapshot (``action_compute``: every indicator,
  every disaggregation, disclosure control, cells written), as superuser;
* with ``--url``, the hub ingesting ``--snapshots`` pushed snapshots of
  ``--cells`` cells each through ``POST /baom/network/snapshot`` of a running
  Odoo server on the same database (start it with ``--workers 0``), one after
  the other, then the same again (a resend replaces every snapshot);
  ``--server-pid`` reports the server's memory before and after.

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
    parser.add_argument("--url", help="the hub's address, to measure the ingest")
    parser.add_argument("--snapshots", type=int, default=1000)
    parser.add_argument("--cells", type=int, default=500)
    parser.add_argument("--server-pid", type=int)
    return parser.parse_args()


def rss_mb(pid):
    if not pid:
        return None
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


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


def payloads(count, cells, codes):
    """``count`` snapshots of ``cells`` cells, 16 offices x months."""
    dimensions = ["total", "gender", "profile", "age_band", "nationality_group", "need"]
    for number in range(count):
        office = codes[number % len(codes)]
        month = datetime.date(2015 + number // (12 * len(codes)), 1, 1)
        month = month.replace(month=1 + (number // len(codes)) % 12)
        yield {
            "schema": "baom.network.snapshot",
            "version": 1,
            "instance": f"bench-commune-{number % len(codes)}",
            "office": {"code": office, "name": office},
            "period": month.isoformat(),
            "k": 5,
            "zeros_disclosive": False,
            "computed_at": None,
            "cells": [
                {
                    "indicator": f"indicator_{cell // 60}",
                    "dimension": dimensions[cell % 6],
                    "dimension_value": f"value_{cell}",
                    "value": None if cell % 7 == 0 else float(cell % 50),
                    "suppressed": cell % 7 == 0,
                    "reason": "primary" if cell % 7 == 0 else None,
                }
                for cell in range(cells)
            ],
        }


def measure_ingest(args, key, codes):
    import requests  # noqa: PLC0415

    session = requests.Session()
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    results = []
    for label in ("first push", "resend (replace)"):
        bodies = [json.dumps(p) for p in payloads(args.snapshots, args.cells, codes)]
        before = rss_mb(args.server_pid)
        start = time.perf_counter()
        for body in bodies:
            response = session.post(
                args.url.rstrip("/") + "/baom/network/snapshot",
                data=body,
                headers=headers,
                timeout=60,
            )
            if response.status_code != 200:
                sys.exit(f"hub answered {response.status_code}: {response.text[:300]}")
        elapsed = time.perf_counter() - start
        results.append(
            (label, args.snapshots / elapsed, elapsed, before, rss_mb(args.server_pid))
        )
    return results


def main():
    args = parse_args()
    registry = baom_case_bench.load_odoo(args)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

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
    if not args.url:
        return
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        user = env["res.users"].search([("login", "=", "bench_hub")])
        if not user:
            user = env["res.users"].create(
                {
                    "name": "Bench hub",
                    "login": "bench_hub",
                    "group_ids": [(6, 0, env.ref("baom_base.group_baom_network").ids)],
                }
            )
        key = (
            env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate("rpc", "bench", None)
        )
        codes = env["baom.office"].search([]).mapped("code")[:16]
        cr.commit()
    for label, rate, elapsed, before, after in measure_ingest(args, key, codes):
        memory = f"{before:.0f} → {after:.0f} MB" if before else "n/a"
        print(
            f"| Hub ingest, {args.snapshots} snapshots x {args.cells} cells, "
            f"{label} | ≥ 20/s | {rate:.1f} snapshots/s ({elapsed:.0f} s) | {memory} |"
        )


if __name__ == "__main__":
    main()
