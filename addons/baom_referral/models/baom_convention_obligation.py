from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

RECURRENCES = [
    ("once", "Once"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("yearly", "Yearly"),
]
RECURRENCE_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}
OBLIGATION_STATES = [("todo", "To Do"), ("done", "Done"), ("late", "Late")]
# What the responsible of an obligation (an officer, a service head) may change
# on it besides marking it done: the proof and a note. The rest is the
# convention's text, kept by the network coordinator.
RESPONSIBLE_FIELDS = {"evidence", "evidence_name", "note"}


class BaomConventionObligation(models.Model):
    """What one party of a convention committed to do, and by when.

    Marking a recurring obligation done keeps it as the record of that
    occurrence (its date, its evidence) and creates the next occurrence, due
    one period after the previous due date, unless that falls after the end
    of the convention.
    """

    _name = "baom.convention.obligation"
    _description = "BAOM Convention Obligation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, id"

    convention_id = fields.Many2one(
        "baom.convention", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="convention_id.company_id", store=True)
    office_id = fields.Many2one(related="convention_id.office_id", store=True)
    convention_state = fields.Selection(
        related="convention_id.state", string="Convention Status"
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Obliged Party",
        required=True,
        tracking=True,
        help="The party that committed to it.",
    )
    description = fields.Char(required=True, tracking=True)
    date_due = fields.Date("Due Date", tracking=True, index=True)
    recurrence = fields.Selection(
        RECURRENCES, required=True, default="once", tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        "Responsible",
        tracking=True,
        help="Follows the obligation up, gets an activity when it is late.",
    )
    state = fields.Selection(
        OBLIGATION_STATES,
        required=True,
        default="todo",
        index=True,
        tracking=True,
        copy=False,
    )
    date_done = fields.Date("Done On", readonly=True, copy=False)
    evidence = fields.Binary(
        attachment=True, copy=False, help="Proof that it was done."
    )
    evidence_name = fields.Char(copy=False)
    note = fields.Text()
    next_obligation_id = fields.Many2one(
        "baom.convention.obligation",
        "Next Occurrence",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    # ------------------------------------------------------------
    # CONSTRAINTS AND CRUD
    # ------------------------------------------------------------

    @api.constrains("recurrence", "date_due")
    def _check_recurrence(self):
        for obligation in self:
            if obligation.recurrence != "once" and not obligation.date_due:
                raise UserError(
                    self.env._(
                        "The recurring obligation %(name)s needs a first due date.",
                        name=obligation.description,
                    )
                )

    def write(self, vals):
        if not self.env.su and not self._is_convention_manager():
            forbidden = set(vals) - RESPONSIBLE_FIELDS
            if forbidden:
                raise AccessError(
                    self.env._(
                        "Only the network coordinator changes the terms of an "
                        "obligation; its responsible attaches the proof and "
                        "marks it done."
                    )
                )
        return super().write(vals)

    @api.depends("description", "convention_id")
    def _compute_display_name(self):
        for obligation in self:
            obligation.display_name = obligation.description or ""

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_done(self):
        """Mark done (the responsible or the coordinator) and, for a
        recurring obligation, create its next occurrence."""
        # The write rules decide who may: the responsible, the coordinator.
        self.check_access("write")
        open_obligations = self.filtered(lambda obligation: obligation.state != "done")
        if not open_obligations:
            return True
        today = fields.Date.context_today(self)
        obligations_sudo = open_obligations.sudo()
        obligations_sudo.write({"state": "done", "date_done": today})
        obligations_sudo.activity_feedback(
            ["baom_referral.mail_activity_type_obligation_late"]
        )
        pending = []
        for obligation in obligations_sudo:
            next_due = obligation._get_next_due_date()
            if next_due:
                pending.append((obligation, obligation._prepare_next_values(next_due)))
        if pending:
            created = self.sudo().create([vals for __, vals in pending])
            for (obligation, __), next_obligation in zip(pending, created, strict=True):
                obligation.next_obligation_id = next_obligation
        return True

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _is_convention_manager(self):
        return self.env.user.has_group(
            "baom_base.group_baom_network"
        ) or self.env.user.has_group("base.group_system")

    def _get_next_due_date(self):
        """Due date of the next occurrence, or False when there is none."""
        self.ensure_one()
        months = RECURRENCE_MONTHS.get(self.recurrence)
        if not months or not self.date_due or self.next_obligation_id:
            return False
        next_due = self.date_due + relativedelta(months=months)
        date_end = self.convention_id.date_end
        if date_end and next_due > date_end:
            return False
        return next_due

    def _prepare_next_values(self, next_due):
        self.ensure_one()
        return {
            "convention_id": self.convention_id.id,
            "partner_id": self.partner_id.id,
            "description": self.description,
            "recurrence": self.recurrence,
            "user_id": self.user_id.id,
            "date_due": next_due,
        }

    @api.model
    def _mark_late(self, today):
        """Obligations of conventions in force, past their due date and not
        done, become late; their responsible gets one activity."""
        obligations = self.search(
            [
                ("state", "=", "todo"),
                ("date_due", "<", today),
                ("convention_id.state", "=", "active"),
            ]
        )
        if not obligations:
            return obligations
        obligations.state = "late"
        activity_type = self.env.ref("baom_referral.mail_activity_type_obligation_late")
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].create(
            [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "automated": True,
                    "res_id": obligation.id,
                    "summary": self.env._(
                        "Late since %(date)s: %(description)s",
                        date=obligation.date_due,
                        description=obligation.description,
                    ),
                    "date_deadline": today,
                    "user_id": (
                        obligation.user_id
                        or obligation.convention_id.user_id
                        or obligation.create_uid
                    ).id,
                }
                for obligation in obligations
            ]
        )
        return obligations
