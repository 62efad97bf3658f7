from odoo import fields, models
from odoo.exceptions import UserError

from .baom_referral import OFFICER_GROUPS


class BaomVisit(models.Model):
    _inherit = "baom.visit"

    referral_ids = fields.One2many(
        "baom.referral", "visit_id", "Referrals", groups=OFFICER_GROUPS
    )

    def action_new_referral(self):
        """From the register: refer the person of a visit whose outcome is
        "referred". A referral belongs to a case: the person's open case of
        this office, or a new one opened for it."""
        self.ensure_one()
        if not self.beneficiary_id:
            raise UserError(
                self.env._(
                    "Register the person (with their consent) before referring "
                    "them: an anonymous visit cannot be referred."
                )
            )
        case = self.env["baom.case"].search(
            [
                ("beneficiary_id", "=", self.beneficiary_id.id),
                ("office_id", "=", self.office_id.id),
                ("is_closed", "=", False),
            ],
            order="date_open desc",
            limit=1,
        )
        if not case:
            case = self.env["baom.case"].create(
                {
                    "beneficiary_id": self.beneficiary_id.id,
                    "office_id": self.office_id.id,
                    "channel": self.channel,
                    "title": self.env._("Referral"),
                    "need_category_ids": self.need_category_id.ids,
                }
            )
        if self.outcome != "referred":
            self.outcome = "referred"
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refer the Person"),
            "res_model": "baom.referral",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_case_id": case.id, "default_visit_id": self.id},
        }
