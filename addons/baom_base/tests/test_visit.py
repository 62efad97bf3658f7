from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import BaomBaseCommon


@tagged("post_install", "-at_install")
class TestReceptionRegister(BaomBaseCommon):
    def test_anonymous_visit_counts_with_gender_and_profile(self):
        visit = (
            self.env["baom.visit"]
            .with_user(self.officer_a)
            .create(
                {
                    "office_id": self.office_a.id,
                    "gender": "female",
                    "profile": "tcn_transit",
                    "channel": "walk_in_group",
                    "people_count": 3,
                }
            )
        )
        self.assertFalse(visit.beneficiary_id)
        self.assertEqual((visit.gender, visit.profile), ("female", "tcn_transit"))
        self.assertEqual(self.office_a.with_user(self.supervisor).visit_month_count, 3)

    def test_known_person_fills_gender_and_profile(self):
        with Form(self.env["baom.visit"].with_user(self.officer_a)) as form:
            form.beneficiary_id = self.person_a
            self.assertEqual(form.gender, "female")
            self.assertEqual(form.profile, "rights_holder")
        self.assertEqual(form.record.office_id, self.office_a, "Defaults to my office")

    def test_visit_must_stay_in_the_persons_office(self):
        with self.assertRaises(ValidationError):
            self._new_visit(self.office_b, beneficiary_id=self.person_a.id)

    def test_bad_counts_are_refused(self):
        with self.assertRaises(ValidationError):
            self._new_visit(self.office_a, people_count=0)
        with self.assertRaises(ValidationError):
            self._new_visit(self.office_a, duration=-1)

    def test_log_a_visit_from_dashboard(self):
        office = self.office_a.with_user(self.officer_a)
        self.assertTrue(office.is_my_office)
        self.assertEqual(
            self.env["baom.office"].with_user(self.officer_a)._get_my_offices(),
            self.office_a,
        )
        action = office.action_log_visit()
        self.assertEqual(action["res_model"], "baom.visit")
        self.assertEqual(action["context"]["default_office_id"], self.office_a.id)
        visit = (
            self.env["baom.visit"]
            .with_user(self.officer_a)
            .with_context(**action["context"])
            .create({"gender": "male", "profile": "mdm_visit"})
        )
        self.assertEqual(visit.office_id, self.office_a)

    def test_visit_counts_are_aggregates_only_for_supervisor(self):
        self._new_visit(self.office_a, beneficiary_id=self.person_a.id)
        office = self.office_a.with_user(self.supervisor)
        self.assertEqual(office.beneficiary_count, 1)
        self.assertEqual(office.visit_month_count, 1)

    def test_household_members_stay_in_one_office(self):
        household = self._new_household(self.office_b, name="Family Diallo")
        with self.assertRaises(ValidationError):
            self.person_a.household_id = household

    def test_officer_must_be_in_officer_group(self):
        with self.assertRaises(ValidationError):
            self.office_a.officer_ids = [(4, self.internal.id)]

    def test_office_with_people_is_archived_not_deleted(self):
        with self.assertRaises(UserError):
            self.office_a.unlink()
        empty = self.env["baom.office"].create({"name": "Empty", "code": "EMPTY"})
        empty.unlink()
        self.assertFalse(empty.exists())
