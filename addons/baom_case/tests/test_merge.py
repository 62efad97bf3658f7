from odoo.tests import tagged

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_case")
class TestMergeCases(BaomCaseCommon):
    def test_cases_follow_the_kept_file_with_their_chatter(self):
        duplicate = self._new_beneficiary(
            self.office_a, first_name="Fatema", last_name="Ait Brahim"
        )
        case = self._new_case(duplicate, title="Pension from Belgium")
        closed = self._new_case(duplicate, title="Old request")
        closed.active = False
        case.message_post(body="Sent the form to the ONP")
        self.env["baom.beneficiary.merge"].with_user(self.officer_a)._merge(
            duplicate, self.person_a
        )
        self.assertEqual(case.beneficiary_id, self.person_a)
        self.assertEqual(closed.beneficiary_id, self.person_a, "Archived cases too")
        self.assertEqual(case.office_id, self.office_a)
        self.assertIn(
            "Sent the form to the ONP", " ".join(case.message_ids.mapped("body"))
        )
        self.assertEqual(self.person_a.with_user(self.officer_a).case_count, 3)
        self.assertFalse(
            self.env["baom.case"].search([("beneficiary_id", "=", duplicate.id)])
        )
