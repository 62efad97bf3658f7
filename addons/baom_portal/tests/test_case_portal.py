from odoo.exceptions import AccessError
from odoo.tests import JsonRpcException, tagged

from .common import PDF, BaomPortalCommon

# What a JSON route raises when it refuses, not when it crashes.
DENIED = r"(AccessError|MissingError|NotFound|Forbidden)$"
ACCESS_DENIED = r"odoo\.exceptions\.AccessError"


@tagged("post_install", "-at_install", "baom_portal")
class TestCasePortal(BaomPortalCommon):
    def _page(self, case, token=None, status=200):
        url = f"/my/cases/{case.id}" + (f"?access_token={token}" if token else "")
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, url)
        return response.text

    def _token(self, case):
        return case.sudo()._portal_ensure_token()

    # ------------------------------------------------------------
    # What a person sees
    # ------------------------------------------------------------

    def test_portal_user_lists_only_own_cases(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = self.url_open("/my/cases").text
        self.assertIn(self.case_a.name, page)
        self.assertNotIn(self.case_b.name, page, "Another person's case is not listed")

    def test_home_counts_own_cases(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["baom_case_count"]}
        )
        self.assertEqual(counters["baom_case_count"], 1)

    def test_case_page_shows_what_the_person_may_know(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = self._page(self.case_a)
        for shown in (self.case_a.name, "BAOM Tiznit Test", "Rachida", "Birth record"):
            self.assertIn(shown, page, f"The person sees {shown!r}")
        for hidden in ("Amzil", "Secret: family conflict", "rachida@example.com"):
            self.assertNotIn(hidden, page, f"The person never sees {hidden!r}")

    def test_record_rules_fence_the_orm_not_only_the_pages(self):
        Case = self.env["baom.case"].with_user(self.portal_a)
        self.assertEqual(Case.search([]), self.case_a, "The portal rule decides")
        with self.assertRaises(AccessError, msg="Another person's case by id"):
            Case.browse(self.case_b.id).read(["name"])
        with self.assertRaises(AccessError, msg="Officers' fields stay closed"):
            Case.browse(self.case_a.id).read(["confidential_note"])
        with self.assertRaises(AccessError, msg="The reference is read-only"):
            Case.browse(self.case_a.id).write({"name": "HACKED"})
        with self.assertRaises(AccessError, msg="No access to the registry"):
            self.env["baom.beneficiary"].with_user(self.portal_a).search_read(
                [], ["name", "phone"]
            )

    def test_json_route_cannot_write_a_read_only_field(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        for method, args in (
            ("write", [[self.case_a.id], {"stage_id": self.stage_closed.id}]),
            ("write", [[self.case_a.id], {"access_token": "mine"}]),
        ):
            with self.assertRaisesRegex(
                JsonRpcException, r"odoo\.exceptions\.AccessError"
            ):
                self.make_jsonrpc_request(
                    f"/web/dataset/call_kw/baom.case/{method}",
                    {
                        "model": "baom.case",
                        "method": method,
                        "args": args,
                        "kwargs": {},
                    },
                )
        self.assertEqual(self.case_a.stage_id, self.stage_first)

    # ------------------------------------------------------------
    # IDOR: by id, by token
    # ------------------------------------------------------------

    def test_other_persons_case_by_id_is_not_found(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = self._page(self.case_b, status=404)
        self.assertNotIn("Hafida", page)

    def test_unknown_case_is_not_found(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self.assertEqual(self.url_open("/my/cases/999999").status_code, 404)

    def test_token_opens_exactly_one_case(self):
        token = self._token(self.case_a)
        self.assertIn(self.case_a.name, self._page(self.case_a, token))
        self._page(self.case_b, token, status=404)

    def test_wrong_token_is_not_found(self):
        self._token(self.case_a)
        self._page(self.case_a, "not-the-token", status=404)
        self._page(self.case_a, status=404)

    def test_supervisor_never_opens_the_portal_page(self):
        self.authenticate(self.supervisor.login, self.supervisor.login)
        self._page(self.case_a, status=404)

    def test_supervisor_cannot_read_the_token(self):
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.supervisor).read(["access_token"])

    # ------------------------------------------------------------
    # Documents checklist
    # ------------------------------------------------------------

    def _upload(self, case, line, content, name="record.pdf", token=None, **data):
        page = self.url_open(
            f"/my/cases/{case.id}" + (f"?access_token={token}" if token else "")
        ).text
        csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
        data = dict(data, csrf_token=csrf)
        if token:
            data["access_token"] = token
        return self.url_open(
            f"/my/cases/{case.id}/documents/{line.id}",
            data=data,
            files=[("file", (name, content, "application/pdf"))],
        )

    def test_upload_lands_on_the_checklist_line_and_tells_the_officer(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        line = self.case_a.document_ids
        response = self._upload(self.case_a, line, PDF)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(line.is_received, "The line is ticked")
        self.assertEqual(line.file_name, "record.pdf")
        self.assertTrue(
            self.case_a.activity_ids.filtered(
                lambda a: a.user_id == self.officer_a and "Birth record" in a.summary
            ),
            "The officer gets an activity",
        )

    def test_upload_with_token_without_account(self):
        token = self._token(self.case_a)
        line = self.case_a.document_ids
        self.assertEqual(
            self._upload(self.case_a, line, PDF, token=token).status_code, 200
        )
        self.assertTrue(line.is_received)

    def test_upload_of_disallowed_type_or_size_writes_nothing(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        line = self.case_a.document_ids
        response = self._upload(self.case_a, line, b"MZ\x90\x00", name="virus.exe")
        self.assertEqual(response.status_code, 400)
        self.assertIn('data-error="upload_type"', response.text)
        self.env["ir.config_parameter"].sudo().set_param("baom_portal.upload_max_mb", 1)
        response = self._upload(self.case_a, line, PDF + b"0" * (1024 * 1024 + 1))
        self.assertEqual(response.status_code, 400)
        self.assertIn('data-error="upload_size"', response.text)
        self.assertFalse(line.is_received)
        self.assertFalse(line.file)

    def test_upload_cannot_set_other_fields(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        line = self.case_a.document_ids
        self._upload(self.case_a, line, PDF, name_="Forged", note="forged", case_id=2)
        self.assertEqual(line.name, "Birth record")
        self.assertFalse(line.note)
        self.assertEqual(line.case_id, self.case_a)

    def test_upload_to_another_case_line_is_not_found(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = self.url_open(f"/my/cases/{self.case_a.id}").text
        csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
        for case, line in (
            (self.case_a, self.case_b.document_ids),  # line of another case
            (self.case_b, self.case_b.document_ids),  # another person's case
        ):
            response = self.url_open(
                f"/my/cases/{case.id}/documents/{line.id}",
                data={"csrf_token": csrf},
                files=[("file", ("r.pdf", PDF, "application/pdf"))],
            )
            self.assertEqual(response.status_code, 404)
        self.assertFalse(self.case_b.document_ids.is_received)

    # ------------------------------------------------------------
    # Messages and rating
    # ------------------------------------------------------------

    def test_chatter_shows_public_messages_only(self):
        self.case_a.with_user(self.officer_a).message_post(
            body="Please bring the death certificate.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.case_a.with_user(self.officer_a).message_post(
            body="Internal: the family disagrees.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        token = self._token(self.case_a)
        self._token(self.case_b)
        result = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": "baom.case", "thread_id": self.case_a.id, "token": token},
        )
        bodies = " ".join(str(m["body"]) for m in result["data"]["mail.message"])
        self.assertIn("death certificate", bodies)
        self.assertNotIn("family disagrees", bodies, "Internal notes stay internal")
        with self.assertRaisesRegex(
            JsonRpcException, r"(AccessError|MissingError|NotFound|Forbidden)$"
        ):
            self.make_jsonrpc_request(
                "/mail/chatter_fetch",
                {
                    "thread_model": "baom.case",
                    "thread_id": self.case_b.id,
                    "token": token,
                },
            )

    def test_person_answers_in_the_chatter(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        token = self._token(self.case_a)
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "baom.case",
                "thread_id": self.case_a.id,
                "post_data": {
                    "body": "I will come on Monday.",
                    "message_type": "comment",
                },
                "token": token,
            },
        )
        message = self.case_a.message_ids.filtered(
            lambda m: "come on Monday" in str(m.body)
        )
        self.assertEqual(message.author_id, self.portal_a.partner_id)

    def test_rating_at_closure(self):
        self.case_a.write({"stage_id": self.stage_closed.id, "outcome": "resolved"})
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = self._page(self.case_a)
        token = page.split("/rate/")[1].split("/")[0]
        rate_page = self.url_open(f"/rate/{token}/5").text
        csrf = rate_page.split('name="csrf_token" value="')[1].split('"')[0]
        self.url_open(
            f"/rate/{token}/submit_feedback", data={"rate": 5, "csrf_token": csrf}
        )
        rating = self.case_a.sudo().rating_ids.filtered("consumed")
        self.assertEqual(rating.rating, 5)
        self.assertNotIn("/rate/", self._page(self.case_a), "Rated once")

    def test_no_rating_while_open(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self.assertNotIn("/rate/", self._page(self.case_a))
