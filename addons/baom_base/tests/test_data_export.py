from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.baom_base.models.ir_actions_report import IrActionsReport

from .common import BaomBaseCommon


@tagged("post_install", "-at_install")
class TestPersonalDataExport(BaomBaseCommon):
    REPORT = "baom_base.baom_beneficiary_data_report_action"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._new_visit(
            cls.office_a,
            beneficiary_id=cls.person_a.id,
            need_category_id=cls.env.ref("baom_base.baom_need_category_pension").id,
        )

    def _html(self, user, person, lang="en_US"):
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang=lang)
            ._render_qweb_html(self.REPORT, person.ids)
        )
        return html.decode()

    def test_export_holds_everything_the_office_keeps(self):
        html = self._html(self.officer_a, self.person_a)
        for expected in ("Fatima", "Ait Brahim", "فاطمة", "+212612345678", "Pension"):
            self.assertIn(expected, html)
        self.assertIn("Who opened this file", html)

    def test_export_in_french_and_arabic(self):
        for code in ("fr_FR", "ar_001"):
            self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"]._load_module_terms(
            ["baom_base"], ["fr_FR", "ar_001"], overwrite=True
        )
        french = self._html(self.officer_a, self.person_a, "fr_FR")
        self.assertIn("Identité", french)
        arabic = self._html(self.officer_a, self.person_a, "ar_001")
        self.assertIn('dir="rtl"', arabic)
        self.assertIn("الهوية", arabic)

    def test_export_follows_the_reports_layout(self):
        self.env.company.name = "Commune de Belfaa"
        with patch.object(
            IrActionsReport, "_baom_letterhead_in_body", return_value=True
        ):
            html = self._html(self.officer_a, self.person_a, lang="en_US")
        self.assertIn("o_baom_letterhead", html, "letterhead in the body")
        self.assertIn("Commune de Belfaa", html)
        self.assertIn("o_baom_report", html, "the reports' fonts and tables")

    def test_other_office_cannot_export(self):
        with self.assertRaises(AccessError):
            self._html(self.officer_b, self.person_a)

    def test_wizard_prints_in_chosen_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        wizard = (
            self.env["baom.beneficiary.data.export"]
            .with_user(self.officer_a)
            .create({"beneficiary_id": self.person_a.id, "lang": "fr_FR"})
        )
        action = wizard.action_print()
        self.assertEqual(
            action["report_name"], "baom_base.baom_beneficiary_data_report"
        )
        self.assertEqual(action["context"]["lang"], "fr_FR")

    def test_export_is_logged(self):
        self._html(self.officer_a, self.person_a)
        self.assertTrue(
            self.env["baom.beneficiary.access.log"].search(
                [("beneficiary_id", "=", self.person_a.id)]
            )
        )


@tagged("post_install", "-at_install")
class TestPersonalDataPdf(HttpCase):
    def test_real_pdf_is_produced(self):
        office = self.env["baom.office"].create({"name": "Office P", "code": "OFFP"})
        person = self.env["baom.beneficiary"].create(
            {
                "first_name": "Latifa",
                "profile": "returnee",
                "office_id": office.id,
                "consent_date": "2026-01-01",
            }
        )
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "baom_base.baom_beneficiary_data_report_action", person.ids
            )
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
