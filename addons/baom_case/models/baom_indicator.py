import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.baom_base.tools.selections import (
    GENDERS,
    NOT_RECORDED,
    PROFILES,
)

from .baom_case import AGE_BAND_SELECTION

# The disaggregations a snapshot may publish, defined once: snapshot lines,
# indicators and the consolidated dashboard read this list.
DIMENSION_SELECTION = [
    ("total", "Total"),
    ("gender", "Gender"),
    ("profile", "Profile"),
    ("age_band", "Age Band"),
    ("nationality_group", "Nationality Group"),
    ("need", "Need Category"),
]
DISAGGREGATIONS = tuple(key for key, _label in DIMENSION_SELECTION[1:])
NATIONALITY_GROUPS = ("moroccan", "foreign")
UNIT_SELECTION = [
    ("people", "People"),
    ("cases", "Cases"),
    ("days", "Days"),
    ("score", "Score (1-5)"),
    ("count", "Count"),
]


class BaomIndicator(models.Model):
    """An indicator the network follows, identified by a code stable across
    instances. What it counts is code (``_get_measure_functions``), never a
    formula typed by users: every instance computes it the same way."""

    _name = "baom.indicator"
    _description = "BAOM Indicator"
    _order = "sequence, code"

    code = fields.Char(
        required=True,
        help="Stable identifier, the same on every instance of the network.",
    )
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    unit = fields.Selection(UNIT_SELECTION, required=True, default="count")
    measure = fields.Selection(
        [
            ("people_received", "People received"),
            ("unique_people", "Unique people"),
            ("cases_opened", "Cases opened"),
            ("cases_closed", "Cases closed"),
            ("cases_resolved", "Cases resolved"),
            ("median_resolution_days", "Median resolution days"),
            ("satisfaction_average", "Satisfaction average"),
        ],
        required=True,
        help="What the indicator counts; other BAOM addons add their own "
        "measures (referrals, outreach, trainings).",
    )
    higher_is_better = fields.Boolean(
        default=True,
        help="Unchecked when a lower figure is better (resolution days): an "
        "objective is then met when the actual stays at or below the target.",
    )
    disaggregations = fields.Char(
        help="Comma-separated breakdowns it supports: gender, profile, "
        "age_band, nationality_group, need.",
    )
    is_computable = fields.Boolean(
        compute="_compute_is_computable",
        help="Whether this instance has the addon that computes the measure.",
    )

    _code_uniq = models.Constraint("UNIQUE(code)", "The indicator code must be unique.")

    def _compute_is_computable(self):
        functions = self._get_measure_functions()
        for indicator in self:
            indicator.is_computable = indicator.measure in functions

    @api.constrains("disaggregations")
    def _check_disaggregations(self):
        for indicator in self:
            unknown = set(indicator._get_dimensions()) - set(DISAGGREGATIONS)
            if unknown:
                raise ValidationError(
                    self.env._(
                        "Unknown disaggregation %(names)s on indicator %(code)s; "
                        "known: %(known)s.",
                        names=", ".join(sorted(unknown)),
                        code=indicator.code,
                        known=", ".join(DISAGGREGATIONS),
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _get_dimensions(self):
        self.ensure_one()
        return [
            name.strip()
            for name in (self.disaggregations or "").split(",")
            if name.strip()
        ]

    @api.model
    def _get_measure_functions(self):
        """Extension point: ``{measure: function}``.

        ``function(office_ids, date_from, date_to, dimensions)`` returns rows
        ``(office_id, dimension, dimension_value, value, base)``: one row
        ``('total', 'total')`` per office and one per value of each requested
        dimension; ``base`` is the number of records behind the value (the
        value itself for a count, the cases behind an average), the count the
        disclosure control judges. ``date_to`` is excluded. An addon adds
        measures by extending the selection and this method::

            def _get_measure_functions(self):
                return {**super()._get_measure_functions(),
                        "referrals_sent": self._compute_referrals_sent}
        """
        return {
            "people_received": self._compute_people_received,
            "unique_people": self._compute_unique_people,
            "cases_opened": self._compute_cases_opened,
            "cases_closed": self._compute_cases_closed,
            "cases_resolved": self._compute_cases_resolved,
            "median_resolution_days": self._compute_median_resolution_days,
            "satisfaction_average": self._compute_satisfaction_average,
        }

    @api.readonly
    def _compute_values(self, offices, date_from, date_to, dimensions=None):
        """``{indicator: rows}`` for ``offices`` from ``date_from`` (included)
        to ``date_to`` (excluded), computed as superuser: figures only, never
        a record, leave this method."""
        functions = self._get_measure_functions()
        result = {}
        for indicator in self:
            function = functions.get(indicator.measure)
            if not function:
                continue
            dims = (
                indicator._get_dimensions()
                if dimensions is None
                else [d for d in dimensions if d in indicator._get_dimensions()]
            )
            result[indicator] = function(offices.ids, date_from, date_to, dims)
        return result

    @api.model
    def _get_dimension_values(self, dimension):
        """Every value a dimension can take, so that zero cells are published
        (or hidden) rather than silently missing."""
        if dimension == "gender":
            return [*GENDERS, NOT_RECORDED]
        if dimension == "profile":
            return [*PROFILES, NOT_RECORDED]
        if dimension == "age_band":
            return [key for key, _label in AGE_BAND_SELECTION] + [NOT_RECORDED]
        if dimension == "nationality_group":
            return [*NATIONALITY_GROUPS, NOT_RECORDED]
        if dimension == "need":
            families = (
                self.env["baom.need.category"]
                .sudo()
                .with_context(active_test=False)
                .search([("parent_id", "=", False)])
            )
            return sorted({family.code or "other" for family in families}) + [
                NOT_RECORDED
            ]
        return []

    # ------------------------------------------------------------
    # MEASURES (set-based SQL on the statistics view)
    # ------------------------------------------------------------

    @api.model
    def _get_dimension_sql(self, dimensions=None):
        """``{dimension: SQL}`` of each disaggregation, defined once for every
        measure (baom_case, baom_referral, baom_events): the measure's source
        exposes ``gender``, ``profile``, ``age_band``, ``nationality_id`` with
        the country's ``nat_code``, and ``need_family_id`` with the family's
        ``fam_code``. ``dimensions`` restricts it to the ones the source has."""
        expressions = {
            "gender": SQL("gender"),
            "profile": SQL("profile"),
            "age_band": SQL("age_band"),
            "nationality_group": SQL(
                "CASE WHEN nationality_id IS NULL THEN %s "
                "WHEN nat_code = 'MA' THEN 'moroccan' ELSE 'foreign' END",
                NOT_RECORDED,
            ),
            "need": SQL(
                "CASE WHEN need_family_id IS NULL THEN %s "
                "ELSE COALESCE(fam_code, 'other') END",
                NOT_RECORDED,
            ),
        }
        if dimensions is None:
            return expressions
        return {name: expressions[name] for name in dimensions}

    @api.model
    def _grouping_query(self, source, dimension_sql, dimensions, value, base):
        """Run ``SELECT office, dimension, value, base`` over ``source`` with
        one grouping set per dimension (one query, however many dimensions)."""
        selected = [dimension_sql[d] for d in dimensions]
        grouping_sets = SQL(", ").join(
            [SQL("(office_id)")]
            + [SQL("(office_id, %s)", expression) for expression in selected]
        )
        columns = SQL(", ").join(
            [
                SQL("%s AS %s", expr, SQL.identifier(d))
                for d, expr in zip(dimensions, selected, strict=True)
            ]
            or [SQL("NULL")]
        )
        query = SQL(
            """
            SELECT office_id, %(columns)s, %(value)s, %(base)s
              FROM (%(source)s) r
          GROUP BY GROUPING SETS (%(sets)s)
            """,
            columns=columns,
            value=value,
            base=base,
            source=source,
            sets=grouping_sets,
        )
        self.env.cr.execute(query)
        rows = []
        for office_id, *cells in self.env.cr.fetchall():
            *keys, val, bas = cells
            keys = keys[: len(dimensions)]
            dimension, dimension_value = "total", "total"
            for name, key in zip(dimensions, keys, strict=True):
                if key is not None:
                    dimension, dimension_value = name, key
                    break
            rows.append((office_id, dimension, dimension_value, val, bas or 0))
        return rows

    @api.model
    def _report_measure(
        self, office_ids, date_from, date_to, dimensions, record_type, value, base
    ):
        """A measure over the rows of one type of the statistics view."""
        self.env["baom.case.report"].sudo().flush_model()
        self.env["baom.case"].flush_model()
        self.env["baom.visit"].flush_model()
        source = SQL(
            """
            SELECT r.*, nat.code AS nat_code, fam.code AS fam_code
              FROM baom_case_report r
         LEFT JOIN res_country nat ON nat.id = r.nationality_id
         LEFT JOIN baom_need_category fam ON fam.id = r.need_family_id
             WHERE r.office_id = ANY(%(offices)s)
               AND r.record_type = %(type)s
               AND r.date >= %(start)s AND r.date < %(end)s
            """,
            offices=list(office_ids),
            type=record_type,
            start=datetime.datetime.combine(date_from, datetime.time.min),
            end=datetime.datetime.combine(date_to, datetime.time.min),
        )
        dimension_sql = self._get_dimension_sql()
        return self._grouping_query(source, dimension_sql, dimensions, value, base)

    @api.model
    def _compute_people_received(self, office_ids, date_from, date_to, dimensions):
        value = SQL("SUM(people_count)")
        return self._report_measure(
            office_ids, date_from, date_to, dimensions, "visit", value, value
        )

    @api.model
    def _compute_cases_opened(self, office_ids, date_from, date_to, dimensions):
        value = SQL("COUNT(*)")
        return self._report_measure(
            office_ids, date_from, date_to, dimensions, "case", value, value
        )

    @api.model
    def _compute_cases_closed(self, office_ids, date_from, date_to, dimensions):
        value = SQL("COUNT(*)")
        return self._report_measure(
            office_ids, date_from, date_to, dimensions, "closure", value, value
        )

    @api.model
    def _compute_cases_resolved(self, office_ids, date_from, date_to, dimensions):
        value = SQL("SUM(resolved_count)")
        return self._report_measure(
            office_ids, date_from, date_to, dimensions, "closure", value, value
        )

    @api.model
    def _compute_median_resolution_days(
        self, office_ids, date_from, date_to, dimensions
    ):
        rows = self._report_measure(
            office_ids,
            date_from,
            date_to,
            dimensions,
            "closure",
            SQL("percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_days)"),
            SQL("COUNT(*)"),
        )
        return [
            (*row[:3], round(row[3], 1) if row[3] is not None else None, row[4])
            for row in rows
        ]

    @api.model
    def _compute_satisfaction_average(self, office_ids, date_from, date_to, dimensions):
        rows = self._report_measure(
            office_ids,
            date_from,
            date_to,
            dimensions,
            "closure",
            SQL("AVG(rating)"),
            SQL("SUM(rated_count)"),
        )
        return [
            (*row[:3], round(row[3], 2) if row[3] is not None else None, row[4])
            for row in rows
        ]

    @api.model
    def _compute_unique_people(self, office_ids, date_from, date_to, dimensions):
        """Registered people with a register entry or a case opened in the
        period, each counted once, broken down by what their file says."""
        self.env["baom.case"].flush_model()
        self.env["baom.visit"].flush_model()
        self.env["baom.beneficiary"].flush_model()
        start = datetime.datetime.combine(date_from, datetime.time.min)
        end = datetime.datetime.combine(date_to, datetime.time.min)
        source = SQL(
            """
            SELECT DISTINCT seen.office_id, b.id AS beneficiary_id,
                   COALESCE(b.gender, %(none)s) AS gender,
                   COALESCE(b.profile, %(none)s) AS profile,
                   b.nationality_id, nat.code AS nat_code
              FROM (
                    SELECT v.office_id, v.beneficiary_id
                      FROM baom_visit v
                     WHERE v.active AND v.beneficiary_id IS NOT NULL
                       AND v.office_id = ANY(%(offices)s)
                       AND v.visit_date >= %(start)s AND v.visit_date < %(end)s
                 UNION
                    SELECT c.office_id, c.beneficiary_id
                      FROM baom_case c
                     WHERE c.active AND c.beneficiary_id IS NOT NULL
                       AND c.office_id = ANY(%(offices)s)
                       AND c.date_open >= %(start)s AND c.date_open < %(end)s
                   ) seen
              JOIN baom_beneficiary b ON b.id = seen.beneficiary_id
         LEFT JOIN res_country nat ON nat.id = b.nationality_id
            """,
            none=NOT_RECORDED,
            offices=list(office_ids),
            start=start,
            end=end,
        )
        dimension_sql = self._get_dimension_sql(
            ("gender", "profile", "nationality_group")
        )
        dimensions = [d for d in dimensions if d in dimension_sql]
        value = SQL("COUNT(DISTINCT beneficiary_id)")
        return self._grouping_query(source, dimension_sql, dimensions, value, value)
