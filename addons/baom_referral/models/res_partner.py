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
