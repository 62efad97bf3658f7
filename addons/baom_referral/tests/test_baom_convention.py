from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .convention_common import BaomConventionCommon

REVIEW = "baom_referral.mail_activity_type_convention_review"
LATE = "baom_referral.mail_activity_type_obligation_late"


@tagged("post_install", "-at_install", "baom_convention")
class TestConventionCron(BaomConventionCommon):
    @freeze_time("2026-04-01")
    def test_tacit_renewal_extends_by_the_renewal_period(self):
        convention = self._new_convention(
            self.office_a,
            date_end="2026-03-31",
            renewal="tacit",
            renewal_months=12,
            state="active",
        )
        self.env["baom.convention"]._cron_convention_deadlines()
        self.assertEqual(str(convention.date_end), "2027-03-31")
        self.assertEqual(convention.state, "active", "renewed, not expired")

    @freeze_time("2026-01-05")
    def test_tacit_renewal_without_period_repeats_the_convention_duration(self):
        convention = self._new_convention(
            self.office_a,
            date_start="2025-01-01",
            date_end="2025-12-31",
            renewal="tacit",
            state="active",
        )
        self.env["baom.convention"]._cron_convention_deadlines()
        self.assertEqual(str(convention.date_end), "2026-12-31")

    @freeze_time("2026-03-15")
    def test_on_request_renewal_only_reminds_then_expires(self):
        convention = self._new_convention(
            self.office_a,
            date_end="2026-05-31",
            renewal="on_request",
            notice_days=60,
            reminder_days=30,
            state="active",
        )
        self.assertEqual(str(convention.date_decision), "2026-04-01")
        self.env["baom.convention"]._cron_convention_deadlines()
        activity = self._activities(convention, REVIEW)
        self.assertEqual(len(activity), 1, "reminded 30 days before the notice")
        self.assertEqual(activity.user_id, self.network, "to the responsible")
        self.assertEqual(str(activity.date_deadline), "2026-04-01")
        self.assertEqual(str(convention.date_end), "2026-05-31", "not extended")
        with freeze_time("2026-06-01"):
            self.env["baom.convention"]._cron_convention_deadlines()
        self.assertEqual(convention.state, "expired")
        self.assertEqual(str(convention.date_end), "2026-05-31")

    @freeze_time("2026-03-01")
    def test_no_reminder_before_the_window(self):
        convention = self._new_convention(
            self.office_a, date_end="2026-12-31", renewal="tacit", state="active"
        )
        self.env["baom.convention"]._cron_convention_deadlines()
        self.assertFalse(self._activities(convention, REVIEW))

    @freeze_time("2026-01-01")
    def test_expiry_of_a_convention_without_renewal(self):
        convention = self._new_convention(
            self.office_a, date_end="2025-12-31", state="active"
        )
        draft = self._new_convention(self.office_a, date_end="2025-12-31")
        self.env["baom.convention"]._cron_convention_deadlines()
        self.assertEqual(convention.state, "expired")
        self.assertEqual(draft.state, "draft", "only conventions in force expire")

    @freeze_time("2026-07-10")
    def test_overdue_obligation_becomes_late_with_an_activity(self):
        self.convention_a.state = "active"
        obligation = self._new_obligation(
            self.convention_a, date_due="2026-07-01", user_id=self.officer_a.id
        )
        draft_obligation = self._new_obligation(
            self.convention_b, date_due="2026-07-01"
        )
        self.env["baom.convention"]._cron_convention_deadlines()
        self.assertEqual(obligation.state, "late")
        activity = self._activities(obligation, LATE)
        self.assertEqual(activity.user_id, self.officer_a)
        self.assertEqual(draft_obligation.state, "todo", "its convention is a draft")

    @freeze_time("2026-11-15")
    def test_cron_twice_creates_no_duplicate(self):
        convention = self._new_convention(
            self.office_a, date_end="2026-12-10", state="active"
        )
        obligation = self._new_obligation(convention, date_due="2026-11-01")
        Convention = self.env["baom.convention"]
        Convention._cron_convention_deadlines()
        Convention._cron_convention_deadlines()
        self.assertEqual(len(self._activities(convention, REVIEW)), 1)
        self.assertEqual(len(self._activities(obligation, LATE)), 1)
        # Done activities are gone from the record: still no second one.
        self._activities(convention, REVIEW).action_feedback("Reviewed")
        Convention._cron_convention_deadlines()
        self.assertFalse(self._activities(convention, REVIEW))

    @freeze_time("2026-12-01")
    def test_renewed_convention_gets_a_new_reminder_next_cycle(self):
        convention = self._new_convention(
            self.office_a,
            date_start="2026-01-01",
            date_end="2026-12-31",
            renewal="tacit",
            notice_days=30,
            reminder_days=30,
            renewal_months=12,
            state="active",
        )
        Convention = self.env["baom.convention"]
        Convention._cron_convention_deadlines()
        self.assertEqual(len(self._activities(convention, REVIEW)), 1)
        with freeze_time("2027-01-01"):
            Convention._cron_convention_deadlines()
        self.assertEqual(str(convention.date_end), "2027-12-31")
        with freeze_time("2027-11-01"):
            Convention._cron_convention_deadlines()
            Convention._cron_convention_deadlines()
        self.assertEqual(len(self._activities(convention, REVIEW)), 2)


@tagged("post_install", "-at_install", "baom_convention")
class TestConventionObligation(BaomConventionCommon):
    @freeze_time("2026-04-02")
    def test_done_recurring_obligation_creates_the_next_occurrence(self):
        obligation = self._new_obligation(
            self.convention_a, date_due="2026-03-31", recurrence="quarterly"
        )
        obligation.action_done()
        self.assertEqual(obligation.state, "done")
        self.assertEqual(str(obligation.date_done), "2026-04-02")
        following = obligation.next_obligation_id
        self.assertEqual(str(following.date_due), "2026-06-30")
        self.assertEqual(following.state, "todo")
        self.assertEqual(following.description, obligation.description)
        obligation.action_done()
        self.assertEqual(
            self.env["baom.convention.obligation"].search_count(
                [("convention_id", "=", self.convention_a.id)]
            ),
            3,
            "marking done twice creates no third occurrence",
        )

    def test_no_occurrence_after_the_end_of_the_convention(self):
        obligation = self._new_obligation(
            self.convention_a, date_due="2027-12-01", recurrence="monthly"
        )
        once = self._new_obligation(self.convention_a, date_due="2026-01-01")
        (obligation | once).action_done()
        self.assertFalse(obligation.next_obligation_id, "2028 is after the end")
        self.assertFalse(once.next_obligation_id)

    @freeze_time("2026-07-10")
    def test_marking_done_closes_the_late_activity(self):
        self.convention_a.state = "active"
        obligation = self._new_obligation(self.convention_a, date_due="2026-07-01")
        self.env["baom.convention"]._cron_convention_deadlines()
        self.assertTrue(self._activities(obligation, LATE))
        obligation.action_done()
        self.assertFalse(self._activities(obligation, LATE))

    def test_responsible_officer_marks_done_and_attaches_proof(self):
        obligation = self._new_obligation(
            self.convention_a, user_id=self.officer_a.id, recurrence="yearly"
        )
        as_officer = obligation.with_user(self.officer_a)
        as_officer.write({"evidence": "UERGLTEuNA==", "evidence_name": "pv.pdf"})
        as_officer.action_done()
        self.assertEqual(obligation.state, "done")
        self.assertEqual(obligation.evidence_name, "pv.pdf")
        self.assertTrue(obligation.next_obligation_id)

    def test_responsible_officer_cannot_rewrite_the_commitment(self):
        obligation = self._new_obligation(self.convention_a, user_id=self.officer_a.id)
        with self.assertRaises(AccessError):
            obligation.with_user(self.officer_a).write({"description": "Nothing"})
        self.assertEqual(obligation.description, "Train the officer")

    def test_officer_not_responsible_cannot_mark_done(self):
        with self.assertRaises(AccessError):
            self.obligation_a.with_user(self.officer_a).action_done()
        self.assertEqual(self.obligation_a.state, "todo")

    def test_recurring_obligation_needs_a_due_date(self):
        with self.assertRaisesRegex(UserError, "needs a first due date"):
            self._new_obligation(
                self.convention_a, date_due=False, recurrence="monthly"
            )


@tagged("post_install", "-at_install", "baom_convention")
class TestConventionLifeCycle(BaomConventionCommon):
    def test_buttons_walk_the_states(self):
        convention = self._new_convention(self.office_a)
        convention.action_negotiate()
        self.assertEqual(convention.state, "negotiation")
        convention.action_activate()
        self.assertEqual(convention.state, "active")
        convention.action_terminate()
        self.assertEqual(convention.state, "terminated")
        convention.action_draft()
        self.assertEqual(convention.state, "draft")

    def test_cannot_put_in_force_without_parties(self):
        convention = self._new_convention(self.office_a, partner_ids=[(5,)])
        with self.assertRaisesRegex(UserError, "Give the parties"):
            convention.action_activate()
        self.assertEqual(convention.state, "draft")

    def test_cannot_terminate_a_draft(self):
        with self.assertRaisesRegex(UserError, "not possible now"):
            self.convention_a.action_terminate()

    def test_end_before_start_is_refused(self):
        with self.assertRaises(ValidationError):
            self._new_convention(
                self.office_a, date_start="2026-01-01", date_end="2025-01-01"
            )

    def test_negative_funding_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["baom.convention.funding"].create(
                {
                    "convention_id": self.convention_a.id,
                    "partner_id": self.md.id,
                    "year": 2026,
                    "amount": -5,
                }
            )

    def test_funding_totals_per_party_and_year(self):
        Funding = self.env["baom.convention.funding"]
        Funding.create(
            [
                {
                    "convention_id": self.convention_a.id,
                    "partner_id": self.md.id,
                    "year": 2027,
                    "amount": 80000,
                },
                {
                    "convention_id": self.convention_a.id,
                    "partner_id": self.commune.id,
                    "year": 2026,
                    "amount": 50000,
                },
            ]
        )
        self.assertEqual(self.convention_a.amount_total, 250000)
        by_party, by_year = self.convention_a._get_funding_summary()
        self.assertEqual(dict(by_party), {self.md: 200000, self.commune: 50000})
        self.assertEqual(by_year, [(2026, 170000), (2027, 80000)])

    def test_amounts_in_words_in_french_and_arabic(self):
        self.assertEqual(
            self.convention_a._amount_in_words(250000, "fr_FR"),
            "deux cent cinquante mille dirhams",
        )
        self.assertEqual(
            self.convention_a._amount_in_words(250000, "ar_001"),
            "مائتان وخمسون ألف درهم",
        )
