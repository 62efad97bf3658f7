import pytz

from odoo import api, fields, models, tools
from odoo.tools import SQL

from odoo.addons.baom_base.tools.selections import (
    CASE_CHANNEL_SELECTION,
    GENDER_REPORT_SELECTION,
    NOT_RECORDED,
    NOT_RECORDED_OPTION,
    PROFILE_REPORT_SELECTION,
)
from odoo.addons.rating.models.rating_data import RATING_LIMIT_SATISFIED

from ..models.baom_case import AGE_BAND_SELECTION
from ..models.baom_case_stage import OUTCOME_SELECTION
from ..tools import timezones


class BaomCaseReport(models.Model):
    """Cases and reception register in one pseudonymous table.

    One view with a ``record_type`` column (UNION ALL) rather than a second
    reporting model: the officer and the supervisor put people received and
    cases opened side by side in the same pivot (per month, office, profile,
    gender), which two models cannot do, and all parts share the same
    dimensions and the same record rules. No column can name a person.

    Every part gives its columns exactly the same types (``NULL::integer``,
    ``::float``...): PostgreSQL then flattens the UNION ALL into the query
    that reads the view, computes only the columns a pivot asks for and drops
    the join to the need categories when no need is asked. One numeric column
    among floats was enough to prevent it and cost 40 % of the time of the
    all-offices pivot (docs/benchmarks.md); a test pins it.

    A case gives two rows: its opening (``case``, dated when it was opened,
    counts "Cases Opened") and, once closed, its closure (``closure``, dated
    when it was closed, carries the closed, resolved, resolution time and
    satisfaction measures). Grouped by month, a case opened in March and
    closed in May counts as opened in March and closed in May, as in the
    activity report, which reads these same rows.
    """

    _name = "baom.case.report"
    _inherit = ["baom.pregrouped.mixin"]
    _description = "BAOM Cases and Reception Statistics"
    _auto = False
    _order = "date desc"
    _rec_name = "date"

    record_type = fields.Selection(
        [
            ("case", "Case opened"),
            ("closure", "Case closed"),
            ("visit", "Reception register"),
        ],
        "Type",
        readonly=True,
    )
    case_id = fields.Many2one("baom.case", readonly=True)
    office_id = fields.Many2one("baom.office", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", "Officer", readonly=True)
    date = fields.Datetime(
        readonly=True,
        help="Visit date, opening date of a case, or closing date of a closure.",
    )
    date_closed = fields.Datetime("Closed On", readonly=True)
    stage_id = fields.Many2one("baom.case.stage", readonly=True)
    is_closed = fields.Boolean("Closed", readonly=True)
    outcome = fields.Selection(OUTCOME_SELECTION, readonly=True)
    channel = fields.Selection(CASE_CHANNEL_SELECTION, readonly=True)
    gender = fields.Selection(GENDER_REPORT_SELECTION, readonly=True)
    profile = fields.Selection(PROFILE_REPORT_SELECTION, readonly=True)
    age_band = fields.Selection(
        [*AGE_BAND_SELECTION, NOT_RECORDED_OPTION], readonly=True
    )
    nationality_id = fields.Many2one("res.country", readonly=True)
    need_category_id = fields.Many2one("baom.need.category", "Need", readonly=True)
    need_family_id = fields.Many2one("baom.need.category", readonly=True)
    # measures
    case_count = fields.Integer("Cases Opened", readonly=True)
    closed_count = fields.Integer("Cases Closed", readonly=True)
    resolved_count = fields.Integer("Cases Resolved", readonly=True)
    visit_count = fields.Integer("Register Entries", readonly=True)
    people_count = fields.Integer("People Received", readonly=True)
    resolution_days = fields.Float(
        "Resolution Time (days)", readonly=True, aggregator="avg", digits=(16, 1)
    )
    rating = fields.Float(
        "Satisfaction (1-5)", readonly=True, aggregator="avg", digits=(16, 2)
    )
    rated_count = fields.Integer("Ratings", readonly=True)
    satisfied_count = fields.Integer("Satisfied", readonly=True)

    def _search(self, domain, *args, **kwargs):
        # The view reads these tables directly: write pending changes first.
        self.env["baom.case"].flush_model()
        self.env["baom.visit"].flush_model()
        return super()._search(domain, *args, **kwargs)

    # ------------------------------------------------------------
    # PIVOT: GROUPING SETS OVER PRE-GROUPED ROWS
    # ------------------------------------------------------------

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        """One ``GROUP BY`` (the graph view, the activity report): grouped by
        UTC hour first when the user's time zone allows it, which spares the
        time zone conversion of each row; otherwise as the ORM does."""
        pregrouping = None
        tz = self.env.context.get("tz")
        if (
            not having
            and tz in pytz.all_timezones_set
            and timezones.whole_hours_since(tz)
        ):
            pregrouping = self._get_pregrouping([groupby], aggregates, order)
            if pregrouping and not any(by_day for __, by_day in pregrouping[0]):
                pregrouping = None  # no date: nothing to spare
        args = (domain, groupby, aggregates, having, offset, limit, order)
        if not pregrouping:
            return super()._read_group(*args)
        with self._pregrouped(pregrouping):
            return super()._read_group(*args)

    def _day_of_sql(self, fname, column, query):
        """Where the user's time zone starts its days on whole UTC hours
        (Morocco's +00/+01), the UTC hour of each row: no time zone
        conversion for each row, which cost half the time of the all-years
        pivot (docs/benchmarks.md); the outer query converts a few thousand
        hours. Otherwise the day in the time zone (the mixin's)."""
        tz = self.env.context.get("tz")
        local = self._fields[fname].property_to_sql(
            column, "tz", self, self._table, query
        )
        since = local != column and timezones.whole_hours_since(tz)
        if not since:
            return super()._day_of_sql(fname, column, query)
        day = SQL("date_trunc('day', %s)", local)
        day_utc = SQL("timezone('UTC', timezone(%s, %s))", tz, day)
        hour = SQL(
            "CASE WHEN %s >= %s THEN date_trunc('hour', %s) ELSE %s END",
            column,
            since,
            column,
            day_utc,
        )
        return hour, hour

    def _case_query(self, closure=False):
        """Opening rows of the cases or, with ``closure``, their closing rows."""
        if closure:
            # Ids: visits 3n, openings 3n + 1, closures 3n + 2 (no window
            # function, which would stop filters being pushed down).
            kind = SQL(
                """c.id * 3 + 2 AS id,
                   'closure' AS record_type,
                   c.date_closed AS date,"""
            )
            measures = SQL(
                """0 AS case_count,
                   1 AS closed_count,
                   CASE WHEN c.outcome = 'resolved' THEN 1 ELSE 0 END
                       AS resolved_count,
                   0 AS visit_count,
                   0 AS people_count,
                   (EXTRACT(EPOCH FROM c.date_closed - c.date_open) / 86400.0)::float
                       AS resolution_days,
                   NULLIF(c.rating_last_value, 0) AS rating,
                   CASE WHEN c.rating_last_value > 0 THEN 1 ELSE 0 END AS rated_count,
                   CASE WHEN c.rating_last_value >= %(satisfied)s THEN 1 ELSE 0 END
                       AS satisfied_count""",
                satisfied=RATING_LIMIT_SATISFIED,
            )
            where = SQL("c.active AND c.date_closed IS NOT NULL")
        else:
            kind = SQL(
                """c.id * 3 + 1 AS id,
                   'case' AS record_type,
                   c.date_open AS date,"""
            )
            measures = SQL(
                """1 AS case_count,
                   0 AS closed_count,
                   0 AS resolved_count,
                   0 AS visit_count,
                   0 AS people_count,
                   NULL::float AS resolution_days,
                   NULL::float AS rating,
                   0 AS rated_count,
                   0 AS satisfied_count"""
            )
            where = SQL("c.active")
        return SQL(
            """
            SELECT %(kind)s
                   c.id AS case_id,
                   c.office_id,
                   c.company_id,
                   c.user_id,
                   c.date_closed,
                   c.stage_id,
                   COALESCE(c.is_closed, FALSE) AS is_closed,
                   c.outcome,
                   c.channel,
                   COALESCE(c.gender, %(none)s) AS gender,
                   COALESCE(c.profile, %(none)s) AS profile,
                   COALESCE(c.age_band, %(none)s) AS age_band,
                   c.nationality_id,
                   c.need_category_id,
                   split_part(need.parent_path, '/', 1)::integer AS need_family_id,
                   %(measures)s
              FROM baom_case c
         LEFT JOIN baom_need_category need ON need.id = c.need_category_id
             WHERE %(where)s
            """,
            kind=kind,
            none=NOT_RECORDED,
            measures=measures,
            where=where,
        )

    def _visit_query(self):
        return SQL(
            """
            SELECT v.id * 3 AS id,
                   'visit' AS record_type,
                   v.visit_date AS date,
                   NULL::integer AS case_id,
                   v.office_id,
                   v.company_id,
                   v.user_id,
                   NULL::timestamp AS date_closed,
                   NULL::integer AS stage_id,
                   FALSE AS is_closed,
                   NULL::varchar AS outcome,
                   v.channel,
                   COALESCE(v.gender, %(none)s) AS gender,
                   COALESCE(v.profile, %(none)s) AS profile,
                   COALESCE(v.age_band, %(none)s) AS age_band,
                   v.nationality_id,
                   v.need_category_id,
                   split_part(need.parent_path, '/', 1)::integer AS need_family_id,
                   0 AS case_count,
                   0 AS closed_count,
                   0 AS resolved_count,
                   1 AS visit_count,
                   COALESCE(v.people_count, 1) AS people_count,
                   NULL::float AS resolution_days,
                   NULL::float AS rating,
                   0 AS rated_count,
                   0 AS satisfied_count
              FROM baom_visit v
         LEFT JOIN baom_need_category need ON need.id = v.need_category_id
             WHERE v.active
            """,
            none=NOT_RECORDED,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s UNION ALL %s UNION ALL %s)",
                SQL.identifier(self._table),
                self._case_query(),
                self._case_query(closure=True),
                self._visit_query(),
            )
        )
