from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_case")
class TestActivityReport(BaomCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_known_dataset()
        cls.report = cls.env.ref("baom_case.action_report_baom_activity")
        cls.data = {
            "office_id": cls.office_a.id,
            "date_from": "2025-01-01",
            "date_to": "2025-12-31",
        }

    def _values(self, user):
        return (
            self.env["report.baom_case.report_baom_activity"]
            .with_user(user)
            ._get_report_values(self.office_a.ids, data=self.data)
        )

    def test_figures_of_the_year_and_comparison(self):
        [report] = self._values(self.officer_a)["reports"]
        current = report["current"]
        self.assertEqual(
            (
                current["people"],
                current["opened"],
                current["closed"],
                current["resolved"],
            ),
            (4, 3, 2, 1),
        )
        self.assertEqual(current["resolution_days"], 20.0)
        self.assertEqual(current["open_at_end"], 1)
        self.assertEqual(report["previous"]["opened"], 0, "2024: nothing yet")
        self.assertIsNone(report["comparison"]["opened"], "No change without a base")
        profiles = {row["label"]: row for row in report["by_profile_cases"]}
        rights_holders = profiles["Rights holder (ayant droit)"]
        self.assertEqual((rights_holders["female"], rights_holders["total"]), (2, 2))
        people = {row["label"]: row["total"] for row in report["by_profile_people"]}
        self.assertEqual(people["Rights holder (ayant droit)"], 3)
        outcomes = {row["label"]: row["total"] for row in report["by_outcome"]}
        self.assertEqual(outcomes, {"Resolved": 1, "Not resolved": 1})
        months = {row["month"]: row for row in report["by_month"]}
        self.assertEqual(months["July 2025"]["people"], 3)
        self.assertEqual(months["August 2025"]["opened"], 2)

    def test_wizard_prints_a_pdf(self):
        wizard = (
            self.env["baom.activity.report.wizard"]
            .with_user(self.supervisor)
            .create(
                {
                    "office_id": self.office_a.id,
                    "date_from": "2025-01-01",
                    "date_to": "2025-12-31",
                }
            )
        )
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "baom_case.report_baom_activity")
        self.assertEqual(action["data"]["office_id"], self.office_a.id)
        with self.allow_pdf_render():
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_user(self.supervisor)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(self.report, self.office_a.ids, data=action["data"])
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_report_in_arabic_reads_right_to_left(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(
            ["baom_case"], ["ar_001"], overwrite=True
        )
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            .with_context(lang="ar_001")
            ._render_qweb_html(self.report, self.office_a.ids, data=self.data)
        )
        html = html.decode()
        self.assertIn('dir="rtl"', html)
        self.assertIn("تقرير النشاط", html, "Arabic labels from ar.po")
        self.assertNotIn("Fatima", html, "No personal data in a report")

    def test_report_of_another_office_is_refused(self):
        with self.assertRaises(AccessError):
            self.env["report.baom_case.report_baom_activity"].with_user(
                self.officer_b
            )._get_report_values(self.office_a.ids, data=self.data)
        with self.assertRaises(AccessError):
            self._values(self.network)
