import datetime
import json

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

# Who works in or supervises an office: the record rules depend on them.
PEOPLE_FIELDS = {"officer_ids", "backup_officer_id", "supervisor_ids", "active"}


class BaomOffice(models.Model):
    """A BAOM: a commune's reception and orientation office for migrants."""

    _name = "baom.office"
    _description = "BAOM Office"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    # identity
    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code used in case references, e.g. BELFAA.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Address",
        help="The commune office where people are received (public information).",
    )
    commune = fields.Char(translate=True)
    region_id = fields.Many2one(
        "res.country.state",
        domain="[('country_id.code', '=', 'MA')]",
        tracking=True,
        help="The region of Morocco the commune belongs to: the network's figures "
        "are grouped by it.",
    )
    phone = fields.Char()
    email = fields.Char()
    # people
    officer_ids = fields.Many2many(
        "res.users",
        "baom_office_officer_rel",
        "office_id",
        "user_id",
        string="Officers",
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("baom_base.group_baom_officer").id)
        ],
        tracking=True,
        help="Users who register people and work their cases in this office.",
    )
    backup_officer_id = fields.Many2one(
        "res.users",
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("baom_base.group_baom_officer").id)
        ],
        tracking=True,
        help="Takes over when the trained officer is absent; sees the office's "
        "files like an officer.",
    )
    supervisor_ids = fields.Many2many(
        "res.users",
        "baom_office_supervisor_rel",
        "office_id",
        "user_id",
        string="Supervisors",
        tracking=True,
        help="Service head or elected official: dashboards and reports, never "
        "personal data.",
    )
    # services
    opening_hours = fields.Text(translate=True)
    language_ids = fields.Many2many("baom.language", string="Languages Spoken")
    profile_ids = fields.Many2many(
        "baom.profile",
        string="Publics Served",
        help="Leave empty when the office serves every public.",
    )
    note = fields.Html()
    import_mapping = fields.Json(
        groups="base.group_system",
        copy=False,
        help="Column titles of this office's workbook and the registry field each "
        "one fills, remembered from the last import.",
    )
    import_value_answers = fields.Json(
        groups="base.group_system",
        copy=False,
        help="What the ambiguous or unknown values of this office's workbook mean "
        "({field: {value: key}}), as the officer said at the last import.",
    )
    import_column_choices = fields.Json(
        groups="base.group_system",
        copy=False,
        help="What to do with the workbook columns that fill no registry field "
        "({column title: 'note' or 'ignore'}), as the officer said at the last "
        "import.",
    )
    # dashboard figures (aggregates only)
    beneficiary_count = fields.Integer(compute="_compute_dashboard_counts")
    visit_month_count = fields.Integer(compute="_compute_dashboard_counts")
    visit_today_count = fields.Integer(
        "Received Today", compute="_compute_dashboard_counts"
    )
    visit_week_count = fields.Integer(
        "Received This Week", compute="_compute_dashboard_counts"
    )
    register_graph = fields.Text(
        "Register Chart",
        compute="_compute_dashboard_counts",
        help="People received each day of the current month (dashboard chart).",
    )
    is_my_office = fields.Boolean(
        compute="_compute_is_my_office", search="_search_is_my_office"
    )
    is_supervised_office = fields.Boolean(
        "Supervised by Me",
        compute="_compute_is_supervised_office",
        search="_search_is_supervised_office",
    )

    _code_company_uniq = models.Constraint(
        "UNIQUE(code, company_id)", "The office code must be unique per commune."
    )

    def _compute_dashboard_counts(self):
        # Aggregates are not personal data: supervisors see them on the dashboard.
        beneficiaries = dict(
            self.env["baom.beneficiary"]
            .sudo()
            ._read_group([("office_id", "in", self.ids)], ["office_id"], ["__count"])
        )
        today = fields.Date.context_today(self)
        month_start = today.replace(day=1)
        week_start = today - datetime.timedelta(days=today.weekday())
        per_day = {}
        for office, day, people in (
            self.env["baom.visit"]
            .sudo()
            ._read_group(
                [
                    ("office_id", "in", self.ids),
                    ("visit_date", ">=", min(month_start, week_start)),
                ],
                ["office_id", "visit_date:day"],
                ["people_count:sum"],
            )
        ):
            per_day.setdefault(office, {})[day.date()] = people or 0
        for office in self:
            days = per_day.get(office._origin, {})
            office.beneficiary_count = beneficiaries.get(office._origin, 0)
            office.visit_month_count = sum(
                people for day, people in days.items() if day >= month_start
            )
            office.visit_week_count = sum(
                people for day, people in days.items() if day >= week_start
            )
            office.visit_today_count = days.get(today, 0)
            office.register_graph = self._get_register_graph(days, today)

    @api.depends_context("uid")
    def _compute_is_my_office(self):
        user = self.env.user
        for office in self:
            office.is_my_office = user in office.officer_ids or (
                user == office.backup_officer_id
            )

    def _compute_is_supervised_office(self):
        for office in self:
            office.is_supervised_office = self.env.user in office.supervisor_ids

    def _search_is_supervised_office(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = Domain("supervisor_ids", "in", self.env.uid)
        return domain if (operator == "=") == value else ~domain

    def _search_is_my_office(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = Domain("officer_ids", "in", self.env.uid) | Domain(
            "backup_officer_id", "=", self.env.uid
        )
        return domain if (operator == "=") == value else ~domain

    @api.constrains("officer_ids", "backup_officer_id")
    def _check_officers_are_baom_officers(self):
        officer_group = self.env.ref("baom_base.group_baom_officer")
        for office in self:
            users = office.officer_ids | office.backup_officer_id
            outsiders = users.filtered(lambda u: officer_group not in u.all_group_ids)
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%(users)s must be in the BAOM Officer group before working "
                        "in office %(office)s.",
                        users=", ".join(outsiders.mapped("name")),
                        office=office.name,
                    )
                )

    @api.constrains("region_id")
    def _check_region_in_morocco(self):
        morocco = self.env.ref("base.ma")
        for office in self:
            if office.region_id and office.region_id.country_id != morocco:
                raise ValidationError(
                    self.env._(
                        "The region of office %(office)s must be a region of Morocco.",
                        office=office.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        offices = super().create(vals_list)
        self._clear_rule_cache()
        (offices.officer_ids | offices.backup_officer_id)._sync_baom_officers_network()
        return offices

    def write(self, vals):
        people_change = PEOPLE_FIELDS & set(vals)
        if people_change:
            officers_before = self.sudo().officer_ids | self.sudo().backup_officer_id
        result = super().write(vals)
        if people_change:
            self._clear_rule_cache()
            (
                officers_before | self.officer_ids | self.backup_officer_id
            )._sync_baom_officers_network()
        return result

    def unlink(self):
        officers = self.sudo().officer_ids | self.sudo().backup_officer_id
        result = super().unlink()
        self._clear_rule_cache()
        officers._sync_baom_officers_network()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_files(self):
        for model in ("baom.beneficiary", "baom.household", "baom.visit"):
            if (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search_count([("office_id", "in", self.ids)], limit=1)
            ):
                raise UserError(
                    self.env._(
                        "An office that has registered people or visits cannot be "
                        "deleted: archive it instead."
                    )
                )

    @api.model
    @api.model
    def _get_register_graph(self, people_per_day, today):
        """The month's register as Odoo's dashboard bar chart expects it."""
        month_start = today.replace(day=1)
        next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
        values = []
        day = month_start
        while day < next_month:
            values.append(
                {
                    "label": str(day.day),
                    "value": people_per_day.get(day, 0),
                    "type": "past"
                    if day < today
                    else "present"
                    if day == today
                    else "future",
                }
            )
            day += datetime.timedelta(days=1)
        return json.dumps(
            [
                {
                    "values": values,
                    "key": self.env._("People received"),
                    "title": "",
                    "is_sample_data": False,
                }
            ]
        )

    def _get_my_offices(self):
        """Offices where the current user works as officer or backup officer."""
        return self.search([("is_my_office", "=", True)])

    def _clear_rule_cache(self):
        """Record rules read the user's offices once and cache the result."""
        self.env["res.users"].invalidate_model(
            ["baom_officer_office_ids", "baom_supervisor_office_ids"]
        )
        self.env.registry.clear_cache()

    def action_open_beneficiaries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_base.baom_beneficiary_action"
        )
        action["domain"] = [("office_id", "=", self.id)]
        action["context"] = {"default_office_id": self.id}
        return action

    def action_open_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_base.baom_visit_action"
        )
        action["domain"] = [("office_id", "=", self.id)]
        action["context"] = {"default_office_id": self.id}
        return action

    def action_log_visit(self):
        """One click from the dashboard: a new reception-register line."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Visit"),
            "res_model": "baom.visit",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_office_id": self.id},
        }
