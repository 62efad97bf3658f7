from html import unescape

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .referral_common import BaomReferralCommon


@tagged("post_install", "-at_install", "baom_referral")
class TestReferralSlip(BaomReferralCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.office_a.write({"phone": "+212528000111", "email": "baom@belfaa.ma"})

    def _render(self, lang):
        self.referral_a.lang = lang
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            ._render_qweb_html(
                "baom_referral.report_baom_referral_slip", self.referral_a.ids
            )
        )
        return unescape(html.decode())

    def test_slip_tells_where_to_go_in_french(self):
        html = self._render("fr_FR")
        self.assertIn('dir="ltr"', html)
        for expected in (
            self.referral_a.name,  # the reference to show
            "Fatima Ait Brahim",
            "CNSS Agadir",
            "Survivor's pension",
            "Avenue Hassan II",
            "Mon-Fri 8:30-16:30",  # opening hours
            self.doc_cin.with_context(lang="fr_FR").name,  # documents to bring
            "+212528000111",  # the office's contact
            "baom@belfaa.ma",
        ):
            self.assertIn(expected, html)
        self.assertNotIn("Her son handles her money", html)
        self.assertNotIn("Widow of a miner", html)

    def test_slip_renders_right_to_left_in_arabic(self):
        html = self._render("ar_001")
        self.assertIn('dir="rtl"', html)
        self.assertIn(self.referral_a.name, html)
        self.assertIn(self.doc_cin.with_context(lang="ar_001").name, html)

    def test_slip_prints_as_pdf_in_both_languages(self):
        for lang in ("fr_FR", "ar_001"):
            self.referral_a.lang = lang
            with self.allow_pdf_render():
                pdf, kind = (
                    self.env["ir.actions.report"]
                    .with_user(self.officer_a)
                    .with_context(force_report_rendering=True)
                    ._render_qweb_pdf(
                        "baom_referral.report_baom_referral_slip",
                        self.referral_a.ids,
                    )
                )
            self.assertEqual(kind, "pdf")
            self.assertTrue(pdf.startswith(b"%PDF"))

    def test_supervisor_cannot_print_a_slip(self):
        # the slip names the person: pseudonymous readers never print it
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.supervisor)._render_qweb_html(
                "baom_referral.report_baom_referral_slip", self.referral_a.ids
            )
