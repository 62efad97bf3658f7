from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import BaomBaseCommon


@tagged("post_install", "-at_install")
class TestConsent(BaomBaseCommon):
    def test_cannot_register_without_consent(self):
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        before = Beneficiary.search_count([])
        with self.assertRaises(ValidationError) as error:
            Beneficiary.create(
                {
                    "first_name": "Aicha",
                    "last_name": "Oubella",
                    "profile": "returnee",
                    "office_id": self.office_a.id,
                }
            )
        self.assertIn("consent", str(error.exception))
        self.assertIn("09-08", str(error.exception), "The message explains why")
        self.assertEqual(Beneficiary.search_count([]), before, "Nothing was saved")

    def test_cannot_remove_recorded_consent(self):
        with self.assertRaises(ValidationError):
            self.person_a.with_user(self.officer_a).write({"consent_date": False})
        self.assertTrue(self.person_a.consent_date)

    def test_consent_records_who(self):
        person = self._new_beneficiary(self.office_a).with_user(self.officer_a)
        self.assertTrue(person.consent_user_id)
        created = (
            self.env["baom.beneficiary"]
            .with_user(self.officer_a)
            .create(
                {
                    "first_name": "Zahra",
                    "profile": "mdm_visit",
                    "office_id": self.office_a.id,
                    "consent_date": "2026-07-01",
                }
            )
        )
        self.assertEqual(created.consent_user_id, self.officer_a)

    def test_a_name_is_required(self):
        with self.assertRaises(ValidationError, msg="Latin or Arabic name required"):
            self._new_beneficiary(
                self.office_a, first_name=False, last_name=False, name_ar=False
            )

    def test_arabic_only_name_is_enough(self):
        person = self._new_beneficiary(
            self.office_a, first_name=False, last_name=False, name_ar="امبارك أوبلا"
        )
        self.assertEqual(person.name, "امبارك أوبلا")

    def test_sensitive_changes_are_tracked(self):
        # Odoo does not track changes made in the transaction that created the
        # record: end that "creation" phase first, as a later request would.
        self.env.cr.flush()
        person = self.person_a.with_user(self.officer_a).with_context(
            tracking_disable=False
        )
        person.write({"phone": "+212600000009", "id_document_number": "JB1"})
        self.env.flush_all()
        self.env.cr.flush()  # tracking values are written at pre-commit
        tracked = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "baom.beneficiary"),
                    ("mail_message_id.res_id", "=", person.id),
                ]
            )
            .field_id.mapped("name")
        )
        self.assertIn("phone", tracked)
        self.assertIn("id_document_number", tracked)
