from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_case")
class TestHandover(BaomCaseCommon):
    def _wizard(self, to_user, user=None, **values):
        return (
            self.env["baom.case.handover"]
            .with_user(user or self.officer_a)
            .create(dict({"to_user_id": to_user.id}, **values))
        )

    def test_open_cases_move_to_the_colleague_with_a_note(self):
        second = self._new_case(self.person_a, title="Health insurance")
        closed = self._new_case(self.person_a, stage_id=self.stage_resolved.id)
        self.case_a.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.officer_a.id
        )
        wizard = self._wizard(self.backup_officer, note="Mrs A. waits for the CNSS")
        self.assertEqual(wizard.office_ids, self.office_a)
        self.assertEqual(wizard.case_count, 2)
        wizard.action_hand_over()
        self.assertEqual((self.case_a | second).user_id, self.backup_officer)
        self.assertEqual(
            closed.user_id, self.officer_a, "Closed cases stay as they were"
        )
        self.assertEqual(self.case_a.activity_ids.user_id, self.backup_officer)
        note = self.case_a.message_ids[0]
        self.assertIn("Backup Officer", note.body)
        self.assertIn("Mrs A. waits for the CNSS", note.body)
        self.assertEqual(self.case_b.user_id, self.officer_b, "Other offices untouched")

    def test_colleague_must_work_in_the_office(self):
        wizard = self._wizard(self.officer_b)
        with self.assertRaisesRegex(UserError, "Office A"):
            wizard.action_hand_over()
        self.assertEqual(self.case_a.user_id, self.officer_a)

    def test_administrator_hands_over_for_a_departing_officer(self):
        wizard = self._wizard(
            self.backup_officer, user=self.admin, from_user_id=self.officer_a.id
        )
        wizard.action_hand_over()
        self.assertEqual(self.case_a.user_id, self.backup_officer)

    def _open_cases(self, count):
        cases = self.Case.browse()
        for index in range(count):
            cases |= self._new_case(self.person_a, title=f"File {index}")
        cases.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.officer_a.id
        )
        return cases

    def _hand_over(self, to_user):
        self.env.flush_all()
        self.env.cr.flush()
        start = self.env.cr.sql_log_count
        self._wizard(to_user, note="See the CNSS letters").action_hand_over()
        self.env.flush_all()
        self.env.cr.flush()
        return self.env.cr.sql_log_count - start

    def test_handover_queries_do_not_grow_with_the_cases(self):
        self._hand_over(self.backup_officer)  # warm the caches
        self._open_cases(2)
        two = self._hand_over(self.backup_officer)
        cases = self._open_cases(10)
        with self.assertQueryCount(two):
            self._wizard(
                self.backup_officer, note="See the CNSS letters"
            ).action_hand_over()
        self.assertEqual(cases.user_id, self.backup_officer)
        self.assertEqual(cases.activity_ids.user_id, self.backup_officer)
        for case in cases:
            note = case.message_ids[0]
            self.assertIn("handed over from Officer A to Backup Officer", note.body)
            self.assertIn("See the CNSS letters", note.body)
            self.assertIn(self.backup_officer.partner_id, case.message_partner_ids)
        notice = self.env["mail.message"].search(
            [("partner_ids", "in", self.backup_officer.partner_id.ids)],
            order="id desc",
            limit=1,
        )
        self.assertIn("10 open cases", notice.body)
        self.assertIn(cases[0].name, notice.body)
