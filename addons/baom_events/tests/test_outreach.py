from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import BaomEventsCommon


@tagged("post_install", "-at_install")
class TestOutreach(BaomEventsCommon):
    """A promotion day on 10 May 2027 in office A, 30 days of follow-up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("baom_events.followup_days", 30)
        cls.event = cls._new_event(cls.office_a)
        Count = cls.env["baom.event.attendance.count"]
        Count.create(
            [
                {"event_id": cls.event.id, "gender": "female", "count": 10},
                {
                    "event_id": cls.event.id,
                    "gender": "male",
                    "profile": "tcn_transit",
                    "count": 5,
                },
                {"event_id": cls.event.id, "count": 3},
            ]
        )
        cls.env["event.registration"].create(
            [
                {"event_id": cls.event.id, "name": "Came", "state": "done"},
                {"event_id": cls.event.id, "name": "Registered only"},
            ]
        )
        cls.woman = cls.env["baom.beneficiary"].create(
            {
                "first_name": "Rkia",
                "last_name": "Amzil",
                "gender": "female",
                "profile": "rights_holder",
                "office_id": cls.office_a.id,
                "consent_date": "2027-05-12",
            }
        )
        event_visit = {"channel": "event", "event_id": cls.event.id}
        cls.visits = (
            # during the event and within the follow-up period: counted
            cls._new_visit(
                cls.office_a,
                beneficiary_id=cls.woman.id,
                visit_date="2027-05-12 10:00:00",
                **event_visit,
            )
            | cls._new_visit(
                cls.office_a,
                gender="male",
                people_count=2,
                visit_date="2027-06-05 10:00:00",
                **event_visit,
            )
            | cls._new_visit(
                cls.office_a, gender="female", visit_date="2027-05-10 11:00:00"
            )
            | cls._new_visit(
                cls.office_a,
                gender="female",
                visit_date="2027-05-10 12:00:00",
                **event_visit,
            )
            # too late (after 30 days) or not naming the event: not counted
            | cls._new_visit(
                cls.office_a,
                gender="male",
                visit_date="2027-07-01 10:00:00",
                **event_visit,
            )
        )

    def test_people_reached_by_gender(self):
        event = self.event
        self.assertEqual(event.baom_headcount, 18)
        self.assertEqual(
            event.baom_reached_count,
            19,
            "Head counts plus the registration attended (not the no-show)",
        )
        self.assertEqual(event.baom_reached_female_count, 10)
        self.assertEqual(event.baom_reached_male_count, 5)

    def test_visits_that_followed_within_the_period(self):
        event = self.event
        self.assertEqual(event.baom_visit_count, 3)
        self.assertEqual(event.baom_visit_people_count, 4)
        self.assertEqual(event.baom_visit_female_count, 2)
        self.assertEqual(event.baom_visit_male_count, 1)

    def test_follow_up_period_is_a_setting(self):
        self.env["ir.config_parameter"].set_param("baom_events.followup_days", 60)
        self.event.invalidate_recordset()
        self.assertEqual(self.event.baom_visit_count, 4)
        self.assertEqual(self.event.baom_visit_male_count, 2)

    def test_cases_that_followed(self):
        if "baom.case" not in self.env:
            self.skipTest("baom_case is not installed: events count no cases")
        Case = self.env["baom.case"].with_user(self.officer_a)
        Case.create({"beneficiary_id": self.woman.id, "date_open": "2027-05-20"})
        Case.create({"beneficiary_id": self.woman.id, "date_open": "2027-09-01"})
        self.event.invalidate_recordset()
        self.assertEqual(self.event.baom_case_count, 1)
        self.assertEqual(self.event.baom_case_female_count, 1)
        self.assertEqual(self.event.baom_case_male_count, 0)

    def test_supervisor_reads_the_figures_not_the_people(self):
        event = self.event.with_user(self.supervisor)
        self.assertEqual(event.baom_visit_count, 3)
        self.assertEqual(event.baom_reached_count, 19)

    def test_figures_cost_the_same_for_many_events(self):
        others = self.env["event.event"]
        for day in range(11, 20):
            others |= self._new_event(
                self.office_a,
                date_begin=f"2027-05-{day} 09:00:00",
                date_end=f"2027-05-{day} 17:00:00",
            )
        self.env.flush_all()

        def read(events):
            events.invalidate_recordset()
            self.env.cr.flush()
            start = self.env.cr.sql_log_count
            events.read(["baom_reached_count", "baom_visit_count", "baom_case_count"])
            return self.env.cr.sql_log_count - start

        read(self.event)  # warm the settings cache
        self.assertEqual(read(others[:2]), read(others))

    def test_changing_the_channel_drops_the_event(self):
        visit = self.visits[0]
        visit.channel = "walk_in"
        self.assertFalse(visit.event_id)
        self.event.invalidate_recordset()
        self.assertEqual(self.event.baom_visit_count, 2)

    def test_negative_head_count_is_refused(self):
        with (
            self.assertRaisesRegex(ValidationError, "cannot be negative"),
            self.env.cr.savepoint(),
        ):
            self.env["baom.event.attendance.count"].create(
                {"event_id": self.event.id, "count": -4}
            )
        self.event.invalidate_recordset()
        self.assertEqual(self.event.baom_headcount, 18, "The other counts are kept")

    def test_office_outreach_of_a_period(self):
        """The figures the activity report can print for the office."""
        figures = self.office_a._get_baom_event_outreach("2027-01-01", "2027-12-31")
        self.assertEqual(figures["event_count"], 1)
        self.assertEqual(figures["baom_reached_count"], 19)
        self.assertEqual(figures["baom_visit_count"], 3)
        empty = self.office_a._get_baom_event_outreach("2026-01-01", "2026-12-31")
        self.assertEqual(empty["event_count"], 0)
        self.assertEqual(empty["baom_reached_count"], 0)
