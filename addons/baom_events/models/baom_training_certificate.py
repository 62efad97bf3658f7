import datetime
import secrets

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# Reminders go out this long before a certificate expires.
REMINDER_DAYS = 30
# A code short enough to read over the phone, without look-alike characters.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def _new_verification_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


class BaomTrainingCertificate(models.Model):
    """A certificate of an officer who attended a training and passed its test:
    together they form the officer's training record."""

    _name = "baom.training.certificate"
    _description = "BAOM Training Certificate"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_issued desc, id desc"
    _rec_name = "verification_code"

    event_id = fields.Many2one(
        "event.event", "Training", required=True, index=True, ondelete="restrict"
    )
    registration_id = fields.Many2one(
        "event.registration", index="btree_not_null", ondelete="set null"
    )
    partner_id = fields.Many2one(
        "res.partner", "Officer", required=True, index=True, ondelete="restrict"
    )
    user_id = fields.Many2one(
        "res.users",
        compute="_compute_user_id",
        store=True,
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    event_type_id = fields.Many2one(related="event_id.event_type_id", store=True)
    date_issued = fields.Date(
        "Issued On", required=True, default=fields.Date.context_today
    )
    date_expiry = fields.Date(
        "Expires On",
        compute="_compute_date_expiry",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
    )
    verification_code = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _new_verification_code(),
        index=True,
    )
    reminder_sent = fields.Boolean(copy=False, readonly=True)
    is_valid = fields.Boolean("Valid", compute="_compute_is_valid")

    _verification_code_uniq = models.Constraint(
        "UNIQUE(verification_code)", "Each certificate has its own code."
    )
    _event_partner_uniq = models.Constraint(
        "UNIQUE(event_id, partner_id)", "An officer gets one certificate per training."
    )

    @api.depends("partner_id")
    def _compute_user_id(self):
        for certificate in self:
            certificate.user_id = certificate.partner_id.with_context(
                active_test=False
            ).user_ids[:1]

    @api.depends("date_issued", "event_id.event_type_id")
    def _compute_date_expiry(self):
        for certificate in self:
            months = certificate.event_id.event_type_id.baom_certificate_validity_months
            certificate.date_expiry = (
                certificate.date_issued + relativedelta(months=months)
                if months and certificate.date_issued
                else False
            )

    def _compute_is_valid(self):
        today = fields.Date.context_today(self)
        for certificate in self:
            certificate.is_valid = (
                not certificate.date_expiry or certificate.date_expiry >= today
            )

    def action_print(self):
        return self.env.ref(
            "baom_events.action_report_baom_training_certificate"
        ).report_action(self)

    @api.model
    def _cron_remind_expiring(self):
        """An activity for the officer (and the coordinator who trained them)
        a month before a certificate expires, once."""
        today = fields.Date.context_today(self)
        expiring = self.search(
            [
                ("reminder_sent", "=", False),
                ("date_expiry", "!=", False),
                ("date_expiry", ">=", today),
                ("date_expiry", "<=", today + datetime.timedelta(days=REMINDER_DAYS)),
            ]
        )
        # One batch for all the certificates (each has its own training and
        # date, so its own note), created quietly as baom_base's
        # _baom_schedule_per_user does: no assignment e-mail per activity.
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        summary = self.env._("Training to refresh")
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "activity_type_id": todo.id,
                    "automated": True,
                    "res_model_id": model_id,
                    "res_id": certificate.id,
                    "date_deadline": certificate.date_expiry,
                    "summary": summary,
                    "note": self.env._(
                        "The certificate of %(training)s expires on %(date)s: "
                        "register for the next session.",
                        training=certificate.event_id.name,
                        date=certificate.date_expiry,
                    ),
                    "user_id": (certificate.user_id or certificate.create_uid).id,
                }
                for certificate in expiring
            ]
        )
        expiring.reminder_sent = True
        return expiring
