import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import BaomCaseCommon

JULY = (datetime.date(2025, 7, 1), datetime.date(2025, 8, 1))
AUGUST = (datetime.date(2025, 8, 1), datetime.date(2025, 9, 1))
YEAR = (datetime.date(2025, 1, 1), datetime.date(2026, 1, 1))


class BaomNetworkCommon(BaomCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cases = cls._create_known_dataset()
        # The resolved July case was rated 4 out of 5.
        rated = cls.cases[0]
        rated.rating_apply(4, token=rated._rating_get_access_token())
        cls.Indicator = cls.env["baom.indicator"]
        cls.indicators = {
            indicator.code: indicator for indicator in cls.Indicator.search([])
        }

    def _values(self, code, period, offices=None):
        """{(dimension, value): value} of one indicator for office A."""
        indicator = self.indicators[code]
        rows = indicator._compute_values(offices or self.office_a, *period)[indicator]
        return {(dim, key): value for _office, dim, key, value, _base in rows}


@tagged("post_install", "-at_install", "baom_case", "baom_network")
class TestNetworkIndicators(BaomNetworkCommon):
    def test_every_shipped_indicator_is_computed_by_code(self):
        functions = self.Indicator._get_measure_functions()
        for code in (
            "people_received",
            "unique_people",
            "cases_opened",
            "cases_closed",
            "cases_resolved",
            "median_resolution_days",
            "satisfaction_average",
        ):
            self.assertIn(self.indicators[code].measure, functions, code)
            self.assertTrue(self.indicators[code].is_computable)

    def test_every_measure_reads_its_breakdowns_from_one_helper(self):
        # Nationality and need are defined once (baom_case): every measure of
        # every installed addon asks the helper for its breakdowns.
        Indicator = type(self.Indicator)
        original = Indicator._get_dimension_sql
        functions = self.Indicator._get_measure_functions()
        for indicator in self.Indicator.search([("measure", "in", list(functions))]):
            dimensions = indicator._get_dimensions()
            if not dimensions:
                continue
            with (
                self.subTest(measure=indicator.measure),
                patch.object(
                    Indicator,
                    "_get_dimension_sql",
                    autospec=True,
                    side_effect=original,
                ) as helper,
            ):
                functions[indicator.measure](self.office_a.ids, *JULY, dimensions)
                self.assertTrue(helper.called, indicator.measure)

    def test_dimension_sql_groups_nationality_and_need(self):
        expressions = self.Indicator._get_dimension_sql()
        self.assertEqual(
            set(expressions),
            {"gender", "profile", "age_band", "nationality_group", "need"},
        )
        self.assertIn("'moroccan'", expressions["nationality_group"].code)
        self.assertEqual(
            set(self.Indicator._get_dimension_sql(("gender", "need"))),
            {"gender", "need"},
        )

    def test_people_received(self):
        july = self._values("people_received", JULY)
        # 10 July: two women (one register line), 20 July: one man.
        self.assertEqual(july[("total", "total")], 3)
        self.assertEqual(july[("gender", "female")], 2)
        self.assertEqual(july[("gender", "male")], 1)
        self.assertEqual(july[("profile", "rights_holder")], 2)
        self.assertEqual(july[("profile", "tcn_transit")], 1)
        self.assertEqual(july[("nationality_group", "not_recorded")], 3)
        # 5 August: Fatima, Moroccan, came about her pension.
        august = self._values("people_received", AUGUST)
        self.assertEqual(august[("total", "total")], 1)
        self.assertEqual(august[("nationality_group", "moroccan")], 1)
        self.assertEqual(august[("need", "social_rights")], 1)
        self.assertEqual(self._values("people_received", YEAR)[("total", "total")], 4)

    def test_unique_people(self):
        # July: nobody registered came to the desk; Fatima's case opened.
        self.assertEqual(self._values("unique_people", JULY)[("total", "total")], 1)
        # August: Fatima (visit and a new case) once, Driss (case) once.
        august = self._values("unique_people", AUGUST)
        self.assertEqual(august[("total", "total")], 2)
        self.assertEqual(august[("gender", "female")], 1)
        self.assertEqual(august[("gender", "male")], 1)
        self.assertEqual(august[("profile", "returnee")], 1)
        self.assertEqual(self._values("unique_people", YEAR)[("total", "total")], 2)

    def test_cases_opened_closed_resolved(self):
        self.assertEqual(self._values("cases_opened", JULY)[("total", "total")], 1)
        august = self._values("cases_opened", AUGUST)
        self.assertEqual(august[("total", "total")], 2)
        self.assertEqual(august[("gender", "male")], 1)
        self.assertEqual(august[("age_band", "30_44")], 1, "Driss, born 1990")
        self.assertEqual(self._values("cases_closed", JULY)[("total", "total")], 1)
        self.assertEqual(self._values("cases_closed", AUGUST)[("total", "total")], 1)
        self.assertEqual(self._values("cases_resolved", JULY)[("total", "total")], 1)
        self.assertEqual(self._values("cases_resolved", AUGUST)[("total", "total")], 0)
        year = self._values("cases_closed", YEAR)
        self.assertEqual(year[("total", "total")], 2)
        self.assertEqual(year[("need", "social_rights")], 1)

    def test_median_resolution_days(self):
        # 1 -> 31 July: 30 days; 1 -> 11 August: 10 days.
        self.assertEqual(
            self._values("median_resolution_days", JULY)[("total", "total")], 30.0
        )
        year = self._values("median_resolution_days", YEAR)
        self.assertEqual(year[("total", "total")], 20.0)
        self.assertEqual(year[("gender", "male")], 10.0)

    def test_satisfaction_average(self):
        self.assertEqual(
            self._values("satisfaction_average", JULY)[("total", "total")], 4.0
        )
        self.assertIsNone(
            self._values("satisfaction_average", AUGUST)[("total", "total")],
            "No rating in August: no average, not zero",
        )

    def test_other_offices_are_not_counted(self):
        self._new_visit(self.office_b, visit_date="2025-07-15 10:00:00", people_count=7)
        self.assertEqual(self._values("people_received", JULY)[("total", "total")], 3)
        both = self.indicators["people_received"]._compute_values(
            self.office_a | self.office_b, *JULY
        )[self.indicators["people_received"]]
        totals = {
            office: value for office, dim, _k, value, _b in both if dim == "total"
        }
        self.assertEqual(totals, {self.office_a.id: 3, self.office_b.id: 7})


@tagged("post_install", "-at_install", "baom_case", "baom_network")
class TestObjectives(BaomNetworkCommon):
    def _objective(self, code, target, year=2025, office=None):
        return self.env["baom.objective"].create(
            {
                "office_id": (office or self.office_a).id,
                "year": year,
                "indicator_id": self.indicators[code].id,
                "target": target,
            }
        )

    @freeze_time("2026-02-01")
    def test_actual_and_progress_of_a_past_year(self):
        objective = self._objective("cases_opened", 6)
        self.assertEqual(objective.actual, 3)
        self.assertEqual(objective.progress, 50)
        self.assertEqual(objective.status, "late", "2025 is over at 50 %")
        reached = self._objective("people_received", 4)
        self.assertEqual((reached.actual, reached.progress), (4, 100))
        self.assertEqual(reached.status, "on_track")

    @freeze_time("2025-07-02")
    def test_on_track_follows_the_calendar(self):
        # On 2 July half the year is gone (the dataset's 3 cases are there).
        objective = self._objective("cases_opened", 8)
        self.assertEqual(objective.actual, 3)
        self.assertEqual(objective.status, "late", "3 where 4 were due by now")
        objective.target = 5
        self.assertEqual(objective.status, "on_track", "3 where 2.5 were due")

    @freeze_time("2026-02-01")
    def test_lower_is_better_for_resolution_days(self):
        objective = self._objective("median_resolution_days", 25)
        self.assertEqual(objective.actual, 20)
        self.assertEqual(objective.status, "on_track", "20 days, under 25")
        objective.target = 15
        self.assertEqual(objective.status, "late")

    @freeze_time("2026-02-01")
    def test_refresh_picks_up_new_activity(self):
        objective = self._objective("people_received", 10)
        self.assertEqual(objective.actual, 4)
        self._new_visit(self.office_a, visit_date="2025-12-01 10:00:00", people_count=3)
        self.assertEqual(objective.actual, 4, "stored until refreshed")
        objective.action_refresh()
        self.assertEqual(objective.actual, 7)
        self.env["baom.objective"]._cron_refresh_objectives()
        self.assertEqual(objective.actual, 7)

    def test_copy_forward_builds_the_rolling_programme(self):
        objectives = self._objective("cases_opened", 6) | self._objective(
            "people_received", 40
        )
        objectives.action_copy_forward()
        next_year = self.env["baom.objective"].search(
            [("office_id", "=", self.office_a.id), ("year", "=", 2026)]
        )
        self.assertEqual(
            sorted(next_year.mapped("target")), [6, 40], "targets copied, to adjust"
        )
        next_year.action_copy_forward()
        objectives.action_copy_forward()  # again: nothing duplicated
        years = (
            self.env["baom.objective"]
            .search([("office_id", "=", self.office_a.id)])
            .mapped("year")
        )
        self.assertEqual(sorted(years), [2025, 2025, 2026, 2026, 2027, 2027])

    def test_activity_report_lists_the_objectives(self):
        objective = self._objective("cases_opened", 6)
        other_year = self._objective("cases_opened", 6, year=2024)
        values = (
            self.env["report.baom_case.report_baom_activity"]
            .with_user(self.officer_a)
            ._get_report_values(
                self.office_a.ids,
                data={
                    "office_id": self.office_a.id,
                    "date_from": "2025-01-01",
                    "date_to": "2025-12-31",
                },
            )
        )
        [report] = values["reports"]
        self.assertEqual(report["objectives"], objective)
        self.assertNotIn(other_year, report["objectives"])
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "baom_case.action_report_baom_activity",
                self.office_a.ids,
                data={
                    "office_id": self.office_a.id,
                    "date_from": "2025-01-01",
                    "date_to": "2025-12-31",
                },
            )[0]
            .decode()
        )
        self.assertIn("Objectives", html)
