from odoo import models


class BaomBeneficiary(models.Model):
    _inherit = "baom.beneficiary"

    def _after_anonymize(self):
        """Referrals keep their pseudonymous facts for statistics (dates,
        institution, state, outcome); what they say about the person goes."""
        res = super()._after_anonymize()
        referrals = (
            self.env["baom.referral"]
            .sudo()
            .with_context(active_test=False, tracking_disable=True)
            .search([("beneficiary_id", "in", self.ids)])
        )
        if not referrals:
            return res
        referrals.write(
            {
                "reason": False,
                "refusal_note": False,
                "outcome_note": False,
                "share_document_ids": [(5, 0, 0)],
                "access_token": False,
            }
        )
        self.env["mail.message"].sudo().search(
            [("model", "=", "baom.referral"), ("res_id", "in", referrals.ids)]
        ).unlink()
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", "baom.referral"), ("res_id", "in", referrals.ids)]
        ).unlink()
        referrals.activity_ids.unlink()
        referrals.message_follower_ids.unlink()
        return res
