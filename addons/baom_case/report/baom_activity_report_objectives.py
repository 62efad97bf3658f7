from odoo import api, models


class ReportBaomActivity(models.AbstractModel):
    """The yearly activity report shows the office's objectives too."""

    _inherit = "report.baom_case.report_baom_activity"

    @api.model
    def _get_report_values(self, docids, data=None):
        values = super()._get_report_values(docids, data=data)
        years = list(range(values["date_from"].year, values["date_to"].year + 1))
        # One search for all the offices printed.
        objectives = self.env["baom.objective"].search(
            [("office_id", "in", values["docs"].ids), ("year", "in", years)]
        )
        for report in values["reports"]:
            report["objectives"] = objectives.filtered(
                lambda objective, office=report["office"]: objective.office_id == office
            )
        return values
