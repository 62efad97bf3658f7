from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BaomCaseCommon

SUMMER_2025 = [
    ("date", ">=", "2025-01-01 00:00:00"),
    ("date", "<", "2026-01-01 00:00:00"),
]


@tagged("post_install", "-at_install", "baom_case")
class TestStatistics(BaomCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cases_2025 = cls._create_known_dataset()
        cls.Report = cls.env["baom.case.report"]

    def _office_a(self, user=None):
        return self.Report.with_user(user or self.officer_a)

    def test_totals_of_a_known_year(self):
        [(people, entries, opened, closed, resolved, days)] = (
            self._office_a()._read_group(
                SUMMER_2025 + [("office_id", "=", self.office_a.id)],
                [],
                [
                    "people_count:sum",
                    "visit_count:sum",
                    "case_count:sum",
                    "closed_count:sum",
                    "resolved_count:sum",
                    "resolution_days:avg",
                ],
            )
        )
        self.assertEqual((people, entries), (4, 3), "People received, register lines")
        self.assertEqual((opened, closed, resolved), (3, 2, 1))
        self.assertAlmostEqual(days, 20.0, places=3, msg="(30 + 10) / 2 days")

    def test_gender_and_month_breakdown(self):
        rows = self._office_a()._read_group(
            SUMMER_2025,
            ["date:month", "gender"],
            ["case_count:sum", "people_count:sum"],
        )
        table = {
            (month.month, gender): (cases, people)
            for month, gender, cases, people in rows
        }
        self.assertEqual(
            table,
            {
                (7, "female"): (1, 2),
                (7, "male"): (0, 1),
                (8, "female"): (1, 1),
                (8, "male"): (1, 0),
            },
        )

    def test_profile_age_and_need_dimensions(self):
        cases = SUMMER_2025 + [("record_type", "=", "case")]
        by_profile = dict(self._office_a()._read_group(cases, ["profile"], ["__count"]))
        self.assertEqual(by_profile, {"rights_holder": 2, "returnee": 1})
        by_age = dict(self._office_a()._read_group(cases, ["age_band"], ["__count"]))
        self.assertEqual(by_age, {"60_99": 2, "30_44": 1})
        by_family = dict(
            self._office_a()._read_group(cases, ["need_family_id"], ["__count"])
        )
        social_rights = self.env.ref("baom_base.baom_need_category_social_rights")
        self.assertEqual(by_family[social_rights], 2, "Pension needs are social rights")
        visit_age = dict(
            self._office_a()._read_group(
                SUMMER_2025 + [("record_type", "=", "visit")], ["age_band"], ["__count"]
            )
        )
        self.assertEqual(visit_age, {"60_99": 1, False: 2}, "Anonymous visits: no age")

    def test_outcome_of_closed_cases(self):
        rows = dict(
            self._office_a()._read_group(
                SUMMER_2025 + [("is_closed", "=", True)], ["outcome"], ["__count"]
            )
        )
        self.assertEqual(rows, {"resolved": 1, "not_resolved": 1})

    def test_each_role_sees_its_offices_only(self):
        domain = [("record_type", "=", "case")]
        seen = {
            user.login: set(self.Report.with_user(user).search(domain).office_id.ids)
            for user in (self.officer_a, self.officer_b, self.supervisor, self.admin)
        }
        self.assertEqual(seen["baom_officer_a"], {self.office_a.id})
        self.assertEqual(seen["baom_officer_b"], {self.office_b.id})
        self.assertEqual(seen["baom_supervisor"], {self.office_a.id, self.office_b.id})
        self.assertTrue({self.office_a.id, self.office_b.id} <= seen["baom_admin"])
        for user in (self.network, self.internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Report.with_user(user).search(domain)

    def test_statistics_name_nobody(self):
        personal = {
            "beneficiary_id",
            "partner_id",
            "title",
            "description",
            "email_from",
        }
        self.assertFalse(personal & set(self.Report._fields))
        row = self.Report.with_user(self.supervisor).search([], limit=1)
        self.assertNotIn("Fatima", row.case_id.display_name)
