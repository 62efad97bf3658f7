import datetime

from odoo import api, fields, models
from odoo.tools.misc import format_date

from ..models.baom_objective import CUMULATIVE_UNITS


class ReportBaomNetworkActivity(models.AbstractModel):
    """The network's bilan annuel, from the snapshots only: what the offices
    published, hidden cells marked as such and never estimated."""

    _name = "report.baom_case.report_baom_network_activity"
    _description = "BAOM Network Activity Report"

    @api.model
    @api.readonly
    def _get_report_values(self, docids, data=None):
        data = data or {}
        year = int(data.get("year") or fields.Date.context_today(self).year)
        Line = self.env["baom.network.snapshot.line"]
        Line.check_access("read")
        domain = [
            ("period_start", ">=", datetime.date(year, 1, 1)),
            ("period_start", "<", datetime.date(year + 1, 1, 1)),
            ("indicator_id.unit", "in", list(CUMULATIVE_UNITS)),
        ]
        indicators = self.env["baom.indicator"].search(
            [("unit", "in", list(CUMULATIVE_UNITS))]
        )
        by_office = {}
        by_region = {}
        network = {}
        for office, region, indicator, value, hidden in Line._read_group(
            domain + [("dimension", "=", "total")],
            ["office_id", "region_id", "indicator_id"],
            ["value:sum", "suppressed_count:sum"],
        ):
            for cell in (
                by_office.setdefault(office, {}).setdefault(
                    indicator, {"value": 0, "hidden": 0}
                ),
                by_region.setdefault(region, {}).setdefault(
                    indicator, {"value": 0, "hidden": 0}
                ),
                network.setdefault(indicator, {"value": 0, "hidden": 0}),
            ):
                cell["value"] += value or 0
                cell["hidden"] += hidden or 0
        by_gender = {}
        for indicator, key, value, hidden in Line._read_group(
            domain + [("dimension", "=", "gender")],
            ["indicator_id", "dimension_value"],
            ["value:sum", "suppressed_count:sum"],
        ):
            by_gender.setdefault(indicator, {})[key] = {
                "value": value or 0,
                "hidden": hidden or 0,
            }
        [(snapshot_count,)] = self.env["baom.network.snapshot"]._read_group(
            [
                ("period_start", ">=", datetime.date(year, 1, 1)),
                ("period_start", "<", datetime.date(year + 1, 1, 1)),
            ],
            [],
            ["__count"],
        )
        objectives = self.env["baom.objective"].search([("year", "=", year)])
        lang = self.env.lang or "en_US"
        direction = self.env["res.lang"]._get_data(code=lang).get("direction") or (
            "rtl" if lang.startswith("ar") else "ltr"
        )
        letterhead_in_body = self.env["ir.actions.report"]._baom_letterhead_in_body()
        offices = (
            self.env["baom.office"]
            .browse([office.id for office in by_office])
            .sorted("name")
        )
        return {
            "doc_ids": [],
            "doc_model": "baom.network.snapshot",
            "docs": self.env["baom.network.snapshot"],
            "year": year,
            "indicators": indicators,
            "offices": offices,
            "by_office": by_office,
            # offices without a region last, under "Region not set"
            "regions": sorted(by_region, key=lambda region: (not region, region.name)),
            "by_region": by_region,
            "network": network,
            "by_gender": by_gender,
            "snapshot_count": snapshot_count,
            "objectives": objectives,
            "lang": lang,
            "direction": direction,
            "company": self.env.company,
            "letterhead_in_body": letterhead_in_body,
            "data_report_margin_top": 12 if letterhead_in_body else None,
            "data_report_header_spacing": 0 if letterhead_in_body else None,
            "summary": self.env._(
                "%(offices)s offices, %(snapshots)s monthly snapshots. Printed on "
                "%(date)s.",
                offices=len(offices),
                snapshots=snapshot_count,
                date=format_date(self.env, fields.Date.context_today(self)),
            ),
        }
