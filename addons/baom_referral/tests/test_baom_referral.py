import datetime

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.mail.tests.common import MockEmail

from .referral_common import BaomReferralCommon


@tagged("post_install", "-at_install", "baom_referral")
class TestReferralFlow(BaomReferralCommon):
    def _case_log(self, case):
        return " ".join(case.sudo().message_ids.mapped(lambda m: str(m.body)))

    def test_reference_is_numbered_per_office(self):
        self.assertTrue(self.referral_a.name.startswith("OFFA/REF/"))
        self.assertTrue(self.referral_b.name.startswith("OFFB/REF/"))
        second = self._new_referral(self.case_a)
        self.assertNotEqual(second.name, self.referral_a.name)
        self.assertTrue(second.name.startswith("OFFA/REF/"))

    def test_person_and_office_come_from_the_case(self):
        self.assertEqual(self.referral_a.beneficiary_id, self.person_a)
        self.assertEqual(self.referral_a.office_id, self.office_a)
        self.assertEqual(self.referral_a.user_id, self.officer_a)

    def test_institution_comes_from_the_service_and_stays_editable(self):
        self.assertEqual(self.referral_a.institution_id, self.institution_a)
        hospital = self.env["res.partner"].create(
            {"name": "Hassan II Hospital", "is_company": True, "email": "h@h.ex"}
        )
        referral = self._new_referral(
            self.case_a, service_id=False, institution_id=hospital.id
        )
        self.assertEqual(referral.institution_id, hospital)

    def test_consent_records_who_and_when(self):
        referral = self._new_referral(self.case_a)
        self.assertFalse(referral.consent_share_user_id)
        referral.with_user(self.officer_a).consent_share = True
        self.assertEqual(referral.consent_share_user_id, self.officer_a)
        self.assertTrue(referral.consent_share_date)

    def test_cannot_send_without_consent(self):
        referral = self._new_referral(self.case_a, reason="Pension")
        with self.assertRaisesRegex(UserError, "agrees to share"):
            referral.with_user(self.officer_a).action_send()
        self.assertEqual(referral.state, "draft", "Nothing changed")
        self.assertFalse(referral.date_sent)

    def test_cannot_send_to_an_institution_without_email(self):
        silent = self.env["res.partner"].create(
            {"name": "Dar Al Ataa", "is_company": True}
        )
        referral = self._new_referral(
            self.case_a, service_id=False, institution_id=silent.id, consent_share=True
        )
        with self.assertRaisesRegex(UserError, "no e-mail"):
            referral.with_user(self.officer_a).action_send()
        self.assertEqual(referral.state, "draft")

    @freeze_time("2026-03-02 09:00:00")
    def test_send_sets_the_deadline_from_the_service_or_the_setting(self):
        self.referral_a.with_user(self.officer_a).action_send()
        self.assertEqual(self.referral_a.state, "sent")
        self.assertEqual(self.referral_a.date_deadline, datetime.date(2026, 3, 12))
        self.env["ir.config_parameter"].set_param("baom_referral.answer_days", "7")
        self.referral_b.with_user(self.officer_b).action_send()
        self.assertEqual(self.referral_b.date_deadline, datetime.date(2026, 3, 9))

    def test_full_loop_accept_then_done(self):
        referral = self.referral_a.with_user(self.officer_a)
        referral.action_send()
        referral.action_accept()
        self.assertEqual(referral.state, "accepted")
        self.assertTrue(referral.date_answered)
        referral.action_done()
        self.assertEqual(referral.state, "done")
        self.assertEqual(referral.outcome, "successful")
        log = self._case_log(self.case_a)
        for word in ("sent", "accepted", "done"):
            self.assertIn(f"{self.referral_a.name}", log)
            self.assertIn(word, log, f"The case's chatter shows the step {word}")

    def test_refusal_needs_a_reason(self):
        referral = self.referral_a.with_user(self.officer_a)
        referral.action_send()
        with self.assertRaisesRegex(UserError, "why"):
            referral.action_refuse()
        self.assertEqual(referral.state, "sent")
        referral.action_refuse(refusal_reason="no_capacity", refusal_note="Full")
        self.assertEqual(referral.state, "refused")
        self.assertEqual(referral.refusal_reason, "no_capacity")
        self.assertIn("refused", self._case_log(self.case_a))

    def test_not_successful_needs_a_reason(self):
        referral = self.referral_a.with_user(self.officer_a)
        referral.action_send()
        referral.action_accept()
        with self.assertRaises(ValidationError):
            referral.action_done(outcome="not_successful")
        self.assertEqual(referral.state, "accepted", "Nothing changed")
        referral.action_done(
            outcome="not_successful", reason_not_successful="no_longer_needed"
        )
        self.assertEqual(referral.state, "done")
        with self.assertRaises(ValidationError):
            self.referral_b.write({"outcome": "not_successful"})

    def test_transitions_out_of_order_are_refused(self):
        referral = self.referral_a.with_user(self.officer_a)
        for action in ("action_accept", "action_refuse", "action_done"):
            with self.assertRaisesRegex(
                UserError, "cannot be .* now", msg=f"{action} on a draft"
            ):
                getattr(referral, action)()
        referral.action_send()
        with self.assertRaisesRegex(UserError, "cannot be .* now"):
            referral.action_send()
        referral.action_cancel()
        self.assertEqual(referral.state, "cancelled")
        self.assertIn("cancelled", self._case_log(self.case_a))
        for action in ("action_accept", "action_done", "action_cancel"):
            with self.assertRaisesRegex(
                UserError, "cannot be .* now", msg=f"{action} on a cancelled one"
            ):
                getattr(referral, action)()
        with self.assertRaisesRegex(
            UserError, "cannot go back", msg="A sent referral never goes back"
        ):
            referral.action_draft()

    def test_case_cannot_change_once_sent(self):
        self.referral_a.with_user(self.officer_a).action_send()
        other_case = self._new_case(self.person_a, title="Other")
        with self.assertRaises(UserError):
            self.referral_a.with_user(self.officer_a).case_id = other_case

    def test_expiry_cron_expires_late_referrals_and_reminds_the_officer(self):
        with freeze_time("2026-03-02 09:00:00"):
            self.referral_a.with_user(self.officer_a).action_send()
            self.referral_b.with_user(self.officer_b).action_send()
            answered = self._new_referral(self.case_a, consent_share=True)
            answered.with_user(self.officer_a).action_send()
            answered.with_user(self.officer_a).action_accept()
        self.referral_b.date_deadline = datetime.date(2026, 4, 30)
        with freeze_time("2026-03-13 06:00:00"):
            expired = self.env["baom.referral"]._cron_expire_referrals()
        self.assertEqual(expired, self.referral_a)
        self.assertEqual(self.referral_a.state, "expired")
        self.assertEqual(self.referral_b.state, "sent", "Deadline not reached")
        self.assertEqual(answered.state, "accepted", "Answered in time")
        activity = self.referral_a.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.officer_a)
        self.assertFalse(self.referral_b.activity_ids)
        self.assertIn("expired", self._case_log(self.case_a))
        with freeze_time("2026-03-14 06:00:00"):
            again = self.env["baom.referral"]._cron_expire_referrals()
        self.assertFalse(again, "An expired referral is not expired twice")

    def test_closing_a_case_as_referred_needs_a_referral(self):
        closing = {"stage_id": self.stage_closed.id, "outcome": "referred"}
        without = self._new_case(self.person_a, title="Housing")
        with self.assertRaisesRegex(ValidationError, "no referral"):
            without.with_user(self.officer_a).write(closing)
        cancelled = self._new_case(self.person_a, title="Work")
        self._new_referral(cancelled, consent_share=True).with_user(
            self.officer_a
        ).action_cancel()
        with self.assertRaisesRegex(ValidationError, "no referral"):
            cancelled.with_user(self.officer_a).write(closing)
        referred = self._new_case(self.person_a, title="Pension")
        self._new_referral(referred, consent_share=True).with_user(
            self.officer_a
        ).action_send()
        referred.with_user(self.officer_a).write(closing)
        self.assertTrue(referred.is_closed)
        self.assertEqual(referred.outcome, "referred")
        # other outcomes need no referral
        other = self._new_case(self.person_a).with_user(self.officer_a)
        other.write({"stage_id": self.stage_closed.id, "outcome": "not_resolved"})
        self.assertTrue(other.is_closed)

    def test_officer_cannot_delete_a_sent_referral(self):
        self.referral_a.with_user(self.officer_a).action_send()
        with self.assertRaisesRegex(UserError, "kept: cancel it instead"):
            self.referral_a.unlink()

    def test_refer_from_the_case(self):
        case = self.case_a.with_user(self.officer_a)
        self.assertEqual(case.referral_count, 1)
        action = case.action_open_referrals()
        self.assertEqual(
            self.env["baom.referral"].search(action["domain"]), self.referral_a
        )
        action = case.action_new_referral()
        self.assertEqual(action["context"]["default_case_id"], case.id)

    def test_refer_from_the_service(self):
        action = self.service_a.with_user(self.officer_a).action_new_referral()
        referral = (
            self.env["baom.referral"]
            .with_user(self.officer_a)
            .with_context(**action["context"])
            .create({"case_id": self.case_a.id})
        )
        self.assertEqual(referral.service_id, self.service_a)
        self.assertEqual(referral.institution_id, self.institution_a)
        self.assertEqual(self.service_a.referral_count, 2)

    def test_refer_from_the_visit_register(self):
        visit = self._new_visit(
            self.office_a,
            beneficiary_id=self.person_a.id,
            outcome="referred",
            need_category_id=self.need_housing.id,
        ).with_user(self.officer_a)
        action = visit.action_new_referral()
        self.assertEqual(action["context"]["default_case_id"], self.case_a.id)
        referral = (
            self.env["baom.referral"]
            .with_user(self.officer_a)
            .with_context(**action["context"])
            .create({"service_id": self.service_a.id})
        )
        self.assertEqual(referral.visit_id, visit)
        self.assertEqual(visit.referral_ids, referral)
        # a person without an open case: one is opened for the referral
        person = self._new_beneficiary(self.office_a, first_name="Aicha")
        visit = self._new_visit(
            self.office_a, beneficiary_id=person.id, outcome="referred"
        ).with_user(self.officer_a)
        action = visit.action_new_referral()
        case = self.env["baom.case"].browse(action["context"]["default_case_id"])
        self.assertEqual(case.beneficiary_id, person)
        self.assertEqual(case.office_id, self.office_a)
        anonymous = self._new_visit(self.office_a, outcome="referred")
        with self.assertRaisesRegex(UserError, "anonymous"):
            anonymous.with_user(self.officer_a).action_new_referral()

    def test_anonymising_the_person_wipes_what_the_referral_says(self):
        self.referral_a.with_user(self.officer_a).action_send()
        self.referral_a.message_post(body="Called Fatima on her mobile")
        self.person_a._anonymize()
        self.assertFalse(self.referral_a.reason)
        self.assertFalse(self.referral_a.access_token, "The secure link dies")
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "baom.referral"), ("res_id", "=", self.referral_a.id)]
            )
        )
        self.assertEqual(self.referral_a.state, "sent", "Statistics keep the facts")
        self.assertEqual(self.referral_a.institution_id, self.institution_a)


@tagged("post_install", "-at_install", "baom_referral")
class TestReferralMail(MockEmail, BaomReferralCommon):
    def test_institution_receives_only_the_shared_fields(self):
        self.case_a.sudo().write(
            {
                "need_category_ids": self.need_survivor.ids,
                "confidential_note": "<p>Her son handles her money</p>",
            }
        )
        vulnerability = self.env["baom.vulnerability"].search([], limit=1)
        self.person_a.vulnerability_ids = vulnerability
        self._new_case(self.person_a, title="Residence card renewal in Spain")
        other = self._new_referral(
            self.case_a, reason="Secret other referral reason", consent_share=True
        )
        document = self.env["baom.case.document"].create(
            {"case_id": self.case_a.id, "name": "Husband's death certificate"}
        )
        self.referral_a.write(
            {
                "share_phone": False,
                "share_document_ids": [(6, 0, document.ids)],
            }
        )
        with self.mock_mail_gateway():
            self.referral_a.with_user(self.officer_a).action_send()
        mails = self._new_mails.filtered(
            lambda m: self.institution_a in m.recipient_ids
        )
        self.assertEqual(len(mails), 1, "One e-mail to the institution")
        body = str(mails.body_html)
        # shared
        self.assertIn(self.referral_a.name, body)
        self.assertIn("Fatima", body)
        self.assertIn("survivor's pension file checked", body.replace("&#39;", "'"))
        self.assertIn("death certificate", body)
        self.assertIn(f"/my/referrals/{self.referral_a.id}", body)
        self.assertIn(self.referral_a.access_token, body, "A secure link")
        # never shared
        for secret in (
            "Her son handles her money",  # confidential note
            "Widow of a miner",  # case description
            "Survivor's pension from France",  # case title
            "Residence card renewal",  # another case
            "Secret other referral reason",  # another referral
            "612345678",  # phone not ticked
            vulnerability.name,  # vulnerabilities
        ):
            self.assertNotIn(secret, body, f"{secret!r} must not reach the institution")
        self.assertTrue(other)

    def test_nothing_personal_without_the_ticks(self):
        self.referral_a.write(
            {"share_name": False, "share_reason": False, "share_phone": False}
        )
        with self.mock_mail_gateway():
            self.referral_a.with_user(self.officer_a).action_send()
        mail = self._new_mails.filtered(lambda m: self.institution_a in m.recipient_ids)
        body = str(mail.body_html)
        self.assertIn(self.referral_a.name, body)
        for secret in ("Fatima", "Ait Brahim", "survivor", "612345678"):
            self.assertNotIn(secret, body)

    def test_shared_values_are_empty_without_consent(self):
        referral = self._new_referral(self.case_a, reason="Pension")
        values = referral._get_shared_values()
        self.assertFalse(values["name"])
        self.assertFalse(values["reason"])
        referral.consent_share = True
        self.assertEqual(referral._get_shared_values()["name"], self.person_a.name)
        self.assertEqual(fields.Date.today(), referral.consent_share_date.date())

    def test_service_email_is_used_when_the_institution_has_none(self):
        association = self.env["res.partner"].create(
            {"name": "Association Tamaynut", "is_company": True}
        )
        service = self.env["baom.service"].create(
            {
                "name": "Legal aid",
                "institution_id": association.id,
                "email": "legal-aid@tamaynut.example",
            }
        )
        referral = self._new_referral(
            self.case_a, service_id=service.id, consent_share=True
        )
        with self.mock_mail_gateway():
            referral.with_user(self.officer_a).action_send()
        self.assertEqual(referral.state, "sent")
        sent_to = self._new_mails.mapped(
            lambda m: m.email_to or ",".join(m.recipient_ids.mapped("email"))
        )
        self.assertIn("legal-aid@tamaynut.example", ",".join(sent_to))
