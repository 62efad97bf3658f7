from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_case")
class TestRating(BaomCaseCommon):
    def _close(self, case, outcome=None):
        values = {"stage_id": self.stage_resolved.id}
        if outcome:
            values = {"stage_id": self.stage_closed.id, "outcome": outcome}
        case.with_user(self.officer_a).write(values)

    def _requests(self, case):
        return self.env["rating.rating"].search(
            [("res_model", "=", "baom.case"), ("res_id", "=", case.id)]
        )

    def test_closing_a_case_asks_the_person_to_rate_the_service(self):
        self._close(self.case_a)
        request = self._requests(self.case_a)
        self.assertEqual(len(request), 1)
        self.assertEqual(request.partner_id, self.person_a.partner_id)
        self.assertEqual(request.rated_partner_id, self.officer_a.partner_id)
        self.assertFalse(request.consumed)
        mail = self.env["mail.mail"].search(
            [("model", "=", "baom.case"), ("res_id", "=", self.case_a.id)]
        )
        self.assertTrue(mail, "The request is an e-mail")
        self.assertIn(f"/rate/{request.access_token}/5", mail.body_html)
        self.assertIn(self.person_a.partner_id, mail.recipient_ids)

    def test_no_request_when_abandoned_or_without_email(self):
        self._close(self.case_a, outcome="abandoned")
        self.assertFalse(self._requests(self.case_a))
        no_email = self._new_beneficiary(self.office_a, first_name="Itto")
        case = self._new_case(no_email)
        self._close(case)
        self.assertFalse(self._requests(case))

    def test_rating_shows_on_the_case_and_in_statistics(self):
        self._close(self.case_a)
        token = self._requests(self.case_a).access_token
        self.case_a.rating_apply(5, token=token, feedback="Very kind, thank you")
        case = self.case_a.with_user(self.officer_a)
        self.assertEqual(case.rating_last_value, 5)
        self.assertEqual(case.rating_count, 1)
        self.assertEqual(case.rating_avg, 5)
        self.assertEqual(case.rating_last_feedback, "Very kind, thank you")
        [(rating, rated, satisfied)] = (
            self.env["baom.case.report"]
            .with_user(self.supervisor)
            ._read_group(
                [("case_id", "=", self.case_a.id)],
                [],
                ["rating:avg", "rated_count:sum", "satisfied_count:sum"],
            )
        )
        self.assertEqual((rating, rated, satisfied), (5, 1, 1))

    def test_who_rated_stays_within_the_office(self):
        self._close(self.case_a)
        token = self._requests(self.case_a).access_token
        self.case_a.rating_apply(1, token=token, feedback="Nobody called me back")
        Rating = self.env["rating.rating"]
        domain = [("res_model", "=", "baom.case")]
        self.assertTrue(Rating.with_user(self.officer_a).search(domain))
        for user in (self.officer_b, self.supervisor, self.internal):
            with self.subTest(user=user.login):
                self.assertFalse(
                    Rating.with_user(user).search(domain),
                    f"{user.login} must not learn who rated a case",
                )
        with self.assertRaises(AccessError, msg="Feedback is the person's words"):
            self.case_a.with_user(self.supervisor).rating_last_feedback  # noqa: B018
