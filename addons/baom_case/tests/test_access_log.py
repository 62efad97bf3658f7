from odoo.tests import tagged

from .common import BaomCaseCommon

CASE_SPEC = {
    "title": {},
    "description": {},
    "beneficiary_id": {"fields": {"display_name": {}, "phone": {}}},
}


@tagged("post_install", "-at_install")
class TestCaseAccessLog(BaomCaseCommon):
    """A case carries its person's data: reading it is a consultation of the person."""

    def _logs(self, person):
        return self.env["baom.beneficiary.access.log"].search(
            [("beneficiary_id", "=", person.id)]
        )

    def test_opening_a_case_logs_its_person(self):
        self.case_a.with_user(self.officer_a).web_read(CASE_SPEC)
        log = self._logs(self.person_a)
        self.assertEqual(len(log), 1, "One entry, not one per nested read")
        self.assertEqual((log.access_type, log.user_id), ("form", self.officer_a))
        self.assertEqual(log.detail, self.case_a.display_name)

    def test_case_kanban_and_groups_are_not_logged(self):
        Case = self.env["baom.case"].with_user(self.officer_a)
        result = Case.web_search_read([], CASE_SPEC)
        self.assertEqual(len(result["records"]), 1)
        Case.web_read_group([], ["stage_id"], ["__count"])
        self.assertFalse(self._logs(self.person_a))

    def test_exporting_cases_logs_their_people(self):
        self.officer_a.group_ids |= self.env.ref("base.group_allow_export")
        self.case_a.with_user(self.officer_a).export_data(
            ["title", "beneficiary_id/phone"]
        )
        self.assertEqual(self._logs(self.person_a).access_type, "export")

    def test_supervisor_reading_a_pseudonymised_case_logs_no_one(self):
        self.case_a.with_user(self.supervisor).web_read({"name": {}, "gender": {}})
        self.assertFalse(self._logs(self.person_a))
