from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .baom_referral import OFFICER_GROUPS


class BaomCase(models.Model):
    _inherit = "baom.case"

    referral_ids = fields.One2many(
        "baom.referral", "case_id", "Referrals", groups=OFFICER_GROUPS
    )
    referral_count = fields.Integer(compute="_compute_referral_count")

    @api.depends_context("uid")
    def _compute_referral_count(self):
        counts = dict(
            self.env["baom.referral"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.referral_count = counts.get(case._origin, 0)

    @api.constrains("stage_id", "outcome")
    def _check_referred_has_referral(self):
        closed = self.filtered(lambda c: c.is_closed and c.outcome == "referred")
        if not closed:
            return
        referred = {
            case
            for (case,) in self.env["baom.referral"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [("case_id", "in", closed.ids), ("state", "!=", "cancelled")],
                ["case_id"],
            )
        }
        for case in closed:
            if case not in referred:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s cannot be closed as referred: it has no "
                        "referral. Refer the person from the case first, or "
                        "choose another outcome.",
                        case=case.name or "",
                    )
                )

    def action_open_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_referral.baom_referral_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_new_referral(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refer the Person"),
            "res_model": "baom.referral",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_case_id": self.id},
        }
