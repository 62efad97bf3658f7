from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BaomBaseCommon


@tagged("post_install", "-at_install", "baom_security")
class TestOfficeIsolation(BaomBaseCommon):
    """Officer B must learn nothing about office A's people, by any road."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.household_a = cls._new_household(cls.office_a, name="Family Ait Brahim")
        cls.person_a.household_id = cls.household_a
        cls.visit_a = cls._new_visit(cls.office_a, beneficiary_id=cls.person_a.id)
        cls.person_a.message_post(body="Pension file: CNSS number 123")
        cls.attachment_a = cls.env["ir.attachment"].create(
            {
                "name": "passport.pdf",
                "raw": b"%PDF-1.4 passport",
                "res_model": "baom.beneficiary",
                "res_id": cls.person_a.id,
            }
        )
        cls.Beneficiary_b = cls.env["baom.beneficiary"].with_user(cls.officer_b)

    def test_search_finds_only_own_office(self):
        found = self.Beneficiary_b.search([])
        self.assertIn(self.person_b, found, "Officer B sees the people of office B")
        self.assertNotIn(
            self.person_a, found, "Officer B must not see office A's people"
        )
        self.assertFalse(
            self.Beneficiary_b.search([("name", "ilike", "Fatima")]),
            "A search by name must not reveal office A's person",
        )
        self.assertEqual(
            self.Beneficiary_b.search_count([("phone", "=", self.person_a.phone)]),
            0,
            "A search by phone must not reveal office A's person",
        )

    def test_read_other_office_raises(self):
        with self.assertRaises(AccessError, msg="Reading office A's person by id"):
            self.person_a.with_user(self.officer_b).read(["name"])
        with self.assertRaises(AccessError, msg="Reading office A's household"):
            self.household_a.with_user(self.officer_b).read(["name"])
        with self.assertRaises(AccessError, msg="Reading office A's visit"):
            self.visit_a.with_user(self.officer_b).read(["visit_date"])

    def test_read_group_counts_only_own_office(self):
        groups = self.Beneficiary_b._read_group([], ["office_id"], ["__count"])
        self.assertEqual(
            [(office, count) for office, count in groups],
            [(self.office_b, 1)],
            "Grouped counts must not include office A",
        )
        web_groups = self.Beneficiary_b.formatted_read_group(
            [], ["profile"], ["__count"]
        )
        self.assertEqual(sum(g["__count"] for g in web_groups), 1)

    def test_name_search_hides_other_office(self):
        self.assertFalse(
            self.Beneficiary_b.name_search("Fatima"),
            "Name search must not reveal office A's person",
        )
        self.assertFalse(self.Beneficiary_b.name_search("فاطمة"))
        self.assertEqual(
            [r[0] for r in self.Beneficiary_b.name_search("Mamadou")],
            [self.person_b.id],
        )

    def test_related_fields_do_not_leak(self):
        Visit_b = self.env["baom.visit"].with_user(self.officer_b)
        self.assertFalse(
            Visit_b.search([("beneficiary_id.name", "ilike", "Fatima")]),
            "A related search must not reach office A's people",
        )
        with self.assertRaises(AccessError):
            self.visit_a.with_user(self.officer_b).beneficiary_id.name  # noqa: B018
        Household_b = self.env["baom.household"].with_user(self.officer_b)
        self.assertFalse(Household_b.search([("member_ids.first_name", "=", "Fatima")]))

    def test_chatter_and_attachments_do_not_leak(self):
        Message_b = self.env["mail.message"].with_user(self.officer_b)
        self.assertFalse(
            Message_b.search(
                [("model", "=", "baom.beneficiary"), ("res_id", "=", self.person_a.id)]
            ),
            "Office A's chatter must stay in office A",
        )
        with self.assertRaises(AccessError):
            self.attachment_a.with_user(self.officer_b).read(["raw"])
        with self.assertRaises(AccessError):
            self.attachment_a.with_user(self.supervisor).read(["raw"])

    def test_backup_officer_sees_office(self):
        self.assertIn(
            self.person_a,
            self.env["baom.beneficiary"].with_user(self.backup_officer).search([]),
            "The backup officer keeps the office running",
        )

    def test_rules_follow_office_membership_at_once(self):
        """No cache clearing by the test: writing the office's members must
        itself make the record rules (and their cache) follow."""

        def sees(user, model="baom.beneficiary", record=None):
            record = record or self.person_a
            return bool(
                self.env[model].with_user(user).search([("id", "=", record.id)])
            )

        self.assertTrue(sees(self.officer_a))
        self.assertFalse(sees(self.officer_b))
        self.office_a.officer_ids = [(4, self.officer_b.id)]
        self.assertTrue(sees(self.officer_b), "A new officer works at once")
        self.assertTrue(sees(self.officer_b, "baom.visit", self.visit_a))
        self.office_a.officer_ids = [(3, self.officer_a.id)]
        self.assertFalse(
            sees(self.officer_a),
            "An officer removed from the office loses access at once",
        )
        self.assertFalse(sees(self.officer_a, "baom.household", self.household_a))
        self.office_a.backup_officer_id = False
        self.assertFalse(sees(self.backup_officer), "A replaced backup sees nothing")
        with self.assertRaises(AccessError):
            self.person_a.with_user(self.officer_a).read(["name"])

    def test_other_company_office_is_hidden(self):
        company_2 = self.env["res.company"].create({"name": "Commune 2"})
        office_c = self.env["baom.office"].create(
            {
                "name": "Office C",
                "code": "OFFC",
                "company_id": company_2.id,
                "officer_ids": [(6, 0, self.officer_a.ids)],
            }
        )
        self.officer_a.company_ids = [(4, company_2.id)]
        person_c = self._new_beneficiary(office_c, first_name="Itto")
        Beneficiary_a = self.env["baom.beneficiary"].with_user(self.officer_a)
        self.assertNotIn(
            person_c,
            Beneficiary_a.with_context(allowed_company_ids=self.env.company.ids).search(
                []
            ),
            "Records of a company not selected in the switcher stay hidden",
        )
        self.assertIn(
            person_c,
            Beneficiary_a.with_context(
                allowed_company_ids=(self.env.company | company_2).ids
            ).search([]),
        )
