import json

from odoo.tests import freeze_time, tagged

from .common import BaomBaseCommon


@tagged("post_install", "-at_install", "baom_base")
@freeze_time("2026-03-18 10:00:00")  # a Wednesday
class TestOfficeDashboard(BaomBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for day, people in (
            ("2026-03-18 09:00:00", 2),  # today
            ("2026-03-16 11:00:00", 1),  # Monday of this week
            ("2026-03-02 11:00:00", 4),  # earlier this month
            ("2026-02-27 11:00:00", 5),  # last month
        ):
            cls._new_visit(cls.office_a, visit_date=day, people_count=people)
        cls._new_visit(cls.office_b, visit_date="2026-03-18 09:30:00", people_count=7)

    def test_morning_figures_of_the_office(self):
        office = self.office_a.with_user(self.officer_a)
        self.assertEqual(
            (
                office.visit_today_count,
                office.visit_week_count,
                office.visit_month_count,
            ),
            (2, 3, 7),
            "today, this week (from Monday), this month",
        )

    def test_register_chart_has_every_day_of_the_month(self):
        [graph] = json.loads(self.office_a.with_user(self.officer_a).register_graph)
        days = graph["values"]
        self.assertEqual(len(days), 31, "March has 31 days")
        self.assertEqual(days[1]["value"], 4)
        self.assertEqual(days[17], {"label": "18", "value": 2, "type": "present"})
        self.assertEqual(days[0]["type"], "past")
        self.assertEqual(days[30]["type"], "future")

    def test_supervisor_sees_the_figures_of_supervised_offices(self):
        other = self.env["baom.office"].create({"name": "Office C", "code": "OFFC"})
        Office = self.env["baom.office"].with_user(self.supervisor)
        mine = Office.search(
            ["|", ("is_my_office", "=", True), ("is_supervised_office", "=", True)]
        )
        self.assertIn(self.office_a, mine, "the My Offices filter of the dashboard")
        self.assertNotIn(other, mine, "an office they do not supervise")
        office_a = mine.filtered(lambda office: office == self.office_a)
        self.assertEqual(office_a.visit_today_count, 2)
        self.assertFalse(office_a.is_my_office, "no officer buttons for a supervisor")

    def test_officer_default_office_ignores_supervision(self):
        self.assertEqual(
            self.env["baom.office"].with_user(self.supervisor)._get_my_offices(),
            self.env["baom.office"],
            "supervising an office does not make it the default for new files",
        )

    def test_figures_do_not_count_other_offices(self):
        self.assertEqual(self.office_b.visit_today_count, 7)
        self.assertEqual(
            self.office_a.visit_month_count,
            7,
            "office B's visits are not office A's",
        )
