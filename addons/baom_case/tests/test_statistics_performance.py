from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.baom_base.tools.selections import NOT_RECORDED

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_case")
class TestStatisticsPerformance(BaomCaseCommon):
    """The statistics view stays flattenable by PostgreSQL, and its figures
    are those of the cases and the register themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_known_dataset()
        cls.Report = cls.env["baom.case.report"]

    def _plan(self, query):
        self.env.flush_all()
        self.env.cr.execute(SQL("EXPLAIN %s", query))
        return "\n".join(row[0] for row in self.env.cr.fetchall())

    def test_pivot_reads_only_the_columns_and_tables_it_needs(self):
        # What the supervisor's pivot (month x gender) asks, as Odoo writes it.
        plan = self._plan(
            SQL(
                """SELECT date_trunc('month', r.date), r.gender, SUM(r.case_count)
                     FROM baom_case_report r
                    WHERE r.office_id IN %s
                 GROUP BY GROUPING SETS (
                          (), (date_trunc('month', r.date), r.gender))""",
                tuple((self.office_a | self.office_b).ids),
            )
        )
        self.assertNotIn(
            "baom_need_category",
            plan,
            "The need join must be dropped when no need is asked: every part of "
            "the view must give its columns the same types",
        )
        self.assertNotIn("Subquery Scan on r", plan, "The UNION ALL must be flattened")

    def test_figures_are_those_of_the_cases_and_the_register(self):
        cases = self.env["baom.case"].search([])
        visits = self.env["baom.visit"].search([])
        for dimension in ("gender", "profile", "age_band", "office_id"):
            expected = {}
            for record in [*cases, *visits]:
                key = record[dimension] or NOT_RECORDED
                row = expected.setdefault(key, [0, 0, 0, 0])
                if record._name == "baom.visit":
                    row[3] += record.people_count
                    continue
                row[0] += 1
                if record.date_closed:
                    row[1] += 1
                    row[2] += record.outcome == "resolved"
            found = {
                key: [opened, closed, resolved, people]
                for key, opened, closed, resolved, people in self.Report._read_group(
                    [],
                    [dimension],
                    [
                        "case_count:sum",
                        "closed_count:sum",
                        "resolved_count:sum",
                        "people_count:sum",
                    ],
                )
            }
            self.assertEqual(found, expected, dimension)

    def test_resolution_time_is_exact(self):
        closed = self.env["baom.case"].search([("date_closed", "!=", False)])
        self.assertTrue(closed)
        expected = sum(
            (case.date_closed - case.date_open).total_seconds() / 86400
            for case in closed
        ) / len(closed)
        [(days,)] = self.Report._read_group([], [], ["resolution_days:avg"])
        self.assertAlmostEqual(days, expected, places=6)
