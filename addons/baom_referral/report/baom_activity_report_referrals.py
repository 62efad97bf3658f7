import datetime

from odoo import api, models

# Institutions listed in the report, most referred first.
TOP_INSTITUTIONS = 5


class ReportBaomActivity(models.AbstractModel):
    """The activity report shows how the institutions answered the office."""

    _inherit = "report.baom_case.report_baom_activity"

    @api.model
    def _get_report_values(self, docids, data=None):
        values = super()._get_report_values(docids, data=data)
        figures = self._get_referral_figures(
            values["docs"], values["date_from"], values["date_to"]
        )
        for report in values["reports"]:
            report["referrals"] = figures[report["office"]]
        return values

    @api.model
    def _get_referral_domain(self, offices, date_from, date_to):
        # Drafts never left the office: the report counts referrals sent in
        # the period, as the institution saw them.
        return [
            ("office_id", "in", offices.ids),
            ("sent_count", "=", 1),
            ("date", ">=", datetime.datetime.combine(date_from, datetime.time.min)),
            (
                "date",
                "<",
                datetime.datetime.combine(
                    date_to + datetime.timedelta(days=1), datetime.time.min
                ),
            ),
        ]

    @api.model
    def _get_referral_figures(self, offices, date_from, date_to):
        """``{office: figures}`` of the statistics model, read as the printing
        user (its record rules decide): three queries grouped by office,
        whatever the number of offices."""
        Report = self.env["baom.referral.report"]
        domain = self._get_referral_domain(offices, date_from, date_to)
        totals = {
            office: (sent or 0, answered or 0, median)
            for office, sent, answered, median in Report._read_group(
                domain,
                ["office_id"],
                ["sent_count:sum", "answered_count:sum", "answer_days_median:median"],
            )
        }
        # With nothing to average (no answer, no outcome), the aggregates
        # read 0: the report prints nothing rather than a false 0.
        outcomes = {
            (office, institution): (done or 0, count)
            for office, institution, done, count in Report._read_group(
                domain + [("outcome", "!=", False)],
                ["office_id", "institution_id"],
                ["successful_count:sum", "__count"],
            )
        }
        institutions = {office: [] for office in offices}
        # Most referred first within each office, as the institution order
        # breaks ties; only the first TOP_INSTITUTIONS are kept.
        for office, institution, sent, answered, median in Report._read_group(
            domain,
            ["office_id", "institution_id"],
            ["sent_count:sum", "answered_count:sum", "answer_days_median:median"],
            order="office_id, sent_count:sum desc, institution_id",
        ):
            rows = institutions[office]
            if len(rows) >= TOP_INSTITUTIONS:
                continue
            success, with_outcome_count = outcomes.get((office, institution), (0, 0))
            rows.append(
                {
                    "name": institution.display_name,
                    "sent": sent or 0,
                    "answered": answered or 0,
                    "answer_rate": self._rate(answered, sent),
                    "median_answer_days": self._round(median) if answered else None,
                    "success_rate": self._rate(success, with_outcome_count),
                }
            )
        result = {}
        for office in offices:
            sent, answered, median = totals.get(office, (0, 0, None))
            office_outcomes = [
                values for (key, __), values in outcomes.items() if key == office
            ]
            successful = sum(done for done, __ in office_outcomes)
            with_outcome = sum(count for __, count in office_outcomes)
            result[office] = {
                "sent": sent,
                "answered": answered,
                "answer_rate": self._rate(answered, sent),
                "median_answer_days": self._round(median) if answered else None,
                "successful": successful,
                "with_outcome": with_outcome,
                "success_rate": self._rate(successful, with_outcome),
                "institutions": institutions[office],
            }
        return result

    @api.model
    def _rate(self, part, whole):
        return round(100.0 * (part or 0) / whole, 1) if whole else None

    @api.model
    def _round(self, value):
        return None if value is None else round(value, 1)
