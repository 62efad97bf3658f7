from contextlib import contextmanager
from contextvars import ContextVar

from odoo import api, models
from odoo.models import READ_GROUP_NUMBER_GRANULARITY, parse_read_group_spec
from odoo.tools import SQL
from odoo.tools.query import Query

# Granularities of a datetime that depend only on its day (in the user's time
# zone): the pre-grouped rows may keep the day alone.
DAY_GRANULARITIES = {"day", "week", "month", "quarter", "year"} | (
    set(READ_GROUP_NUMBER_GRANULARITY)
    - {"hour_number", "minute_number", "second_number"}
)
# Aggregates computed again, exactly, from the partial aggregates of grouped
# rows (averages: from their sums and counts). SUM of a bigint is a numeric:
# cast back to COUNT's type.
COMBINE_PARTIALS = {
    "count": lambda partial: SQL("SUM(%s)::bigint", partial),
    "sum": lambda partial: SQL("SUM(%s)", partial),
    "min": lambda partial: SQL("MIN(%s)", partial),
    "max": lambda partial: SQL("MAX(%s)", partial),
    "bool_and": lambda partial: SQL("BOOL_AND(%s)", partial),
    "bool_or": lambda partial: SQL("BOOL_OR(%s)", partial),
}
DECOMPOSABLE_AGGREGATES = {*COMBINE_PARTIALS, "avg"}

# ``(model name, pre-grouping)`` asked by the running ``_read_grouping_sets``
# to the next ``_search`` of that model: a per-call switch that RPC cannot
# set, which does not travel in the records' context.
_pregrouping = ContextVar("baom_pregrouping", default=None)


def _partial_column(aggregate_spec, part=""):
    """Column of a partial aggregate ("rating:avg" -> "rating__avg__sum")."""
    return "__".join(filter(None, [*aggregate_spec.split(":"), part]))


class PreGroupedQuery(Query):
    """Query on the model's rows grouped first by ``dimensions``, with the
    partial ``aggregates`` the outer grouping sets combine."""

    def __init__(self, env, alias, table, aggregates):
        super().__init__(env, alias, table)
        self.pregrouped_aggregates = aggregates


class BaomPregroupedMixin(models.AbstractModel):
    """Pivot grouping sets computed over rows grouped first.

    PostgreSQL runs ``GROUPING SETS`` in one process over every row (and
    converts each row's datetime to the user's time zone). The rows are first
    grouped by the columns the sets need, after the domain and the record
    rules, in a plain ``GROUP BY`` that may run in parallel; the sets then
    combine these partial aggregates. Same groups, same order, same figures:
    anything that cannot be recombined exactly reads the rows as before, and
    the context key ``baom_statistics_pregroup=False`` turns it off
    (docs/benchmarks.md, "Grouping sets over pre-grouped rows").
    """

    _name = "baom.pregrouped.mixin"
    _description = "BAOM Pivot Over Pre-Grouped Rows"

    def _search(self, domain, *args, **kwargs):
        pregrouping = _pregrouping.get()
        if pregrouping and pregrouping[0] == self._name:
            # Only the query of the grouping sets that asked for it.
            _pregrouping.set(None)
        else:
            pregrouping = None
        query = super()._search(domain, *args, **kwargs)
        if pregrouping and not (
            query.is_empty() or query.order or query.limit or query.offset
        ):
            query = self._pregrouped_query(query, *pregrouping[1])
        return query

    @api.model
    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        """Read the pivot's grouping sets over the rows grouped first by the
        columns the sets need (a datetime by its day, see ``_day_of_sql``)."""
        pregrouping = None
        # One GROUP BY: grouping first would only add work.
        if len({tuple(groupby) for groupby in grouping_sets}) > 1:
            pregrouping = self._get_pregrouping(grouping_sets, aggregates, order)
        if not pregrouping:
            return super()._read_grouping_sets(domain, grouping_sets, aggregates, order)
        with self._pregrouped(pregrouping):
            return super()._read_grouping_sets(domain, grouping_sets, aggregates, order)

    @contextmanager
    def _pregrouped(self, pregrouping):
        """Ask the next ``_search`` of this model, and it alone, to group the
        rows by ``pregrouping`` (from ``_get_pregrouping``)."""
        token = _pregrouping.set((self._name, pregrouping))
        try:
            yield
        finally:
            _pregrouping.reset(token)

    @api.model
    def _get_pregrouping(self, grouping_sets, aggregates, order):
        """``(dimensions, aggregates)`` of the pre-grouping, or ``None`` when
        the grouping sets cannot be computed exactly from grouped rows."""
        if not self.env.context.get("baom_statistics_pregroup", True):
            return None
        specs = {spec for groupby in grouping_sets for spec in groupby}
        # The order names grouped specs and aggregates (e.g. "__count desc").
        terms = [part.split()[0] for part in (order or "").split(",") if part.strip()]
        measures = tuple(dict.fromkeys([*aggregates, *set(terms) - specs]))
        try:
            dimensions = {}
            for spec in specs:
                fname, path, granularity = parse_read_group_spec(spec)
                field = self._fields.get(fname)
                if (
                    not field
                    or not field.store
                    or field.type in ("many2many", "one2many", "properties")
                ):
                    return None
                by_day = field.type == "datetime"
                if by_day and (path or granularity not in DAY_GRANULARITIES):
                    return None  # hours, minutes: the day is not enough
                if dimensions.setdefault(fname, by_day) != by_day:
                    return None
            for spec in measures:
                if spec != "__count" and not self._is_decomposable(spec):
                    return None
        except ValueError:
            return None  # an invalid spec: let the ORM say so
        return tuple(sorted(dimensions.items())), measures

    @api.model
    def _is_decomposable(self, aggregate_spec):
        fname, path, func = parse_read_group_spec(aggregate_spec)
        field = self._fields.get(fname)
        if path or not field or not field.store or func not in DECOMPOSABLE_AGGREGATES:
            return False
        if func == "avg":
            # AVG of an integer is a numeric with its own scale: only floats.
            return field.type == "float"
        if func == "sum":
            return field.type in ("integer", "float")
        if func in ("bool_and", "bool_or"):
            return field.type == "boolean"
        if func in ("min", "max"):
            return field.type in ("integer", "float", "date", "datetime")
        return True  # count

    def _pregrouped_query(self, query, dimensions, aggregates):
        """The rows of ``query`` (domain and record rules applied) grouped by
        ``dimensions``, under the model's alias, each with its partial
        ``aggregates``."""
        alias = self._table
        columns, groupby = [], []
        for fname, by_day in dimensions:
            grouped = selected = self._field_to_sql(alias, fname, query)
            if by_day:
                grouped, selected = self._day_of_sql(fname, grouped, query)
            groupby.append(grouped)
            columns.append(SQL("%s AS %s", selected, SQL.identifier(fname)))
        for spec in aggregates:
            # The rows' own aggregates; an average as its sum and its count.
            fname, __, func = parse_read_group_spec(spec)
            parts = {"sum": f"{fname}:sum", "count": f"{fname}:count"}
            for part, partial in (parts if func == "avg" else {"": spec}).items():
                columns.append(
                    SQL(
                        "%s AS %s",
                        self._read_group_select(partial, query),
                        SQL.identifier(_partial_column(spec, part)),
                    )
                )
        query.groupby = SQL(", ").join(groupby) if groupby else None
        return PreGroupedQuery(
            self.env, alias, SQL("(%s)", query.select(*columns)), aggregates
        )

    def _day_of_sql(self, fname, column, query):
        """``(grouped, selected)``: the datetime ``column`` grouped by day in
        the user's time zone, each group as a UTC datetime of that day. The
        outer query's conversion to the time zone then finds the same day,
        week, month, quarter and year as the rows'."""
        local = self._fields[fname].property_to_sql(
            column, "tz", self, self._table, query
        )
        if local == column:  # no time zone: days in UTC
            day = SQL("date_trunc('day', %s)", column)
            return day, day
        day = SQL("date_trunc('day', %s)", local)
        # Converted back once per group, not per row.
        return day, SQL(
            "timezone('UTC', timezone(%s, %s))", self.env.context["tz"], day
        )

    def _read_group_select(self, aggregate_spec, query):
        if not isinstance(query, PreGroupedQuery):
            return super()._read_group_select(aggregate_spec, query)
        if aggregate_spec not in query.pregrouped_aggregates:
            raise ValueError(f"{aggregate_spec!r} was not pre-grouped")
        alias = self._table
        partial = SQL.identifier(alias, _partial_column(aggregate_spec))
        if aggregate_spec == "__count":
            return COMBINE_PARTIALS["count"](partial)
        fname, __, func = parse_read_group_spec(aggregate_spec)
        if func == "avg":
            # Weighted by the rows: the average of the rows, not of the groups.
            return SQL(
                "SUM(%s) / NULLIF(SUM(%s), 0)::float8",
                SQL.identifier(alias, _partial_column(aggregate_spec, "sum")),
                SQL.identifier(alias, _partial_column(aggregate_spec, "count")),
            )
        if func == "sum" and self._fields[fname].type == "integer":
            func = "count"  # SUM(integer) is a bigint, as COUNT
        return COMBINE_PARTIALS[func](partial)
