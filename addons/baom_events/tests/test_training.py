import datetime

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import BaomEventsCommon


@tagged("post_install", "-at_install")
class TestTraining(BaomEventsCommon):
    """A two-day training: certificates only for officers who attended every
    session and passed the certification test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Reception certification",
                "scoring_type": "scoring_with_answers",
                "scoring_success_min": 50,
                "certification": True,
            }
        )
        cls.question = cls.env["survey.question"].create(
            {
                "survey_id": cls.survey.id,
                "title": "Who reads a person's file?",
                "question_type": "simple_choice",
                "suggested_answer_ids": [
                    (
                        0,
                        0,
                        {"value": "Officers", "is_correct": True, "answer_score": 1},
                    ),
                    (0, 0, {"value": "Everyone"}),
                ],
            }
        )
        cls.training = cls._new_event(
            name="Reception training",
            event_type_id=cls.training_type.id,
            date_begin="2027-03-01 07:00:00",
            date_end="2027-03-02 17:00:00",
            date_tz="Africa/Casablanca",
            is_multi_slots=True,
            baom_survey_id=cls.survey.id,
            event_slot_ids=[
                (0, 0, {"date": "2027-03-01", "start_hour": 9, "end_hour": 16}),
                (0, 0, {"date": "2027-03-02", "start_hour": 9, "end_hour": 16}),
            ],
        )
        cls.slots = cls.training.event_slot_ids
        cls.trainees = {
            key: new_test_user(
                cls.env,
                f"ev_trainee_{key}",
                groups="baom_base.group_baom_officer",
                name=f"Trainee {key}",
            )
            for key in ("passed", "failed", "half", "absent")
        }
        # attendance per session
        cls._attend("passed", ("done", "done"))
        cls._attend("failed", ("done", "done"))
        cls._attend("half", ("done", "open"))
        cls._attend("absent", ("open", "open"))
        # results of the test
        cls._answer("passed", correct=True)
        cls._answer("failed", correct=False)
        cls._answer("half", correct=True)
        cls._answer("absent", correct=True)

    @classmethod
    def _attend(cls, key, states):
        partner = cls.trainees[key].partner_id
        cls.env["event.registration"].create(
            [
                {
                    "event_id": cls.training.id,
                    "event_slot_id": slot.id,
                    "partner_id": partner.id,
                    "state": state,
                }
                for slot, state in zip(cls.slots, states, strict=True)
            ]
        )

    @classmethod
    def _answer(cls, key, correct):
        answer = cls.question.suggested_answer_ids.filtered(
            lambda a: a.is_correct == correct
        )
        cls.env["survey.user_input"].create(
            {
                "survey_id": cls.survey.id,
                "partner_id": cls.trainees[key].partner_id.id,
                "state": "done",
                "user_input_line_ids": [
                    (
                        0,
                        0,
                        {
                            "question_id": cls.question.id,
                            "answer_type": "suggestion",
                            "suggested_answer_id": answer.id,
                        },
                    )
                ],
            }
        )

    def test_certificate_only_when_attended_and_passed(self):
        certificates = self.training.with_user(
            self.network
        ).action_baom_issue_certificates()
        self.assertEqual(
            certificates.partner_id,
            self.trainees["passed"].partner_id,
            "Failed the test, missed a session or never came: no certificate",
        )
        self.assertEqual(certificates.user_id, self.trainees["passed"])
        self.assertEqual(len(certificates.verification_code), 10)
        self.assertEqual(
            certificates.date_expiry,
            certificates.date_issued + relativedelta(months=24),
            "The officer training module is to be refreshed after two years",
        )

    def test_issuing_twice_issues_nothing_twice(self):
        first = self.training.action_baom_issue_certificates()
        again = self.training.action_baom_issue_certificates()
        self.assertTrue(first)
        self.assertFalse(again)
        self.assertEqual(self.training.baom_certificate_count, 1)

    def test_without_test_attendance_is_enough(self):
        self.training.baom_survey_id = False
        certificates = self.training.action_baom_issue_certificates()
        self.assertEqual(
            certificates.partner_id,
            (self.trainees["passed"] | self.trainees["failed"]).partner_id,
        )

    def test_certification_is_sent_to_attendees_only(self):
        action = self.training.action_baom_send_certification()
        self.assertEqual(action["res_model"], "survey.invite")
        self.assertEqual(
            set(action["context"]["default_partner_ids"]),
            set((self.trainees["passed"] | self.trainees["failed"]).partner_id.ids),
        )

    def test_an_event_that_is_no_training_gives_no_certificate(self):
        event = self._new_event(self.office_a)
        with self.assertRaisesRegex(UserError, "officer trainings only"):
            event.action_baom_issue_certificates()

    def test_certificate_prints_with_its_code(self):
        certificate = self.training.action_baom_issue_certificates()
        for lang in ("fr_FR", "ar_001"):
            self.env["res.lang"]._activate_lang(lang)
            certificate.partner_id.lang = lang
            html, __ = (
                self.env["ir.actions.report"]
                .with_user(self.trainees["passed"])
                ._render_qweb_html(
                    "baom_events.action_report_baom_training_certificate",
                    certificate.ids,
                )
            )
            self.assertIn(certificate.verification_code, html.decode())
            self.assertIn("Trainee passed", html.decode())
            self.assertEqual(
                'dir="rtl"' in html.decode(), lang == "ar_001", "Arabic reads RTL"
            )

    def test_reminder_before_expiry_once(self):
        certificate = self.training.action_baom_issue_certificates()
        Certificate = self.env["baom.training.certificate"]
        with freeze_time(certificate.date_expiry - datetime.timedelta(days=60)):
            self.assertNotIn(certificate, Certificate._cron_remind_expiring())
        with freeze_time(certificate.date_expiry - datetime.timedelta(days=20)):
            self.assertIn(certificate, Certificate._cron_remind_expiring())
            self.assertNotIn(
                certificate, Certificate._cron_remind_expiring(), "Reminded once"
            )
        self.assertEqual(certificate.activity_ids.user_id, self.trainees["passed"])
