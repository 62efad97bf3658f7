from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import BaomCaseCommon

RAW_EMAIL = """Return-Path: <{email_from}>
To: {to}
From: {email_from}
Subject: {subject}
Message-ID: {msg_id}
{extra}Date: Mon, 10 Aug 2026 10:16:26 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


@tagged("post_install", "-at_install", "baom_case")
class TestMailIntake(BaomCaseCommon, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {
                "name": "commune.example.ma",
                "catchall_alias": "catchall.baom",
                "bounce_alias": "bounce.baom",
                "default_from": "notifications.baom",
            }
        )
        (cls.office_a | cls.office_b).alias_domain_id = cls.alias_domain
        cls.address_a = f"{cls.office_a.alias_name}@commune.example.ma"

    def _receive(self, email_from, subject, body="Hello", to=None, extra=""):
        message_id = f"<{abs(hash((email_from, subject, body)))}@sender.example.com>"
        raw = RAW_EMAIL.format(
            email_from=email_from,
            to=to or self.address_a,
            subject=subject,
            msg_id=message_id,
            extra=extra,
            body=body,
        )
        self.env["mail.thread"].sudo().message_process(None, raw)
        return self.Case.with_context(active_test=False).search(
            [("title", "=", subject)]
        )

    def test_every_office_gets_an_address(self):
        self.assertEqual(self.office_a.alias_name, "baom-offa")
        self.assertEqual(self.office_a.alias_model_id.model, "baom.case")
        self.assertEqual(
            self.office_a.alias_defaults, repr({"office_id": self.office_a.id})
        )

    def test_mail_from_a_registered_person_opens_a_case_for_them(self):
        case = self._receive(
            '"Fatima" <Fatima@Example.com>', "My pension", "Where is my file?"
        )
        self.assertEqual(len(case), 1)
        self.assertEqual(case.beneficiary_id, self.person_a)
        self.assertEqual((case.office_id, case.channel), (self.office_a, "email"))
        self.assertTrue(
            case.name.startswith("OFFA/"), "A real reference, not the subject"
        )
        self.assertIn("Where is my file?", case.message_ids[0].body)
        self.assertEqual(case.message_ids[0].author_id, self.person_a.partner_id)
        self.assertIn(self.person_a.partner_id, case.message_partner_ids)

    def test_unknown_sender_is_not_registered_without_consent(self):
        people_before = self.env["baom.beneficiary"].search_count([])
        case = self._receive("samira.b@example.org", "Question about a pension")
        self.assertEqual(len(case), 1)
        self.assertFalse(case.beneficiary_id)
        self.assertEqual(case.email_from, "samira.b@example.org")
        self.assertEqual(self.env["baom.beneficiary"].search_count([]), people_before)
        activity = case.activity_ids
        self.assertEqual(
            len(activity), 1, "The officer is asked to register the person"
        )
        self.assertEqual(activity.user_id, self.officer_a)

    def test_person_of_another_office_is_not_matched(self):
        self.person_b.email = "mamadou@example.com"
        case = self._receive("mamadou@example.com", "Help with my papers")
        self.assertEqual(case.office_id, self.office_a)
        self.assertFalse(
            case.beneficiary_id, "People are matched inside the office only"
        )

    def test_reference_in_subject_adds_a_message_to_the_open_case(self):
        count = self.Case.search_count([])
        case = self._receive(
            "fatima@example.com", f"Re: {self.case_a.name} documents", "Here is the RIB"
        )
        self.assertFalse(case, "No new case")
        self.assertEqual(self.Case.search_count([]), count)
        self.assertIn("Here is the RIB", self.case_a.message_ids[0].body)

    def test_reference_of_someone_else_opens_a_new_case(self):
        stranger = self._receive("intruder@example.org", f"About {self.case_a.name}")
        self.assertEqual(len(stranger), 1)
        self.assertNotEqual(stranger, self.case_a)

    def test_reply_to_a_notification_lands_on_the_case(self):
        with self.mock_mail_gateway():
            message = self.case_a.with_user(self.officer_a).message_post(
                body="Please bring your husband's death certificate.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self._receive(
            "fatima@example.com",
            "Re: your case",
            "I will come on Monday",
            extra=f"In-Reply-To: {message.message_id}\n",
        )
        self.assertIn("I will come on Monday", self.case_a.message_ids[0].body)

    def test_chatter_reply_reaches_the_person(self):
        with self.mock_mail_gateway():
            self.case_a.with_user(self.officer_a).message_post(
                body="Your file was sent to the CARSAT.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        sent_to = [email for mail in self._mails for email in mail["email_to"]]
        self.assertTrue(
            any("fatima@example.com" in email for email in sent_to),
            f"The person is a follower and gets the reply (sent to {sent_to})",
        )

    def test_requester_is_registered_and_linked_from_the_case(self):
        case = self._receive("samira.b@example.org", "Family allowance")
        action = case.with_user(self.officer_a).action_register_requester()
        person = (
            self.env["baom.beneficiary"]
            .with_user(self.officer_a)
            .with_context(**action["context"])
            .create(
                {
                    "first_name": "Samira",
                    "last_name": "B.",
                    "profile": "returnee",
                    "consent_date": "2026-08-11",
                }
            )
        )
        self.assertEqual(person.email, "samira.b@example.org")
        self.assertEqual(case.beneficiary_id, person)
        self.assertFalse(case.email_from)
