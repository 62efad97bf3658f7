from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import JsonRpcException, new_test_user, tagged

from odoo.addons.baom_base.tests.common import BrowserCase

from .common import PDF, BaomPortalCommon

# What a JSON route raises when it refuses, not when it crashes.
DENIED = r"(AccessError|MissingError|NotFound|Forbidden)$"
ACCESS_DENIED = r"odoo\.exceptions\.AccessError"


class ReferralPortalCommon(BaomPortalCommon):
    """Two institutions with a portal contact and a service each, and a
    referral sent to each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.institution_a = Partner.create(
            {"name": "CNSS Agadir", "is_company": True, "email": "agadir@cnss.example"}
        )
        cls.institution_b = Partner.create(
            {"name": "ANAPEC Biougra", "is_company": True, "email": "b@anapec.example"}
        )
        cls.contact_a = new_test_user(
            cls.env,
            "cnss_samira",
            groups="base.group_portal",
            name="Samira CNSS",
            email="samira@cnss.example",
        )
        cls.contact_a.partner_id.parent_id = cls.institution_a
        cls.contact_b = new_test_user(
            cls.env,
            "anapec_youssef",
            groups="base.group_portal",
            name="Youssef ANAPEC",
            email="youssef@anapec.example",
        )
        cls.contact_b.partner_id.parent_id = cls.institution_b
        cls.service_a = cls.env["baom.service"].create(
            {"name": "Survivor's pension", "institution_id": cls.institution_a.id}
        )
        cls.service_b = cls.env["baom.service"].create(
            {"name": "Job search", "institution_id": cls.institution_b.id}
        )
        cls.person_a.phone = "+212600000001"
        cls.referral_a = cls._send_referral(
            cls.case_a, cls.service_a, reason="Check her survivor's pension file"
        )
        cls.referral_b = cls._send_referral(cls.case_b, cls.service_b, reason="Job")

    @classmethod
    def _send_referral(cls, case, service, **values):
        officer = case.office_id.officer_ids[:1]
        referral = (
            cls.env["baom.referral"]
            .with_user(officer)
            .create(
                {
                    "case_id": case.id,
                    "service_id": service.id,
                    "consent_share": True,
                    "share_name": True,
                    "share_phone": False,
                    "share_reason": True,
                    **values,
                }
            )
        )
        referral.action_send()
        return referral.with_env(cls.env)

    def _page(self, referral, token=None, status=200):
        url = f"/my/referrals/{referral.id}" + (
            f"?access_token={token}" if token else ""
        )
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, url)
        return response.text

    def _token(self, referral):
        return referral.sudo().access_token

    def _csrf(self, page):
        if 'name="csrf_token" value="' in page:
            return page.split('name="csrf_token" value="')[1].split('"')[0]
        return page.split('csrf_token: "')[1].split('"')[0]

    def _answer(self, referral, token=None, **data):
        return self._post_answer(referral, self._page(referral, token), token, **data)

    def _post_answer(self, referral, page, token=None, **data):
        """Send the answer form of ``page`` (read before, maybe refused)."""
        data = dict(data, csrf_token=self._csrf(page))
        if token:
            data["access_token"] = token
        return self.url_open(f"/my/referrals/{referral.id}/answer", data=data)


@tagged("post_install", "-at_install", "baom_portal")
class TestReferralPortal(ReferralPortalCommon):
    # ------------------------------------------------------------
    # What the institution sees
    # ------------------------------------------------------------

    def test_contact_lists_only_referrals_to_their_institution(self):
        self.authenticate(self.contact_a.login, self.contact_a.login)
        page = self.url_open("/my/referrals").text
        self.assertIn(self.referral_a.name, page)
        self.assertNotIn(self.referral_b.name, page)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["baom_referral_count"]}
        )
        self.assertEqual(counters["baom_referral_count"], 1)

    def test_referral_page_shows_only_shared_fields(self):
        self.authenticate(self.contact_a.login, self.contact_a.login)
        page = self._page(self.referral_a)
        self.assertIn("Fatima Test", page, "The name was shared")
        self.assertIn("survivor's pension file".replace("'", "&#39;"), page)
        for hidden in (
            "+212600000001",  # phone not shared
            "Secret: family conflict",
            "Pension from Belgium",  # the case's subject
            "Birth record",  # document not ticked
            self.case_a.name,
        ):
            self.assertNotIn(hidden, page, f"Not shared: {hidden!r}")

    def test_nothing_shared_without_consent(self):
        self.referral_a.sudo().consent_share = False
        self.authenticate(self.contact_a.login, self.contact_a.login)
        page = self._page(self.referral_a)
        self.assertNotIn("Fatima Test", page)

    def test_record_rules_fence_the_orm(self):
        Referral = self.env["baom.referral"].with_user(self.contact_a)
        self.assertEqual(Referral.search([]), self.referral_a)
        with self.assertRaises(AccessError, msg="Institution B's referral by id"):
            Referral.browse(self.referral_b.id).read(["name"])
        with self.assertRaises(AccessError, msg="The reason is the office's"):
            Referral.browse(self.referral_a.id).read(["reason"])
        with self.assertRaises(AccessError, msg="Portal users cannot write"):
            Referral.browse(self.referral_a.id).write({"state": "done"})
        self.assertFalse(
            self.env["baom.case"].with_user(self.contact_a).search_read([], ["name"]),
            "No case for institutions",
        )

    def test_json_route_cannot_write_a_read_only_field(self):
        self.authenticate(self.contact_a.login, self.contact_a.login)
        with self.assertRaisesRegex(JsonRpcException, ACCESS_DENIED):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/baom.referral/write",
                {
                    "model": "baom.referral",
                    "method": "write",
                    "args": [[self.referral_a.id], {"state": "accepted"}],
                    "kwargs": {},
                },
            )
        self.assertEqual(self.referral_a.state, "sent")

    # ------------------------------------------------------------
    # Answers
    # ------------------------------------------------------------

    def test_contact_accepts_then_marks_done(self):
        self.authenticate(self.contact_a.login, self.contact_a.login)
        self.assertEqual(
            self._answer(self.referral_a, decision="accept").status_code, 200
        )
        self.assertEqual(self.referral_a.state, "accepted")
        self._answer(
            self.referral_a,
            decision="done",
            outcome="successful",
            outcome_note="File opened at the CNSS.",
        )
        self.assertEqual(self.referral_a.state, "done")
        self.assertEqual(self.referral_a.outcome, "successful")
        case_log = " ".join(self.case_a.message_ids.mapped("body"))
        self.assertIn(
            self.referral_a.name, case_log, "The answer lands in the case's chatter"
        )
        self.assertIn("File opened at the CNSS.", case_log)

    def test_contact_refuses_with_a_reason(self):
        self.authenticate(self.contact_a.login, self.contact_a.login)
        response = self._answer(self.referral_a, decision="refuse")
        self.assertEqual(response.status_code, 400, "A refusal needs a reason")
        self.assertEqual(self.referral_a.state, "sent")
        self._answer(
            self.referral_a,
            decision="refuse",
            refusal_reason="out_of_area",
            refusal_note="She lives in Tiznit: see the Tiznit agency.",
        )
        self.assertEqual(self.referral_a.state, "refused")
        self.assertEqual(self.referral_a.refusal_reason, "out_of_area")

    def test_not_successful_needs_a_reason(self):
        self.authenticate(self.contact_a.login, self.contact_a.login)
        response = self._answer(
            self.referral_a, decision="done", outcome="not_successful"
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.referral_a.state, "sent")

    def test_institution_a_cannot_answer_institution_b(self):
        self.authenticate(self.contact_a.login, self.contact_a.login)
        self._page(self.referral_b, status=404)
        csrf = self._csrf(self._page(self.referral_a))
        response = self.url_open(
            f"/my/referrals/{self.referral_b.id}/answer",
            data={"csrf_token": csrf, "decision": "accept"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.referral_b.state, "sent")

    def test_beneficiary_portal_user_cannot_open_a_referral(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self._page(self.referral_a, status=404)

    def test_answer_document_lands_in_the_chatter(self):
        self.authenticate(self.contact_a.login, self.contact_a.login)
        page = self._page(self.referral_a)
        response = self.url_open(
            f"/my/referrals/{self.referral_a.id}/document",
            data={"csrf_token": self._csrf(page)},
            files=[("file", ("answer.pdf", PDF, "application/pdf"))],
        )
        self.assertEqual(response.status_code, 200)
        message = self.referral_a.message_ids.filtered("attachment_ids")[:1]
        self.assertEqual(message.attachment_ids.name, "answer.pdf")
        self.assertEqual(message.author_id, self.contact_a.partner_id)

    def test_answer_document_of_disallowed_type_refused(self):
        self.authenticate(self.contact_a.login, self.contact_a.login)
        page = self._page(self.referral_a)
        before = len(self.referral_a.message_ids)
        response = self.url_open(
            f"/my/referrals/{self.referral_a.id}/document",
            data={"csrf_token": self._csrf(page)},
            files=[("file", ("x.exe", b"MZ\x90\x00", "application/pdf"))],
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(len(self.referral_a.message_ids), before)

    # ------------------------------------------------------------
    # Token link
    # ------------------------------------------------------------

    def test_sent_mail_carries_the_token_link(self):
        token = self._token(self.referral_a)
        self.assertTrue(token)
        body = " ".join(self.referral_a.message_ids.mapped("body"))
        self.assertIn(f"/my/referrals/{self.referral_a.id}?access_token={token}", body)

    def test_token_opens_one_referral_and_answers_it(self):
        token = self._token(self.referral_a)
        self.assertIn("Fatima Test", self._page(self.referral_a, token))
        self._page(self.referral_b, token, status=404)
        self._page(self.referral_a, "wrong-token", status=404)
        self._answer(self.referral_a, token, decision="accept")
        self.assertEqual(self.referral_a.state, "accepted")

    def test_expired_token_says_so_and_writes_nothing(self):
        token = self._token(self.referral_a)
        later = fields.Datetime.now() + timedelta(days=31)
        with freeze_time(later):
            page = self._page(self.referral_a, token, status=403)
            self.assertIn("o_baom_referral_expired", page)
            self.assertNotIn("Fatima Test", page)
            response = self._post_answer(
                self.referral_a, page, token, decision="accept"
            )
            self.assertEqual(response.status_code, 403)
            with self.assertRaisesRegex(
                JsonRpcException, r"(AccessError|MissingError|NotFound|Forbidden)$"
            ):
                self.make_jsonrpc_request(
                    "/mail/chatter_fetch",
                    {
                        "thread_model": "baom.referral",
                        "thread_id": self.referral_a.id,
                        "token": token,
                    },
                )
        self.assertEqual(self.referral_a.state, "sent")

    def test_token_validity_follows_the_setting(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "baom_portal.referral_token_days", 60
        )
        token = self._token(self.referral_a)
        with freeze_time(fields.Datetime.now() + timedelta(days=45)):
            self._page(self.referral_a, token)

    def test_other_institution_contact_needs_a_valid_live_token(self):
        """Logged in as another institution's contact, only the referral's own
        token opens it, and not once the link expired."""
        self.authenticate(self.contact_b.login, self.contact_b.login)
        self._page(self.referral_a, status=404)
        self._page(self.referral_a, "wrong-token", status=404)
        self._page(self.referral_a, self._token(self.referral_b), status=404)
        token = self._token(self.referral_a)
        self.assertIn("Fatima Test", self._page(self.referral_a, token))
        with freeze_time(fields.Datetime.now() + timedelta(days=31)):
            page = self._page(self.referral_a, token, status=403)
            self.assertIn("o_baom_referral_expired", page)
            self.assertNotIn("Fatima Test", page)
            response = self._post_answer(
                self.referral_a, page, token, decision="accept"
            )
            self.assertEqual(response.status_code, 403)
            response = self._post_answer(
                self.referral_a, page, "wrong-token", decision="accept"
            )
            self.assertEqual(response.status_code, 404)
        self.assertEqual(self.referral_a.state, "sent")

    def test_own_contact_answers_without_the_link_after_it_expired(self):
        """The institution's own contacts read it by their rights: an expired
        e-mailed link does not lock them out."""
        self.authenticate(self.contact_a.login, self.contact_a.login)
        token = self._token(self.referral_a)
        with freeze_time(fields.Datetime.now() + timedelta(days=31)):
            self.assertIn("Fatima Test", self._page(self.referral_a, token))
            self._answer(self.referral_a, decision="accept")
        self.assertEqual(self.referral_a.state, "accepted")

    def test_supervisor_never_reads_the_referral_page_by_rights(self):
        """Supervisors read referrals pseudonymised: the portal page, which
        shows the shared name, stays closed to them without the link."""
        self.assertTrue(
            self.referral_a.with_user(self.supervisor).has_access("read"),
            "The supervisor reads the referral in the back office",
        )
        self.authenticate(self.supervisor.login, self.supervisor.login)
        self._page(self.referral_a, status=404)
        self._page(self.referral_a, "wrong-token", status=404)

    # ------------------------------------------------------------
    # The person's side
    # ------------------------------------------------------------

    def test_person_sees_referral_and_slip(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = self.url_open(f"/my/cases/{self.case_a.id}").text
        self.assertIn("CNSS Agadir", page)
        slip = self.url_open(
            f"/my/cases/{self.case_a.id}/referrals/{self.referral_a.id}/slip"
        )
        self.assertEqual(slip.status_code, 200)
        self.assertEqual(slip.headers["Content-Type"], "application/pdf")
        other = self.url_open(
            f"/my/cases/{self.case_a.id}/referrals/{self.referral_b.id}/slip"
        )
        self.assertEqual(other.status_code, 404, "Another case's slip")


@tagged("post_install", "-at_install", "baom_portal")
class TestReferralTour(BrowserCase, ReferralPortalCommon):
    """An institution contact answers a referral in a real browser."""

    def test_contact_answers_in_the_browser(self):
        self.start_tour(
            f"/my/referrals/{self.referral_a.id}",
            "baom_portal_referral_answer_tour",
            login=self.contact_a.login,
        )
        self.assertEqual(self.referral_a.state, "done")
        self.assertEqual(self.referral_a.outcome, "successful")
