from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def action_open_referral_statistics(self):
        """How this institution answers the offices' referrals (no person)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_referral.baom_referral_report_action"
        )
        action["domain"] = [("institution_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_sent": 1}
        action["display_name"] = self.env._(
            "Referrals to %(institution)s", institution=self.commercial_partner_id.name
        )
        return action
