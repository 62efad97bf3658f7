from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_transfer")
class TestCaseTransfer(BaomCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.closed_case = cls._new_case(
            cls.person_a, title="Old pension file", stage_id=cls.stage_resolved.id
        )

    def _transfer(self, user=None, **values):
        vals = {
            "beneficiary_id": self.person_a.id,
            "office_id": self.office_b.id,
            "reason": "Moved to the town of office B",
            "consent": True,
        }
        vals.update(values)
        wizard = (
            self.env["baom.beneficiary.transfer"]
            .with_user(user or self.officer_a)
            .create(vals)
        )
        return wizard.action_transfer()

    def test_officer_cannot_move_a_case_by_writing_the_office(self):
        with self.assertRaisesRegex(UserError, "Use the Transfer action"):
            self.case_a.with_user(self.officer_a).write({"office_id": self.office_b.id})
        self.assertEqual(self.case_a.office_id, self.office_a)

    def test_linking_a_case_to_a_person_of_another_office_is_refused(self):
        # The office follows the person: this write would move the case.
        with self.assertRaisesRegex(UserError, "Use the Transfer action"):
            self.case_a.with_user(self.officer_a).write(
                {"beneficiary_id": self.person_b.id}
            )
        self.assertEqual(self.case_a.office_id, self.office_a)
        self.assertEqual(self.case_a.beneficiary_id, self.person_a)

    def test_wizard_lists_the_open_cases_that_move(self):
        form = Form(
            self.env["baom.beneficiary.transfer"]
            .with_user(self.officer_a)
            .with_context(active_model="baom.beneficiary", active_id=self.person_a.id)
        )
        self.assertEqual(form.case_ids[:], self.case_a, "Not the closed case")

    def test_open_cases_move_with_the_person(self):
        self._transfer()
        self.assertEqual(self.case_a.office_id, self.office_b)
        self.assertEqual(
            self.case_a.user_id, self.officer_b, "The receiving officer takes it over"
        )
        self.assertEqual(self.case_a.stage_id, self.stage_contact, "Same step")
        self.assertIn(
            "Moved to the town of office B", str(self.case_a.message_ids[0].body)
        )
        self.assertEqual(
            self.Case.with_user(self.officer_b).search(
                [("beneficiary_id", "=", self.person_a.id)]
            ),
            self.case_a,
            "Office B works the open case",
        )
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.officer_a).read(["title"])

    def test_closed_cases_stay_with_the_office_that_worked_them(self):
        self._transfer()
        self.assertEqual(self.closed_case.office_id, self.office_a)
        report = self.env["baom.case"].search_count(
            [("office_id", "=", self.office_a.id), ("is_closed", "=", True)]
        )
        self.assertEqual(report, 1, "Office A's statistics do not change")

    def test_closed_case_left_behind_cannot_be_reopened(self):
        self._transfer()
        with self.assertRaisesRegex(UserError, "cannot be reopened"):
            self.closed_case.with_user(
                self.officer_a
            ).stage_id = self.stage_accompaniment
        self.assertTrue(self.closed_case.is_closed)

    def test_old_officer_loses_the_case_activities_and_news(self):
        self.case_a.message_subscribe(partner_ids=self.officer_a.partner_id.ids)
        self.case_a.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Call CNSS",
            user_id=self.officer_a.id,
        )
        self._transfer()
        self.assertNotIn(self.officer_a.partner_id, self.case_a.message_partner_ids)
        self.assertEqual(self.case_a.activity_ids.user_id, self.officer_b)

    def test_officer_of_another_office_cannot_move_cases(self):
        with self.assertRaises(AccessError):
            self._transfer(user=self.officer_b)
        self.assertEqual(self.case_a.office_id, self.office_a)

    def test_transferred_file_with_cases_can_be_merged_in_its_new_office(self):
        self._transfer()
        twin = self._new_beneficiary(
            self.office_b, first_name="Fatema", last_name="Ait Brahim"
        )
        self.env["baom.beneficiary.merge"].with_user(self.officer_b).create(
            {
                "beneficiary_ids": [(6, 0, (twin | self.person_a).ids)],
                "target_id": twin.id,
            }
        ).action_merge()
        self.assertEqual(self.case_a.beneficiary_id, twin)
        self.assertEqual(self.case_a.office_id, self.office_b)
