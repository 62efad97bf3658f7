from odoo import api, fields, models


class BaomService(models.Model):
    _inherit = "baom.service"

    referral_answer_days = fields.Integer(
        "Answer Delay (days)",
        help="Days the institution has to answer a referral to this service "
        "before it expires. Empty: the default delay of the settings.",
    )
    referral_ids = fields.One2many("baom.referral", "service_id", "Referrals")
    referral_count = fields.Integer(compute="_compute_referral_count")

    @api.depends_context("uid")
    def _compute_referral_count(self):
        counts = dict(
            self.env["baom.referral"]._read_group(
                [("service_id", "in", self.ids)], ["service_id"], ["__count"]
            )
        )
        for service in self:
            service.referral_count = counts.get(service._origin, 0)

    def action_new_referral(self):
        """Refer a person of one's office to this service (the case is chosen
        in the form)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refer a Person"),
            "res_model": "baom.referral",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_service_id": self.id},
        }

    def action_open_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_referral.baom_referral_action"
        )
        action["domain"] = [("service_id", "=", self.id)]
        action["context"] = {"default_service_id": self.id}
        return action
