import io

from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from .convention_common import BaomConventionCommon

REPORT = "baom_referral.baom_convention_report_action"


@tagged("post_install", "-at_install", "baom_convention")
class TestConventionReport(BaomConventionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("fr_FR", "ar_001"):
            cls.env["res.lang"]._activate_lang(code)
        cls.funding_commune = cls.env["baom.convention.funding"].create(
            {
                "convention_id": cls.convention_a.id,
                "partner_id": cls.commune.id,
                "year": 2026,
                "amount": 130000,
            }
        )
        cls.convention_a.purpose = "Create and run the reception office."

    def _html(self, lang):
        self.convention_a.print_lang = lang
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            ._render_qweb_html(REPORT, self.convention_a.ids)
        )
        return html.decode()

    def test_french_convention_states_amounts_in_figures_and_words(self):
        html = self._html("fr_FR")
        self.assertIn("deux cent cinquante mille dirhams", html, "the total")
        self.assertIn("cent vingt mille dirhams", html, "M&amp;D's share")
        self.assertIn("250", html)
        self.assertIn("Train the officer", html, "the obligations")
        self.assertIn("Commune de Belfaa", html, "the parties")
        self.assertIn("Create and run the reception office.", html, "the object")
        self.assertIn('dir="ltr"', html)

    def test_arabic_convention_reads_right_to_left_with_arabic_words(self):
        html = self._html("ar_001")
        self.assertIn('dir="rtl"', html)
        self.assertIn("مائتان وخمسون ألف درهم", html)
        self.assertIn("مائة وعشرون ألف درهم", html)

    def test_pdf_renders_in_french_and_arabic(self):
        for lang in ("fr_FR", "ar_001"):
            with self.subTest(lang=lang):
                self.convention_a.print_lang = lang
                with self.allow_pdf_render():
                    pdf, kind = (
                        self.env["ir.actions.report"]
                        .with_context(force_report_rendering=True)
                        ._render_qweb_pdf(REPORT, self.convention_a.ids)
                    )
                self.assertEqual(kind, "pdf")
                self.assertTrue(pdf.startswith(b"%PDF"))
                self.assertGreaterEqual(PdfFileReader(io.BytesIO(pdf)).getNumPages(), 1)
