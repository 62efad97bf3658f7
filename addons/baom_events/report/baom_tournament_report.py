from odoo import api, models


class ReportBaomTournament(models.AbstractModel):
    _name = "report.baom_events.baom_tournament_report"
    _description = "BAOM Tournament Sheet"

    @api.model
    def _get_report_values(self, docids, data=None):
        tournaments = self.env["baom.tournament"].browse(docids)
        # Read as the printing user: the office rules decide who may print.
        tournaments.check_access("read")
        letterhead_in_body = self.env["ir.actions.report"]._baom_letterhead_in_body()
        return {
            "doc_ids": tournaments.ids,
            "doc_model": "baom.tournament",
            "docs": tournaments,
            "letterhead_in_body": letterhead_in_body,
            "data_report_margin_top": 12 if letterhead_in_body else None,
            "data_report_header_spacing": 0 if letterhead_in_body else None,
        }
