import datetime

from odoo.tests import tagged

from .referral_common import BaomReferralCommon

JULY = (datetime.date(2025, 7, 1), datetime.date(2025, 8, 1))
AUGUST = (datetime.date(2025, 8, 1), datetime.date(2025, 9, 1))
CODES = ("referrals_sent", "referrals_answered", "referrals_successful")


@tagged("post_install", "-at_install", "baom_referral", "baom_network")
class TestReferralIndicators(BaomReferralCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        driss = cls._new_beneficiary(
            cls.office_a,
            first_name="Driss",
            last_name="Oubella",
            gender="male",
            birth_date="1990-05-01",
            nationality_id=False,
            profile="returnee",
        )
        fatima_case = cls._new_case(
            cls.person_a, need_category_ids=cls.need_survivor.ids
        )
        driss_case = cls._new_case(driss, need_category_ids=cls.need_housing.ids)

        def referral(case, state, sent=None, answered=None, **values):
            new = cls._new_referral(case, consent_share=True)
            new.write(dict(values, state=state, date_sent=sent, date_answered=answered))
            return new

        # July 2025 in office A: Fatima twice (one success, one refusal),
        # Driss once without an answer yet; a cancelled referral and a
        # draft that never left do not count.
        referral(
            fatima_case,
            "done",
            "2025-07-03 10:00:00",
            "2025-07-05 10:00:00",
            outcome="successful",
        )
        referral(
            fatima_case,
            "refused",
            "2025-07-10 10:00:00",
            "2025-07-12 10:00:00",
            refusal_reason="no_capacity",
        )
        referral(driss_case, "sent", "2025-07-20 10:00:00")
        referral(driss_case, "cancelled", "2025-07-25 10:00:00")
        referral(driss_case, "draft")
        # August: Fatima once more, successful; July in office B.
        referral(
            fatima_case,
            "done",
            "2025-08-02 10:00:00",
            "2025-08-04 10:00:00",
            outcome="successful",
        )
        referral(
            cls.case_b,
            "done",
            "2025-07-15 10:00:00",
            "2025-07-16 10:00:00",
            outcome="successful",
        )
        cls.indicators = {
            indicator.code: indicator
            for indicator in cls.env["baom.indicator"].search([("code", "in", CODES)])
        }

    def _values(self, code, period, offices=None):
        indicator = self.indicators[code]
        rows = indicator._compute_values(offices or self.office_a, *period)[indicator]
        return {(dim, key): value for _office, dim, key, value, _base in rows}

    def test_indicators_are_shipped_and_computable(self):
        self.assertEqual(set(self.indicators), set(CODES))
        for indicator in self.indicators.values():
            self.assertTrue(indicator.is_computable, indicator.code)

    def test_referrals_sent(self):
        july = self._values("referrals_sent", JULY)
        self.assertEqual(july[("total", "total")], 3, "cancelled and draft left out")
        self.assertEqual(july[("gender", "female")], 2)
        self.assertEqual(july[("gender", "male")], 1)
        self.assertEqual(july[("profile", "rights_holder")], 2)
        self.assertEqual(july[("profile", "returnee")], 1)
        self.assertEqual(july[("age_band", "30_44")], 1, "Driss, born 1990")
        self.assertEqual(july[("nationality_group", "moroccan")], 2)
        self.assertEqual(july[("nationality_group", "not_recorded")], 1)
        self.assertEqual(july[("need", "social_rights")], 2, "survivor's pension")
        self.assertEqual(july[("need", "housing")], 1)
        self.assertEqual(self._values("referrals_sent", AUGUST)[("total", "total")], 1)

    def test_referrals_answered(self):
        july = self._values("referrals_answered", JULY)
        self.assertEqual(july[("total", "total")], 2, "done and refused")
        self.assertEqual(july[("gender", "female")], 2)
        self.assertEqual(july.get(("gender", "male"), 0), 0)

    def test_referrals_successful(self):
        july = self._values("referrals_successful", JULY)
        self.assertEqual(july[("total", "total")], 1)
        self.assertEqual(july[("gender", "female")], 1)
        self.assertEqual(july[("need", "social_rights")], 1)
        self.assertEqual(
            self._values("referrals_successful", AUGUST)[("total", "total")], 1
        )

    def test_other_offices_are_not_counted(self):
        both = self.indicators["referrals_successful"]._compute_values(
            self.office_a | self.office_b, *JULY
        )[self.indicators["referrals_successful"]]
        totals = {
            office: value for office, dim, _k, value, _b in both if dim == "total"
        }
        self.assertEqual(totals, {self.office_a.id: 1, self.office_b.id: 1})

    def test_snapshot_publishes_referral_cells_with_disclosure_control(self):
        snapshot = self.env["baom.network.snapshot"].create(
            {"office_id": self.office_a.id, "period_start": JULY[0], "k": 2}
        )
        snapshot.action_compute()
        cells = {
            (line.indicator_code, line.dimension, line.dimension_value): line
            for line in snapshot.line_ids
            if line.indicator_code in CODES
        }
        sent_total = cells[("referrals_sent", "total", "total")]
        self.assertEqual((sent_total.value, sent_total.suppressed), (3, False))
        male = cells[("referrals_sent", "gender", "male")]
        self.assertEqual(male.suppression_reason, "primary", "1 referral < k")
        self.assertFalse(male.value)
        female = cells[("referrals_sent", "gender", "female")]
        # 3 - 2 would give Driss's referral back: the 2 are hidden too.
        self.assertEqual(female.suppression_reason, "secondary")
        self.assertFalse(female.value)
        nobody = cells[("referrals_sent", "gender", "not_recorded")]
        self.assertEqual((nobody.value, nobody.suppressed), (0, False))
        answered = cells[("referrals_answered", "total", "total")]
        self.assertEqual((answered.value, answered.suppressed), (2, False))
        success = cells[("referrals_successful", "total", "total")]
        self.assertTrue(success.suppressed, "1 success < k")
        self.assertEqual(success.suppression_reason, "primary")
        payload = snapshot._prepare_payload()
        published = {
            (cell["indicator"], cell["dimension"], cell["dimension_value"]): cell
            for cell in payload["cells"]
        }
        self.assertEqual(published[("referrals_sent", "total", "total")]["value"], 3)
        self.assertIsNone(
            published[("referrals_successful", "total", "total")]["value"]
        )
