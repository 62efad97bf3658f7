from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import BaomBaseCommon


@tagged("post_install", "-at_install", "baom_import")
class TestMerge(BaomBaseCommon):
    def test_merge_moves_everything_and_loses_nothing(self):
        duplicate = self._new_beneficiary(
            self.office_a,
            first_name="Fatema",
            last_name="Ait Brahim",
            id_document_type="cin",
            id_document_number="JB99",
        )
        visit = self._new_visit(self.office_a, beneficiary_id=duplicate.id)
        duplicate.message_post(body="Called the CNSS")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "cin.pdf",
                "raw": b"%PDF",
                "res_model": "baom.beneficiary",
                "res_id": duplicate.id,
            }
        )
        household = self._new_household(self.office_a, name="Family Ait Brahim")
        duplicate.household_id = household
        context = {
            "active_model": "baom.beneficiary",
            "active_ids": [self.person_a.id, duplicate.id],
        }
        wizard = Form(
            self.env["baom.beneficiary.merge"]
            .with_user(self.officer_a)
            .with_context(**context)
        ).save()
        self.assertEqual(wizard.target_id, self.person_a)
        wizard.action_merge()
        self.assertEqual(visit.beneficiary_id, self.person_a)
        self.assertEqual(attachment.res_id, self.person_a.id)
        self.assertEqual(self.person_a.id_document_number, "JB99")
        self.assertEqual(self.person_a.household_id, household)
        self.assertEqual(self.person_a.first_name, "Fatima", "Kept facts stay")
        bodies = " ".join(self.person_a.message_ids.mapped("body"))
        self.assertIn("Called the CNSS", bodies)
        self.assertFalse(duplicate.active)

    def test_merge_across_offices_is_refused(self):
        wizard = self.env["baom.beneficiary.merge"].create(
            {
                "beneficiary_ids": [(6, 0, (self.person_a | self.person_b).ids)],
                "target_id": self.person_a.id,
            }
        )
        with self.assertRaises(UserError):
            wizard.action_merge()

    def test_duplicate_banner_opens_merge_on_both_files(self):
        twin = self._new_beneficiary(
            self.office_a, first_name="Fatima", last_name="Ait Brahim"
        )
        action = twin.with_user(self.officer_a).action_merge_duplicates()
        self.assertEqual(
            set(action["context"]["active_ids"]), {twin.id, self.person_a.id}
        )
