import datetime

from odoo import fields
from odoo.tests import tagged

from .common import BaomCaseCommon

KANBAN_SPEC = {
    "name": {},
    "priority": {},
    "beneficiary_id": {"fields": {"display_name": {}}},
    "title": {},
    "need_category_ids": {"fields": {"display_name": {}}},
    "tag_ids": {"fields": {"display_name": {}, "color": {}}},
    "document_count": {},
    "document_received_count": {},
    "date_deadline": {},
    "is_closed": {},
    "is_stalled": {},
    "kanban_state": {},
    "legend_normal": {},
    "legend_blocked": {},
    "legend_done": {},
    "activity_ids": {"fields": {}},
    "activity_state": {},
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "user_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
    "color": {},
}


@tagged("post_install", "-at_install", "baom_case")
class TestKanban(BaomCaseCommon):
    def _kanban_queries(self):
        """Queries of the calls the web client makes to open the kanban."""
        Case = self.env["baom.case"].with_user(self.officer_a)
        self.env.invalidate_all()
        self.env.flush_all()
        count = self.env.cr.sql_log_count
        Case.web_read_group(
            [("is_closed", "=", False)],
            ["stage_id"],
            ["__count"],
            auto_unfold=True,
            unfold_read_specification=KANBAN_SPEC,
            unfold_read_default_limit=80,
        )
        Case.read_progress_bar(
            [("is_closed", "=", False)],
            "stage_id",
            {"field": "kanban_state", "colors": {"blocked": "danger"}},
        )
        return self.env.cr.sql_log_count - count

    def _add_cases(self, count):
        for index in range(count):
            case = self._new_case(
                self._new_beneficiary(self.office_a, first_name=f"Person {index}"),
                need_category_ids=self.need_pension.ids,
                stage_id=(self.stage_contact | self.stage_waiting)[index % 2].id,
            )
            case.tag_ids = [(0, 0, {"name": f"Tag {case.id}"})]
            case.activity_schedule(
                "mail.mail_activity_data_call", user_id=self.officer_a.id
            )

    def test_kanban_query_count_does_not_grow_with_cases(self):
        # Two cases in two columns, with needs, tags and activities...
        self.case_a.unlink()
        self._add_cases(2)
        self._kanban_queries()  # warm the registry caches
        few = self._kanban_queries()
        # ... then seventeen: the web client's calls cost the same.
        self._add_cases(15)
        many = self._kanban_queries()
        self.assertLessEqual(many, few, f"N+1 on the kanban: {few} then {many} queries")

    def test_kanban_does_not_log_a_consultation_of_each_file(self):
        Log = self.env["baom.beneficiary.access.log"]
        before = Log.search_count([])
        self._kanban_queries()
        self.assertEqual(Log.search_count([]), before)


@tagged("post_install", "-at_install", "baom_case")
class TestOfficeDashboardCases(BaomCaseCommon):
    def test_dashboard_counts_open_overdue_and_waiting_cases(self):
        today = fields.Date.today()
        self.case_a.date_deadline = today - datetime.timedelta(days=1)
        waiting = self._new_case(self.person_a, stage_id=self.stage_waiting.id)
        self._new_case(self.person_a, stage_id=self.stage_resolved.id)
        office = self.office_a.with_user(self.supervisor)
        self.assertEqual(office.open_case_count, 2)
        self.assertEqual(office.overdue_case_count, 1)
        self.assertEqual(office.waiting_case_count, 1)
        self.assertEqual(waiting.kanban_state, "blocked")
        summary = str(office.case_stage_summary)
        self.assertIn(self.stage_waiting.name, summary)
        self.assertNotIn(self.stage_resolved.name, summary, "closed cases")
        self.assertNotIn(self.person_a.name, summary, "no personal data")

    def test_new_case_button_opens_a_case_of_the_office(self):
        action = self.office_a.with_user(self.officer_a).action_new_case()
        self.assertEqual(action["res_model"], "baom.case")
        self.assertEqual(action["context"]["default_office_id"], self.office_a.id)
