from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import format_date

from ..tools import names
from ..tools.selections import GENDER_SELECTION, PROFILE_SELECTION

# Opening the same file again within this window is one consultation, not many:
# the web client reads the record again after every save.
ACCESS_LOG_WINDOW_MINUTES = 10
RETENTION_BATCH_SIZE = 500
# Fields a retention run blanks; what stays (gender, birth band, nationality,
# profile, office, dates) keeps statistics unchanged but names no one.
ANONYMIZED_FIELDS = (
    "first_name",
    "last_name",
    "name_ar",
    "birth_date",
    "birth_year_only",
    "phone",
    "email",
    "id_document_type",
    "id_document_number",
    "note",
    "household_id",
    "household_relation",
    "country_residence_id",
    "language_ids",
    "literacy",
    "vulnerability_ids",
    "partner_id",
    "consent_user_id",
    "import_review_note",
)


def _search_key(text):
    """Space-separated transliteration-proof keys of a name (for trigram search)."""
    return " ".join(names.name_tokens(text or ""))


def _full_name(first_name, last_name, name_ar):
    """The stored name: Latin first and last name, else the Arabic script."""
    latin = " ".join(filter(None, [first_name, last_name]))
    return latin or name_ar or False


def _names_search_key(first_name, last_name, name_ar):
    keys = _search_key(" ".join(filter(None, [first_name, last_name, name_ar])))
    return keys or False


def _birth_band(birth_date):
    year = birth_date and birth_date.year
    return year and f"{year // 10 * 10}-{year // 10 * 10 + 9}"


class BaomBeneficiary(models.Model):
    """A person registered by one office; only that office's officers see them.

    The company always follows the office (a related field), and office
    constraints keep households and visits in the person's office, so the
    generic check_company machinery would only cost time on bulk imports.
    """

    _name = "baom.beneficiary"
    _description = "BAOM Beneficiary"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "baom.consultation.mixin",
        "baom.transfer.mixin",
        "baom.bulk.create.mixin",
    ]
    _order = "name, id"
    _rec_names_search = ["name", "name_ar", "phone", "id_document_number"]
    _mail_post_access = "read"

    def _default_office_id(self):
        return self.env["baom.office"]._get_my_offices()[:1]

    # identity
    first_name = fields.Char(tracking=True)
    last_name = fields.Char(tracking=True)
    name = fields.Char(
        compute="_compute_name", store=True, index="trigram", readonly=True
    )
    name_ar = fields.Char(
        "Name in Arabic Script", tracking=True, index="trigram", translate=False
    )
    search_key = fields.Char(
        compute="_compute_search_key",
        store=True,
        index="trigram",
        help="Transliteration-proof skeleton of every name, so that Mohamed, "
        "Mohammed and محمد find each other.",
    )
    gender = fields.Selection(GENDER_SELECTION, tracking=True, index=True)
    birth_date = fields.Date(tracking=True)
    birth_year_only = fields.Boolean(
        "Year of Birth Only",
        tracking=True,
        help="Only the year is known: the birth date is stored as 1 January, "
        "shown as the year alone and counted as mid-year in age statistics.",
    )
    birth_date_display = fields.Char("Born", compute="_compute_birth_date_display")
    birth_band = fields.Char(
        "Birth Decade",
        compute="_compute_birth_band",
        store=True,
        readonly=False,
        help="Kept after anonymisation so that age statistics do not change.",
    )
    age = fields.Integer(compute="_compute_age")
    nationality_id = fields.Many2one("res.country", tracking=True, index=True)
    country_residence_id = fields.Many2one(
        "res.country", "Country of Residence", tracking=True
    )
    profile = fields.Selection(
        PROFILE_SELECTION, required=True, tracking=True, index=True
    )
    language_ids = fields.Many2many("baom.language", string="Languages")
    literacy = fields.Selection(
        [
            ("none", "Cannot read or write"),
            ("basic", "Reads a little"),
            ("literate", "Reads and writes"),
        ]
    )
    vulnerability_ids = fields.Many2many(
        "baom.vulnerability", string="Vulnerabilities", tracking=True
    )
    id_document_type = fields.Selection(
        [
            ("cin", "National identity card"),
            ("passport", "Passport"),
            ("residence_permit", "Residence permit"),
            ("consular_card", "Consular card"),
            ("refugee_card", "Refugee or asylum card"),
            ("birth_certificate", "Birth certificate"),
            ("other", "Other"),
        ],
        "Identity Document",
        tracking=True,
    )
    id_document_number = fields.Char(
        "Document Number", tracking=True, index="btree_not_null"
    )
    # contact
    phone = fields.Char(tracking=True, index="btree_not_null")
    email = fields.Char(tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="Holds only what is needed to contact the person and, later, to give "
        "portal access. It carries no sign that the person is a beneficiary.",
    )
    # office and family
    office_id = fields.Many2one(
        "baom.office",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_office_id(),
    )
    company_id = fields.Many2one(related="office_id.company_id", store=True, index=True)
    household_id = fields.Many2one(
        "baom.household", index="btree_not_null", tracking=True
    )
    household_relation = fields.Selection(
        [
            ("head", "Head of household"),
            ("spouse", "Spouse"),
            ("child", "Child"),
            ("parent", "Parent"),
            ("sibling", "Brother or sister"),
            ("other", "Other relative"),
        ],
        "Relation in Household",
    )
    # consent and data protection
    consent_date = fields.Date(tracking=True, copy=False)
    consent_user_id = fields.Many2one(
        "res.users",
        "Consent Recorded By",
        default=lambda self: self.env.user,
        tracking=True,
        copy=False,
    )
    last_activity_date = fields.Datetime(
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        index=True,
        help="Last visit, case or edit; the retention period counts from here.",
    )
    is_anonymized = fields.Boolean("Anonymised", readonly=True, copy=False, index=True)
    anonymized_date = fields.Datetime("Anonymised On", readonly=True, copy=False)
    note = fields.Html("Notes")
    active = fields.Boolean(default=True, tracking=True)
    # legacy import
    import_to_review = fields.Boolean(
        "To Review",
        copy=False,
        tracking=True,
        help="Imported from a workbook with values that could not be read with "
        "certainty: check the file, then mark it as reviewed.",
    )
    import_review_note = fields.Text("What to Review", copy=False)
    # links
    visit_ids = fields.One2many("baom.visit", "beneficiary_id", "Visits")
    visit_count = fields.Integer(compute="_compute_visit_count")
    access_log_count = fields.Integer(compute="_compute_access_log_count")
    duplicate_ids = fields.Many2many(
        "baom.beneficiary",
        compute="_compute_duplicate_ids",
        string="Possible Duplicates",
    )

    @api.depends("first_name", "last_name", "name_ar", "is_anonymized")
    def _compute_name(self):
        # An anonymised file stores no name at all: the label shown instead is
        # translated when displayed, in the reader's language, not the cron's.
        for person in self:
            if person.is_anonymized:
                person.name = False
                continue
            person.name = _full_name(
                person.first_name, person.last_name, person.name_ar
            )

    @api.depends("first_name", "last_name", "name_ar")
    def _compute_search_key(self):
        for person in self:
            person.search_key = _names_search_key(
                person.first_name, person.last_name, person.name_ar
            )

    @api.depends("birth_date")
    def _compute_birth_band(self):
        for person in self:
            person.birth_band = _birth_band(person.birth_date)

    @api.model
    def _computed_create_values(self, vals, office):
        """The stored computed values the ORM will compute for a new file of
        ``office`` created with ``vals`` (the office's records, a bulk import).

        Given in the create values, they go into the INSERT and the ORM's own
        computation after it finds nothing to change, so no UPDATE rewrites
        every new row (and its trigram indexes). The ORM stays in charge: a
        value that differed would simply be rewritten.
        """
        first, last, arabic = (
            vals.get("first_name"),
            vals.get("last_name"),
            vals.get("name_ar"),
        )
        return {
            "name": _full_name(first, last, arabic),
            "search_key": _names_search_key(first, last, arabic),
            "birth_band": _birth_band(fields.Date.to_date(vals.get("birth_date"))),
            "company_id": office.company_id.id,
        }

    @api.depends("birth_date", "birth_year_only")
    def _compute_birth_date_display(self):
        for person in self:
            if not person.birth_date:
                person.birth_date_display = False
            elif person.birth_year_only:
                person.birth_date_display = str(person.birth_date.year)
            else:
                person.birth_date_display = format_date(self.env, person.birth_date)

    @api.depends("birth_date", "birth_year_only")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for person in self:
            birth = person.birth_date
            if birth and person.birth_year_only:
                # Counted as born mid-year, as the statistics do.
                birth = birth.replace(month=7, day=1)
            person.age = relativedelta(today, birth).years if birth else 0

    def _compute_visit_count(self):
        counts = dict(
            self.env["baom.visit"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for person in self:
            person.visit_count = counts.get(person._origin, 0)

    def _compute_access_log_count(self):
        counts = dict(
            self.env["baom.beneficiary.access.log"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for person in self:
            person.access_log_count = counts.get(person._origin, 0)

    @api.depends(
        "first_name", "last_name", "name_ar", "birth_date", "phone", "office_id"
    )
    def _compute_duplicate_ids(self):
        for person in self:
            person.duplicate_ids = person._find_likely_duplicates()

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        if operator in ("ilike", "=ilike", "like", "=like", "=") and isinstance(
            value, str
        ):
            tokens = _search_key(value).split()
            if tokens:
                domain |= Domain.AND(
                    [Domain("search_key", "ilike", token) for token in tokens]
                )
        return domain

    @api.constrains("consent_date", "consent_user_id")
    def _check_consent(self):
        for person in self:
            if person.is_anonymized:
                continue
            if not person.consent_date or not person.consent_user_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be registered without recorded consent. "
                        "Law 09-08 on personal data requires the person's agreement "
                        "before the office keeps their file: explain what is kept "
                        "and why, then fill in the consent date.",
                        name=person.name or self.env._("This person"),
                    )
                )

    @api.constrains("first_name", "last_name", "name_ar")
    def _check_name(self):
        for person in self:
            if not person.is_anonymized and not (
                person.first_name or person.last_name or person.name_ar
            ):
                raise ValidationError(
                    self.env._("A beneficiary needs a name, in Latin or Arabic script.")
                )

    @api.constrains("household_id", "office_id")
    def _check_household_office(self):
        for person in self:
            if (
                person.household_id
                and person.household_id.office_id != person.office_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s and household %(household)s belong to different "
                        "offices.",
                        name=person.name,
                        household=person.household_id.name,
                    )
                )

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = fields.Date.context_today(self)
        for person in self:
            if person.birth_date and person.birth_date > today:
                raise ValidationError(
                    self.env._("A birth date cannot be in the future.")
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        people = super().create(vals_list)
        people._post_create()
        return people

    def write(self, vals):
        if (
            set(vals) & set(self._get_activity_fields())
            and "last_activity_date" not in vals
        ):
            vals = dict(vals, last_activity_date=fields.Datetime.now())
        result = super().write(vals)
        contact_fields = {"first_name", "last_name", "name_ar", "phone", "email"}
        if contact_fields & set(vals) and not self.env.context.get("baom_anonymizing"):
            self._sync_partner()
        return result

    def _post_create(self):
        # Field constraints only run for the fields given, so an absent name or
        # consent would slip through without these explicit checks.
        self._check_name()
        self._check_consent()
        self.filtered("email")._ensure_partner()

    @api.depends("is_anonymized")
    @api.depends_context("lang")
    def _compute_display_name(self):
        anonymised = self.env._("Anonymised person")
        for person in self:
            # is_anonymized first: files anonymised by older versions still
            # hold the label in the language their job ran in.
            person.display_name = (
                anonymised if person.is_anonymized else person.name or False
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_base.baom_visit_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {
            "default_beneficiary_id": self.id,
            "default_office_id": self.office_id.id,
        }
        return action

    def action_open_access_log(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_base.baom_beneficiary_access_log_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        return action

    def action_log_visit(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Visit"),
            "res_model": "baom.visit",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_office_id": self.office_id.id,
                "default_beneficiary_id": self.id,
            },
        }

    def action_merge_duplicates(self):
        """Open the merge wizard on this file and its likely duplicates."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge Files"),
            "res_model": "baom.beneficiary.merge",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "active_model": self._name,
                "active_ids": (self | self.duplicate_ids).ids,
            },
        }

    def action_mark_reviewed(self):
        """The officer checked the values an import could not read with certainty."""
        self.write({"import_to_review": False, "import_review_note": False})

    def action_open_transfer(self):
        """Open the transfer wizard: the only way to another office."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfer to Another Office"),
            "res_model": "baom.beneficiary.transfer",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_beneficiary_id": self.id},
        }

    def action_export_personal_data(self):
        """Right of access: the person's whole file as a PDF, French or Arabic."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Export Personal Data"),
            "res_model": "baom.beneficiary.data.export",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_beneficiary_id": self.id},
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _get_activity_fields(self):
        """Fields whose change counts as activity on the file (retention clock)."""
        return [
            "first_name",
            "last_name",
            "name_ar",
            "birth_date",
            "phone",
            "email",
            "profile",
            "household_id",
            "note",
            "vulnerability_ids",
            "id_document_number",
        ]

    def _to_person(self):
        self.ensure_one()
        return names.Person(
            first_name=self.first_name or "",
            last_name=self.last_name or "",
            name_ar=self.name_ar or "",
            birth_date=self.birth_date or None,
            phone=self.phone or None,
            birth_date_partial=self.birth_year_only,
        )

    def _find_likely_duplicates(self):
        """Likely same person already in this office (never looks in other offices)."""
        self.ensure_one()
        if not self.office_id or not (
            self.first_name or self.last_name or self.name_ar
        ):
            return self.browse()
        criteria = []
        if self.birth_date:
            criteria.append(Domain("birth_date", "=", self.birth_date))
        if self.phone:
            criteria.append(Domain("phone", "=", self.phone))
        key = _search_key(
            " ".join(filter(None, [self.first_name, self.last_name, self.name_ar]))
        )
        for token in key.split()[:3]:
            if len(token) >= 3:
                criteria.append(Domain("search_key", "ilike", token))
        if not criteria:
            return self.browse()
        domain = Domain("office_id", "=", self.office_id.id) & Domain.OR(criteria)
        if self._origin.id:
            domain &= Domain("id", "!=", self._origin.id)
        candidates = self.search(domain, limit=200)
        person = self._to_person()
        return candidates.filtered(
            lambda c: (
                names.match_score(person, c._to_person())[0] >= names.LIKELY_DUPLICATE
            )
        )

    def _prepare_partner_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "email": self.email or False,
            "phone": self.phone or False,
            "lang": self.env.lang or False,
        }

    def _ensure_partner(self):
        """Create the contact-only partner where missing (sudo: officers are not
        partner managers, and the partner must carry nothing else)."""
        missing = self.filtered(lambda p: not p.partner_id and not p.is_anonymized)
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(tracking_disable=True, mail_create_nolog=True)
            .create([person._prepare_partner_values() for person in missing])
        )
        for person, partner in zip(missing, partners, strict=True):
            person.sudo().partner_id = partner
        return self.mapped("partner_id")

    def _sync_partner(self):
        for person in self.filtered("partner_id"):
            values = person._prepare_partner_values()
            values.pop("lang")
            person.partner_id.sudo().write(values)

    def _get_consulted_beneficiaries(self):
        return self

    def _touch_activity(self):
        """Restart the retention clock (a visit, a case...).

        Files already touched (or created) in this transaction are left as
        they are: the clock counts in days, and a bulk import would otherwise
        rewrite every person it has just created.
        """
        started = self.env.cr.now().replace(microsecond=0)
        people = self.sudo().filtered(
            lambda person: (
                not person.last_activity_date or person.last_activity_date < started
            )
        )
        people.write({"last_activity_date": fields.Datetime.now()})

    def _get_anonymized_values(self):
        values = dict.fromkeys(ANONYMIZED_FIELDS, False)
        values.update(
            is_anonymized=True,
            anonymized_date=fields.Datetime.now(),
            active=False,
        )
        return values

    def _anonymize(self):
        """Wipe what identifies the person, keep what statistics need."""
        if not self:
            return
        self = self.sudo().with_context(
            active_test=False, tracking_disable=True, baom_anonymizing=True
        )
        # Own prefetch set: the write below empties the people's partner_id, which
        # would leave the partners nothing to prefetch with (one query each).
        partners = self.partner_id.with_prefetch()
        values = self._get_anonymized_values()
        # One write per birth decade (a handful, whatever the batch size): the
        # band is written together with the cleared birth date so that the
        # stored compute keeps it.
        for band, people in self.grouped("birth_band").items():
            people.write(dict(values, birth_band=band))
        # Chatter bodies and tracking values repeat names and numbers.
        messages = self.env["mail.message"].search(
            [("model", "=", self._name), ("res_id", "in", self.ids)]
        )
        messages.unlink()
        self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        self.activity_ids.unlink()
        self.message_follower_ids.unlink()
        if partners:
            partners.write(
                {
                    "name": self.env._("Anonymised contact"),
                    "email": False,
                    "phone": False,
                    "street": False,
                    "street2": False,
                    "city": False,
                    "zip": False,
                    "comment": False,
                    "vat": False,
                    "active": False,
                }
            )
            self.env["ir.attachment"].search(
                [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)]
            ).unlink()
            partners.user_ids.write({"active": False})
        self._after_anonymize()

    def _after_anonymize(self):
        """Hook for addons holding more personal data about these people."""

    @api.model
    def _get_retention_cutoff(self):
        years = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("baom_base.retention_years", 5)
            or 5
        )
        return fields.Datetime.now() - relativedelta(years=years)

    @api.model
    def _cron_apply_retention(self, batch_size=RETENTION_BATCH_SIZE):
        """Anonymise every beneficiary inactive for longer than the retention period."""
        domain = [
            ("is_anonymized", "=", False),
            ("last_activity_date", "<", self._get_retention_cutoff()),
        ]
        people = self.sudo().with_context(active_test=False)
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        while True:
            batch = people.search(domain, limit=batch_size, order="id")
            if not batch:
                break
            batch._anonymize()
            if not in_cron:
                continue
            remaining = people.search_count(domain)
            if (
                self.env["ir.cron"]._commit_progress(len(batch), remaining=remaining)
                <= 0
            ):
                break
