from odoo.tests import new_test_user

from odoo.addons.baom_base.tests.common import BaomBaseCommon


class BaomDirectoryCommon(BaomBaseCommon):
    """Two institutions, a shared service, a local service of office A and
    one of office B, and a procedure sheet; users of baom_base's common."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, "baom_portal_user", groups="base.group_portal", name="Portal"
        )
        cls.tag = cls.env.ref("baom_referral.res_partner_category_social")
        cls.need_pension = cls.env.ref("baom_base.baom_need_category_survivor_pension")
        cls.need_employment = cls.env.ref("baom_base.baom_need_category_employment")
        cls.doc_passport = cls.env.ref("baom_base.baom_document_type_passport")
        cls.doc_death = cls.env.ref("baom_base.baom_document_type_death_certificate")
        cls.lang_ar = cls.env.ref("baom_base.baom_language_arabic")
        cls.cnss = cls.env["res.partner"].create(
            {
                "name": "CNSS Test Agency",
                "is_company": True,
                "category_id": [(4, cls.tag.id)],
                "street": "Avenue Hassan II",
                "city": "Agadir",
                "zip": "80000",
                "country_id": cls.env.ref("base.ma").id,
                "phone": "+212528000001",
                "email": "test@cnss.example",
                "website": "https://cnss.example",
            }
        )
        cls.anapec = cls.env["res.partner"].create(
            {"name": "ANAPEC Test Agency", "is_company": True}
        )
        Service = cls.env["baom.service"]
        cls.shared = Service.create(
            {
                "name": "Survivor's pension (test)",
                "institution_id": cls.cnss.id,
                "need_category_ids": [(6, 0, cls.need_pension.ids)],
                "document_type_ids": [(6, 0, (cls.doc_passport | cls.doc_death).ids)],
                "language_ids": [(6, 0, cls.lang_ar.ids)],
                "description": "<p>Reversion pension files</p>",
                "eligibility": "Widows of insured workers",
                "application_process": "At the counter",
                "fees": "Free",
                "opening_hours": "Mon-Fri 8:30-16:30",
                "area": "Chtouka Ait Baha",
                "street": "Rue 1",
                "city": "Biougra",
                "phone": "+212528000002",
                "email": "pension@cnss.example",
                "website": "https://cnss.example/pension",
                "status": "active",
                "verified_date": "2026-01-15",
                "office_ids": [(5, 0, 0)],
                "user_id": cls.network.id,
            }
        )
        cls.local_a = Service.create(
            {
                "name": "Widows' accompaniment (office A)",
                "institution_id": cls.anapec.id,
                "need_category_ids": [(6, 0, cls.need_employment.ids)],
                "office_ids": [(6, 0, cls.office_a.ids)],
                "user_id": cls.officer_a.id,
                "verified_date": "2026-01-15",
            }
        )
        cls.local_b = Service.create(
            {
                "name": "Job club (office B)",
                "institution_id": cls.anapec.id,
                "need_category_ids": [(6, 0, cls.need_employment.ids)],
                "office_ids": [(6, 0, cls.office_b.ids)],
                "user_id": cls.officer_b.id,
                "verified_date": "2026-01-15",
            }
        )
        cls.procedure = cls.env["baom.procedure"].create(
            {
                "name": "Survivor's pension from France (test)",
                "need_category_id": cls.need_pension.id,
                "summary": "For widows",
                "service_ids": [(6, 0, cls.shared.ids)],
                "step_ids": [(0, 0, {"name": "Gather the documents", "sequence": 1})],
            }
        )
