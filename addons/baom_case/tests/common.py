from unittest.mock import patch

from odoo.sql_db import Cursor
from odoo.tools import SQL

from odoo.addons.baom_base.tests.common import BaomBaseCommon


class BaomCaseCommon(BaomBaseCommon):
    """baom_base's offices and users per role, plus stages and case builders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.stage_contact = ref("baom_case.baom_case_stage_contact")
        cls.stage_accompaniment = ref("baom_case.baom_case_stage_accompaniment")
        cls.stage_waiting = ref("baom_case.baom_case_stage_waiting")
        cls.stage_resolved = ref("baom_case.baom_case_stage_resolved")
        cls.stage_closed = ref("baom_case.baom_case_stage_closed")
        cls.need_pension = ref("baom_base.baom_need_category_pension")
        cls.need_survivor = ref("baom_base.baom_need_category_survivor_pension")
        cls.need_housing = ref("baom_base.baom_need_category_housing")
        cls.Case = cls.env["baom.case"]
        cls.case_a = cls._new_case(
            cls.person_a,
            title="Survivor's pension from France",
            description="<p>Widow of a miner from Lens</p>",
            confidential_note="<p>Her son handles her money</p>",
        )
        cls.case_b = cls._new_case(cls.person_b, title="Residence permit")

    def _queries_on(self, table, func):
        """``func``'s result and the SQL of the queries it ran on ``table``."""
        queries = []
        execute = Cursor.execute

        def spy(cr, query, params=None, log_exceptions=None):
            queries.append(query.code if isinstance(query, SQL) else query)
            return execute(cr, query, params, log_exceptions)

        with patch("odoo.sql_db.Cursor.execute", spy):
            result = func()
        return result, [query for query in queries if table in query]

    @staticmethod
    def _sets(rows, cols):
        """A pivot's grouping sets: total, rows, columns, both."""
        return [[], rows, cols, rows + cols]

    def assertSameGroups(self, found, expected, message, places=None):
        """Same groups with the same values; floats to ``places`` decimals
        when given (partial sums added in another order), else exactly."""
        self.assertEqual(len(found), len(expected), message)
        for found_groups, expected_groups in zip(found, expected, strict=True):
            self.assertEqual(len(found_groups), len(expected_groups), message)
            for group, expected_group in zip(
                found_groups, expected_groups, strict=True
            ):
                self.assertEqual(group.keys(), expected_group.keys(), message)
                for key, value in group.items():
                    if isinstance(value, float) and places is not None:
                        self.assertAlmostEqual(
                            value, expected_group[key], places, message
                        )
                    elif isinstance(value, float):
                        self.assertEqual(value, expected_group[key], message)
                        self.assertIsInstance(expected_group[key], float, message)
                    else:
                        self.assertEqual(value, expected_group[key], message)

    @classmethod
    def _new_case(cls, person, user=None, **values):
        """A case for ``person``, created by ``user`` (its office's officer)."""
        user = user or (person.office_id.officer_ids[:1])
        vals = {"beneficiary_id": person.id}
        vals.update(values)
        return cls.env["baom.case"].with_user(user).create(vals).with_env(cls.env)

    @classmethod
    def _create_known_dataset(cls):
        """Summer 2025 in office A: 3 register lines (4 people), 3 cases."""
        man = cls._new_beneficiary(
            cls.office_a,
            first_name="Driss",
            last_name="Oubella",
            gender="male",
            birth_date="1990-05-01",
            profile="returnee",
        )
        cls.env["baom.visit"].create(
            [
                {
                    "office_id": cls.office_a.id,
                    "visit_date": "2025-07-10 09:00:00",
                    "gender": "female",
                    "profile": "rights_holder",
                    "people_count": 2,
                },
                {
                    "office_id": cls.office_a.id,
                    "visit_date": "2025-07-20 09:00:00",
                    "gender": "male",
                    "profile": "tcn_transit",
                },
                {
                    "office_id": cls.office_a.id,
                    "visit_date": "2025-08-05 09:00:00",
                    "beneficiary_id": cls.person_a.id,
                    "need_category_id": cls.need_pension.id,
                },
            ]
        )
        cases = cls._new_case(
            cls.person_a,
            date_open="2025-07-01 10:00:00",
            stage_id=cls.stage_resolved.id,
            date_closed="2025-07-31 10:00:00",
            need_category_ids=cls.need_survivor.ids,
        )
        cases |= cls._new_case(
            man,
            date_open="2025-08-01 10:00:00",
            stage_id=cls.stage_closed.id,
            outcome="not_resolved",
            date_closed="2025-08-11 10:00:00",
            need_category_ids=cls.need_housing.ids,
        )
        cases |= cls._new_case(
            cls.person_a,
            date_open="2025-08-15 10:00:00",
            need_category_ids=cls.need_pension.ids,
        )
        return cases
