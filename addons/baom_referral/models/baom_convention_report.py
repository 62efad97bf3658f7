from odoo import api, models


class ReportBaomConvention(models.AbstractModel):
    """Values of the printed convention (kept with the models so that the
    addon's report package stays free for the other reports)."""

    _name = "report.baom_referral.report_baom_convention"
    _description = "BAOM Convention Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        conventions = self.env["baom.convention"].browse(docids)
        # Reading as the current user: the convention rules decide who prints.
        conventions.check_access("read")
        letterhead_in_body = self.env["ir.actions.report"]._baom_letterhead_in_body()
        return {
            "doc_ids": conventions.ids,
            "doc_model": "baom.convention",
            "docs": conventions,
            "default_lang": self.env.lang or "fr_FR",
            # Same layout as every BAOM report (see baom_base's data report).
            "letterhead_in_body": letterhead_in_body,
            "data_report_margin_top": 12 if letterhead_in_body else None,
            "data_report_header_spacing": 0 if letterhead_in_body else None,
        }
