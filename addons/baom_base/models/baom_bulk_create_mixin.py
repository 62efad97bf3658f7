import datetime
import logging
from collections import defaultdict

from psycopg2.errors import LockNotAvailable

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL, clean_context

from ..tools.pg_arrays import array_param

_logger = logging.getLogger(__name__)

# Column types whose values the database gives back as they were inserted,
# which is also their value in the ORM's cache.
RAW_COLUMN_TYPES = frozenset(
    ["int4", "varchar", "text", "bool", "date", "timestamp", "float8", "numeric"]
)


class BaomBulkCreateMixin(models.AbstractModel):
    """Create thousands of records in one statement, for bulk imports.

    The ORM's ``create`` does for every record what a bulk import does not
    need per record: defaults of every field, the cache, record rules
    evaluated in Python on each new record. A 5,000-row register creates
    about 16,000 records (people, visits, cases, checklists, report lines):
    that per-record work was half of the import. ``_bulk_create`` does the
    same checks once per batch, and the model's ``_post_create`` does what
    its ``create`` does after the ORM's, so both ways give the same records.
    """

    _name = "baom.bulk.create.mixin"
    _description = "BAOM Bulk Creation"

    @api.model
    def _bulk_create(self, vals_list):
        """Create records from ``vals_list`` as ``create`` does, in one
        ``INSERT … SELECT … FROM unnest(…)`` per set of fields given.

        Defaults are computed once per batch, and precomputed fields left
        out by the ORM's own precomputation. Other stored computed fields
        left out are computed by the ORM after the insert; given, they are
        kept (give what the compute gives). Access rights, field access,
        record rules (in one query), Python constraints, company consistency
        and the model's ``_post_create`` apply as for ``create``. No chatter:
        mail tracking, followers and creation notes are left to the caller
        (an import posts one summary instead).

        :return: the new records, in the order of ``vals_list``
        """
        if not vals_list:
            return self.browse()
        self.check_access("create")
        given = set(vals_list[0])
        if any(
            len(vals) != len(given) or not vals.keys() >= given for vals in vals_list
        ):
            # A field left out of some dicts keeps its default or compute
            # there, as in create(): one INSERT per set of fields given.
            by_fields = defaultdict(list)
            for index, vals in enumerate(vals_list):
                by_fields[frozenset(vals)].append(index)
            ids = [0] * len(vals_list)
            for indexes in by_fields.values():
                records = self._bulk_create([vals_list[index] for index in indexes])
                for index, record_id in zip(indexes, records.ids, strict=True):
                    ids[index] = record_id
            return self.browse(ids)
        for name in given:
            field = self._fields.get(name)
            if field is None or not field.store or name in ("id", "parent_path"):
                raise ValueError(
                    f"Invalid field {name!r} for a bulk creation of {self._name}"
                )
            self._check_field_access(field, "write")
        vals_list, constants = self._bulk_complete_values(vals_list)
        columns = [
            field for name in vals_list[0] if (field := self._fields[name]).column_type
        ]
        others = [
            field
            for name in vals_list[0]
            if not (field := self._fields[name]).column_type
        ]
        if not columns:
            raise ValueError(f"Bulk creation of {self._name} without any column")
        column_values = {
            field: self._column_values(field, vals_list) for field in columns
        }
        records = self.browse(self._bulk_insert_rows(column_values, constants))
        records._bulk_fill_cache(column_values, constants)
        # Inverse one2many fields read before hold lists without the new records.
        for field in columns:
            inverses = self.pool.field_inverses[field]
            if field.type == "many2one" and inverses:
                self.env[field.comodel_name].invalidate_model(
                    [inverse.name for inverse in inverses], flush=False
                )
        protected = {
            computed
            for field in columns + others
            if field.compute
            for computed in self.pool.field_computed.get(field, [field])
        }
        with self.env.protecting(protected, records):
            records.modified(self._fields, create=True)
            # As in create(): defaults in the context are not for the records
            # an x2many command creates.
            cleaned = records.with_context(clean_context(self.env.context))
            for field in others:
                field.create(
                    [
                        (record, vals[field.name])
                        for record, vals in zip(cleaned, vals_list, strict=True)
                    ]
                )
            if others:
                records.modified([field.name for field in others], create=True)
        records._validate_fields([*vals_list[0], *constants])
        records._check_access_in_sql("create")
        if self._check_company_auto:
            records._check_company()
        records._post_create()
        return records

    @api.model
    def _bulk_complete_values(self, vals_list):
        """``(vals_list, constants)``: the values completed as ``create``
        completes them, and the columns whose value is the same for every
        row (defaults, magic columns) with that value, ready for SQL."""
        given = set(vals_list[0])
        magic = (
            ["create_uid", "create_date", "write_uid", "write_date"]
            if self._log_access
            else []
        )
        defaults = {
            name: value
            for name, value in self.default_get(
                [
                    name
                    for name, field in self._fields.items()
                    if field.store and name not in given and name not in magic
                ]
            ).items()
            if self._fields[name].store and name not in ("id", "parent_path")
        }
        if any(
            field.precompute and name not in given
            for name, field in self._fields.items()
        ):
            # The ORM's own precomputation (a new record per row), on the
            # values completed with the defaults as in create().
            vals_list = [{**defaults, **vals} for vals in vals_list]
            self._add_precomputed_values(vals_list)
            for vals in vals_list:
                vals.pop("__precomputed__", None)
            defaults = {}
        relational = {
            name: value
            for name, value in defaults.items()
            if not self._fields[name].column_type
        }
        if relational:
            vals_list = [{**relational, **vals} for vals in vals_list]
        # The same value for every row: one parameter, not one array.
        constants = {
            name: self._fields[name].convert_to_column_insert(value, self, {})
            for name, value in defaults.items()
            if name not in relational
        }
        constants.update(dict.fromkeys(magic[0::2], self.env.uid))
        constants.update(dict.fromkeys(magic[1::2], self.env.cr.now()))
        return vals_list, constants

    @api.model
    def _bulk_insert_rows(self, column_values, constants):
        """Insert the rows; return their ids in the order of the values.

        :param column_values: {field: [column value of each row]}
        :param constants: {column name: column value of every row}
        """
        columns = list(column_values)
        arrays = [
            SQL("%s::%s[]", array_param(values), SQL(field.column_type[0]))
            for field, values in column_values.items()
        ]
        # Rows are inserted, and their ids returned, in the order of the
        # arrays, as the ORM's own multi-row INSERT relies on.
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT %s FROM unnest(%s) AS rows RETURNING id",
                SQL.identifier(self._table),
                SQL(", ").join(
                    SQL.identifier(name)
                    for name in [*(field.name for field in columns), *constants]
                ),
                SQL(", ").join(
                    [SQL("rows.*"), *(SQL("%s", value) for value in constants.values())]
                ),
                SQL(", ").join(arrays),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _bulk_fill_cache(self, column_values, constants):
        """Put the values just inserted in the cache, as ``create`` does, so
        that the checks that follow read nothing back. Only values that the
        database gives back unchanged are put there (numbers, text, dates,
        booleans, ids); stored fields without a value are empty, and other
        columns (JSON, binary, HTML) are read from the database if needed."""
        given = {field.name for field in column_values} | set(constants)
        for field in self._fields.values():
            if field.store and field.name not in given and field.name != "id":
                if field.type in ("one2many", "many2many"):
                    field._update_cache(self, ())
                elif field.column_type:
                    field._update_cache(self, None)
        rows = len(self)
        for field, values in [
            *column_values.items(),
            *(
                (self._fields[name], [value] * rows)
                for name, value in constants.items()
            ),
        ]:
            if field.column_type[0] in RAW_COLUMN_TYPES and not (
                field.translate or field.type == "html"
            ):
                field._insert_cache(self, values)

    @api.model
    def _column_values(self, field, vals_list):
        """The column values of ``field`` for the INSERT, as the ORM writes
        them: its own conversion, skipped where it would return the value
        as given (most values of an import)."""
        name = field.name
        kind = field.type
        plain = {
            "many2one": int,
            "char": str,
            "text": str,
            "selection": str,
            "date": datetime.date,
            "datetime": datetime.datetime,
        }.get(kind)
        if field.column_type[0] == "jsonb" or (
            kind == "selection" and not isinstance(field.selection, list)
        ):
            plain = None
        keys = (
            {key for key, _label in field.selection}
            if kind == "selection" and plain
            else ()
        )
        values = []
        for vals in vals_list:
            value = vals[name]
            # Empty is NULL for these types; numbers and booleans convert it.
            if plain and (value is False or value is None):
                values.append(None)
            elif (
                plain
                and type(value) is plain
                and (kind != "selection" or value in keys)
                and (kind != "many2one" or value)
                and (kind != "char" or not field.size or len(value) <= field.size)
            ):
                values.append(value)
            else:
                values.append(field.convert_to_column_insert(value, self, vals))
        return values

    @api.model
    def _bulk_refresh_statistics(self, row_count):
        """``ANALYZE`` the tables of bulk-created models that this transaction
        is filling from (almost) empty, as PostgreSQL's statistics see them.

        Each foreign key is checked by a query that PostgreSQL plans once per
        connection, from the statistics of the table it points to. Planned
        while that table looks empty, the check reads the whole table for
        every new row: a first import of 20,000 people into a new registry
        took four times as long as the next. ``ANALYZE`` counts this
        transaction's own rows, and the checks are planned again.

        :param row_count: rows the caller writes in all; tables whose
            statistics count fewer rows, and that this transaction has
            written to, are refreshed
        """
        tables = [
            self.env[model]._table
            for model in self.pool.descendants(["baom.bulk.create.mixin"], "_inherit")
            if not self.env[model]._abstract
        ]
        cr = self.env.cr
        cr.execute(
            SQL(
                """SELECT stats.relname
                     FROM pg_stat_xact_user_tables stats
                     JOIN pg_class class ON class.oid = stats.relid
                    WHERE stats.relname IN %s
                      AND stats.n_tup_ins > 0
                      AND class.reltuples < %s
                    ORDER BY stats.relname""",
                tuple(tables),
                row_count,
            )
        )
        small = [row[0] for row in cr.fetchall()]
        if not small:
            return
        cr.execute("SELECT current_setting('lock_timeout')")
        lock_timeout = cr.fetchone()[0]
        for table in small:
            try:
                with cr.savepoint(flush=False):
                    # ANALYZE keeps its lock to the end of the transaction:
                    # never wait long for another import's or a VACUUM's.
                    cr.execute("SET LOCAL lock_timeout = '500ms'")
                    cr.execute(
                        SQL("ANALYZE %s", SQL.identifier(table)),
                        log_exceptions=False,
                    )
                    cr.execute(
                        SQL("SELECT set_config('lock_timeout', %s, true)", lock_timeout)
                    )
            except LockNotAvailable:
                _logger.info("Statistics of %s not refreshed: the table is busy", table)

    def _check_access_in_sql(self, operation):
        """``check_access(operation)`` on these records, with the record rules
        evaluated by one query instead of on every record in Python."""
        self.browse().check_access(operation)
        if self.env.su or not self:
            return
        domain = self.env["ir.rule"]._compute_domain(self._name, operation)
        if domain.is_true():
            return
        model = self.sudo().with_context(active_test=False)
        allowed = Domain("id", "in", self.ids) & domain
        if model.search_count(allowed) < len(self):
            forbidden = self - model.search(allowed).with_env(self.env)
            raise self.env["ir.rule"]._make_access_error(operation, forbidden)

    def _post_create(self):
        """What the model's ``create`` does after the ORM's: both ways of
        creating call it on the new records."""
        return None
