from odoo import api, models


class ReportBaomActivity(models.AbstractModel):
    """The activity report shows what the office's events brought."""

    _inherit = "report.baom_case.report_baom_activity"

    @api.model
    def _get_report_values(self, docids, data=None):
        values = super()._get_report_values(docids, data=data)
        # One set of queries for all the offices printed.
        outreach = values["docs"]._get_baom_event_outreach_by_office(
            values["date_from"], values["date_to"]
        )
        for report in values["reports"]:
            report["events"] = self._get_event_figures(outreach[report["office"]])
        return values

    @api.model
    def _get_event_figures(self, outreach):
        """Figures only: the hook counts people, it never lists them."""
        reached = outreach["baom_reached_count"]
        female = outreach["baom_reached_female_count"]
        male = outreach["baom_reached_male_count"]
        return {
            "event_count": outreach["event_count"],
            "headcount": outreach["baom_headcount"],
            # Reached = head counts + registrations marked as attended.
            "registrations": reached - outreach["baom_headcount"],
            "reached": reached,
            "female": female,
            "male": male,
            "not_recorded": reached - female - male,
            "visits": outreach["baom_visit_count"],
            "visit_people": outreach["baom_visit_people_count"],
            "cases": outreach["baom_case_count"],
        }
