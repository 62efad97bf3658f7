from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_case")
class TestRetention(BaomCaseCommon):
    def test_a_new_case_restarts_the_retention_clock(self):
        person = self.person_a
        person.sudo().last_activity_date = fields.Datetime.now() - timedelta(days=400)
        self._new_case(person)
        self.assertGreater(
            person.last_activity_date, fields.Datetime.now() - timedelta(minutes=5)
        )

    def test_anonymisation_wipes_the_cases_but_keeps_statistics(self):
        self.case_a.document_ids = [
            (0, 0, {"name": "Passport", "file": "JVBERi0xLjQ=", "file_name": "p.pdf"})
        ]
        self.case_a.message_post(body="Her CARSAT number is 123")
        self.case_a.with_user(self.officer_a).stage_id = self.stage_resolved
        self.case_a.rating_ids.write({"feedback": "Thanks to Mrs Idrissi", "rating": 5})
        facts = (self.case_a.gender, self.case_a.profile, self.case_a.age_band)
        self.person_a.sudo().last_activity_date = fields.Datetime.now() - timedelta(
            days=365 * 6
        )
        self.env["baom.beneficiary"]._cron_apply_retention()
        case = self.case_a.with_context(active_test=False)
        self.assertTrue(case.beneficiary_id.is_anonymized)
        self.assertFalse(case.title or case.description or case.confidential_note)
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "baom.case"), ("res_id", "=", case.id)]
            )
        )
        self.assertFalse(case.document_ids.file)
        self.assertTrue(case.document_ids.is_received, "The checklist keeps its ticks")
        self.assertFalse(case.message_follower_ids)
        self.assertFalse(case.rating_ids.feedback)
        self.assertEqual((case.gender, case.profile, case.age_band), facts)
        self.assertEqual(case.outcome, "resolved")
