from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.selections import (
    CHANNEL_SELECTION,
    GENDER_SELECTION,
    PROFILE_SELECTION,
)


class BaomVisit(models.Model):
    """A line of the reception register: every contact, even without a case."""

    _name = "baom.visit"
    _description = "BAOM Reception Register Entry"
    _inherit = ["baom.transfer.mixin", "baom.bulk.create.mixin"]
    _order = "visit_date desc, id desc"
    _rec_name = "visit_date"

    def _default_office_id(self):
        return self.env["baom.office"]._get_my_offices()[:1]

    office_id = fields.Many2one(
        "baom.office",
        required=True,
        index=True,
        default=lambda self: self._default_office_id(),
    )
    company_id = fields.Many2one(related="office_id.company_id", store=True, index=True)
    visit_date = fields.Datetime(
        "Date", required=True, default=fields.Datetime.now, index=True
    )
    user_id = fields.Many2one(
        "res.users", "Officer", default=lambda self: self.env.user, index=True
    )
    beneficiary_id = fields.Many2one(
        "baom.beneficiary",
        index="btree_not_null",
        domain="[('office_id', '=', office_id)]",
        help="Leave empty for an anonymous visit: it still counts in statistics.",
    )
    # Copied from the person when known, typed in for anonymous visits, so the
    # register counts by gender and profile either way.
    gender = fields.Selection(
        GENDER_SELECTION,
        compute="_compute_person_facts",
        store=True,
        readonly=False,
    )
    profile = fields.Selection(
        PROFILE_SELECTION,
        compute="_compute_person_facts",
        store=True,
        readonly=False,
    )
    channel = fields.Selection(CHANNEL_SELECTION, required=True, default="walk_in")
    people_count = fields.Integer(
        "People",
        default=1,
        help="How many people came together (a family, a group).",
    )
    need_category_id = fields.Many2one("baom.need.category", "Need", index=True)
    outcome = fields.Selection(
        [
            ("information", "Information given"),
            ("case_opened", "Case opened"),
            ("referred", "Referred to an institution"),
        ],
        default="information",
        required=True,
    )
    duration = fields.Float("Duration (hours)")
    note = fields.Text()
    active = fields.Boolean(default=True)

    @api.depends("beneficiary_id")
    def _compute_person_facts(self):
        for visit in self.filtered("beneficiary_id"):
            visit.gender = visit.beneficiary_id.gender
            visit.profile = visit.beneficiary_id.profile

    def _check_beneficiary_office(self):
        """Checked on create and on a user's write, not as a constraint:
        a transfer leaves the person's past visits in the register of the
        office where they happened, and merging two files (in superuser mode,
        after its own checks) may re-point those lines to the kept file."""
        for visit in self.sudo():
            if (
                visit.beneficiary_id
                and visit.beneficiary_id.office_id != visit.office_id
            ):
                raise ValidationError(
                    self.env._(
                        "A visit is logged in the office that registered the person."
                    )
                )

    @api.constrains("people_count", "duration")
    def _check_positive(self):
        for visit in self:
            if visit.people_count < 1:
                raise ValidationError(self.env._("A visit counts at least one person."))
            if visit.duration < 0:
                raise ValidationError(self.env._("A duration cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        visits._post_create()
        return visits

    def _post_create(self):
        self._check_beneficiary_office()
        self.beneficiary_id._touch_activity()

    def write(self, vals):
        result = super().write(vals)
        if not self.env.su and {"beneficiary_id", "office_id"} & set(vals):
            self._check_beneficiary_office()
        return result

    def _get_office_change_error(self):
        # The register counts what each office did: a transfer moves the
        # person, never the visits they paid to their former office.
        return self.env._(
            "A visit stays in the register of the office where it happened. "
            "Use the Transfer action on the person to move their file to "
            "another office."
        )
