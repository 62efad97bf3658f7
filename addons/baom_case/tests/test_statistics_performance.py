import random
from functools import partial

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


@tagged("post_install", "-at_install", "baom_case")
class TestStatisticsPreGrouping(BaomCaseCommon):
    """The pivot groups the view's rows by day first, then computes its
    grouping sets (docs/benchmarks.md): every shape the statistics menu and
    the activity report use gives exactly what the rows themselves give."""

    # Morocco (DST removed for Ramadan, at 03:00 and 02:00), Chile (DST at
    # midnight: the local day may start at 01:00) and India (+05:30: its days
    # start in the middle of a UTC hour).
    TIME_ZONES = (False, "Africa/Casablanca", "America/Santiago", "Asia/Kolkata")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rng = random.Random(10)
        countries = [
            cls.morocco,
            *(cls.env.ref(f"base.{c}") for c in ("sn", "ci", "fr")),
        ]
        needs = cls.need_pension | cls.need_survivor | cls.need_housing
        people = [
            cls._new_beneficiary(
                office,
                first_name=f"Person {index}",
                gender=rng.choice(["female", "male", False]),
                profile=rng.choice(["rights_holder", "tcn_transit", "returnee"]),
                nationality_id=rng.choice(countries).id,
                birth_date=f"{rng.randint(1940, 2010)}-0{rng.randint(1, 9)}-15",
            )
            for index, office in enumerate([cls.office_a, cls.office_b] * 5)
        ]
        # Around local midnights: month and year ends, both DST changes of
        # Chile (2025-04-06, 2025-09-07) and Morocco (2025-02-23, 2025-04-06).
        days = [
            "2024-12-31", "2025-01-01", "2025-02-23", "2025-02-28", "2025-03-01",
            "2025-04-05", "2025-04-06", "2025-06-30", "2025-07-01", "2025-09-06",
            "2025-09-07", "2025-12-31", "2026-01-01",
        ]  # fmt: skip
        hours = [
            "00:30:00", "02:30:00", "03:30:00", "04:30:00", "12:00:00",
            "18:15:00", "18:45:00", "23:30:00",
        ]  # fmt: skip

        def moment():
            return f"{rng.choice(days)} {rng.choice(hours)}"

        visits = []
        for __ in range(60):
            person = rng.choice([*people, False, False])
            office = (
                person.office_id if person else rng.choice(cls.office_a | cls.office_b)
            )
            values = {
                "office_id": office.id,
                "visit_date": moment(),
                "people_count": rng.randint(1, 3),
                "need_category_id": rng.choice([*needs.ids, False]),
            }
            if person:
                values["beneficiary_id"] = person.id
            else:
                values["gender"] = rng.choice(["female", "male"])
            visits.append(values)
        # Before 1970, where the time zones are not trusted to whole hours.
        visits.append(
            {"office_id": cls.office_a.id, "visit_date": "1969-12-31 23:30:00"}
        )
        cls.env["baom.visit"].create(visits)
        for person in people * 2:
            opened = moment()
            values = {"date_open": opened, "need_category_ids": [rng.choice(needs.ids)]}
            if rng.random() < 0.6:
                resolved = rng.random() < 0.5
                values.update(
                    stage_id=(cls.stage_resolved if resolved else cls.stage_closed).id,
                    outcome="resolved" if resolved else "not_resolved",
                    date_closed=max(opened, moment()),
                )
            case = cls._new_case(person, **values)
            if case.date_closed and rng.random() < 0.7:
                cls.env.cr.execute(
                    SQL(
                        "UPDATE baom_case SET rating_last_value = %s WHERE id = %s",
                        rng.randint(1, 5),
                        case.id,
                    )
                )
        cls.env.invalidate_all()

    def _pivot(
        self, user, tz, domain, grouping_sets, measures, pregroup=True, order=None
    ):
        Report = self.env["baom.case.report"].with_user(user)
        Report = Report.with_context(tz=tz, baom_statistics_pregroup=pregroup)
        return Report.formatted_read_grouping_sets(
            domain, grouping_sets, measures, order=order
        )

    def assertSameGroups(self, found, expected, message):
        # Partial sums added in another order: the last bits of a float may
        # differ, never a displayed digit.
        return super().assertSameGroups(found, expected, message, places=9)

    def test_pivot_shapes_are_those_of_the_rows(self):
        year = [
            ("date", ">=", "2025-01-01 00:00:00"),
            ("date", "<", "2026-01-01 00:00:00"),
        ]
        sums = ["people_count:sum", "case_count:sum", "closed_count:sum"]
        averages = ["__count", "resolution_days:avg", "rating:avg", "rated_count:sum"]
        shapes = [
            ([], self._sets(["date:month"], ["gender"]), sums, None),
            (year, self._sets(["date:month"], ["gender"]), sums, None),
            ([], self._sets(["office_id"], ["profile"]), sums + averages, None),
            ([], self._sets(["need_family_id"], ["record_type"]), averages, None),
            (
                [],
                self._sets(["age_band"], ["nationality_id"]),
                sums,
                "__count desc, age_band, nationality_id",
            ),
            (
                [("office_id", "=", self.office_a.id), *year],
                [[], ["date:year"], ["date:year", "date:quarter"], ["gender"]],
                sums + averages,
                None,
            ),
            (
                [("record_type", "=", "visit")],
                self._sets(["date:week", "date:day"], ["date:day_of_week"]),
                ["people_count:sum", "__count"],
                None,
            ),
            (
                [("record_type", "=", "closure")],
                self._sets(["date_closed:month"], ["outcome", "is_closed"]),
                ["resolution_days:avg", "resolution_days:max", "rating:min"],
                "resolution_days:avg desc, date_closed:month, outcome, is_closed",
            ),
        ]
        for user in (self.officer_a, self.supervisor):
            for tz in self.TIME_ZONES:
                for domain, grouping_sets, measures, order in shapes:
                    message = f"{user.login} {tz} {domain} {grouping_sets} {order}"
                    args = (user, tz, domain, grouping_sets, measures)
                    expected = self._pivot(*args, pregroup=False, order=order)
                    self.assertTrue(expected[1], message)  # some rows
                    found = self._pivot(*args, order=order)
                    self.assertSameGroups(found, expected, message)

    def _queries(self, func):
        return self._queries_on("baom_case_report", func)

    def test_pivot_groups_the_rows_once_after_the_rules(self):
        sets = self._sets(["date:month"], ["gender"])
        groups, queries = self._queries(
            lambda: self._pivot(
                self.officer_a, "Africa/Casablanca", [], sets, ["__count"]
            )
        )
        [pivot] = [query for query in queries if "GROUPING SETS" in query]
        self.assertIn("FROM (SELECT", pivot, "The sets read the rows grouped by day")
        # Morocco's days start on whole UTC hours: rows grouped by their UTC
        # hour, with no time zone conversion for each row.
        self.assertIn("GROUP BY CASE WHEN", pivot)
        self.assertIn("date_trunc('hour'", pivot)
        # The officer's record rule applies to the rows, before grouping.
        offices = self._pivot(
            self.officer_a,
            False,
            [],
            self._sets(["office_id"], ["gender"]),
            ["__count"],
        )
        self.assertEqual(
            [group["office_id"][0] for group in offices[1]],
            self.office_a.ids,
            "An officer's pivot counts only the rows of their office",
        )
        total = self.env["baom.case.report"].search_count(
            [("office_id", "=", self.office_a.id)]
        )
        self.assertEqual(groups[0][0]["__count"], total)

    def test_shapes_that_cannot_be_regrouped_read_the_rows(self):
        sets = self._sets(["date:month"], ["gender"])
        for label, grouping_sets, measures in [
            ("distinct count", sets, ["case_id:count_distinct"]),
            ("hours", self._sets(["date:hour"], ["gender"]), ["__count"]),
            ("one set", [["date:month", "gender"]], ["__count"]),
            ("integer average", sets, ["people_count:avg"]),
        ]:
            expected = self._pivot(
                self.supervisor,
                "Africa/Casablanca",
                [],
                grouping_sets,
                measures,
                pregroup=False,
            )
            found, queries = self._queries(
                lambda grouping_sets=grouping_sets, measures=measures: self._pivot(
                    self.supervisor, "Africa/Casablanca", [], grouping_sets, measures
                )
            )
            self.assertSameGroups(found, expected, label)
            self.assertNotIn("FROM (SELECT", "".join(queries), label)

    def test_graph_and_report_groups_are_those_of_the_rows(self):
        # One GROUP BY (graph view, activity report): grouped by UTC hour first
        # where the time zone allows it, with the same groups, order, limit.
        year = [
            ("date", ">=", "2025-01-01 00:00:00"),
            ("date", "<", "2026-01-01 00:00:00"),
        ]
        shapes = [
            ([], ["date:month", "gender"], ["case_count:sum", "__count"], None, None),
            (
                year,
                ["date:week"],
                ["people_count:sum"],
                "people_count:sum desc, date:week",
                5,
            ),
            (
                [("record_type", "=", "closure")],
                ["date_closed:quarter", "outcome"],
                ["resolution_days:avg", "rating:avg", "__count"],
                None,
                None,
            ),
            (
                [("office_id", "=", self.office_a.id)],
                ["gender"],
                ["__count"],
                None,
                None,
            ),
        ]
        for user in (self.officer_a, self.supervisor):
            for tz in self.TIME_ZONES:
                for domain, groupby, aggregates, order, limit in shapes:
                    message = f"{user.login} {tz} {groupby}"
                    Report = self.env["baom.case.report"].with_user(user)
                    Report = Report.with_context(tz=tz)
                    expected = Report.with_context(
                        baom_statistics_pregroup=False
                    )._read_group(domain, groupby, aggregates, order=order, limit=limit)
                    found, queries = self._queries(
                        partial(
                            Report._read_group,
                            domain,
                            groupby,
                            aggregates,
                            order=order,
                            limit=limit,
                        )
                    )
                    self.assertTrue(expected, message)
                    self.assertEqual(len(found), len(expected), message)
                    for row, expected_row in zip(found, expected, strict=True):
                        for value, expected_value in zip(
                            row, expected_row, strict=True
                        ):
                            if isinstance(value, float):
                                self.assertAlmostEqual(
                                    value, expected_value, 9, message
                                )
                            else:
                                self.assertEqual(value, expected_value, message)
                    pregrouped = "FROM (SELECT" in "".join(queries)
                    # Only where the conversion per row is spared: a date,
                    # a time zone of whole hours.
                    self.assertEqual(
                        pregrouped,
                        tz in ("Africa/Casablanca", "America/Santiago")
                        and groupby[0] != "gender",
                        message,
                    )
