from odoo.tests import new_test_user

from odoo.addons.baom_base.tests.common import BaomBaseCommon


class BaomConventionCommon(BaomBaseCommon):
    """Offices A and B of BaomBaseCommon, an office C nobody of them works in,
    and one convention of each, plus one of the whole commune."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, "baom_conv_portal", groups="base.group_portal", name="Portal"
        )
        cls.office_c = cls.env["baom.office"].create(
            {"name": "Office C", "code": "OFFC"}
        )
        Partner = cls.env["res.partner"]
        cls.md = Partner.create({"name": "M&D", "is_company": True})
        cls.commune = Partner.create({"name": "Commune de Belfaa", "is_company": True})
        cls.mad = cls.env.ref("base.MAD")
        cls.convention_a = cls._new_convention(cls.office_a, name="Founding A")
        cls.convention_b = cls._new_convention(cls.office_b, name="Founding B")
        cls.convention_c = cls._new_convention(cls.office_c, name="Founding C")
        cls.convention_commune = cls._new_convention(
            cls.env["baom.office"], name="Twinning of the commune"
        )
        cls.obligation_a = cls._new_obligation(cls.convention_a)
        cls.funding_a = cls.env["baom.convention.funding"].create(
            {
                "convention_id": cls.convention_a.id,
                "partner_id": cls.md.id,
                "year": 2026,
                "amount": 120000,
            }
        )

    @classmethod
    def _new_convention(cls, office, **values):
        vals = {
            "name": "Convention",
            "convention_type": "founding",
            "office_id": office.id,
            "partner_ids": [(6, 0, (cls.md | cls.commune).ids)],
            "user_id": cls.network.id,
            "date_start": "2025-01-01",
            "date_end": "2027-12-31",
            "currency_id": cls.mad.id,
        }
        vals.update(values)
        return cls.env["baom.convention"].create(vals)

    @classmethod
    def _new_obligation(cls, convention, **values):
        vals = {
            "convention_id": convention.id,
            "partner_id": cls.md.id,
            "description": "Train the officer",
            "date_due": "2026-06-30",
            "user_id": cls.network.id,
        }
        vals.update(values)
        return cls.env["baom.convention.obligation"].create(vals)

    def _activities(self, records, xmlid):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )
