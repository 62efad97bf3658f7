from odoo import api, models


class ReportBaomActivity(models.AbstractModel):
    """The yearly activity report shows the office's objectives too."""

    _inherit = "report.baom_case.report_baom_activity"

    @api.model
    def _get_report_values(self, docids, data=None):
        values = super()._get_report_values(docids, data=data)
        years = list(range(values["date_from"].year, values["date_to"].year + 1))
        Objective = self.env["baom.objective"]
        for report in values["reports"]:
            report["objectives"] = Objective.search(
                [("office_id", "=", report["office"].id), ("year", "in", years)]
            )
        return values
