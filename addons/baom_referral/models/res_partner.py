from odoo import api, fields, models

# Who may read the guide: anyone else (a plain user, a portal contact) reads
# partners without these fields rather than hitting the services' ACL.
GUIDE_GROUPS = (
    "baom_base.group_baom_officer,baom_base.group_baom_supervisor,"
    "baom_base.group_baom_network,base.group_system"
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    baom_service_ids = fields.One2many(
        "baom.service",
        "institution_id",
        string="Services in the Guide",
        groups=GUIDE_GROUPS,
    )
    baom_service_count = fields.Integer(
        "Services", compute="_compute_baom_service_count", groups=GUIDE_GROUPS
    )
    baom_service_to_verify_count = fields.Integer(
        "Services to Verify",
        compute="_compute_baom_service_count",
        groups=GUIDE_GROUPS,
    )
    baom_hsds_id = fields.Char(
        "HSDS Identifier",
        copy=False,
        index="btree_not_null",
        groups=GUIDE_GROUPS,
        help="Identifier of the institution in Open Referral exports (HSDS "
        "organization): an import updates the institution that carries it.",
    )

    _baom_hsds_id_uniq = models.Constraint(
        "UNIQUE(baom_hsds_id)",
        "Another institution already has this HSDS identifier.",
    )

    @api.depends("baom_service_ids")
    @api.depends_context("uid")
    def _compute_baom_service_count(self):
        # Counted as the current user: an officer counts the services they see.
        Service = self.env["baom.service"]
        partners = self.filtered("id")
        counts = dict(
            Service._read_group(
                [("institution_id", "in", partners.ids)],
                ["institution_id"],
                ["__count"],
            )
        )
        to_verify = dict(
            Service._read_group(
                [
                    ("institution_id", "in", partners.ids),
                    ("needs_verification", "=", True),
                ],
                ["institution_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.baom_service_count = counts.get(partner._origin, 0)
            partner.baom_service_to_verify_count = to_verify.get(partner._origin, 0)

    def action_open_baom_services(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_referral.baom_service_action"
        )
        action["domain"] = [("institution_id", "=", self.id)]
        action["context"] = {"default_institution_id": self.id}
        return action

    # ------------------------------------------------------------
    # REFERRALS
    # ------------------------------------------------------------

    # How the institution answers the offices' referrals, read from the
    # anonymous statistics with the reader's own rights (the network: every
    # office; an officer: their offices).
    baom_referral_count = fields.Integer(
        "Referrals Received",
        compute="_compute_baom_referral_figures",
        groups=GUIDE_GROUPS,
    )
    baom_referral_answer_rate = fields.Float(
        "Referral Answer Rate (%)",
        compute="_compute_baom_referral_figures",
        digits=(16, 1),
        groups=GUIDE_GROUPS,
    )
    baom_referral_median_answer_days = fields.Float(
        "Median Answer Time (days)",
        compute="_compute_baom_referral_figures",
        digits=(16, 1),
        groups=GUIDE_GROUPS,
    )
    baom_referral_success_rate = fields.Float(
        "Referral Success Rate (%)",
        compute="_compute_baom_referral_figures",
        digits=(16, 1),
        groups=GUIDE_GROUPS,
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
