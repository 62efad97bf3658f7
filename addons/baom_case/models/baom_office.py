import ast

from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.base.models.ir_sequence import _update_nogap


class BaomOffice(models.Model):
    _name = "baom.office"
    _inherit = ["baom.office", "mail.alias.mixin"]

    case_sequence_id = fields.Many2one(
        "ir.sequence",
        "Case Reference Sequence",
        readonly=True,
        copy=False,
        help="Created with the office's first case: CODE/year/number.",
    )
    case_ids = fields.One2many("baom.case", "office_id", "Cases")
    open_case_count = fields.Integer(compute="_compute_open_case_count")
    overdue_case_count = fields.Integer(
        "Cases Past Their Deadline", compute="_compute_open_case_count"
    )
    waiting_case_count = fields.Integer(
        "Cases Waiting on an Administration", compute="_compute_open_case_count"
    )
    case_stage_summary = fields.Html(
        "Open Cases by Stage", compute="_compute_open_case_count"
    )

    def _compute_open_case_count(self):
        # Aggregates (not personal data): supervisors see them on the dashboard.
        today = fields.Date.context_today(self)
        open_cases = [("office_id", "in", self.ids), ("is_closed", "=", False)]
        Case = self.env["baom.case"].sudo()
        by_stage = Case._read_group(
            open_cases, ["office_id", "stage_id"], ["__count"], order="stage_id"
        )
        overdue = dict(
            Case._read_group(
                open_cases + [("date_deadline", "<", today)],
                ["office_id"],
                ["__count"],
            )
        )
        # Same test as the cases' "Waiting on Administration" filter.
        waiting = dict(
            Case._read_group(
                open_cases + [("kanban_state", "=", "blocked")],
                ["office_id"],
                ["__count"],
            )
        )
        stages = {}
        for office, stage, count in by_stage:
            stages.setdefault(office, []).append((stage, count))
        for office in self:
            office_stages = stages.get(office._origin, [])
            office.open_case_count = sum(count for _stage, count in office_stages)
            office.waiting_case_count = waiting.get(office._origin, 0)
            office.overdue_case_count = overdue.get(office._origin, 0)
            office.case_stage_summary = self._get_stage_summary(office_stages)

    @api.model
    def _get_stage_summary(self, stages):
        """A small list "stage: count" for the dashboard card (escaped)."""
        if not stages:
            return Markup("")
        items = Markup("").join(
            Markup(
                '<li class="d-flex justify-content-between">'
                '<span>%s</span><span class="fw-bold">%s</span></li>'
            )
            % (stage.name, count)
            for stage, count in stages
        )
        return Markup('<ul class="list-unstyled mb-0 small">%s</ul>') % items

    # ------------------------------------------------------------
    # MAIL ALIAS
    # ------------------------------------------------------------

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("baom.case")
        if self.id:
            defaults = ast.literal_eval(self.alias_defaults or "{}")
            defaults["office_id"] = self.id
            values["alias_defaults"] = repr(defaults)
            if not self.alias_name and self.code:
                name = self._get_free_alias_name()
                if name:
                    values["alias_name"] = name
        return values

    def _get_free_alias_name(self):
        """``baom-<code>`` when nobody uses it yet, so that each office gets a
        working address as soon as the commune configures its mail domain."""
        self.ensure_one()
        name = self.env["mail.alias"]._sanitize_alias_name(f"baom-{self.code}")
        if self.env["mail.alias"].sudo().search_count([("alias_name", "=", name)]):
            return False
        return name

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_new_case(self):
        self.ensure_one()
        return self.env["baom.case"]._get_records_action(
            name=self.env._("New Case"), context={"default_office_id": self.id}
        )

    def action_open_overdue_cases(self):
        action = self.action_open_cases()
        action["context"] = dict(action["context"], search_default_overdue=1)
        return action

    def action_open_waiting_cases(self):
        action = self.action_open_cases()
        action["context"] = dict(action["context"], search_default_waiting=1)
        return action

    def action_open_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_case.baom_case_action"
        )
        action["domain"] = [("office_id", "=", self.id)]
        action["context"] = {"default_office_id": self.id}
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _get_case_sequence(self):
        """The office's own reference sequence, created on first use."""
        self.ensure_one()
        if not self.case_sequence_id:
            sequence = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Cases of %(office)s", office=self.code),
                        # No hole in an office's register of cases; offices
                        # have one or two officers, so waiting on the row
                        # lock costs nothing.
                        "implementation": "no_gap",
                        "prefix": f"{self.code}/%(range_year)s/",
                        "padding": 4,
                        "use_date_range": True,
                        "company_id": self.company_id.id,
                    }
                )
            )
            self.sudo().case_sequence_id = sequence
        return self.case_sequence_id.sudo()

    def _next_case_references(self, dates):
        """The references of new cases opened on ``dates`` (in that order),
        as one by one, but with one lock per year of the register instead of
        one per case (imports)."""
        self.ensure_one()
        sequence = self._get_case_sequence()
        if not (sequence.use_date_range and sequence.implementation == "no_gap"):
            return [sequence.next_by_id(sequence_date=date) for date in dates]
        DateRange = self.env["ir.sequence.date_range"].sudo()
        ranges = DateRange.browse()
        positions = {}
        for position, date in enumerate(dates):
            date_range = next(
                (r for r in ranges if r.date_from <= date <= r.date_to), None
            )
            if date_range is None:
                date_range = DateRange.search(
                    [
                        ("sequence_id", "=", sequence.id),
                        ("date_from", "<=", date),
                        ("date_to", ">=", date),
                    ],
                    limit=1,
                ) or sequence._create_date_range_seq(date)
                ranges |= date_range
            positions.setdefault(date_range, []).append(position)
        references = [None] * len(dates)
        step = sequence.number_increment
        for date_range, indexes in positions.items():
            # ir.sequence's own no-gap reservation, for several numbers at once.
            first = _update_nogap(date_range, step * len(indexes))
            # get_next_char(), with the prefix and suffix interpolated once
            # per year rather than once per case.
            prefix, suffix = sequence.with_context(
                ir_sequence_date_range=date_range.date_from
            )._get_prefix_suffix()
            padding = sequence.padding
            for offset, index in enumerate(indexes):
                number = first + step * offset
                references[index] = f"{prefix}{number:0{padding}d}{suffix}"
        return references
