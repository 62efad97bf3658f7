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
        self.assertEqual(
            visit_age, {"60_99": 1, "not_recorded": 2}, "Anonymous visits: no age"
        )

    def test_outcome_of_closed_cases(self):
        rows = dict(
            self._office_a()._read_group(
                SUMMER_2025 + [("record_type", "=", "closure")],
                ["outcome"],
                ["__count"],
            )
        )
        self.assertEqual(rows, {"resolved": 1, "not_resolved": 1})

    def test_a_case_counts_opened_when_opened_and_closed_when_closed(self):
        self._new_case(
            self.person_a,
            date_open="2023-03-10 10:00:00",
            stage_id=self.stage_resolved.id,
            date_closed="2023-05-20 10:00:00",
        )
        # As the pivot asks, grouped by month, as the supervisor.
        groups = self.Report.with_user(self.supervisor).formatted_read_group(
            [
                ("office_id", "=", self.office_a.id),
                ("date", ">=", "2023-01-01 00:00:00"),
                ("date", "<", "2024-01-01 00:00:00"),
            ],
            ["date:month"],
            [
                "case_count:sum",
                "closed_count:sum",
                "resolved_count:sum",
                "resolution_days:avg",
            ],
        )
        table = {
            group["date:month"][1]: (
                group["case_count:sum"],
                group["closed_count:sum"],
                group["resolved_count:sum"],
                group["resolution_days:avg"],
            )
            for group in groups
        }
        self.assertEqual(
            table,
            {
                "March 2023": (1, 0, 0, False),
                "May 2023": (0, 1, 1, 71.0),
            },
            "opened in March, closed (and resolved, in 71 days) in May",
        )

    def test_missing_gender_profile_and_age_read_not_recorded(self):
        self.env["baom.visit"].create(
            {"office_id": self.office_a.id, "visit_date": "2025-09-01 09:00:00"}
        )
        Report = self.Report.with_user(self.supervisor)
        visits = SUMMER_2025 + [
            ("office_id", "=", self.office_a.id),
            ("record_type", "=", "visit"),
        ]
        for field in ("gender", "profile", "age_band"):
            with self.subTest(field=field):
                groups = Report.formatted_read_group(
                    visits, [field], ["people_count:sum"]
                )
                counts = {group[field]: group["people_count:sum"] for group in groups}
                self.assertNotIn(False, counts, "no 'None' column in the pivot")
                self.assertGreaterEqual(counts.get("not_recorded", 0), 1)
                labels = dict(Report.fields_get([field])[field]["selection"])
                self.assertEqual(labels["not_recorded"], "Not recorded")

    def test_not_recorded_reads_in_french_as_in_the_activity_report(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["baom_base", "baom_case"], ["fr_FR"], overwrite=True
        )
        Report = self.Report.with_user(self.supervisor).with_context(lang="fr_FR")
        for field in ("gender", "profile", "age_band"):
            with self.subTest(field=field):
                labels = dict(Report.fields_get([field])[field]["selection"])
                self.assertEqual(labels["not_recorded"], "Non renseigné")
        genders = dict(Report.fields_get(["gender"])["gender"]["selection"])
        self.assertEqual(genders["female"], "Femme", "the shared labels too")

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
