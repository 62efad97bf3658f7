import datetime

from odoo import api, fields, models

# Units that add up over the year: the target is reached step by step, so an
# objective is on track when its progress follows the calendar.
CUMULATIVE_UNITS = ("people", "cases", "count")


class BaomObjective(models.Model):
    """A yearly target of one office on one indicator; the rolling three-year
    programme (programmation triennale glissante) is the objectives of the
    current year and the next two, copied forward and adjusted each year."""

    _name = "baom.objective"
    _description = "BAOM Objective"
    _order = "year desc, office_id, indicator_id"
    _rec_name = "indicator_id"

    office_id = fields.Many2one("baom.office", required=True, index=True)
    company_id = fields.Many2one(related="office_id.company_id", store=True)
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    indicator_id = fields.Many2one("baom.indicator", required=True, ondelete="cascade")
    unit = fields.Selection(related="indicator_id.unit")
    target = fields.Float(required=True, digits=(16, 1))
    actual = fields.Float(
        compute="_compute_actual",
        store=True,
        digits=(16, 1),
        help="Computed from the office's records; refreshed every night.",
    )
    progress = fields.Float(
        "Progress (%)", compute="_compute_progress", store=True, digits=(16, 0)
    )
    status = fields.Selection(
        [
            ("on_track", "On track"),
            ("late", "Late"),
            ("not_started", "Not started"),
        ],
        compute="_compute_progress",
        store=True,
    )
    note = fields.Text()

    _office_year_indicator_uniq = models.Constraint(
        "UNIQUE(office_id, year, indicator_id)",
        "An office has one objective per indicator and year.",
    )
    _target_positive = models.Constraint(
        "CHECK(target >= 0)", "A target cannot be negative."
    )

    @api.depends("office_id", "year", "indicator_id")
    def _compute_actual(self):
        Indicator = self.env["baom.indicator"].sudo()
        groups = {}
        for objective in self:
            if objective.office_id and objective.indicator_id and objective.year:
                key = (objective.indicator_id.id, objective.year)
                groups.setdefault(key, self.browse())
                groups[key] |= objective
            objective.actual = 0.0
        for (indicator_id, year), objectives in groups.items():
            indicator = Indicator.browse(indicator_id)
            values = indicator._compute_values(
                objectives.office_id,
                datetime.date(year, 1, 1),
                datetime.date(year + 1, 1, 1),
                dimensions=[],
            ).get(indicator, [])
            totals = {
                office_id: value
                for office_id, dimension, _key, value, _base in values
                if dimension == "total"
            }
            for objective in objectives:
                objective.actual = totals.get(objective.office_id.id) or 0.0

    @api.depends("actual", "target", "year", "indicator_id.higher_is_better")
    def _compute_progress(self):
        today = fields.Date.context_today(self)
        for objective in self:
            indicator = objective.indicator_id
            target, actual = objective.target, objective.actual
            if not target or not indicator:
                objective.progress = 0.0
                objective.status = False
                continue
            if indicator.higher_is_better:
                objective.progress = 100.0 * actual / target
            else:
                objective.progress = 100.0 * target / actual if actual else 0.0
            if objective.year > today.year:
                objective.status = "not_started"
                continue
            if indicator.unit in CUMULATIVE_UNITS:
                start = datetime.date(objective.year, 1, 1)
                days = (datetime.date(objective.year + 1, 1, 1) - start).days
                elapsed = min(1.0, ((today - start).days + 1) / days)
                on_track = actual >= target * elapsed
            elif indicator.higher_is_better:
                on_track = actual >= target
            else:
                on_track = bool(actual) and actual <= target
            objective.status = "on_track" if on_track else "late"

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_copy_forward(self):
        """Copy the selected objectives to the next year (existing ones are
        kept): the rolling programme moves on one year, targets to adjust."""
        existing = {
            (o.office_id.id, o.year, o.indicator_id.id)
            for o in self.search(
                [
                    ("office_id", "in", self.office_id.ids),
                    ("year", "in", [year + 1 for year in self.mapped("year")]),
                ]
            )
        }
        values = []
        for objective in self:
            key = (
                objective.office_id.id,
                objective.year + 1,
                objective.indicator_id.id,
            )
            if key in existing:
                continue
            existing.add(key)
            values.append(
                {
                    "office_id": objective.office_id.id,
                    "year": objective.year + 1,
                    "indicator_id": objective.indicator_id.id,
                    "target": objective.target,
                }
            )
        created = self.create(values)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Objectives copied forward"),
            "res_model": self._name,
            "view_mode": "list,form",
            "domain": [("id", "in", created.ids)],
        }

    def action_refresh(self):
        self._recompute_actuals()
        return True

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _recompute_actuals(self):
        self.env.add_to_compute(self._fields["actual"], self)
        self._recompute_recordset(["actual"])
        # The status follows the calendar too: recompute it even when the
        # actual did not change.
        for name in ("progress", "status"):
            self.env.add_to_compute(self._fields[name], self)
        self._recompute_recordset(["progress", "status"])

    @api.model
    def _cron_refresh_objectives(self):
        """Nightly: actuals of this year's and last year's objectives."""
        year = fields.Date.context_today(self).year
        self.search([("year", "in", [year - 1, year])])._recompute_actuals()
