from odoo import api, fields, models
from odoo.exceptions import UserError

OUTCOME_SELECTION = [
    ("resolved", "Resolved"),
    ("partially_resolved", "Partially resolved"),
    ("not_resolved", "Not resolved"),
    ("referred", "Referred to an institution"),
    ("abandoned", "Abandoned"),
]


class BaomCaseStage(models.Model):
    """A step of the reception process (contact, listening, accompaniment...)."""

    _name = "baom.case.stage"
    _description = "BAOM Case Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    fold = fields.Boolean(
        "Folded in Kanban", help="Folded stages are collapsed in the kanban view."
    )
    is_closed = fields.Boolean(
        "Closing Stage",
        help="Cases in this stage are finished: entering it records the closing "
        "date, needs an outcome and asks the person to rate the service.",
    )
    is_waiting = fields.Boolean(
        "Waiting on an Administration",
        help="Entering this stage marks the case as blocked by an external "
        "administration (red in the kanban).",
    )
    default_outcome = fields.Selection(
        OUTCOME_SELECTION,
        help="Outcome given to a case moved to this closing stage without one.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        "E-mail Template",
        domain=[("model", "=", "baom.case")],
        help="If set, this e-mail is sent to the person when a case enters the "
        "stage (for example to acknowledge a request or to announce a decision).",
    )
    legend_normal = fields.Char(
        "Grey Kanban Label",
        default=lambda self: self.env._("In progress"),
        translate=True,
        required=True,
    )
    legend_blocked = fields.Char(
        "Red Kanban Label",
        default=lambda self: self.env._("Waiting on an administration"),
        translate=True,
        required=True,
    )
    legend_done = fields.Char(
        "Green Kanban Label",
        default=lambda self: self.env._("Ready for next step"),
        translate=True,
        required=True,
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # sudo: the network manages stages without seeing any case.
        used = (
            self.env["baom.case"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("stage_id", "in", self.ids)], limit=1)
        )
        if used:
            raise UserError(
                self.env._(
                    "Cases are in this stage: archive the stage instead of deleting it."
                )
            )
