from odoo.tests import tagged

from .common import BaomBaseCommon


@tagged("post_install", "-at_install", "baom_security")
class TestPartnerPrivacy(BaomBaseCommon):
    """A contact partner must not tell the commune the person is a beneficiary."""

    def test_partner_holds_contact_data_only(self):
        partner = self.person_a.partner_id
        self.assertTrue(partner, "A person with an e-mail gets a contact partner")
        self.assertEqual(partner.email, "fatima@example.com")
        self.assertFalse(partner.category_id)
        self.assertFalse(partner.comment)
        self.assertFalse(partner.parent_id)

    def test_commune_user_sees_no_beneficiary_sign(self):
        Partner = self.env["res.partner"].with_user(self.internal)
        partner = Partner.browse(self.person_a.partner_id.id)
        values = partner.read()[0]
        for name, value in values.items():
            self.assertNotIn("baom", name, "No BAOM field on partners")
            self.assertNotIn(
                "baom", str(value).lower(), f"{name} must not mention BAOM"
            )
            self.assertNotIn("beneficiar", str(value).lower(), name)
        self.assertFalse(
            [name for name in Partner.fields_get() if "baom" in name],
            "No BAOM field on res.partner",
        )

    def test_contact_change_is_synchronised(self):
        self.person_a.with_user(self.officer_a).write({"phone": "+212600000001"})
        self.assertEqual(self.person_a.partner_id.phone, "+212600000001")

    def test_no_email_no_partner(self):
        self.assertFalse(
            self.person_b.partner_id, "Partners are created only when needed"
        )
