from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class BaomCaseHandover(models.TransientModel):
    """Move all open cases of an officer to a colleague, with a note in each
    chatter: continuity when the only trained officer leaves."""

    _name = "baom.case.handover"
    _description = "BAOM Case Handover"

    def _default_from_user_id(self):
        return self.env.context.get("default_from_user_id") or self.env.user

    from_user_id = fields.Many2one(
        "res.users",
        "From",
        required=True,
        default=lambda self: self._default_from_user_id(),
    )
    to_user_id = fields.Many2one(
        "res.users",
        "To",
        required=True,
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("baom_base.group_baom_officer").id)
        ],
    )
    office_ids = fields.Many2many(
        "baom.office",
        string="Offices",
        compute="_compute_office_ids",
        store=True,
        readonly=False,
        help="Only the cases of these offices are handed over.",
    )
    case_ids = fields.Many2many(
        "baom.case", string="Cases", compute="_compute_case_ids"
    )
    case_count = fields.Integer(compute="_compute_case_ids")
    reassign_activities = fields.Boolean(
        "Reassign Planned Activities",
        default=True,
        help="The colleague also gets the reminders planned on these cases.",
    )
    note = fields.Text(
        help="What the colleague needs to know; written in each case's chatter."
    )

    @api.depends("from_user_id")
    def _compute_office_ids(self):
        for wizard in self:
            wizard.office_ids = self.env["baom.office"].search(
                [
                    "|",
                    ("officer_ids", "in", wizard.from_user_id.id),
                    ("backup_officer_id", "=", wizard.from_user_id.id),
                ]
            )

    @api.depends("from_user_id", "office_ids")
    def _compute_case_ids(self):
        for wizard in self:
            cases = self.env["baom.case"].search(wizard._get_case_domain())
            wizard.case_ids = cases
            wizard.case_count = len(cases)

    def _get_case_domain(self):
        self.ensure_one()
        return [
            ("user_id", "=", self.from_user_id.id),
            ("is_closed", "=", False),
            ("office_id", "in", self.office_ids.ids),
        ]

    def action_hand_over(self):
        self.ensure_one()
        if self.from_user_id == self.to_user_id:
            raise UserError(self.env._("Choose another officer to hand over to."))
        cases = self.env["baom.case"].search(self._get_case_domain())
        if not cases:
            raise UserError(self.env._("There is no open case to hand over."))
        offices = cases.office_id
        outside = offices.filtered(
            lambda o: self.to_user_id not in (o.officer_ids | o.backup_officer_id)
        )
        if outside:
            raise UserError(
                self.env._(
                    "%(user)s does not work in %(offices)s: add them as officer or "
                    "backup officer of the office first, so that they can see the "
                    "people's files.",
                    user=self.to_user_id.name,
                    offices=", ".join(outside.mapped("name")),
                )
            )
        # Set-based: one write for the cases and one for their reminders, one
        # batch of chatter notes, and a single notice to the colleague instead
        # of an assignment e-mail and a tracking message per case (the note
        # records who handed over to whom).
        quiet = {
            "mail_notrack": True,
            "mail_auto_subscribe_no_notify": True,
            "mail_activity_quick_update": True,
        }
        cases.with_context(**quiet).write({"user_id": self.to_user_id.id})
        if self.reassign_activities:
            cases.activity_ids.filtered(
                lambda a: a.user_id == self.from_user_id
            ).with_context(**quiet).write({"user_id": self.to_user_id.id})
        body = Markup("<p>%s</p>") % self.env._(
            "Case handed over from %(from)s to %(to)s.",
            **{"from": self.from_user_id.name, "to": self.to_user_id.name},
        )
        if self.note:
            body += Markup("<p>%s</p>") % self.note
        cases._message_log_batch(bodies=dict.fromkeys(cases.ids, body))
        self._notify_colleague(cases)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s cases handed over to %(user)s.",
                    count=len(cases),
                    user=self.to_user_id.name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _notify_colleague(self, cases):
        """One notice listing the cases now in the colleague's hands."""
        if self.to_user_id == self.env.user:
            return
        colleague = self.to_user_id.with_context(lang=self.to_user_id.lang)
        body = Markup("<p>%s</p>") % colleague.env._(
            "%(user)s handed %(count)s open cases over to you: %(cases)s.",
            user=self.env.user.name,
            count=len(cases),
            cases=", ".join(cases.mapped("name")),
        )
        if self.note:
            body += Markup("<p>%s</p>") % self.note
        self.env["mail.thread"].sudo().message_notify(
            partner_ids=colleague.partner_id.ids,
            subject=colleague.env._("Cases handed over to you"),
            body=body,
        )
