from odoo.tests import tagged

from odoo.addons.baom_base.tests.common import BrowserCase


@tagged("post_install", "-at_install", "baom_portal")
class TestRequestTours(BrowserCase):
    """A request filed on the public form in a real browser, in French and in
    Arabic (right to left)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("fr_FR", "ar_001"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(
            ["baom_base", "baom_case", "baom_portal"],
            ["fr_FR", "ar_001"],
            overwrite=True,
        )
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("baom_portal.request_min_seconds", 0)
        params.set_param("baom_portal.request_hourly_limit", 10)
        cls.office = cls.env["baom.office"].create(
            {"name": "BAOM Tour Office", "code": "TOUR", "commune": "Tiznit"}
        )

    def _run(self, url_code, tour):
        self.start_tour(f"/{url_code}/baom/request?office_id={self.office.id}", tour)
        case = self.env["baom.case"].search(
            [("office_id", "=", self.office.id), ("channel", "=", "online")]
        )
        self.assertEqual(len(case), 1, "The request reached the office")
        self.assertFalse(case.beneficiary_id.is_verified)
        return case

    def test_request_in_french(self):
        case = self._run("fr", "baom_portal_request_fr_tour")
        self.assertEqual(case.beneficiary_id.partner_id.lang, "fr_FR")

    def test_request_in_arabic_right_to_left(self):
        case = self._run("ar", "baom_portal_request_ar_tour")
        self.assertEqual(case.beneficiary_id.partner_id.lang, "ar_001")
