from odoo.tests import tagged

from .common import PDF, PNG, BaomPortalCommon


@tagged("post_install", "-at_install", "baom_portal")
class TestRequestForm(BaomPortalCommon):
    def _assert_refused(self, response, message, status=400):
        self.assertEqual(response.status_code, status, self._errors_of(response))
        self.assertIn(f'data-error="{message}"', self._errors_of(response))
        self.assertFalse(self._online_cases(), "A refused request writes no case")
        self.assertFalse(
            self.env["baom.beneficiary"].search(
                [
                    ("last_name", "=", "Online"),
                    ("office_id", "in", (self.office_a | self.office_b).ids),
                ]
            ),
            "A refused request writes no person",
        )

    def _errors_of(self, response):
        text = response.text
        start = text.find("o_baom_request_errors")
        return text[start : start + 1500] if start >= 0 else text[:300]

    def test_form_lists_open_offices_and_needs(self):
        self.office_b.action_archive()
        page = self.url_open("/baom/request").text
        self.assertIn("BAOM Tiznit Test", page)
        self.assertNotIn("BAOM Taroudant Test", page, "A closed office is not offered")
        self.assertIn(f'<option value="{self.need.id}"', page)
        self.assertIn("09-08", page, "The consent text cites the law")
        for hidden in ("Fatima", "Rachida", "Pension from Belgium"):
            self.assertNotIn(hidden, page)

    def test_valid_request_creates_unverified_person_and_online_case(self):
        response = self._submit(
            files=[("attachments", ("letter.pdf", PDF, "application/pdf"))]
        )
        self.assertEqual(response.status_code, 200, self._errors_of(response))
        case = self._online_cases()
        self.assertEqual(len(case), 1)
        self.assertIn(case.name, response.text, "The requester sees the reference")
        person = case.beneficiary_id
        self.assertFalse(person.is_verified, "An online requester is not verified")
        self.assertEqual(person.consent_channel, "online")
        self.assertTrue(person.consent_date, "The consent is dated")
        self.assertEqual(person.office_id, self.office_a)
        self.assertEqual(person.country_residence_id, self.env.ref("base.fr"))
        self.assertEqual(case.stage_id, self.stage_first, "The case starts at step 1")
        self.assertEqual(case.need_category_ids, self.need)
        self.assertIn("pension", case.description)
        log = " ".join(case.message_ids.mapped("body"))
        self.assertIn("09-08", log, "The consent given online is logged")
        lang = self.env["res.lang"].search([], limit=1)
        self.assertIn(lang.name, log, "The preferred language is logged")
        activity = case.activity_ids
        self.assertEqual(activity.user_id, self.officer_a, "The officer is told")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "baom.case"), ("res_id", "=", case.id)]
        )
        self.assertEqual(attachment.name, "letter.pdf")

    def test_request_mail_carries_the_case_link(self):
        self._submit()
        case = self._online_cases()
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "baom.case"),
                ("res_id", "=", case.id),
                ("recipient_ids", "in", case.beneficiary_id.partner_id.ids),
            ]
        )
        self.assertEqual(len(mail), 1, "One e-mail to the requester")
        self.assertIn(f"/my/cases/{case.id}?access_token=", mail.body_html)
        self.assertIn(case.sudo().access_token, mail.body_html)
        self.assertEqual(mail.recipient_ids, case.beneficiary_id.partner_id)

    def test_people_created_by_officers_stay_verified(self):
        self.assertTrue(self.person_a.is_verified)

    def test_officer_verifies_an_online_requester(self):
        self._submit()
        person = self._online_cases().beneficiary_id
        person.with_user(self.officer_a).action_verify()
        self.assertTrue(person.is_verified)

    def test_form_never_says_a_person_is_known(self):
        known = self._submit(
            first_name="Fatima", last_name="Test", email="fatima.a@example.com"
        ).text
        unknown = self._submit(first_name="Nobody", email="nobody@example.com").text
        for page in (known, unknown):
            self.assertIn("o_baom_request_done", page)
            self.assertNotIn("already", page.lower())
        self.assertEqual(len(self._online_cases().beneficiary_id), 2)

    def test_honeypot_refused(self):
        self._assert_refused(
            self._submit(baom_website="http://spam.example.com"),
            "honeypot",
        )

    def test_missing_consent_refused(self):
        self._assert_refused(self._submit(consent=None), "consent")

    def test_each_invalid_field_refused(self):
        for field, value, message in [
            ("office_id", "999999", "office"),
            ("need_id", "", "need"),
            ("description", "  ", "description"),
            ("profile", "king", "profile"),
            ("lang", "xx_XX", "lang"),
            ("email", "not-an-address", "email"),
            ("phone", "call me", "phone"),
            ("country_id", "999999", "country"),
        ]:
            with self.subTest(field=field):
                self._assert_refused(self._submit(**{field: value}), message)
        self._assert_refused(self._submit(first_name="", last_name=""), "name")
        self._assert_refused(self._submit(phone="", email=""), "contact")

    def test_refused_form_keeps_the_answers(self):
        page = self._submit(consent=None).text
        self.assertIn("Am I entitled to his pension?", page)
        self.assertIn('value="Zahra"', page)

    def test_archived_office_refused(self):
        self.office_b.action_archive()
        self._assert_refused(self._submit(office_id=self.office_b.id), "office")

    def test_form_sent_too_fast_refused(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "baom_portal.request_min_seconds", 3600
        )
        self._assert_refused(self._submit(), "too_fast")

    def test_forged_form_stamp_refused(self):
        form = self._open_form()
        form["form_stamp"] = "1000000000.deadbeef"
        self._assert_refused(self._submit(form=form), "expired")

    def test_missing_csrf_token_refused(self):
        form = self._open_form()
        form.pop("csrf_token")
        response = self._submit(form=form)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._online_cases())

    def test_flood_from_one_connection_refused(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "baom_portal.request_hourly_limit", 2
        )
        for index in range(2):
            self.assertEqual(
                self._submit(email=f"flood{index}@example.com").status_code, 200
            )
        response = self._submit(email="flood3@example.com")
        self.assertEqual(response.status_code, 429)
        self.assertIn('data-error="throttled"', response.text)
        self.assertEqual(len(self._online_cases()), 2, "The third wrote nothing")
        attempts = self.env["baom.request.attempt"].search([])
        self.assertNotIn("127.0.0.1", attempts.mapped("client_hash"))

    def test_captcha_hook_refusal(self):
        from unittest.mock import patch

        from odoo.exceptions import UserError

        from odoo.addons.base.models.ir_http import IrHttp

        def refuse(self, action):
            raise UserError(self.env._("robot"))

        with patch.object(IrHttp, "_verify_request_recaptcha_token", refuse):
            self._assert_refused(self._submit(), "captcha")

    def test_disallowed_attachment_type_refused(self):
        self._assert_refused(
            self._submit(
                files=[("attachments", ("run.exe", b"MZ\x90\x00", "application/pdf"))]
            ),
            "upload_type",
        )

    def test_attachment_disguised_as_pdf_refused(self):
        self._assert_refused(
            self._submit(
                files=[("attachments", ("letter.pdf", b"<html>x</html>", "text/html"))]
            ),
            "upload_type",
        )

    def test_too_large_attachment_refused(self):
        self.env["ir.config_parameter"].sudo().set_param("baom_portal.upload_max_mb", 1)
        big = PDF + b"0" * (1024 * 1024 + 1)
        self._assert_refused(
            self._submit(files=[("attachments", ("big.pdf", big, "application/pdf"))]),
            "upload_size",
        )

    def test_too_many_attachments_refused(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "baom_portal.upload_max_count", 1
        )
        files = [
            ("attachments", ("a.png", PNG, "image/png")),
            ("attachments", ("b.png", PNG, "image/png")),
        ]
        self._assert_refused(self._submit(files=files), "upload_count")

    def test_refusal_message_in_arabic(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(
            ["baom_portal"], ["ar_001"], overwrite=True
        )
        form = self._open_form("/ar/baom/request")
        data = dict(form, **self._request_values(consent=None))
        data.pop("consent")
        response = self.url_open("/ar/baom/request/submit", data=data)
        self.assertEqual(response.status_code, 400)
        self.assertIn('dir="rtl"', response.text, "Arabic pages read right to left")
        self.assertIn("o_rtl", response.text)
        self.assertFalse(self._online_cases())
