from odoo import api, models


class ReportBaomActivity(models.AbstractModel):
    """The activity report shows what the office's events brought."""

    _inherit = "report.baom_case.report_baom_activity"

    @api.model
    def _get_report_values(self, docids, data=None):
        values = super()._get_report_values(docids, data=data)
        for report in values["reports"]:
            report["events"] = self._get_event_figures(
                report["office"], values["date_from"], values["date_to"]
            )
        return values

    @api.model
    def _get_event_figures(self, office, date_from, date_to):
        """Figures only: the hook counts people, it never lists them."""
        outreach = office._get_baom_event_outreach(date_from, date_to)
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
