from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_case")
class TestReminders(BaomCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        long_ago = fields.Datetime.now() - timedelta(days=20)
        (cls.case_a | cls.case_b).write({"date_last_update": long_ago})

    def _run_cron(self):
        cron = self.env.ref("baom_case.ir_cron_baom_case_stalled")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        # The job runs in its own cursor: share the test's one.
        with self.enter_registry_test_mode():
            self.assertIs(cron.method_direct_trigger(), True, "The job failed")
        self.env.invalidate_all()

    def test_case_without_news_is_flagged_and_officer_reminded(self):
        self._run_cron()
        self.assertTrue(self.case_a.is_stalled)
        reminder = self.case_a.activity_ids
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.user_id, self.officer_a)
        self.assertEqual(
            reminder.activity_type_id,
            self.env.ref("baom_case.mail_activity_type_case_follow_up"),
        )
        self._run_cron()
        self.assertEqual(len(self.case_a.activity_ids), 1, "Reminded once")

    def test_planned_or_closed_cases_are_not_flagged(self):
        self.case_a.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.officer_a.id
        )
        self.case_b.with_user(self.officer_b).stage_id = self.stage_resolved
        self.case_b.date_last_update = fields.Datetime.now() - timedelta(days=20)
        self._run_cron()
        self.assertFalse(self.case_a.is_stalled)
        self.assertFalse(self.case_b.is_stalled)

    def test_inactivity_setting_is_honoured(self):
        settings = self.env["res.config.settings"].create(
            {"baom_case_inactivity_days": 30}
        )
        settings.execute()
        self._run_cron()
        self.assertFalse(self.case_a.is_stalled, "20 days < 30 days")

    def test_news_clears_the_flag(self):
        self._run_cron()
        self.case_a.with_user(self.officer_a).message_post(body="Called the CNSS")
        self.assertFalse(self.case_a.is_stalled)

    def test_pension_plan_schedules_the_steps_for_the_officer(self):
        plan = self.env.ref("baom_case.mail_activity_plan_pension")
        wizard = (
            self.env["mail.activity.schedule"]
            .with_user(self.officer_a)
            .with_context(active_model="baom.case", active_ids=self.case_a.ids)
            .create({"plan_id": plan.id})
        )
        wizard.action_schedule_plan()
        activities = self.case_a.activity_ids
        self.assertEqual(len(activities), len(plan.template_ids))
        self.assertEqual(activities.user_id, self.officer_a)
        self.assertIn("Follow up with the pension fund", activities.mapped("summary"))

    def test_deadline_calendar_and_overdue_filter(self):
        self.case_a.date_deadline = fields.Date.today() - timedelta(days=1)
        overdue = self.Case.with_user(self.officer_a).search(
            [("is_closed", "=", False), ("date_deadline", "<", "today")]
        )
        self.assertEqual(overdue, self.case_a)

    def _stale_cases(self, count):
        cases = self.Case.browse()
        for index in range(count):
            cases |= self._new_case(self.person_a, title=f"Stale file {index}")
        cases.write({"date_last_update": fields.Datetime.now() - timedelta(days=20)})
        return cases

    def test_flagging_queries_do_not_grow_with_the_cases(self):
        Case = self.env["baom.case"]
        Case._cron_flag_stalled_cases()  # warm the caches
        self._stale_cases(2)
        two = self._count_queries(Case._cron_flag_stalled_cases)
        cases = self._stale_cases(10)
        with self.assertQueryCount(two):
            Case._cron_flag_stalled_cases()
        follow_up = self.env.ref("baom_case.mail_activity_type_case_follow_up")
        for case in cases:
            self.assertTrue(case.is_stalled)
            self.assertEqual(case.activity_ids.activity_type_id, follow_up)
            self.assertEqual(case.activity_ids.user_id, self.officer_a)
            self.assertIn("No news for 14 days", case.message_ids[0].body)
        self.assertTrue(cases[0].is_stalled, "Logging the flag is not news")
