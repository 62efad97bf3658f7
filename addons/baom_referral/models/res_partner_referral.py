from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # How the institution answers the offices' referrals, read from the
    # anonymous statistics with the reader's own rights (the network: every
    # office; an officer: their offices).
    baom_referral_count = fields.Integer(
        "Referrals Received", compute="_compute_baom_referral_figures"
    )
    baom_referral_answer_rate = fields.Float(
        "Referral Answer Rate (%)",
        compute="_compute_baom_referral_figures",
        digits=(16, 1),
    )
    baom_referral_median_answer_days = fields.Float(
        "Median Answer Time (days)",
        compute="_compute_baom_referral_figures",
        digits=(16, 1),
    )
    baom_referral_success_rate = fields.Float(
        "Referral Success Rate (%)",
        compute="_compute_baom_referral_figures",
        digits=(16, 1),
    )

    @api.depends_context("uid")
    def _compute_baom_referral_figures(self):
        Report = self.env["baom.referral.report"]
        rows = {}
        companies = self.filtered("is_company")
        if companies.ids and Report.has_access("read"):
            rows = {
                institution: values
                for institution, *values in Report._read_group(
                    [("institution_id", "in", companies.ids), ("sent_count", "=", 1)],
                    ["institution_id"],
                    [
                        "referral_count:sum",
                        "answer_rate:avg",
                        "answer_days_median:median",
                        "success_rate:avg",
                    ],
                )
            }
        for partner in self:
            count, answer_rate, median, success = rows.get(
                partner._origin, (0, 0.0, 0.0, 0.0)
            )
            partner.baom_referral_count = count or 0
            partner.baom_referral_answer_rate = answer_rate or 0.0
            partner.baom_referral_median_answer_days = median or 0.0
            partner.baom_referral_success_rate = success or 0.0

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
