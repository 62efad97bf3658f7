from odoo.addons.baom_case.tests.common import BaomCaseCommon


class BaomReferralCommon(BaomCaseCommon):
    """baom_case's offices, users and cases, plus two institutions (each with
    a service and a portal contact) and referral builders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.institution_a = Partner.create(
            {
                "name": "CNSS Agadir",
                "is_company": True,
                "email": "agadir@cnss.example",
                "phone": "+212528840000",
            }
        )
        cls.institution_b = Partner.create(
            {"name": "ANAPEC Biougra", "is_company": True, "email": "b@anapec.example"}
        )
        cls.contact_a = Partner.create(
            {"name": "Samira", "parent_id": cls.institution_a.id, "email": "s@cnss.ex"}
        )
        cls.contact_b = Partner.create(
            {"name": "Youssef", "parent_id": cls.institution_b.id, "email": "y@an.ex"}
        )
        cls.portal_a = cls.env["res.users"].create(
            {
                "login": "portal_cnss",
                "partner_id": cls.contact_a.id,
                "group_ids": [(6, 0, cls.env.ref("base.group_portal").ids)],
            }
        )
        cls.portal_b = cls.env["res.users"].create(
            {
                "login": "portal_anapec",
                "partner_id": cls.contact_b.id,
                "group_ids": [(6, 0, cls.env.ref("base.group_portal").ids)],
            }
        )
        cls.doc_cin = cls.env.ref("baom_base.baom_document_type_cin")
        cls.service_a = cls.env["baom.service"].create(
            {
                "name": "Survivor's pension",
                "institution_id": cls.institution_a.id,
                "need_category_ids": cls.need_survivor.ids,
                "document_type_ids": cls.doc_cin.ids,
                "opening_hours": "Mon-Fri 8:30-16:30",
                "street": "Avenue Hassan II",
                "city": "Agadir",
                "referral_answer_days": 10,
            }
        )
        cls.service_b = cls.env["baom.service"].create(
            {"name": "Job search", "institution_id": cls.institution_b.id}
        )
        cls.referral_a = cls._new_referral(
            cls.case_a,
            reason="Needs her survivor's pension file checked",
            consent_share=True,
        )
        cls.referral_b = cls._new_referral(
            cls.case_b, service_id=cls.service_b.id, consent_share=True
        )

    @classmethod
    def _new_referral(cls, case, user=None, **values):
        """A referral of ``case`` created by ``user`` (its office's officer)."""
        user = user or case.office_id.officer_ids[:1]
        vals = {"case_id": case.id, "service_id": cls.service_a.id}
        vals.update(values)
        return cls.env["baom.referral"].with_user(user).create(vals).with_env(cls.env)
