from odoo.tests import freeze_time, tagged

from .referral_common import BaomReferralCommon


@tagged("post_install", "-at_install", "baom_referral")
class TestReferralStatistics(BaomReferralCommon):
    """A known dataset: institution A got three referrals (answered in 2 and
    4 days, one expired), institution B one answered in 6 days and a draft."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.r1 = cls.referral_a
        cls.r2 = cls._new_referral(cls.case_a, consent_share=True)
        cls.r3 = cls._new_referral(cls.case_a, consent_share=True)
        cls.r4 = cls.referral_b
        cls.r5 = cls._new_referral(cls.case_b, service_id=cls.service_b.id)
        with freeze_time("2026-03-02 09:00:00"):
            (cls.r1 | cls.r2 | cls.r3).with_user(cls.officer_a).action_send()
            cls.r4.with_user(cls.officer_b).action_send()
        with freeze_time("2026-03-04 09:00:00"):
            cls.r1.with_user(cls.portal_a).action_accept()
        with freeze_time("2026-03-06 09:00:00"):
            cls.r2.with_user(cls.portal_a).action_refuse(refusal_reason="no_capacity")
        with freeze_time("2026-03-08 09:00:00"):
            cls.r4.with_user(cls.portal_b).action_accept()
        with freeze_time("2026-03-20 09:00:00"):
            cls.r1.with_user(cls.officer_a).action_done()
            cls.r4.with_user(cls.officer_b).action_done(
                outcome="not_successful", reason_not_successful="no_capacity"
            )
            cls.env["baom.referral"]._cron_expire_referrals()
        cls.Report = cls.env["baom.referral.report"]
        # demo data may hold referrals of other offices: count ours only
        cls.ours = [("office_id", "in", (cls.office_a | cls.office_b).ids)]

    def test_dataset_states(self):
        self.assertEqual(
            (self.r1 | self.r2 | self.r3 | self.r4 | self.r5).mapped("state"),
            ["done", "refused", "expired", "done", "draft"],
        )

    def test_figures_of_the_network(self):
        figures = self.Report.with_user(self.network)._get_figures(self.ours)
        self.assertEqual(figures["count"], 5)
        self.assertEqual(figures["sent"], 4)
        self.assertEqual(figures["answered"], 3)
        self.assertAlmostEqual(figures["answer_rate"], 75.0)
        self.assertAlmostEqual(figures["median_answer_days"], 4.0)
        self.assertAlmostEqual(figures["success_rate"], 50.0)

    def test_figures_by_institution(self):
        rows = self.Report.with_user(self.network)._read_group(
            self.ours,
            ["institution_id"],
            [
                "referral_count:sum",
                "answered_count:sum",
                "answer_rate:avg",
                "answer_days:avg",
                "answer_days_median:avg",
                "success_rate:avg",
                "expired_count:sum",
            ],
        )
        by_institution = {row[0]: row[1:] for row in rows}
        count, answered, rate, avg_days, median, success, expired = by_institution[
            self.institution_a
        ]
        self.assertEqual((count, answered, expired), (3, 2, 1))
        self.assertAlmostEqual(rate, 200 / 3)
        self.assertAlmostEqual(avg_days, 3.0)
        self.assertAlmostEqual(median, 3.0)
        self.assertAlmostEqual(success, 100.0)
        count, answered, rate, avg_days, median, success, expired = by_institution[
            self.institution_b
        ]
        self.assertEqual((count, answered, expired), (2, 1, 0))
        self.assertAlmostEqual(rate, 100.0, msg="The draft is not counted as sent")
        self.assertAlmostEqual(median, 6.0)
        self.assertAlmostEqual(success, 0.0)

    def test_breakdowns_by_gender_need_office_month_and_service(self):
        Report = self.Report.with_user(self.network)
        by_gender = dict(
            Report._read_group(self.ours, ["gender"], ["referral_count:sum"])
        )
        self.assertEqual(by_gender, {"female": 3, "male": 2})
        by_office = dict(
            Report._read_group(self.ours, ["office_id"], ["referral_count:sum"])
        )
        self.assertEqual(by_office, {self.office_a: 3, self.office_b: 2})
        by_service = dict(
            Report._read_group(self.ours, ["service_id"], ["referral_count:sum"])
        )
        self.assertEqual(by_service, {self.service_a: 3, self.service_b: 2})
        sent_march = Report._read_group(
            [*self.ours, ("sent_count", "=", 1)], ["date:month"], ["referral_count:sum"]
        )
        self.assertEqual([count for _month, count in sent_march], [4])
        by_profile = dict(
            Report._read_group(self.ours, ["profile"], ["referral_count:sum"])
        )
        self.assertEqual(by_profile, {"rights_holder": 3, "tcn_transit": 2})
        self.case_a.sudo().need_category_ids = self.need_survivor
        by_need = dict(
            Report._read_group(self.ours, ["need_category_id"], ["referral_count:sum"])
        )
        self.assertEqual(by_need[self.need_survivor], 3)

    def test_officer_figures_cover_their_office(self):
        figures = self.Report.with_user(self.officer_b)._get_figures(self.ours)
        self.assertEqual(figures["count"], 2)
        self.assertAlmostEqual(figures["median_answer_days"], 6.0)

    def test_cancelled_referrals_are_left_out(self):
        self.r5.with_user(self.officer_b).action_cancel()
        figures = self.Report.with_user(self.network)._get_figures(self.ours)
        self.assertEqual(figures["count"], 4)

    def test_institution_form_opens_its_statistics(self):
        action = self.institution_a.with_user(
            self.network
        ).action_open_referral_statistics()
        rows = self.Report.with_user(self.network).search(action["domain"])
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows.institution_id, self.institution_a)

    def test_institution_figures_for_the_network(self):
        institution = self.institution_a.with_user(self.network)
        self.assertEqual(institution.baom_referral_count, 3)
        self.assertAlmostEqual(institution.baom_referral_answer_rate, 66.7)
        self.assertAlmostEqual(institution.baom_referral_median_answer_days, 3.0)
        self.assertAlmostEqual(institution.baom_referral_success_rate, 100.0)
        # a commune user sees no BAOM field on partners at all
        fields = self.env["res.partner"].with_user(self.internal).fields_get()
        self.assertNotIn("baom_referral_count", fields)
