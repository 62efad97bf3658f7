from odoo.exceptions import ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_case")
class TestCaseStage(BaomCaseCommon):
    def test_reference_is_numbered_per_office_and_year(self):
        year = self.case_a.date_open.year
        self.assertEqual(self.case_a.name, f"OFFA/{year}/0001")
        second = self._new_case(self.person_a)
        self.assertEqual(second.name, f"OFFA/{year}/0002")
        self.assertEqual(self.case_b.name, f"OFFB/{year}/0001", "Office B counts alone")
        older = self._new_case(self.person_a, date_open="2025-12-30 09:00:00")
        self.assertEqual(older.name, "OFFA/2025/0001", "The year of opening counts")

    def test_case_takes_office_and_officer_from_the_person(self):
        self.assertEqual(self.case_a.office_id, self.office_a)
        self.assertEqual(self.case_a.user_id, self.officer_a)
        by_backup = self._new_case(self.person_a, user=self.backup_officer)
        self.assertEqual(by_backup.user_id, self.backup_officer)
        self.assertEqual(self.case_a.stage_id, self.stage_contact, "First stage")
        self.assertEqual(
            (self.case_a.gender, self.case_a.profile, self.case_a.nationality_id),
            ("female", "rights_holder", self.morocco),
        )

    @freeze_time("2026-03-01")
    def test_age_band_is_the_age_at_opening(self):
        case = self._new_case(self.person_a, date_open="2026-03-01 10:00:00")
        self.assertEqual(case.age_band, "60_99", "Born in 1961: 64 when opened")
        young = self._new_beneficiary(self.office_a, birth_date="2010-06-01")
        self.assertEqual(self._new_case(young).age_band, "00_17")

    @freeze_time("2026-03-01")
    def test_year_only_birth_date_counts_as_born_mid_year(self):
        # Born "2008": 17 on 1 March 2026 if born mid-year, 18 if on 1 January.
        person = self._new_beneficiary(
            self.office_a, birth_date="2008-01-01", birth_year_only=True
        )
        case = self._new_case(person, date_open="2026-03-01 10:00:00")
        visit = self._new_visit(
            self.office_a, beneficiary_id=person.id, visit_date="2026-03-01 10:00:00"
        )
        self.assertEqual((case.age_band, visit.age_band), ("00_17", "00_17"))
        person.birth_year_only = False
        self.assertEqual(
            (case.age_band, visit.age_band),
            ("18_29", "18_29"),
            "A full date of 1 January 2008 makes an adult",
        )

    def test_person_of_another_office_is_refused(self):
        with self.assertRaises(ValidationError):
            self.Case.create(
                {"beneficiary_id": self.person_b.id, "office_id": self.office_a.id}
            )

    def test_entering_a_closed_stage_sets_closing_date_and_outcome(self):
        case = self.case_a.with_user(self.officer_a)
        case.stage_id = self.stage_resolved
        self.assertTrue(case.is_closed)
        self.assertTrue(case.date_closed)
        self.assertEqual(case.outcome, "resolved", "The stage's default outcome")

    def test_closing_without_outcome_is_refused(self):
        case = self.case_a.with_user(self.officer_a)
        with self.assertRaises(ValidationError):
            case.stage_id = self.stage_closed
        case.write({"stage_id": self.stage_closed.id, "outcome": "not_resolved"})
        self.assertEqual(case.outcome, "not_resolved")
        self.assertTrue(case.date_closed)

    def test_leaving_a_closed_stage_reopens_the_case(self):
        case = self.case_a.with_user(self.officer_a)
        case.stage_id = self.stage_resolved
        case.stage_id = self.stage_accompaniment
        self.assertFalse(case.date_closed)
        self.assertFalse(case.outcome)
        self.assertFalse(case.is_closed)

    def test_waiting_stage_marks_the_case_blocked(self):
        case = self.case_a.with_user(self.officer_a)
        case.stage_id = self.stage_waiting
        self.assertEqual(case.kanban_state, "blocked")
        self.assertEqual(case.legend_blocked, "Waiting on an administration")
        case.stage_id = self.stage_accompaniment
        self.assertEqual(case.kanban_state, "normal", "A new step starts afresh")

    def test_quick_create_in_a_closed_column(self):
        case = (
            self.Case.with_user(self.officer_a)
            .with_context(default_stage_id=self.stage_resolved.id)
            .create({"beneficiary_id": self.person_a.id})
        )
        self.assertEqual((case.outcome, bool(case.date_closed)), ("resolved", True))

    def test_form_proposes_the_officers_of_the_office(self):
        with Form(self.Case.with_user(self.officer_a)) as form:
            form.beneficiary_id = self.person_a
            self.assertEqual(form.office_id, self.office_a)
            self.assertEqual(form.user_id, self.officer_a)
            form.title = "Pension"
        self.assertTrue(form.record.name.startswith("OFFA/"))

    def test_stage_template_is_sent_to_the_person(self):
        template = self.env.ref("baom_case.mail_template_case_acknowledgement")
        self.stage_accompaniment.mail_template_id = template
        self.env.cr.flush()  # end the creation transaction: changes are tracked again
        case = self.case_a.with_user(self.officer_a).with_context(
            tracking_disable=False
        )
        case.stage_id = self.stage_accompaniment
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        message = case.message_ids.filtered(
            lambda m: self.person_a.partner_id in m.partner_ids
        )
        self.assertTrue(message, "The person gets the stage's e-mail")
        self.assertIn(case.name, message[0].subject)
