import datetime

from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.baom_base.tools.selections import (
    CASE_CHANNEL_SELECTION,
    GENDER_SELECTION,
    PROFILE_SELECTION,
)

from ..tools import periods
from .baom_case_stage import OUTCOME_SELECTION

# Personal data on a case: readable by officers (and the administrator) only.
# Supervisors read the same cases through pseudonymous fields.
OFFICER_GROUPS = "baom_base.group_baom_officer,base.group_system"
AGE_BAND_SELECTION = [
    ("00_17", "0-17"),
    ("18_29", "18-29"),
    ("30_44", "30-44"),
    ("45_59", "45-59"),
    ("60_99", "60 and over"),
]
# Fields that change what the file says: a write on them restarts the person's
# retention clock and clears the "no news" flag.
ACTIVITY_FIELDS = {
    "stage_id",
    "kanban_state",
    "description",
    "confidential_note",
    "outcome",
    "date_deadline",
    "need_category_ids",
    "document_ids",
    "beneficiary_id",
}


class BaomCase(models.Model):
    """A file the office opens to accompany a person up to a resolution."""

    _name = "baom.case"
    _description = "BAOM Case"
    # rating.mixin brings mail.thread: it must come first (see ODOO19.md).
    _inherit = [
        "rating.mixin",
        "mail.activity.mixin",
        "baom.consultation.mixin",
        "baom.transfer.mixin",
        "baom.bulk.create.mixin",
    ]
    _order = "priority desc, date_deadline, id desc"
    _check_company_auto = True
    _primary_email = "email_from"

    def _default_stage_id(self):
        return self.env["baom.case.stage"].search([], limit=1)

    # reference (pseudonymous: the only name supervisors ever see)
    name = fields.Char(
        "Reference",
        readonly=True,
        copy=False,
        index="trigram",
        help="Given when the case is saved: OFFICE/year/number.",
    )
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer("Color Index")
    # the person (officers only)
    beneficiary_id = fields.Many2one(
        "baom.beneficiary",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('office_id', '=', office_id)]",
        groups=OFFICER_GROUPS,
        help="Empty when a request came by e-mail from someone not registered "
        "yet: register the person (with consent) then link the case.",
    )
    partner_id = fields.Many2one(
        related="beneficiary_id.partner_id", string="Contact", groups=OFFICER_GROUPS
    )
    email_from = fields.Char(
        "Requester E-mail",
        groups=OFFICER_GROUPS,
        help="Address of an e-mail request; replies from the chatter go there "
        "until the person is registered.",
    )
    title = fields.Char("Subject", tracking=True, groups=OFFICER_GROUPS)
    description = fields.Html(groups=OFFICER_GROUPS)
    confidential_note = fields.Html(
        groups=OFFICER_GROUPS,
        help="Never printed, never shown to supervisors.",
    )
    # pseudonymous facts, copied from the person for statistics
    # (precomputed: in the INSERT, no UPDATE of every new case)
    gender = fields.Selection(
        GENDER_SELECTION,
        compute="_compute_person_facts",
        store=True,
        precompute=True,
        index=True,
    )
    profile = fields.Selection(
        PROFILE_SELECTION,
        compute="_compute_person_facts",
        store=True,
        precompute=True,
        index=True,
    )
    nationality_id = fields.Many2one(
        "res.country", compute="_compute_person_facts", store=True, precompute=True
    )
    age_band = fields.Selection(
        AGE_BAND_SELECTION,
        compute="_compute_person_facts",
        store=True,
        precompute=True,
        help="Age of the person when the case was opened.",
    )
    # office and officer
    office_id = fields.Many2one(
        "baom.office",
        compute="_compute_office_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="office_id.company_id", store=True, index=True, precompute=True
    )
    user_id = fields.Many2one(
        "res.users",
        "Officer in Charge",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        domain="['|', ('id', 'in', office_officer_ids), "
        "('id', '=', office_backup_officer_id)]",
    )
    office_officer_ids = fields.Many2many(related="office_id.officer_ids")
    office_backup_officer_id = fields.Many2one(related="office_id.backup_officer_id")
    # pipeline
    stage_id = fields.Many2one(
        "baom.case.stage",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_expand_full",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
    )
    is_closed = fields.Boolean(
        related="stage_id.is_closed", store=True, index=True, precompute=True
    )
    kanban_state = fields.Selection(
        [
            ("normal", "In progress"),
            ("blocked", "Waiting on an administration"),
            ("done", "Ready for next step"),
        ],
        "Status",
        compute="_compute_kanban_state",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        copy=False,
        tracking=True,
        help="Red: waiting on an external (often foreign) administration, the "
        "main source of delay.",
    )
    legend_normal = fields.Char(related="stage_id.legend_normal")
    legend_blocked = fields.Char(related="stage_id.legend_blocked")
    legend_done = fields.Char(related="stage_id.legend_done")
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "Urgent")],
        default="0",
        index=True,
    )
    tag_ids = fields.Many2many("baom.case.tag", string="Tags")
    need_category_ids = fields.Many2many(
        "baom.need.category", string="Needs", tracking=True
    )
    need_category_id = fields.Many2one(
        "baom.need.category",
        "Main Need",
        compute="_compute_need_category_id",
        store=True,
        readonly=False,
        index=True,
        domain="[('id', 'in', need_category_ids)]",
        help="The need this case is counted under in statistics.",
    )
    channel = fields.Selection(CASE_CHANNEL_SELECTION, default="walk_in", required=True)
    outcome = fields.Selection(
        OUTCOME_SELECTION,
        compute="_compute_outcome",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        copy=False,
        help="Required to close a case; a closing stage may propose one.",
    )
    # dates
    date_open = fields.Datetime(
        "Opened On", default=fields.Datetime.now, required=True, index=True
    )
    date_closed = fields.Datetime(
        "Closed On",
        compute="_compute_date_closed",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        index=True,
    )
    date_deadline = fields.Date("Deadline", tracking=True, index=True)
    date_last_stage_update = fields.Datetime(
        "Last Stage Update", default=fields.Datetime.now, readonly=True, copy=False
    )
    date_last_update = fields.Datetime(
        "Last News",
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        help="Last change, message or completed activity on the case.",
    )
    is_stalled = fields.Boolean(
        "No News",
        readonly=True,
        copy=False,
        help="Flagged by the daily check: open, nothing planned and nothing "
        "happened for the number of days set in the settings.",
    )
    open_days = fields.Integer("Days Open", compute="_compute_open_days")
    # documents checklist
    document_ids = fields.One2many(
        "baom.case.document", "case_id", "Documents", groups=OFFICER_GROUPS
    )
    document_count = fields.Integer(compute="_compute_document_counts")
    document_received_count = fields.Integer(compute="_compute_document_counts")
    # mail and rating fields that would name the person: officers only
    message_follower_ids = fields.One2many(groups=OFFICER_GROUPS)
    message_partner_ids = fields.Many2many(groups=OFFICER_GROUPS)
    activity_summary = fields.Char(groups=OFFICER_GROUPS)
    rating_last_feedback = fields.Text(groups=OFFICER_GROUPS)
    # A new case has no rating: 0 in the INSERT rather than an UPDATE.
    rating_last_value = fields.Float(
        compute="_compute_rating_last_value", store=True, precompute=True
    )

    _name_office_uniq = models.Constraint(
        "UNIQUE(name, office_id)", "A case reference is unique in its office."
    )
    # The kanban counts and lists the open cases of one office, per stage.
    _open_office_stage_idx = models.Index(
        "(office_id, stage_id) WHERE is_closed IS NOT TRUE AND active IS TRUE"
    )

    @api.depends("beneficiary_id")
    def _compute_office_id(self):
        for case in self:
            if case.beneficiary_id:
                case.office_id = case.beneficiary_id.office_id
            elif not case.office_id:
                case.office_id = self.env["baom.office"]._get_my_offices()[:1]

    @api.depends("office_id")
    def _compute_user_id(self):
        for case in self:
            office = case.office_id
            officers = office.officer_ids | office.backup_officer_id
            if case.user_id and case.user_id in officers:
                continue
            case.user_id = self._get_default_officer(office)

    @api.depends(
        "beneficiary_id.gender",
        "beneficiary_id.profile",
        "beneficiary_id.nationality_id",
        "beneficiary_id.birth_date",
        "beneficiary_id.birth_year_only",
        "beneficiary_id.birth_band",
        "date_open",
    )
    def _compute_person_facts(self):
        for case in self:
            case.update(
                self._get_person_facts(
                    case.beneficiary_id, case.date_open, case.age_band
                )
            )

    @api.depends("stage_id")
    def _compute_kanban_state(self):
        # A new step starts afresh, except while waiting on an administration.
        for case in self:
            case.kanban_state = "blocked" if case.stage_id.is_waiting else "normal"

    @api.model
    def _get_person_facts(self, person, date_open, current_band=False):
        """The facts a case copies from its person (counted in statistics
        even once the person is anonymised): gender, profile, nationality
        and age band on the day the case was opened."""
        if not person:
            return dict(
                gender=False, profile=False, nationality_id=False, age_band=False
            )
        on_date = (date_open or fields.Datetime.now()).date()
        age = periods.age_at(person.birth_date, on_date, person.birth_year_only)
        if age is None and current_band:
            # Anonymisation clears the birth date: keep the exact band.
            band = current_band
        else:
            if age is None:
                age = periods.age_from_band(person.birth_band, on_date)
            band = periods.age_band(age)
        return dict(
            gender=person.gender,
            profile=person.profile,
            nationality_id=person.nationality_id.id,
            age_band=band,
        )

    @api.model
    def _get_default_officer(self, office):
        """Who takes a new case of ``office``: the current user if they work
        there, else its first officer, else its backup."""
        if self.env.user in office.officer_ids | office.backup_officer_id:
            return self.env.user
        return office.officer_ids[:1] or office.backup_officer_id

    @api.model
    def _computed_create_values(self, person, office, stage, date_open):
        """The stored computed values of a new case of ``person`` in ``office``
        at ``stage`` (a bulk import gives them, so that the insert needs
        no record per case to compute them)."""
        values = self._get_person_facts(person, date_open)
        closed = stage.is_closed
        values.update(
            company_id=office.company_id.id,
            user_id=self._get_default_officer(office).id,
            is_closed=closed,
            kanban_state="blocked" if stage.is_waiting else "normal",
            outcome=stage.default_outcome if closed else False,
            date_closed=fields.Datetime.now() if closed else False,
            rating_last_value=0.0,
        )
        return values

    @api.depends("stage_id")
    def _compute_outcome(self):
        for case in self:
            if not case.stage_id.is_closed:
                case.outcome = False
            elif not case.outcome:
                case.outcome = case.stage_id.default_outcome

    @api.depends("stage_id")
    def _compute_date_closed(self):
        for case in self:
            if not case.stage_id.is_closed:
                case.date_closed = False
            elif not case.date_closed:
                case.date_closed = fields.Datetime.now()

    @api.depends("need_category_ids")
    def _compute_need_category_id(self):
        for case in self:
            if case.need_category_id not in case.need_category_ids:
                case.need_category_id = case.need_category_ids[:1]

    @api.depends("date_open", "date_closed")
    def _compute_open_days(self):
        now = fields.Datetime.now()
        for case in self:
            end = case.date_closed or now
            case.open_days = (end - case.date_open).days if case.date_open else 0

    @api.depends("document_ids.is_received")
    def _compute_document_counts(self):
        documents = self.env["baom.case.document"].sudo()
        counts = {
            (case, received): count
            for case, received, count in documents._read_group(
                [("case_id", "in", self.ids)], ["case_id", "is_received"], ["__count"]
            )
        }
        for case in self:
            received = counts.get((case._origin, True), 0)
            case.document_received_count = received
            case.document_count = received + counts.get((case._origin, False), 0)

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        # Officers also find a case by the person's name or its subject;
        # supervisors only by its pseudonymous reference.
        if (
            operator in ("ilike", "=ilike", "like", "=like")
            and isinstance(value, str)
            and value
            and self.env.user.has_groups(OFFICER_GROUPS)
        ):
            domain |= Domain("title", operator, value) | Domain(
                "beneficiary_id", "any", [("display_name", operator, value)]
            )
        return domain

    @api.constrains("beneficiary_id", "office_id")
    def _check_beneficiary_office(self):
        for case in self.sudo():
            if case.beneficiary_id and case.beneficiary_id.office_id != case.office_id:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s must be handled by the office that registered "
                        "the person.",
                        case=case.name or "",
                    )
                )

    @api.constrains("stage_id", "outcome")
    def _check_outcome_when_closed(self):
        for case in self:
            if case.stage_id.is_closed and not case.outcome:
                raise ValidationError(
                    self.env._(
                        "Choose an outcome before moving case %(case)s to "
                        "%(stage)s: resolved, partially resolved, not resolved, "
                        "referred or abandoned.",
                        case=case.name or "",
                        stage=case.stage_id.name,
                    )
                )

    def _check_company(self, fnames=None):
        """The ORM's company check, made once per company and field for the
        whole recordset rather than once per case and field.

        A batch of cases (an import) links one office's cases to that office
        and its people: checking every distinct value against each case
        company at once gives the same verdict as the per-record check. When
        something is inconsistent, the ORM's own check runs and raises its
        usual message.
        """
        if len(self) < 2:
            return super()._check_company(fnames)
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = self._fields
        checked = [
            self._fields[name]
            for name in fnames
            if self._fields[name].relational and self._fields[name].check_company
        ]
        if any(
            field.type != "many2one" or field.company_dependent for field in checked
        ):
            return super()._check_company(fnames)
        cases_by_company = self.sudo().grouped("company_id")
        for company, cases in cases_by_company.items():
            for field in checked:
                corecords = cases[field.name]
                if not corecords:
                    continue
                domain = corecords._check_company_domain(company)
                if domain and corecords != corecords.with_context(
                    active_test=False
                ).filtered_domain(domain):
                    return super()._check_company(fnames)
        return None

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name"):
                office = self._get_office_from_values(vals)
                if office:
                    date_open = (
                        fields.Datetime.to_datetime(vals.get("date_open"))
                        or fields.Datetime.now()
                    )
                    vals["name"] = office._get_case_sequence().next_by_id(
                        sequence_date=date_open.date()
                    )
        cases = super().create(vals_list)
        cases._post_create()
        return cases

    def _post_create(self):
        self._add_missing_documents()
        self._subscribe_beneficiary_partner()
        self.sudo().beneficiary_id._touch_activity()

    def write(self, vals):
        if not self.env.su:
            self._check_transfer_values(vals)
        newly_closed = self.browse()
        if vals.get("stage_id"):
            vals = dict(vals, date_last_stage_update=fields.Datetime.now())
            if self.env["baom.case.stage"].browse(vals["stage_id"]).is_closed:
                newly_closed = self.filtered(lambda c: not c.is_closed)
        if ACTIVITY_FIELDS & set(vals) and not self.env.context.get(
            "baom_case_system_update"
        ):
            vals = dict(vals, date_last_update=fields.Datetime.now(), is_stalled=False)
        result = super().write(vals)
        if "need_category_ids" in vals:
            self._add_missing_documents()
        if "beneficiary_id" in vals:
            self._subscribe_beneficiary_partner()
        if ACTIVITY_FIELDS & set(vals):
            self.sudo().beneficiary_id._touch_activity()
        if newly_closed:
            newly_closed._send_rating_request()
        return result

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_beneficiary(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "baom.beneficiary",
            "res_id": self.beneficiary_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_register_requester(self):
        """Open a new beneficiary form pre-filled from the e-mail request; the
        officer records the consent before saving."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register the Requester"),
            "res_model": "baom.beneficiary",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_office_id": self.office_id.id,
                "default_email": tools.email_normalize(self.email_from or "")
                or self.email_from,
                "baom_case_link_id": self.id,
            },
        }

    def action_open_ratings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "rating.rating_rating_action"
        )
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------
    # MAIL AND RATING
    # ------------------------------------------------------------

    def _mail_get_operation_for_mail_message_operation(self, message_operation):
        # Chatter, attachments and activities describe the person: reading
        # them needs the officers' write access, so supervisors (who may read
        # the pseudonymous case) never see them.
        result = super()._mail_get_operation_for_mail_message_operation(
            message_operation
        )
        if message_operation == "read":
            result = dict.fromkeys(result, "write")
        return result

    def _track_template(self, changes):
        res = super()._track_template(changes)
        case = self[0]
        template = case.stage_id.mail_template_id
        if "stage_id" in changes and template and case._rating_get_partner():
            res["stage_id"] = (
                template,
                {
                    "auto_delete_keep_log": False,
                    "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(
                        "mail.mt_note"
                    ),
                    "email_layout_xmlid": "mail.mail_notification_light",
                },
            )
        return res

    def _rating_get_partner(self):
        person = self.sudo().beneficiary_id
        if person.email and not person.is_anonymized:
            return person._ensure_partner()[:1]
        return self.env["res.partner"]

    def _rating_get_parent_field_name(self):
        return "office_id"

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to an office's alias: a new case, or a message on the
        sender's open case whose reference is in the subject. The sender is
        matched to a person of that office only; an unknown sender is never
        registered without consent: the officer gets an activity instead."""
        values = dict(custom_values or {})
        office = self.env["baom.office"].browse(values.get("office_id")).exists()
        email = tools.email_normalize(msg_dict.get("email_from") or "")
        subject = (msg_dict.get("subject") or "").strip()
        beneficiary = self._find_beneficiary_by_email(office, email)
        existing = self._find_case_in_subject(office, subject, beneficiary, email)
        if existing:
            return existing
        values.update(
            {
                "title": subject or self.env._("E-mail request"),
                "channel": "email",
                "office_id": office.id,
            }
        )
        if beneficiary:
            values["beneficiary_id"] = beneficiary.id
        else:
            values["email_from"] = msg_dict.get("email_from")
        case = self.with_context(mail_create_nolog=True).create(values)
        if not beneficiary:
            case.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Register the requester"),
                note=self.env._(
                    "This request came by e-mail from %(email)s, who is not "
                    "registered in this office. Reply from the chatter, and "
                    "register the person once they agree to it.",
                    email=msg_dict.get("email_from") or "",
                ),
                user_id=case.user_id.id or self.env.uid,
            )
        return case

    def message_update(self, msg_dict, update_vals=None):
        self._touch_case()
        return super().message_update(msg_dict, update_vals=update_vals)

    def _message_post_after_hook(self, message, msg_vals):
        if not self.env.context.get("baom_case_system_update"):
            self._touch_case()
        return super()._message_post_after_hook(message, msg_vals)

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _get_consulted_beneficiaries(self):
        # A case shows its person's name, contact and history to officers;
        # supervisors see it pseudonymised, which reveals no one.
        if not self.env.user.has_groups(OFFICER_GROUPS):
            return self.env["baom.beneficiary"]
        return self.sudo().beneficiary_id

    def _get_consultation_detail(self):
        if len(self) == 1:
            return self.display_name
        return self.env._("%(count)s cases", count=len(self))

    def _check_transfer_values(self, vals):
        """A case follows its person: linking it to a person of another office
        would move it (the office is computed), and reopening a case left
        behind by a transfer would work on a file the office no longer holds."""
        if vals.get("beneficiary_id"):
            office = (
                self.env["baom.beneficiary"].browse(vals["beneficiary_id"]).sudo()
            ).office_id
            if any(case.office_id != office for case in self):
                raise UserError(self._get_office_change_error())
        stage = self.env["baom.case.stage"].browse(vals.get("stage_id"))
        if stage and not stage.is_closed:
            for case in self.filtered("is_closed").sudo():
                person = case.beneficiary_id
                if person and person.office_id != case.office_id:
                    raise UserError(
                        self.env._(
                            "Case %(case)s cannot be reopened: the person's file "
                            "was transferred to another office, which opens a "
                            "new case if needed.",
                            case=case.name or "",
                        )
                    )

    @api.model
    def _get_office_from_values(self, vals):
        if vals.get("office_id"):
            return self.env["baom.office"].browse(vals["office_id"])
        context = self.env.context
        beneficiary_id = vals.get(
            "beneficiary_id", context.get("default_beneficiary_id")
        )
        if beneficiary_id:
            return self.env["baom.beneficiary"].browse(beneficiary_id).office_id
        if context.get("default_office_id"):
            return self.env["baom.office"].browse(context["default_office_id"])
        return self.env["baom.office"]._get_my_offices()[:1]

    @api.model
    def _find_beneficiary_by_email(self, office, email):
        """The one person of ``office`` using ``email`` (none if several share it)."""
        if not office or not email:
            return self.env["baom.beneficiary"]
        candidates = (
            self.env["baom.beneficiary"]
            .sudo()
            .search([("office_id", "=", office.id), ("email", "=ilike", email)])
        )
        matching = candidates.filtered(
            lambda p: tools.email_normalize(p.email or "") == email
        )
        return matching if len(matching) == 1 else matching.browse()

    @api.model
    def _find_case_in_subject(self, office, subject, beneficiary, email):
        """An open case of this office quoted in the subject, from its own person."""
        if not office or not subject or not office.code:
            return self.browse()
        references = [
            word.strip("[]():,.;")
            for word in subject.split()
            if word.upper().startswith(f"{office.code.upper()}/")
        ]
        if not references:
            return self.browse()
        cases = self.sudo().search(
            [
                ("office_id", "=", office.id),
                ("name", "in", references),
                ("is_closed", "=", False),
            ]
        )
        return cases.filtered(
            lambda c: (
                (beneficiary and c.beneficiary_id == beneficiary)
                or (email and tools.email_normalize(c.email_from or "") == email)
            )
        )[:1]

    def _touch_case(self):
        """Something happened on the case: reset the "no news" flag."""
        cases = self.filtered("id")
        if not cases:
            return
        super(BaomCase, cases.sudo()).write(
            {"date_last_update": fields.Datetime.now(), "is_stalled": False}
        )
        cases.sudo().beneficiary_id._touch_activity()

    def _add_missing_documents(self):
        """Pre-fill the checklist with the usual documents of the case's needs."""
        lines = []
        # Cases share a few sets of needs: each set's documents are sorted once.
        wanted_by_needs = {}
        for case in self.sudo():
            present = case.document_ids.document_type_id
            needs = case.need_category_ids
            key = tuple(needs.ids)
            if key not in wanted_by_needs:
                wanted_by_needs[key] = needs.document_type_ids.sorted(
                    lambda d: (d.sequence, d.id)
                )
            wanted = wanted_by_needs[key]
            lines += [
                {
                    "case_id": case.id,
                    "document_type_id": doc_type.id,
                    # what a new line computes, given for the bulk insert
                    "company_id": case.company_id.id,
                    "name": doc_type.name,
                    "is_received": False,
                    "date_received": False,
                }
                for doc_type in wanted - present
            ]
        if lines:
            self.env["baom.case.document"].sudo()._bulk_create(lines)

    def _subscribe_beneficiary_partner(self):
        """The person follows their case, so that replies written in the
        chatter reach them (only when they gave an e-mail address)."""
        for case in self.sudo().filtered(
            lambda c: c.beneficiary_id.email and not c.beneficiary_id.is_anonymized
        ):
            partner = case.beneficiary_id._ensure_partner()
            if partner not in case.message_partner_ids:
                case.message_subscribe(partner_ids=partner.ids)

    def _send_rating_request(self):
        """Closing a case asks the person to rate the service (Odoo's rating,
        replacing the paper satisfaction form)."""
        template = self.env.ref(
            "baom_case.mail_template_case_rating_request", raise_if_not_found=False
        )
        if not template:
            return
        for case in self.filtered(lambda c: c.outcome != "abandoned"):
            partner = case._rating_get_partner()
            if partner.email:
                case.with_context(baom_case_system_update=True).rating_send_request(
                    template, lang=partner.lang, force_send=False
                )

    @api.model
    def _get_inactivity_days(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("baom_case.inactivity_days", 14)
            or 14
        )

    @api.model
    def _cron_flag_stalled_cases(self):
        """Flag open cases with nothing planned and no news for N days, and
        give their officer a reminder."""
        limit_date = fields.Datetime.now() - datetime.timedelta(
            days=self._get_inactivity_days()
        )
        cases = (
            self.sudo()
            .with_context(baom_case_system_update=True)
            .search(
                [
                    ("is_closed", "=", False),
                    ("is_stalled", "=", False),
                    ("activity_ids", "=", False),
                    ("date_last_update", "<", limit_date),
                ]
            )
        )
        if not cases:
            return cases
        cases.write({"is_stalled": True})
        summary = self.env._(
            "No news for %(days)s days", days=self._get_inactivity_days()
        )
        note = Markup("<p>%s</p>") % self.env._(
            "Nothing happened on this case recently: call the person or "
            "the administration, or close the case."
        )
        cases._baom_schedule_per_user(
            "baom_case.mail_activity_type_case_follow_up", summary=summary, note=note
        )
        # Logged, not posted: the flag is no news, and must not clear itself.
        body = Markup("<p>%s</p>") % summary
        cases._message_log_batch(bodies=dict.fromkeys(cases.ids, body))
        return cases
