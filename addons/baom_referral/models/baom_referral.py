import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.res_partner import _lang_get

# Personal data of a referral: its office's officers (and the administrator).
OFFICER_GROUPS = "baom_base.group_baom_officer,base.group_system"
# Pseudonymous part: officers, and the supervisors of the office.
STAFF_GROUPS = (
    "baom_base.group_baom_officer,baom_base.group_baom_supervisor,base.group_system"
)
# What the institution receives: officers, and the institution's portal
# contacts (filled only with consent and for the fields the officer ticked).
SHARED_GROUPS = "baom_base.group_baom_officer,base.group_system,base.group_portal"

REFERRAL_STATE_SELECTION = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
    ("expired", "Expired"),
]
# A referral the institution has received and may still answer.
ANSWERABLE_STATES = ("sent",)
REFUSAL_REASON_SELECTION = [
    ("not_eligible", "Person not eligible"),
    ("no_capacity", "No capacity"),
    ("out_of_area", "Outside the area served"),
    ("incomplete_file", "Incomplete file"),
    ("service_unavailable", "Service not available"),
    ("other", "Other"),
]
OUTCOME_SELECTION = [
    ("successful", "Successful"),
    ("not_successful", "Not successful"),
]
# After Primero's "reason not successful" list.
REASON_NOT_SUCCESSFUL_SELECTION = [
    ("beneficiary_refused", "Beneficiary refused the service"),
    ("no_capacity", "No capacity"),
    ("no_longer_needed", "No longer needed"),
    ("beneficiary_unreachable", "Could not reach the beneficiary"),
    ("institution_unreachable", "Could not reach the institution"),
    ("other", "Other"),
]
DEFAULT_ANSWER_DAYS = 15


class BaomReferral(models.Model):
    """A person referred to a partner institution, followed until it answers."""

    _name = "baom.referral"
    _description = "BAOM Referral"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "baom.consultation.mixin",
    ]
    _order = "date_sent desc, id desc"
    _check_company_auto = True

    # reference (pseudonymous)
    name = fields.Char(
        "Reference",
        readonly=True,
        copy=False,
        index="trigram",
        help="Given when the referral is saved: OFFICE/REF/year/number. The "
        "person shows it at the institution.",
    )
    case_id = fields.Many2one(
        "baom.case",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        groups=STAFF_GROUPS,
    )
    beneficiary_id = fields.Many2one(
        "baom.beneficiary",
        compute="_compute_case_facts",
        store=True,
        precompute=True,
        index="btree_not_null",
        groups=OFFICER_GROUPS,
    )
    office_id = fields.Many2one(
        "baom.office",
        compute="_compute_case_facts",
        store=True,
        index=True,
        precompute=True,
    )
    company_id = fields.Many2one(
        related="office_id.company_id", store=True, index=True, precompute=True
    )
    visit_id = fields.Many2one(
        "baom.visit",
        "Register Entry",
        index="btree_not_null",
        ondelete="set null",
        groups=OFFICER_GROUPS,
        help="The reception register line the referral was made from.",
    )
    service_id = fields.Many2one(
        "baom.service",
        index=True,
        tracking=True,
        domain="[('status', '=', 'active')]",
    )
    institution_id = fields.Many2one(
        "res.partner",
        compute="_compute_institution_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        help="Taken from the service; choose it directly when no service of "
        "the guide fits.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Referring Officer",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    reason = fields.Text(
        groups=OFFICER_GROUPS,
        help="Why the person is referred, written for the institution.",
    )
    state = fields.Selection(
        REFERRAL_STATE_SELECTION,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    lang = fields.Selection(
        _lang_get,
        "Slip Language",
        default=lambda self: self.env.lang,
        help="Language of the referral slip printed for the person.",
    )
    # dates
    date_sent = fields.Datetime("Sent On", readonly=True, copy=False, index=True)
    date_answered = fields.Datetime("Answered On", readonly=True, copy=False)
    date_deadline = fields.Date(
        "Answer Expected By",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        copy=False,
        index=True,
        tracking=True,
        help="Past this date without an answer, the referral expires and the "
        "officer is reminded. Set from the service's answer delay, or the "
        "default delay of the settings.",
    )
    # answer
    refusal_reason = fields.Selection(REFUSAL_REASON_SELECTION, tracking=True)
    refusal_note = fields.Text("Refusal Details", groups=SHARED_GROUPS)
    outcome = fields.Selection(OUTCOME_SELECTION, tracking=True, copy=False)
    reason_not_successful = fields.Selection(
        REASON_NOT_SUCCESSFUL_SELECTION, copy=False
    )
    outcome_note = fields.Text("Outcome Details", copy=False, groups=SHARED_GROUPS)
    # consent and what is shared with the institution
    consent_share = fields.Boolean(
        "Consent to Share",
        tracking=True,
        copy=False,
        help="The person agrees that the fields ticked below are sent to this "
        "institution. Required to send the referral.",
    )
    consent_share_user_id = fields.Many2one(
        "res.users", "Consent Recorded By", readonly=True, copy=False
    )
    consent_share_date = fields.Datetime(
        "Consent Recorded On", readonly=True, copy=False
    )
    share_name = fields.Boolean("Share the Name", default=True)
    share_phone = fields.Boolean("Share the Phone")
    share_reason = fields.Boolean("Share the Reason", default=True)
    share_document_ids = fields.Many2many(
        "baom.case.document",
        string="Documents to Share",
        domain="[('case_id', '=', case_id)]",
        groups=OFFICER_GROUPS,
    )
    shared_name = fields.Char(
        "Name (shared)", compute="_compute_shared_values", groups=SHARED_GROUPS
    )
    shared_phone = fields.Char(
        "Phone (shared)", compute="_compute_shared_values", groups=SHARED_GROUPS
    )
    shared_reason = fields.Text(
        "Reason (shared)", compute="_compute_shared_values", groups=SHARED_GROUPS
    )
    shared_document_names = fields.Text(
        "Documents (shared)", compute="_compute_shared_values", groups=SHARED_GROUPS
    )
    # mail fields that would name the person: officers only
    message_follower_ids = fields.One2many(groups=OFFICER_GROUPS)
    message_partner_ids = fields.Many2many(groups=OFFICER_GROUPS)
    activity_summary = fields.Char(groups=OFFICER_GROUPS)

    _name_office_uniq = models.Constraint(
        "UNIQUE(name, office_id)", "A referral reference is unique in its office."
    )

    @api.depends("case_id")
    def _compute_case_facts(self):
        for referral in self:
            case = referral.sudo().case_id
            referral.beneficiary_id = case.beneficiary_id
            referral.office_id = case.office_id

    @api.depends("service_id")
    def _compute_institution_id(self):
        for referral in self:
            if referral.service_id:
                referral.institution_id = referral.service_id.institution_id

    @api.depends("date_sent", "service_id")
    def _compute_date_deadline(self):
        default_days = self._get_default_answer_days()
        for referral in self:
            if not referral.date_sent:
                continue
            days = referral.sudo().service_id.referral_answer_days or default_days
            referral.date_deadline = referral.date_sent.date() + datetime.timedelta(
                days=days
            )

    @api.depends(
        "consent_share",
        "share_name",
        "share_phone",
        "share_reason",
        "share_document_ids",
        "reason",
        "beneficiary_id.name",
        "beneficiary_id.phone",
    )
    def _compute_shared_values(self):
        for referral in self:
            values = referral._get_shared_values()
            referral.shared_name = values["name"]
            referral.shared_phone = values["phone"]
            referral.shared_reason = values["reason"]
            referral.shared_document_names = "\n".join(values["documents"]) or False

    @api.constrains("outcome", "reason_not_successful")
    def _check_reason_not_successful(self):
        for referral in self:
            if referral.outcome == "not_successful" and not (
                referral.reason_not_successful
            ):
                raise ValidationError(
                    self.env._(
                        "Referral %(referral)s was not successful: say why "
                        "(the person refused, no capacity, no longer needed, "
                        "unreachable, or other).",
                        referral=referral.name or "",
                    )
                )

    @api.constrains("case_id", "office_id")
    def _check_case_office(self):
        for referral in self.sudo():
            if referral.case_id.office_id != referral.office_id:
                raise ValidationError(
                    self.env._(
                        "A referral belongs to the office of its case (%(case)s).",
                        case=referral.case_id.name or "",
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("consent_share"):
                vals.setdefault("consent_share_user_id", self.env.uid)
                vals.setdefault("consent_share_date", now)
            if not vals.get("name") and vals.get("case_id"):
                office = self.env["baom.case"].browse(vals["case_id"]).sudo().office_id
                if office:
                    vals["name"] = office._get_referral_sequence().next_by_id()
        return super().create(vals_list)

    def write(self, vals):
        if "consent_share" in vals:
            if vals["consent_share"]:
                vals = dict(
                    vals,
                    consent_share_user_id=self.env.uid,
                    consent_share_date=fields.Datetime.now(),
                )
            else:
                vals = dict(vals, consent_share_user_id=False, consent_share_date=False)
        if "case_id" in vals and any(r.state != "draft" for r in self):
            raise UserError(
                self.env._("The case of a referral cannot change once it is sent.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(referral.date_sent for referral in self):
            raise UserError(
                self.env._(
                    "A referral sent to an institution is kept: cancel it instead."
                )
            )

    def _compute_access_url(self):
        for referral in self:
            referral.access_url = f"/my/referrals/{referral.id}"

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_send(self):
        """Send the referral to the institution: consent required; the e-mail
        holds only the shared fields and a secure link."""
        self._check_state(("draft",), self.env._("sent"))
        for referral in self:
            if not referral.institution_id:
                raise UserError(
                    self.env._(
                        "Choose the service or the institution of referral "
                        "%(referral)s before sending it.",
                        referral=referral.name or "",
                    )
                )
            if not referral.consent_share:
                raise UserError(
                    self.env._(
                        "Referral %(referral)s cannot be sent: record first that "
                        "the person agrees to share the ticked information "
                        "with %(institution)s.",
                        referral=referral.name or "",
                        institution=referral.institution_id.name,
                    )
                )
            if not referral._get_institution_email():
                raise UserError(
                    self.env._(
                        "%(institution)s has no e-mail address: add one to the "
                        "institution or to the service, or print the referral "
                        "slip for the person.",
                        institution=referral.institution_id.name,
                    )
                )
        self.write({"state": "sent", "date_sent": fields.Datetime.now()})
        template = self.env.ref("baom_referral.mail_template_referral_send")
        for referral in self:
            referral._portal_ensure_token()
            referral.with_context(mail_post_autofollow=False).message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )
        self._log_on_case(self.env._("Referral %(referral)s sent to %(institution)s."))
        return True

    def action_accept(self):
        """The institution takes the person in (portal contact or officer)."""
        self._check_answer_rights()
        self._check_state(ANSWERABLE_STATES, self.env._("accepted"))
        self.sudo().write({"state": "accepted", "date_answered": fields.Datetime.now()})
        self._log_on_case(
            self.env._("Referral %(referral)s accepted by %(institution)s.")
        )
        return True

    def action_refuse(self, refusal_reason=None, refusal_note=None):
        """The institution declines; a reason is required."""
        self._check_answer_rights()
        self._check_state(ANSWERABLE_STATES, self.env._("refused"))
        keys = dict(REFUSAL_REASON_SELECTION)
        if refusal_reason and refusal_reason not in keys:
            raise UserError(self.env._("Unknown refusal reason."))
        for referral in self:
            if not (refusal_reason or referral.refusal_reason):
                raise UserError(
                    self.env._(
                        "Choose why referral %(referral)s is refused.",
                        referral=referral.name or "",
                    )
                )
        vals = {"state": "refused", "date_answered": fields.Datetime.now()}
        if refusal_reason:
            vals["refusal_reason"] = refusal_reason
        if refusal_note:
            vals["refusal_note"] = refusal_note
        self.sudo().write(vals)
        self._log_on_case(
            self.env._("Referral %(referral)s refused by %(institution)s.")
        )
        return True

    def action_done(self, outcome=None, reason_not_successful=None):
        """The service was delivered (or not): record the outcome."""
        self._check_answer_rights()
        self._check_state(("sent", "accepted"), self.env._("closed"))
        if outcome and outcome not in dict(OUTCOME_SELECTION):
            raise UserError(self.env._("Unknown outcome."))
        if reason_not_successful and reason_not_successful not in dict(
            REASON_NOT_SUCCESSFUL_SELECTION
        ):
            raise UserError(self.env._("Unknown reason."))
        now = fields.Datetime.now()
        # Referrals that get the same values are written together: one write
        # per group (answered or not, outcome), not one per referral.
        for (answered, current_outcome), referrals in (
            self.sudo()
            .grouped(lambda referral: (bool(referral.date_answered), referral.outcome))
            .items()
        ):
            vals = {"state": "done"}
            if not answered:
                vals["date_answered"] = now
            vals["outcome"] = outcome or current_outcome or "successful"
            if reason_not_successful:
                vals["reason_not_successful"] = reason_not_successful
            referrals.write(vals)
        self._log_on_case(
            self.env._("Referral %(referral)s to %(institution)s is done.")
        )
        return True

    def action_cancel(self):
        self._check_state(("draft", "sent", "accepted"), self.env._("cancelled"))
        self.write({"state": "cancelled"})
        self._log_on_case(
            self.env._("Referral %(referral)s to %(institution)s cancelled.")
        )
        return True

    def action_draft(self):
        self._check_state(("cancelled",), self.env._("reset to draft"))
        self.filtered(lambda r: not r.date_sent).write({"state": "draft"})
        if any(r.date_sent for r in self):
            raise UserError(
                self.env._(
                    "A referral already sent cannot go back to draft: create a new one."
                )
            )
        return True

    def action_print_slip(self):
        return self.env.ref(
            "baom_referral.action_report_baom_referral_slip"
        ).report_action(self)

    def action_open_case(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "baom.case",
            "res_id": self.case_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------
    # MAIL
    # ------------------------------------------------------------

    def _mail_get_operation_for_mail_message_operation(self, message_operation):
        # As on cases: the chatter describes the person, so reading it needs
        # the officers' write access (supervisors and the institution never).
        result = super()._mail_get_operation_for_mail_message_operation(
            message_operation
        )
        if message_operation == "read":
            result = dict.fromkeys(result, "write")
        return result

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _get_consulted_beneficiaries(self):
        if not self.env.user.has_groups(OFFICER_GROUPS):
            return self.env["baom.beneficiary"]
        return self.sudo().beneficiary_id

    def _get_consultation_detail(self):
        if len(self) == 1:
            return self.display_name
        return self.env._("%(count)s referrals", count=len(self))

    def _get_shared_values(self):
        """What the institution may see of this referral: only with the
        person's consent, and only the fields the officer ticked. The one
        place the mail, the portal and the slip take the person's data from."""
        self.ensure_one()
        referral = self.sudo()
        values = {
            "reference": referral.name or "",
            "name": False,
            "phone": False,
            "reason": False,
            "documents": [],
        }
        if not referral.consent_share:
            return values
        person = referral.beneficiary_id
        if referral.share_name and person:
            values["name"] = person.name
        if referral.share_phone and person:
            values["phone"] = person.phone or False
        if referral.share_reason:
            values["reason"] = referral.reason or False
        values["documents"] = referral.share_document_ids.mapped("name")
        return values

    def _get_institution_email(self):
        self.ensure_one()
        referral = self.sudo()
        return referral.institution_id.email or referral.service_id.email or False

    def _get_institution_url(self):
        """The secure link sent to the institution (portal page, token)."""
        self.ensure_one()
        return self.get_base_url() + self.get_portal_url()

    def _check_state(self, states, verb):
        for referral in self:
            if referral.state not in states:
                raise UserError(
                    self.env._(
                        "Referral %(referral)s is %(state)s: it cannot be "
                        "%(verb)s now.",
                        referral=referral.name or "",
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[referral.state],
                        verb=verb,
                    )
                )

    def _check_answer_rights(self):
        """Who may record the institution's answer: the officers of the
        office (write access), or a portal contact of the institution the
        referral is addressed to (the portal record rule)."""
        if self.env.su:
            return
        user = self.env.user
        if user._is_portal():
            self.check_access("read")
            partner = user.commercial_partner_id
            if any(r.sudo().institution_id != partner for r in self):
                raise AccessError(
                    self.env._("This referral is not addressed to your institution.")
                )
        else:
            self.check_access("write")

    def _log_on_case(self, message):
        """Each step shows in the case's chatter (officers only read it)."""
        bodies = {}
        for referral in self.sudo():
            text = message % {
                "referral": referral.name or "",
                "institution": referral.institution_id.name or "",
            }
            bodies.setdefault(referral.case_id, []).append(text)
        if not bodies:
            return
        # One note per case, all the cases in one batch.
        cases = self.env["baom.case"].sudo().browse([case.id for case in bodies])
        cases.with_context(baom_case_system_update=True)._message_log_batch(
            {case.id: Markup("<br/>").join(texts) for case, texts in bodies.items()}
        )

    @api.model
    def _get_default_answer_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("baom_referral.answer_days", DEFAULT_ANSWER_DAYS)
        )
        try:
            return int(value) or DEFAULT_ANSWER_DAYS
        except (TypeError, ValueError):
            return DEFAULT_ANSWER_DAYS

    @api.model
    def _cron_expire_referrals(self):
        """Sent referrals with no answer past their deadline expire; their
        officer gets one activity per referral, scheduled in batch."""
        today = fields.Date.context_today(self)
        referrals = self.sudo().search(
            [("state", "=", "sent"), ("date_deadline", "<", today)]
        )
        if not referrals:
            return referrals
        referrals.write({"state": "expired"})
        summary = self.env._("Referral without answer")
        note = Markup("<p>%s</p>") % self.env._(
            "The institution did not answer in time: call it, or refer the "
            "person elsewhere."
        )
        referrals._baom_schedule_per_user(
            "mail.mail_activity_data_todo", summary=summary, note=note
        )
        referrals._log_on_case(
            self.env._(
                "Referral %(referral)s to %(institution)s expired without answer."
            )
        )
        return referrals
