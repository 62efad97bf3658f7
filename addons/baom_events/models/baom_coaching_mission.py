from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

MISSION_TYPE_SELECTION = [
    ("individual_coaching", "Individual coaching"),
    ("collective_workshop", "Collective workshop"),
    ("office_visit", "Office visit"),
]


class BaomCoachingMission(models.Model):
    """A coaching mission of M&D to an office (not an event: no registrations)."""

    _name = "baom.coaching.mission"
    _description = "BAOM Coaching Mission"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    office_id = fields.Many2one("baom.office", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="office_id.company_id", store=True, index=True)
    coach_id = fields.Many2one(
        "res.users",
        "M&D Coach",
        required=True,
        default=lambda self: self.env.user,
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("baom_base.group_baom_network").id)
        ],
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    mission_type = fields.Selection(
        MISSION_TYPE_SELECTION,
        required=True,
        default="individual_coaching",
        tracking=True,
    )
    need_category_ids = fields.Many2many(
        "baom.need.category",
        string="Topics",
        help="Need categories the mission worked on.",
    )
    topics = fields.Text(
        "Other Topics", help="Topics not covered by the need categories."
    )
    duration = fields.Float("Duration (hours)", default=2.0)
    report = fields.Html()
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        tracking=True,
    )

    @api.constrains("duration")
    def _check_duration(self):
        if any(mission.duration < 0 for mission in self):
            raise ValidationError(self.env._("A duration cannot be negative."))

    @api.depends("mission_type", "office_id", "date")
    def _compute_display_name(self):
        labels = dict(self._fields["mission_type"]._description_selection(self.env))
        for mission in self:
            mission.display_name = " – ".join(
                part
                for part in (
                    labels.get(mission.mission_type),
                    mission.office_id.name,
                    mission.date and fields.Date.to_string(mission.date),
                )
                if part
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_done(self):
        if self.filtered(lambda mission: mission.state == "cancelled"):
            raise UserError(
                self.env._("A cancelled mission cannot be reported as done.")
            )
        self.state = "done"

    def action_cancel(self):
        if self.filtered(lambda mission: mission.state == "done"):
            raise UserError(self.env._("A mission already done cannot be cancelled."))
        self.state = "cancelled"

    def action_plan(self):
        self.state = "planned"
