import json
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.service.model import call_kw
from odoo.tests import HttpCase, tagged

from odoo.addons.baom_base.models.baom_beneficiary_access_log import (
    BaomBeneficiaryAccessLog,
)

from .common import BaomBaseCommon

FORM_SPEC = {"name": {}, "phone": {}}
REPORT = "baom_base.baom_beneficiary_data_report_action"


class AccessLogCommon(BaomBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Exporting is a right an administrator grants (core's export group).
        cls.officer_a.group_ids |= cls.env.ref("base.group_allow_export")

    def _logs(self, person, access_type=None):
        domain = [("beneficiary_id", "=", person.id)]
        if access_type:
            domain.append(("access_type", "=", access_type))
        return self.env["baom.beneficiary.access.log"].search(domain)


@tagged("post_install", "-at_install")
class TestAccessLog(AccessLogCommon):
    def test_opening_a_file_is_logged_as_form(self):
        self.person_a.with_user(self.officer_a).web_read(FORM_SPEC)
        logs = self._logs(self.person_a)
        self.assertEqual(logs.user_id, self.officer_a)
        self.assertEqual(logs.access_type, "form")
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

    def test_reopening_after_window_is_a_new_entry(self):
        person = self.person_a.with_user(self.officer_a)
        person.web_read(FORM_SPEC)
        with freeze_time(fields.Datetime.now() + timedelta(minutes=11)):
            person.web_read(FORM_SPEC)
        self.assertEqual(len(self._logs(self.person_a)), 2)

    def test_each_way_out_is_its_own_entry_in_the_window(self):
        person = self.person_a.with_user(self.officer_a)
        person.web_read(FORM_SPEC)
        person.export_data(["name", "phone"])
        self.assertEqual(
            sorted(self._logs(self.person_a).mapped("access_type")),
            ["export", "form"],
        )

    def test_export_logs_every_exported_person(self):
        other = self._new_beneficiary(self.office_a, first_name="Youssef")
        people = (self.person_a | other).with_user(self.officer_a)
        rows = people.export_data(["name", "phone"])["datas"]
        self.assertEqual(len(rows), 2)
        for person in self.person_a | other:
            log = self._logs(person)
            self.assertEqual(log.access_type, "export", person.name)
            self.assertEqual(log.user_id, self.officer_a)

    def test_printed_report_is_logged(self):
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            ._render_qweb_html(REPORT, self.person_a.ids)
        )
        log = self._logs(self.person_a)
        self.assertEqual(log.access_type, "report")
        self.assertEqual(log.detail, "Personal Data (right of access)")
        # The print lists itself among the consultations it reports.
        self.assertIn("Officer A", html.decode())

    def test_pdf_report_is_logged(self):
        self.env["ir.actions.report"].with_user(self.officer_a)._render_qweb_pdf(
            REPORT, self.person_a.ids
        )
        self.assertEqual(self._logs(self.person_a).access_type, "report")

    def test_lists_and_searches_are_not_logged(self):
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        Beneficiary.web_search_read([], FORM_SPEC)
        Beneficiary.search([]).read(["name"])
        Beneficiary.search_read([], ["name"])
        Beneficiary.name_search("Fatima")
        Beneficiary.web_read_group([], ["office_id"], ["__count"])
        self.assertFalse(self._logs(self.person_a))

    def test_a_related_record_showing_only_the_name_is_not_logged(self):
        """A visit's form shows the person's name as a link, not the file."""
        visit = self._new_visit(self.office_a, beneficiary_id=self.person_a.id)
        visit.with_user(self.officer_a).web_read(
            {"beneficiary_id": {"fields": {"display_name": {}}}}
        )
        self.assertFalse(self._logs(self.person_a))

    def test_client_context_cannot_switch_logging_off(self):
        self.person_a.with_user(self.officer_a).with_context(
            baom_no_access_log=True
        ).web_read(FORM_SPEC)
        self.assertEqual(self._logs(self.person_a).user_id, self.officer_a)

    def test_list_of_80_gains_at_most_one_query(self):
        for index in range(80):
            self._new_beneficiary(self.office_a, first_name=f"Extra {index}")
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        spec = dict(FORM_SPEC, office_id={"fields": {"display_name": {}}})

        def list_queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            result = Beneficiary.web_search_read([], spec, limit=80)
            self.assertEqual(len(result["records"]), 80)
            return self.env.cr.sql_log_count - before

        list_queries()  # warm the registry caches
        with patch.object(BaomBeneficiaryAccessLog, "_log", lambda *args: None):
            without_log = list_queries()
        self.env.invalidate_all()
        with self.assertQueryCount(without_log + 1):
            Beneficiary.web_search_read([], spec, limit=80)
        self.assertFalse(self.env["baom.beneficiary.access.log"].search([]))

    def test_office_sees_who_consulted_other_office_does_not(self):
        self.person_a.with_user(self.officer_a).web_read(FORM_SPEC)
        self.assertEqual(self.person_a.with_user(self.officer_a).access_log_count, 1)
        Log_b = self.env["baom.beneficiary.access.log"].with_user(self.officer_b)
        self.assertFalse(Log_b.search([]), "Another office sees no consultation")
        with self.assertRaises(AccessError, msg="Supervisors do not read the log"):
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

    def test_backup_officer_sees_every_consultation_of_the_person(self):
        self.person_a.with_user(self.officer_a).web_read(FORM_SPEC)
        self.person_a.with_user(self.officer_a).export_data(["name"])
        logs = (
            self.env["baom.beneficiary.access.log"]
            .with_user(self.backup_officer)
            .search([("beneficiary_id", "=", self.person_a.id)])
        )
        self.assertEqual(sorted(logs.mapped("access_type")), ["export", "form"])
        self.assertEqual(logs.user_id, self.officer_a)

    def test_log_cannot_be_forged_or_erased_by_officer(self):
        self.person_a.with_user(self.officer_a).web_read(FORM_SPEC)
        log = self._logs(self.person_a).with_user(self.officer_a)
        with self.assertRaises(AccessError, msg="Officers cannot rewrite the log"):
            log.write({"user_id": self.officer_b.id})
        with self.assertRaises(AccessError, msg="Officers cannot erase the log"):
            log.unlink()
        with self.assertRaises(AccessError, msg="Officers cannot forge entries"):
            self.env["baom.beneficiary.access.log"].with_user(self.officer_a).create(
                {"beneficiary_id": self.person_b.id, "user_id": self.officer_b.id}
            )
        with self.assertRaises(AccessError, msg="Not even an administrator rewrites"):
            log.with_user(self.admin).write({"user_id": self.officer_b.id})

    def test_orm_magic_columns_switch_is_not_shadowed(self):
        Beneficiary = type(self.env["baom.beneficiary"])
        self.assertIs(Beneficiary._log_access, True)
        self.assertIn("write_date", Beneficiary._fields)

    def test_other_addons_log_through_one_helper(self):
        """Merges and transfers (other addons) reuse the same entry point; each
        one is an act of its own, never folded into the window."""
        Log = self.env["baom.beneficiary.access.log"].with_user(self.officer_a)
        Log._log(self.person_a, "transfer", detail="To Office B")
        Log._log(self.person_a, "transfer", detail="Back to Office A")
        logs = self._logs(self.person_a)
        self.assertEqual(logs.mapped("access_type"), ["transfer", "transfer"])
        self.assertEqual(
            set(logs.mapped("detail")), {"To Office B", "Back to Office A"}
        )

    def test_web_client_calls_work_over_rpc(self):
        """The list and the form are loaded through call_kw, as the browser does."""
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        result = call_kw(
            Beneficiary, "web_search_read", [[]], {"specification": FORM_SPEC}
        )
        self.assertEqual(result["length"], 1)
        self.assertFalse(self._logs(self.person_a))
        call_kw(Beneficiary, "web_read", [[self.person_a.id], FORM_SPEC], {})
        self.assertEqual(self._logs(self.person_a).user_id, self.officer_a)


@tagged("post_install", "-at_install")
class TestAccessLogRpc(HttpCase, AccessLogCommon):
    """Reads over RPC run on a read-only cursor: the log must still be written."""

    def _call(self, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/baom.beneficiary/{method}",
            {
                "model": "baom.beneficiary",
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        )

    def setUp(self):
        super().setUp()
        self.authenticate("baom_officer_a", "baom_officer_a")
        self.expiration = datetime.now() + timedelta(days=0.5)

    def test_rpc_search_read_is_logged_on_a_read_only_cursor(self):
        # A write on the read-only cursor would make odoo.http retry the whole
        # call read-write with a warning: the log must not need that.
        with self.assertNoLogs("odoo.http", "WARNING"):
            rows = self._call("search_read", [[]], {"fields": ["name", "phone"]})
        self.assertEqual([row["id"] for row in rows], self.person_a.ids)
        log = self._logs(self.person_a)
        self.assertEqual((log.access_type, log.user_id), ("api", self.officer_a))
        self.assertEqual(log.detail, "baom.beneficiary.search_read")

    def test_rpc_read_is_logged(self):
        with self.assertNoLogs("odoo.http", "WARNING"):
            self._call("read", [self.person_a.ids, ["phone"]])
        self.assertEqual(self._logs(self.person_a, "api").user_id, self.officer_a)

    def test_form_opened_by_the_web_client_is_logged(self):
        with self.assertNoLogs("odoo.http", "WARNING"):
            self._call("web_read", [self.person_a.ids], {"specification": FORM_SPEC})
        self.assertEqual(self._logs(self.person_a, "form").user_id, self.officer_a)

    def test_web_client_list_is_not_logged(self):
        result = self._call(
            "web_search_read", [], {"domain": [], "specification": FORM_SPEC}
        )
        self.assertEqual(result["length"], 1)
        self.assertFalse(self._logs(self.person_a))

    def _call_api(self, method, payload):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.officer_a)
            ._generate(scope="rpc", name="test", expiration_date=self.expiration)
        )
        response = self.url_open(
            f"/json/2/baom.beneficiary/{method}",
            data=json.dumps(payload),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {key}",
            },
        )
        response.raise_for_status()
        return response.json()

    def test_api_list_is_logged_as_api(self):
        """An external client fetching a list copies files: that is logged."""
        with self.assertNoLogs("odoo.http", "WARNING"):
            result = self._call_api(
                "web_search_read", {"domain": [], "specification": FORM_SPEC}
            )
        self.assertEqual(result["length"], 1)
        log = self._logs(self.person_a)
        self.assertEqual((log.access_type, log.user_id), ("api", self.officer_a))

    def test_api_search_read_is_logged_as_api(self):
        with self.assertNoLogs("odoo.http", "WARNING"):
            self._call_api("search_read", {"domain": [], "fields": ["phone"]})
        self.assertEqual(self._logs(self.person_a, "api").user_id, self.officer_a)
