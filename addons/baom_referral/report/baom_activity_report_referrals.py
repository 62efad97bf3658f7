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
        for report in values["reports"]:
            report["referrals"] = self._get_referral_figures(
                report["office"], values["date_from"], values["date_to"]
            )
        return values

    @api.model
    def _get_referral_domain(self, office, date_from, date_to):
        # Drafts never left the office: the report counts referrals sent in
        # the period, as the institution saw them.
        return [
            ("office_id", "=", office.id),
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
    def _get_referral_figures(self, office, date_from, date_to):
        """Figures of the statistics model, read as the printing user (its
        record rules decide), a fixed number of queries."""
        Report = self.env["baom.referral.report"]
        domain = self._get_referral_domain(office, date_from, date_to)
        figures = Report._get_figures(domain)
        # With nothing to average (no answer, no outcome), the aggregates
        # read 0: the report prints nothing rather than a false 0.
        outcomes = {
            institution: (done or 0, count)
            for institution, done, count in Report._read_group(
                domain + [("outcome", "!=", False)],
                ["institution_id"],
                ["successful_count:sum", "__count"],
            )
        }
        successful = sum(done for done, __ in outcomes.values())
        with_outcome = sum(count for __, count in outcomes.values())
        institutions = []
        for institution, sent, answered, median in Report._read_group(
            domain,
            ["institution_id"],
            ["sent_count:sum", "answered_count:sum", "answer_days_median:median"],
            order="sent_count:sum desc, institution_id",
            limit=TOP_INSTITUTIONS,
        ):
            success, with_outcome_count = outcomes.get(institution, (0, 0))
            institutions.append(
                {
                    "name": institution.display_name,
                    "sent": sent or 0,
                    "answered": answered or 0,
                    "answer_rate": self._rate(answered, sent),
                    "median_answer_days": self._round(median) if answered else None,
                    "success_rate": self._rate(success, with_outcome_count),
                }
            )
        return {
            "sent": figures["sent"],
            "answered": figures["answered"],
            "answer_rate": self._rate(figures["answered"], figures["sent"]),
            "median_answer_days": self._round(figures["median_answer_days"])
            if figures["answered"]
            else None,
            "successful": successful,
            "with_outcome": with_outcome,
            "success_rate": self._rate(successful, with_outcome),
            "institutions": institutions,
        }

    @api.model
    def _rate(self, part, whole):
        return round(100.0 * (part or 0) / whole, 1) if whole else None

    @api.model
    def _round(self, value):
        return None if value is None else round(value, 1)
