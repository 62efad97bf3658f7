from odoo.tests import tagged

from .common import BaomEventsCommon


@tagged("post_install", "-at_install", "baom_events")
class TestActivityReportEvents(BaomEventsCommon):
    """Office A held two events in 2027 (one in office B and one in 2026 do
    not count): 12 + 6 counted at the door, 1 registration attended, two
    visits and one case that followed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("baom_events.followup_days", 30)
        cls.day = cls._new_event(cls.office_a)
        cls.national_day = cls._new_event(
            cls.office_a,
            name="10 August",
            date_begin="2027-08-10 09:00:00",
            date_end="2027-08-10 18:00:00",
        )
        other_office = cls._new_event(cls.office_b)
        last_year = cls._new_event(
            cls.office_a,
            date_begin="2026-05-10 09:00:00",
            date_end="2026-05-10 17:00:00",
        )
        cls.env["baom.event.attendance.count"].create(
            [
                {"event_id": cls.day.id, "gender": "female", "count": 7},
                {"event_id": cls.day.id, "gender": "male", "count": 5},
                {"event_id": cls.national_day.id, "gender": "female", "count": 4},
                {"event_id": cls.national_day.id, "count": 2},
                {"event_id": other_office.id, "gender": "female", "count": 50},
                {"event_id": last_year.id, "gender": "male", "count": 40},
            ]
        )
        cls.env["event.registration"].create(
            [
                {"event_id": cls.day.id, "name": "Nadia Ouali", "state": "done"},
                {"event_id": cls.day.id, "name": "No-show"},
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
        cls._new_visit(
            cls.office_a,
            beneficiary_id=cls.woman.id,
            visit_date="2027-05-12 10:00:00",
            channel="event",
            event_id=cls.day.id,
        )
        cls._new_visit(
            cls.office_a,
            gender="male",
            people_count=3,
            visit_date="2027-08-11 10:00:00",
            channel="event",
            event_id=cls.national_day.id,
        )
        cls.env["baom.case"].create(
            {"beneficiary_id": cls.woman.id, "date_open": "2027-05-20"}
        )
        cls.report = cls.env.ref("baom_case.action_report_baom_activity")
        cls.data = {
            "office_id": cls.office_a.id,
            "date_from": "2027-01-01",
            "date_to": "2027-12-31",
        }

    def test_events_section_figures(self):
        [report] = (
            self.env["report.baom_case.report_baom_activity"]
            .with_user(self.supervisor)
            ._get_report_values(self.office_a.ids, data=self.data)["reports"]
        )
        self.assertEqual(
            report["events"],
            {
                "event_count": 2,
                "headcount": 18,
                "registrations": 1,
                "reached": 19,
                "female": 11,
                "male": 5,
                "not_recorded": 3,
                "visits": 2,
                "visit_people": 4,
                "cases": 1,
            },
            "Office B's event, last year's event and the no-show are not counted",
        )

    def test_supervisor_prints_the_section_without_names(self):
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(self.supervisor)
            ._render_qweb_html(self.report, self.office_a.ids, data=self.data)
        )
        html = html.decode()
        self.assertIn("o_baom_event_figures", html)
        self.assertRegex(html, r'o_baom_event_count"[^>]*>2<')
        self.assertRegex(html, r'o_baom_event_reached"[^>]*>19<')
        self.assertRegex(html, r'o_baom_event_cases"[^>]*>1<')
        for name in ("Rkia", "Amzil", "Nadia", "Promotion day", "10 August"):
            self.assertNotIn(name, html, "The section holds figures, no names")

    def test_supervisor_prints_the_pdf(self):
        with self.allow_pdf_render():
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_user(self.supervisor)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(self.report, self.office_a.ids, data=self.data)
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_period_without_events_shows_zero(self):
        data = dict(self.data, date_from="2025-01-01", date_to="2025-12-31")
        [report] = (
            self.env["report.baom_case.report_baom_activity"]
            .with_user(self.officer_a)
            ._get_report_values(self.office_a.ids, data=data)["reports"]
        )
        self.assertEqual(report["events"]["event_count"], 0)
        self.assertEqual(report["events"]["reached"], 0)
