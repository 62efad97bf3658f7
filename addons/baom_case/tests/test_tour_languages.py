from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.baom_base.tests.common import BrowserCase


@tagged("post_install", "-at_install", "baom_case")
class TestDayOneTours(BrowserCase):
    """An officer's first morning in French and in Arabic, in a real browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("fr_FR", "ar_001"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(
            ["baom_base", "baom_case"], ["fr_FR", "ar_001"], overwrite=True
        )

    def _officer_with_a_case(self, login, lang):
        officer = new_test_user(
            self.env, login, groups="baom_base.group_baom_officer", lang=lang
        )
        office = self.env["baom.office"].create(
            {"name": f"Office {lang}", "code": lang, "officer_ids": officer.ids}
        )
        person = self.env["baom.beneficiary"].create(
            {
                "first_name": "Hafida",
                "last_name": "Tourist",
                "gender": "female",
                "profile": "rights_holder",
                "office_id": office.id,
                "consent_date": fields.Date.today(),
            }
        )
        self.env["baom.case"].with_user(officer).create(
            {
                "beneficiary_id": person.id,
                "title": "Pension from Belgium",
                "stage_id": self.env.ref("baom_case.baom_case_stage_contact").id,
            }
        )
        return officer

    def test_day_one_in_french(self):
        officer = self._officer_with_a_case("baom_tour_fr", "fr_FR")
        self.start_tour(
            "/odoo/action-baom_base.baom_office_action_dashboard",
            "baom_case_day_one_fr_tour",
            login=officer.login,
        )

    def test_day_one_in_arabic_right_to_left(self):
        officer = self._officer_with_a_case("baom_tour_ar", "ar_001")
        self.start_tour(
            "/odoo/action-baom_base.baom_office_action_dashboard",
            "baom_case_day_one_ar_tour",
            login=officer.login,
        )
