from odoo.exceptions import AccessError
from odoo.service.model import call_kw
from odoo.tests import tagged

from .common import BaomBaseCommon

FORM_SPEC = {"name": {}, "phone": {}}


@tagged("post_install", "-at_install")
class TestAccessLog(BaomBaseCommon):
    def _logs(self, person):
        return self.env["baom.beneficiary.access.log"].search(
            [("beneficiary_id", "=", person.id)]
        )

    def test_opening_a_file_is_logged(self):
        self.person_a.with_user(self.officer_a).web_read(FORM_SPEC)
        logs = self._logs(self.person_a)
        self.assertEqual(logs.user_id, self.officer_a)
        self.assertTrue(logs.access_date)

    def test_reopening_within_window_is_one_entry(self):
        person = self.person_a.with_user(self.officer_a)
        person.web_read(FORM_SPEC)
        person.web_read(FORM_SPEC)
        self.assertEqual(len(self._logs(self.person_a)), 1)
        self.person_a.with_user(self.backup_officer).web_read(FORM_SPEC)
        self.assertEqual(
            self._logs(self.person_a).user_id, self.officer_a | self.backup_officer
        )

    def test_lists_and_searches_are_not_logged(self):
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        Beneficiary.web_search_read([], FORM_SPEC)
        Beneficiary.search([]).read(["name"])
        Beneficiary.name_search("Fatima")
        self.assertFalse(self._logs(self.person_a))

    def test_list_query_count_does_not_grow_with_rows(self):
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        for index in range(5):
            self._new_beneficiary(self.office_a, first_name=f"Extra {index}")
        spec = dict(FORM_SPEC, office_id={"fields": {"display_name": {}}})
        Beneficiary.web_search_read([], spec)  # warm the registry caches

        def queries(limit):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Beneficiary.web_search_read([], spec, limit=limit)
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries(2), queries(6), "No query per row in lists")

    def test_office_sees_who_opened_other_office_does_not(self):
        self.person_a.with_user(self.officer_a).web_read(FORM_SPEC)
        self.assertEqual(self.person_a.with_user(self.officer_a).access_log_count, 1)
        Log_b = self.env["baom.beneficiary.access.log"].with_user(self.officer_b)
        self.assertFalse(Log_b.search([]))
        with self.assertRaises(AccessError):
            self.env["baom.beneficiary.access.log"].with_user(self.supervisor).search(
                []
            )
        self.assertEqual(
            self.env["baom.beneficiary.access.log"]
            .with_user(self.admin)
            .search([("beneficiary_id", "=", self.person_a.id)])
            .user_id,
            self.officer_a,
        )

    def test_log_cannot_be_forged_or_erased_by_officer(self):
        self.person_a.with_user(self.officer_a).web_read(FORM_SPEC)
        log = self._logs(self.person_a).with_user(self.officer_a)
        with self.assertRaises(AccessError):
            log.write({"user_id": self.officer_b.id})
        with self.assertRaises(AccessError):
            log.unlink()

    def test_web_client_calls_work_over_rpc(self):
        """The list and the form are loaded through call_kw, as the browser does."""
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        result = call_kw(
            Beneficiary, "web_search_read", [[]], {"specification": FORM_SPEC}
        )
        self.assertEqual(result["length"], 1)
        call_kw(Beneficiary, "web_read", [[self.person_a.id], FORM_SPEC], {})
        self.assertEqual(self._logs(self.person_a).user_id, self.officer_a)
