import datetime
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.amounts import amount_to_words

CONVENTION_TYPES = [
    ("founding", "Founding convention (M&D - commune)"),
    ("cooperation", "Cooperation protocol with an institution"),
    ("twinning", "Twinning with a foreign commune"),
    ("funding", "Funding agreement"),
    ("other", "Other"),
]
CONVENTION_STATES = [
    ("draft", "Draft"),
    ("negotiation", "Negotiation"),
    ("active", "Active"),
    ("expired", "Expired"),
    ("terminated", "Terminated"),
]
RENEWALS = [
    ("none", "No renewal"),
    ("tacit", "Tacit renewal"),
    ("on_request", "Renewal on request"),
]


class BaomConvention(models.Model):
    """A partnership convention or cooperation protocol, and what it commits
    each party to."""

    _name = "baom.convention"
    _description = "BAOM Partnership Convention"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # identity
    name = fields.Char(required=True, tracking=True)
    reference = fields.Char(
        tracking=True, copy=False, help="Number given when the convention was signed."
    )
    convention_type = fields.Selection(
        CONVENTION_TYPES,
        "Type",
        required=True,
        default="founding",
        tracking=True,
    )
    purpose = fields.Text(
        "Object", help="What the parties agree to do together (printed as is)."
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "baom_convention_partner_rel",
        "convention_id",
        "partner_id",
        string="Parties",
        tracking=True,
        help="The signatories: the commune, M&D, an institution, a foreign commune.",
    )
    office_id = fields.Many2one(
        "baom.office",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The office the convention concerns. Empty: the whole commune.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        "Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="Receives the review and renewal activities.",
    )
    service_ids = fields.Many2many(
        "baom.service",
        string="Services Covered",
        help="Services of the guide this convention opens to the office's public.",
    )
    active = fields.Boolean(default=True)
    # dates and life cycle
    date_signed = fields.Date("Signed On", tracking=True, copy=False)
    date_start = fields.Date("Start Date", tracking=True)
    date_end = fields.Date("End Date", tracking=True)
    state = fields.Selection(
        CONVENTION_STATES,
        required=True,
        default="draft",
        index=True,
        tracking=True,
        copy=False,
    )
    renewal = fields.Selection(RENEWALS, required=True, default="none", tracking=True)
    notice_days = fields.Integer(
        "Notice (days)",
        default=90,
        help="A party gives notice (tacit renewal) or asks for the renewal "
        "(renewal on request) at least this many days before the end date.",
    )
    renewal_months = fields.Integer(
        "Renewal Period (months)",
        help="How long a tacit renewal extends the convention. Empty: as long "
        "as the convention's own duration.",
    )
    reminder_days = fields.Integer(
        "Reminder (days)",
        default=30,
        help="The responsible gets a review activity this many days before the "
        "date to decide (end date, less the notice when there is a renewal).",
    )
    date_decision = fields.Date(
        "Decide By",
        compute="_compute_dates_review",
        store=True,
        help="Last day to give notice or ask for the renewal (end date without "
        "renewal).",
    )
    date_review = fields.Date(
        "Review From",
        compute="_compute_dates_review",
        store=True,
        index="btree_not_null",
        help="From this day the responsible gets a review activity.",
    )
    review_scheduled = fields.Boolean(
        compute="_compute_review_scheduled",
        store=True,
        readonly=False,
        copy=False,
        help="The review activity of the current end date was given "
        "(set again to no when the end date changes).",
    )
    # signed document
    signed_document = fields.Binary(attachment=True, copy=False)
    signed_document_name = fields.Char(copy=False)
    # funding
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: (
            self.env.ref("base.MAD", raise_if_not_found=False)
            or self.env.company.currency_id
        ),
    )
    funding_ids = fields.One2many("baom.convention.funding", "convention_id", copy=True)
    amount_total = fields.Monetary(
        "Total Amount",
        compute="_compute_amount_total",
        store=True,
        help="Sum of the funding lines, in the convention's currency.",
    )
    # obligations
    obligation_ids = fields.One2many(
        "baom.convention.obligation", "convention_id", "Obligations", copy=True
    )
    obligation_count = fields.Integer(compute="_compute_obligation_counts")
    obligation_late_count = fields.Integer(
        "Late Obligations", compute="_compute_obligation_counts"
    )
    print_lang = fields.Selection(
        "_get_print_langs",
        "Print Language",
        help="Language of the printed convention. Empty: the user's language.",
    )

    _reference_company_uniq = models.Constraint(
        "UNIQUE(reference, company_id)",
        "A convention reference is used once per commune.",
    )

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.model
    def _get_print_langs(self):
        return self.env["res.lang"].get_installed()

    @api.depends("date_end", "renewal", "notice_days", "reminder_days")
    def _compute_dates_review(self):
        for convention in self:
            if not convention.date_end:
                convention.date_decision = convention.date_review = False
                continue
            notice = convention.notice_days if convention.renewal != "none" else 0
            decision = convention.date_end - relativedelta(days=max(notice, 0))
            convention.date_decision = decision
            convention.date_review = decision - relativedelta(
                days=max(convention.reminder_days, 0)
            )

    @api.depends("date_end")
    def _compute_review_scheduled(self):
        self.review_scheduled = False

    @api.depends(
        "funding_ids.amount",
        "funding_ids.currency_id",
        "currency_id",
        "date_signed",
        "company_id",
    )
    def _compute_amount_total(self):
        for convention in self:
            convention.amount_total = sum(
                line._amount_in(convention.currency_id)
                for line in convention.funding_ids
            )

    def _compute_obligation_counts(self):
        counts = defaultdict(int)
        late = defaultdict(int)
        for convention, state, count in self.env[
            "baom.convention.obligation"
        ]._read_group(
            [("convention_id", "in", self.ids)],
            ["convention_id", "state"],
            ["__count"],
        ):
            counts[convention.id] += count
            if state == "late":
                late[convention.id] += count
        for convention in self:
            convention.obligation_count = counts[convention.id]
            convention.obligation_late_count = late[convention.id]

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for convention in self:
            if (
                convention.date_start
                and convention.date_end
                and convention.date_end < convention.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The convention %(name)s ends before it starts.",
                        name=convention.name,
                    )
                )

    @api.constrains("notice_days", "renewal_months", "reminder_days")
    def _check_periods(self):
        for convention in self:
            if (
                min(
                    convention.notice_days,
                    convention.renewal_months,
                    convention.reminder_days,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Notice, renewal period and reminder of %(name)s cannot "
                        "be negative.",
                        name=convention.name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_negotiate(self):
        self._check_state_for("draft", "negotiation")
        self.state = "negotiation"

    def action_activate(self):
        self._check_state_for("draft", "negotiation", "expired")
        for convention in self:
            if not (convention.date_start and convention.partner_ids):
                raise UserError(
                    self.env._(
                        "Give the parties and the start date of %(name)s before "
                        "putting it in force.",
                        name=convention.name,
                    )
                )
            if convention.date_end and convention.date_end < fields.Date.today():
                raise UserError(
                    self.env._(
                        "%(name)s ended on %(date)s: extend its end date first.",
                        name=convention.name,
                        date=convention.date_end,
                    )
                )
        self.state = "active"

    def action_terminate(self):
        self._check_state_for("active", "negotiation")
        self.state = "terminated"

    def action_draft(self):
        self._check_state_for("negotiation", "terminated")
        self.state = "draft"

    def action_view_obligations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_referral.baom_convention_obligation_action"
        )
        action["domain"] = [("convention_id", "=", self.id)]
        action["context"] = {"default_convention_id": self.id}
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _check_state_for(self, *states):
        wrong = self.filtered(lambda convention: convention.state not in states)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(name)s is %(state)s: this step is not possible now.",
                    name=wrong[0].name,
                    state=labels[wrong[0].state],
                )
            )

    def _get_renewal_delta(self):
        """How far a tacit renewal pushes the end date."""
        self.ensure_one()
        if self.renewal_months:
            return relativedelta(months=self.renewal_months)
        if self.date_start and self.date_end:
            return relativedelta(days=(self.date_end - self.date_start).days + 1)
        return relativedelta(years=1)

    def _get_funding_summary(self):
        """Totals of the funding lines per party and per year, in the
        convention's currency: [(partner, amount)], [(year, amount)]."""
        self.ensure_one()
        by_party = defaultdict(float)
        by_year = defaultdict(float)
        for line in self.funding_ids:
            amount = line._amount_in(self.currency_id)
            by_party[line.partner_id] += amount
            by_year[line.year] += amount
        return (
            sorted(by_party.items(), key=lambda item: item[0].name or ""),
            sorted(by_year.items(), key=lambda item: item[0] or 0),
        )

    def _get_report_obligations(self):
        """The commitments to print: each one once, recurring ones by their
        current occurrence (past occurrences stay in the obligations list)."""
        self.ensure_one()
        return self.obligation_ids.filtered(
            lambda obligation: not obligation.next_obligation_id
        ).sorted(
            lambda obligation: (
                obligation.partner_id.name or "",
                obligation.date_due or datetime.date.max,
                obligation.id,
            )
        )

    def _amount_in_words(self, amount, lang=None):
        """The amount in words, in the printed language, with the currency."""
        return amount_to_words(
            amount, lang or self.env.lang or "fr", self.currency_id.name or "MAD"
        )

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_convention_deadlines(self):
        """Daily: renew tacitly, expire, remind before the end, flag late
        obligations. Running it twice in a day changes nothing more."""
        today = fields.Date.context_today(self)
        self._renew_tacit(today)
        self._expire(today)
        self._schedule_reviews(today)
        self.env["baom.convention.obligation"]._mark_late(today)

    @api.model
    def _renew_tacit(self, today):
        conventions = self.search(
            [
                ("state", "=", "active"),
                ("renewal", "=", "tacit"),
                ("date_end", "<", today),
            ]
        )
        renewed = defaultdict(lambda: self.browse())
        for convention in conventions:
            delta = convention._get_renewal_delta()
            date_end = convention.date_end
            while date_end < today:
                date_end += delta
            renewed[date_end] |= convention
        # One write per new end date, one batch of notes for them all.
        bodies = {}
        for date_end, group in renewed.items():
            group.date_end = date_end
            body = self.env._(
                "No party gave notice: the convention is tacitly renewed "
                "until %(date)s.",
                date=date_end,
            )
            bodies.update(dict.fromkeys(group.ids, body))
        if bodies:
            conventions._message_log_batch(bodies)
        return conventions

    @api.model
    def _expire(self, today):
        conventions = self.search(
            [
                ("state", "=", "active"),
                ("renewal", "!=", "tacit"),
                ("date_end", "<", today),
            ]
        )
        conventions.state = "expired"
        return conventions

    @api.model
    def _schedule_reviews(self, today):
        conventions = self.search(
            [
                ("state", "=", "active"),
                ("review_scheduled", "=", False),
                ("date_review", "<=", today),
                ("date_end", ">=", today),
            ]
        )
        if not conventions:
            return conventions
        activity_type = self.env.ref(
            "baom_referral.mail_activity_type_convention_review"
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for convention in conventions:
            if convention.renewal == "tacit":
                summary = self.env._(
                    "Renewed tacitly on %(date)s unless a party gives notice",
                    date=convention.date_end,
                )
            elif convention.renewal == "on_request":
                summary = self.env._(
                    "Ask for the renewal before %(date)s", date=convention.date_decision
                )
            else:
                summary = self.env._(
                    "Ends on %(date)s: review", date=convention.date_end
                )
            vals_list.append(
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "automated": True,
                    "res_id": convention.id,
                    "summary": summary,
                    "date_deadline": max(convention.date_decision, today),
                    "user_id": (convention.user_id or convention.create_uid).id,
                }
            )
        self.env["mail.activity"].create(vals_list)
        conventions.review_scheduled = True
        return conventions


class BaomConventionFunding(models.Model):
    """An amount a party commits to a convention for one year."""

    _name = "baom.convention.funding"
    _description = "BAOM Convention Funding"
    _order = "convention_id, year, id"

    convention_id = fields.Many2one(
        "baom.convention", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", "Party", required=True, help="Who pays this amount."
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    amount = fields.Monetary(required=True)
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: (
            self.env.ref("base.MAD", raise_if_not_found=False)
            or self.env.company.currency_id
        ),
    )
    note = fields.Char(help="What the amount pays for.")

    @api.constrains("amount", "year")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(
                    self.env._("A funding amount cannot be negative.")
                )
            if not 1950 <= line.year <= 2200:
                raise ValidationError(
                    self.env._("%(year)s is not a valid year.", year=line.year)
                )

    def _amount_in(self, currency):
        self.ensure_one()
        if not currency or self.currency_id == currency:
            return self.amount
        convention = self.convention_id
        return self.currency_id._convert(
            self.amount,
            currency,
            convention.company_id or self.env.company,
            convention.date_signed or datetime.date(self.year, 1, 1),
        )
