from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOfficeDirectory(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office = cls.env["baom.office"].create(
            {
                "name": "BAOM Tiznit Test",
                "code": "TIZT",
                "commune": "Tiznit",
                "opening_hours": "Mon-Fri 8:30-16:30",
            }
        )
        cls.env["baom.beneficiary"].create(
            {
                "first_name": "Secretperson",
                "profile": "returnee",
                "office_id": cls.office.id,
                "consent_date": "2026-01-01",
            }
        )

    def test_public_directory_lists_offices_without_people(self):
        response = self.url_open("/baom/offices")
        self.assertEqual(response.status_code, 200)
        self.assertIn("BAOM Tiznit Test", response.text)
        self.assertIn("Mon-Fri 8:30-16:30", response.text)
        self.assertNotIn("Secretperson", response.text, "No person is ever shown")

    def test_archived_office_is_not_listed(self):
        self.office.active = False
        response = self.url_open("/baom/offices")
        self.assertNotIn("BAOM Tiznit Test", response.text)
