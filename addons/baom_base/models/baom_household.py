from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.selections import GENDER_SELECTION


class BaomHousehold(models.Model):
    """A family unit, including its members living abroad."""

    _name = "baom.household"
    _description = "BAOM Household"
    _inherit = ["mail.thread", "baom.transfer.mixin"]
    _order = "name, id"
    _mail_post_access = "read"

    def _default_office_id(self):
        return self.env["baom.office"]._get_my_offices()[:1]

    name = fields.Char(required=True, tracking=True)
    office_id = fields.Many2one(
        "baom.office",
        required=True,
        index=True,
        default=lambda self: self._default_office_id(),
        tracking=True,
    )
    company_id = fields.Many2one(related="office_id.company_id", store=True, index=True)
    member_ids = fields.One2many("baom.beneficiary", "household_id", "Members")
    abroad_member_ids = fields.One2many(
        "baom.household.abroad.member", "household_id", "Members Living Abroad"
    )
    member_count = fields.Integer(compute="_compute_member_count")
    has_migrant_abroad = fields.Boolean(
        "Migrant Family",
        compute="_compute_has_migrant_abroad",
        store=True,
        help="At least one member lives abroad.",
    )
    address = fields.Char(help="Douar, neighbourhood or street in the commune.")
    note = fields.Html("Notes")
    active = fields.Boolean(default=True)

    @api.depends("member_ids", "abroad_member_ids")
    def _compute_member_count(self):
        for household in self:
            household.member_count = len(household.member_ids) + len(
                household.abroad_member_ids
            )

    @api.depends("abroad_member_ids")
    def _compute_has_migrant_abroad(self):
        for household in self:
            household.has_migrant_abroad = bool(household.abroad_member_ids)

    @api.constrains("office_id")
    def _check_members_office(self):
        for household in self:
            if household.member_ids.office_id - household.office_id:
                raise ValidationError(
                    self.env._(
                        "Household %(name)s has members registered by another office.",
                        name=household.name,
                    )
                )


class BaomHouseholdAbroadMember(models.Model):
    """A relative living abroad, known only through the family in the commune."""

    _name = "baom.household.abroad.member"
    _description = "BAOM Household Member Abroad"
    _inherit = ["baom.transfer.mixin"]
    _order = "household_id, id"

    household_id = fields.Many2one(
        "baom.household", required=True, index=True, ondelete="cascade"
    )
    # Indexed: the office record rule filters on it.
    office_id = fields.Many2one(
        related="household_id.office_id", store=True, index=True
    )
    company_id = fields.Many2one(related="household_id.company_id", store=True)
    name = fields.Char(required=True)
    relation = fields.Selection(
        [
            ("spouse", "Spouse"),
            ("child", "Child"),
            ("parent", "Parent"),
            ("sibling", "Brother or sister"),
            ("other", "Other relative"),
        ]
    )
    gender = fields.Selection(GENDER_SELECTION)
    country_id = fields.Many2one("res.country", "Country of Residence", required=True)
    city = fields.Char()
    phone = fields.Char()
    note = fields.Char()
