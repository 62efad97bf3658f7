from markupsafe import escape

from odoo.tests import HOST, tagged
from odoo.tools import config

from .directory_common import BaomDirectoryCommon


@tagged("post_install", "-at_install")
class TestServiceGuide(BaomDirectoryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env.ref("baom_referral.action_report_baom_service_guide")
        cls.inactive = cls.env["baom.service"].create(
            {
                "name": "Closed for good (test)",
                "institution_id": cls.cnss.id,
                "status": "defunct",
                "need_category_ids": [(6, 0, cls.need_pension.ids)],
            }
        )

    def _html(self, user, lang="en_US"):
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang=lang)
            ._render_qweb_html(self.report, self.office_a.ids)
        )
        return html.decode()

    def test_guide_lists_the_office_services_by_need_with_contacts(self):
        html = self._html(self.officer_a)
        self.assertIn(escape(self.shared.name), html)
        self.assertIn(escape(self.local_a.name), html)
        self.assertNotIn(self.local_b.name, html, "another office's local service")
        self.assertNotIn(self.inactive.name, html, "a defunct service")
        for text in ("+212528000002", "Mon-Fri 8:30-16:30", self.doc_death.name):
            self.assertIn(text, html)
        self.assertNotIn("False", html)
        need = html.index(escape(self.need_pension.display_name))
        self.assertLess(need, html.index(escape(self.shared.name)))
        self.assertLess(
            html.index(escape(self.need_employment.display_name)),
            html.index(escape(self.local_a.name)),
        )

    def test_guide_in_arabic_reads_right_to_left(self):
        self.env["res.lang"]._activate_lang("ar_001")
        html = self._html(self.officer_a, "ar_001")
        self.assertIn('dir="rtl"', html)
        html_fr = self._html(self.officer_a, "en_US")
        self.assertIn('dir="ltr"', html_fr)

    def test_guide_renders_as_pdf(self):
        with self.allow_pdf_render():
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_user(self.officer_a)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(self.report, self.office_a.ids)
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_guide_pdf_carries_its_text_as_text_in_french_and_arabic(self):
        """Text drawn as outlines (a web font in wkhtmltopdf) made the French
        guide weigh 16 MB and its words unsearchable: fonts are embedded."""
        # wkhtmltopdf must load the report's stylesheets from the test server,
        # or it prints unstyled text in a default font and proves nothing.
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", f"http://{HOST}:{config['http_port']}"
        )
        for code in ("fr_FR", "ar_001"):
            self.env["res.lang"]._activate_lang(code)
            with self.subTest(code), self.allow_pdf_render():
                pdf, __ = (
                    self.env["ir.actions.report"]
                    .with_user(self.officer_a)
                    .with_context(lang=code, force_report_rendering=True)
                    ._render_qweb_pdf(self.report, self.office_a.ids)
                )
                self.assertIn(b"/FontFile2", pdf, "an embedded TrueType font")
                # Measured here: 0.38 MB in French, 0.50 MB in Arabic (the
                # 7-page demo guide: 16.6 MB in French with outlines, 0.4 now).
                self.assertLess(len(pdf), 1_000_000)

    def test_print_menu_prints_the_guide_of_the_officer_offices(self):
        action = (
            self.env["baom.service"].with_user(self.officer_b)._action_print_guide()
        )
        self.assertEqual(
            action["report_name"], "baom_referral.report_baom_service_guide"
        )
        self.assertEqual(action["context"]["active_ids"], self.office_b.ids)
