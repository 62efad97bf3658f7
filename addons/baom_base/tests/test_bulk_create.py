import datetime
from contextlib import closing

from odoo import sql_db
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import BaomBaseCommon

# What create() and _bulk_create() legitimately write differently.
MAGIC = {"id", "create_date", "write_date", "create_uid", "write_uid"}


@tagged("post_install", "-at_install")
class TestBulkCreate(BaomBaseCommon):
    """``_bulk_create`` writes the same records as ``create``, with the same
    checks, in one INSERT per batch (what the workbook import relies on)."""

    def _stored(self, records):
        """Every stored field of ``records`` as read back from the database."""
        records.invalidate_recordset()
        names = [
            name
            for name, field in records._fields.items()
            if field.store and name not in MAGIC
        ]
        return [{name: record[name] for name in names} for record in records.sudo()]

    def _person_values(self, first_name, **values):
        return {
            "first_name": first_name,
            "last_name": "Oubella",
            "gender": "female",
            "birth_date": datetime.date(1990, 5, 17),
            "nationality_id": self.morocco.id,
            "profile": "returnee",
            "office_id": self.office_a.id,
            "consent_date": datetime.date(2025, 1, 2),
            **values,
        }

    def test_same_people_and_visits_as_create(self):
        """Defaults, computed fields and post-create work (the retention
        clock, the visit's copied facts) end up as with create()."""
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        by_orm = Beneficiary.create(
            [self._person_values("Hind"), self._person_values("Zahra", phone=False)]
        )
        by_bulk = Beneficiary._bulk_create(
            [self._person_values("Hind"), self._person_values("Zahra", phone=False)]
        )
        self.assertEqual(by_bulk.mapped("first_name"), ["Hind", "Zahra"])
        stored_orm, stored_bulk = self._stored(by_orm), self._stored(by_bulk)
        for orm_values, bulk_values in zip(stored_orm, stored_bulk, strict=True):
            for name in ("reference", "last_activity_date", "consent_date"):
                orm_values.pop(name, None)
                bulk_values.pop(name, None)
            self.assertEqual(bulk_values, orm_values)
        self.assertEqual(by_bulk[0].name, "Hind Oubella", "computed after insert")
        self.assertTrue(by_bulk[0].last_activity_date, "default")

        Visit = self.env["baom.visit"].with_user(self.officer_a)
        visit_values = [
            {
                "office_id": self.office_a.id,
                "beneficiary_id": person.id,
                "visit_date": datetime.datetime(2025, 3, 4, 10),
                "outcome": "information",
            }
            for person in (by_orm[0], by_bulk[0])
        ]
        visits = Visit.create(visit_values[:1]) + Visit._bulk_create(visit_values[1:])
        stored = self._stored(visits)
        self.assertEqual(stored[1]["beneficiary_id"], by_bulk[0])
        self.assertEqual(stored[1]["gender"], "female", "copied from the person")
        for values in stored:
            values.pop("beneficiary_id")
        self.assertEqual(stored[0], stored[1])

    def test_new_records_are_in_cache_as_in_the_database(self):
        """As with create(), the values just written are in the cache: the
        checks that follow read nothing back, and what they read is what
        the database holds."""
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        people = Beneficiary._bulk_create(
            [
                self._person_values("Hind", phone="+212612345678"),
                self._person_values("Zahra", birth_date=False),
            ]
        )
        with self.assertQueryCount(0):
            given = [
                (person.first_name, person.birth_date, person.nationality_id.id)
                for person in people
            ]
        self.assertEqual(
            given,
            [
                ("Hind", datetime.date(1990, 5, 17), self.morocco.id),
                ("Zahra", False, self.morocco.id),
            ],
        )
        visits = (
            self.env["baom.visit"]
            .with_user(self.officer_a)
            ._bulk_create(
                [
                    {
                        "office_id": self.office_a.id,
                        "beneficiary_id": person.id,
                        "visit_date": datetime.datetime(2025, 3, 4, 10, 30, 15, 250),
                        "outcome": "information",
                    }
                    for person in people
                ]
            )
        )
        for records in (people, visits):
            cached = [
                {
                    name: record[name]
                    for name, field in records._fields.items()
                    if field.store and name not in MAGIC
                }
                for record in records.sudo()
            ]
            self.assertEqual(self._stored(records), cached)

    def test_new_records_appear_in_lists_read_before(self):
        """A person's visits read before the insert include the new visit
        after it (the ORM would have added it to the cached list)."""
        person = self.person_a.with_user(self.officer_a)
        before = len(person.visit_ids)
        self.env["baom.visit"].with_user(self.officer_a)._bulk_create(
            [
                {
                    "office_id": self.office_a.id,
                    "beneficiary_id": person.id,
                    "visit_date": datetime.datetime(2025, 3, 4, 10),
                }
            ]
        )
        self.assertEqual(len(person.visit_ids), before + 1)

    def test_records_in_the_order_given_whatever_fields_each_gives(self):
        """Rows giving different fields are inserted in groups, and come back
        in the order given, each with its own values and defaults."""
        people = (
            self.env["baom.beneficiary"]
            .with_user(self.officer_a)
            ._bulk_create(
                [
                    self._person_values("Amina"),
                    self._person_values("Brahim", phone="+212612345678"),
                    self._person_values("Chama"),
                    self._person_values("Driss", import_to_review=True),
                ]
            )
        )
        self.assertEqual(
            people.mapped("first_name"), ["Amina", "Brahim", "Chama", "Driss"]
        )
        self.assertEqual(people.mapped("phone"), [False, "+212612345678", False, False])
        self.assertEqual(people.mapped("import_to_review"), [False, False, False, True])
        self.assertTrue(all(people.mapped("active")), "default of every group")

    def test_record_rules_refuse_another_office_and_write_nothing(self):
        """Office B's officer cannot bulk-create people of office A: the
        record rules refuse, as for create(), and nothing is left."""
        Beneficiary = self.env["baom.beneficiary"]
        count = Beneficiary.search_count([])
        with self.assertRaises(AccessError):
            Beneficiary.with_user(self.officer_b)._bulk_create(
                [self._person_values("Intruse")]
            )
        self.assertEqual(Beneficiary.search_count([]), count)
        for user in (self.network, self.internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Beneficiary.with_user(user)._bulk_create(
                    [self._person_values("Intruse")]
                )
        self.assertEqual(Beneficiary.search_count([]), count)

    def test_constraints_apply(self):
        """Python constraints run on the new records, as after create()."""
        Visit = self.env["baom.visit"].with_user(self.officer_a)
        with self.assertRaises(ValidationError):
            Visit._bulk_create(
                [
                    {
                        "office_id": self.office_a.id,
                        "beneficiary_id": self.person_a.id,
                        "visit_date": datetime.datetime(2025, 3, 4, 10),
                        "people_count": 0,
                    }
                ]
            )
        with self.assertRaises(ValidationError):
            # The consent create() insists on, even when the field is not given.
            values = self._person_values("Sans consentement")
            del values["consent_date"]
            self.env["baom.beneficiary"].with_user(self.officer_a)._bulk_create(
                [values]
            )

    def test_text_that_looks_like_sql_or_array_syntax_is_stored_as_given(self):
        """Values travel to the server as one array literal per column: quotes,
        backslashes, braces, commas and the word NULL stay plain text."""
        tricky = [
            'Aïcha "Ina"',
            "C:\\dossier\\",
            "{a,b}",
            "NULL",
            "O'Brien, Jr",
            "محمد",
            "",
        ]
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        people = Beneficiary._bulk_create(
            [
                self._person_values(
                    first_name or False,
                    last_name=f"{first_name} x",
                    import_review_note=f"line\n{first_name}\ttab",
                )
                for first_name in tricky
            ]
        )
        people.invalidate_recordset()
        self.assertEqual(people.mapped("first_name"), [*tricky[:-1], False])
        self.assertEqual(people.mapped("last_name"), [f"{name} x" for name in tricky])
        self.assertEqual(
            people.sudo().mapped("import_review_note"),
            [f"line\n{name}\ttab" for name in tricky],
        )

    def test_unknown_or_wrong_values_are_refused(self):
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        with self.assertRaises(ValueError):
            Beneficiary._bulk_create([self._person_values("X", no_such_field=1)])
        with self.assertRaises(ValueError):
            Beneficiary._bulk_create([self._person_values("X", gender="unknown")])

    def test_column_values_are_those_the_orm_writes(self):
        """Every value skips the ORM's conversion only where the conversion
        would give it back unchanged."""
        samples = [
            False,
            None,
            0,
            3,
            2.5,
            "",
            "text",
            "female",
            "not a key",
            datetime.date(2025, 1, 2),
            datetime.datetime(2025, 1, 2, 10, 30),
            "2025-01-02",
            self.morocco.id,
        ]
        for model in ("baom.beneficiary", "baom.visit"):
            Model = self.env[model]
            for field in Model._fields.values():
                if not (field.store and field.column_type) or field.type in (
                    "binary",
                    "html",
                    "json",
                    "properties",
                ):
                    continue
                for value in samples:
                    vals = {field.name: value}
                    try:
                        expected = field.convert_to_column_insert(value, Model, vals)
                    except (ValueError, TypeError) as error:
                        with self.subTest(field=field.name, value=value):
                            self.assertRaises(
                                type(error), Model._column_values, field, [vals]
                            )
                        continue
                    with self.subTest(field=field.name, value=value):
                        self.assertEqual(
                            Model._column_values(field, [vals]), [expected]
                        )

    def _reltuples(self, table):
        self.env.cr.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table]
        )
        return self.env.cr.fetchone()[0]

    def test_statistics_of_a_table_filled_from_empty_are_refreshed(self):
        """A large first import refreshes the statistics of the tables it
        fills (counting its own rows), so that PostgreSQL plans the foreign-key
        checks against them with their index."""
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        Mixin = self.env["baom.bulk.create.mixin"]

        def count():
            self.env.cr.execute("SELECT count(*) FROM baom_beneficiary")
            return self.env.cr.fetchone()[0]

        Beneficiary._bulk_create([self._person_values(f"P{n}") for n in range(30)])
        Mixin._bulk_refresh_statistics(10**9)
        counted = count()
        self.assertEqual(self._reltuples("baom_beneficiary"), counted)
        Beneficiary._bulk_create([self._person_values(f"Q{n}") for n in range(5)])
        Mixin._bulk_refresh_statistics(counted)
        self.assertEqual(
            self._reltuples("baom_beneficiary"), counted, "Counted large enough"
        )
        Mixin._bulk_refresh_statistics(10**9)
        self.assertEqual(self._reltuples("baom_beneficiary"), counted + 5)

    def test_busy_table_is_left_as_it_is(self):
        """Another transaction analysing the same table (a second import, a
        VACUUM) makes the refresh skip it after a short wait, not fail."""
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        Beneficiary._bulk_create([self._person_values("Hind")])
        before = self._reltuples("baom_beneficiary")
        with closing(sql_db.db_connect(self.env.cr.dbname).cursor()) as other:
            other.execute(
                "LOCK TABLE baom_beneficiary IN SHARE UPDATE EXCLUSIVE MODE NOWAIT"
            )
            self.env["baom.bulk.create.mixin"]._bulk_refresh_statistics(10**9)
            other.rollback()
        self.assertEqual(self._reltuples("baom_beneficiary"), before)
        self.env.cr.execute("SELECT current_setting('lock_timeout')")
        self.assertEqual(self.env.cr.fetchone()[0], "0", "The session's own setting")
        self.assertTrue(Beneficiary.search([("first_name", "=", "Hind")]))
