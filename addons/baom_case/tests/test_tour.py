from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.baom_base.tests.common import BrowserCase


@tagged("post_install", "-at_install", "baom_case")
class TestCaseTour(BrowserCase):
    def test_officer_drags_a_case_and_closes_it(self):
        officer = new_test_user(
            self.env,
            "baom_tour_officer",
            groups="baom_base.group_baom_officer",
            name="Tour Officer",
        )
        office = self.env["baom.office"].create(
            {
                "name": "Office Tour",
                "code": "TOUR",
                "officer_ids": [(6, 0, officer.ids)],
            }
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
        case = self.env["baom.case"].create(
            {
                "beneficiary_id": person.id,
                "title": "Pension from Belgium",
                "stage_id": self.env.ref("baom_case.baom_case_stage_contact").id,
            }
        )
        self.start_tour(
            "/odoo/action-baom_case.baom_case_action",
            "baom_case_kanban_tour",
            login=officer.login,
        )
        self.assertEqual(
            case.stage_id, self.env.ref("baom_case.baom_case_stage_resolved")
        )
        self.assertEqual(case.outcome, "resolved")
        self.assertTrue(case.date_closed)
