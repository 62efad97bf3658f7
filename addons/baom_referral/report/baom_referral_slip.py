from odoo import api, models


class ReportBaomReferralSlip(models.AbstractModel):
    _name = "report.baom_referral.report_baom_referral_slip"
    _description = "BAOM Referral Slip"

    @api.model
    def _get_report_values(self, docids, data=None):
        referrals = self.env["baom.referral"].browse(docids)
        # Printed as the current user: the office rule decides who may print.
        referrals.check_access("read")
        letterhead_in_body = self.env["ir.actions.report"]._baom_letterhead_in_body()
        return {
            "doc_ids": referrals.ids,
            "doc_model": "baom.referral",
            "docs": referrals,
            "letterhead_in_body": letterhead_in_body,
            "data_report_margin_top": 12 if letterhead_in_body else None,
            "data_report_header_spacing": 0 if letterhead_in_body else None,
        }
