from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import BaomBaseCommon


@tagged("post_install", "-at_install")
class TestRetention(BaomBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.household = cls._new_household(cls.office_a, name="Family Ait Brahim")
        cls.person_a.write(
            {
                "household_id": cls.household.id,
                "id_document_type": "cin",
                "id_document_number": "JB123456",
                "note": "<p>Widow of a miner, pension in France</p>",
                "vulnerability_ids": [
                    (6, 0, cls.env.ref("baom_base.baom_vulnerability_widow").ids)
                ],
            }
        )
        cls.person_a.message_post(body="Called the CARSAT about her pension")
        cls.env["ir.attachment"].create(
            {
                "name": "cin.pdf",
                "raw": b"%PDF-1.4 id",
                "res_model": "baom.beneficiary",
                "res_id": cls.person_a.id,
            }
        )
        cls.partner = cls.person_a.partner_id
        cls.person_a.sudo().last_activity_date = fields.Datetime.now() - relativedelta(
            years=6
        )

    def test_expired_file_is_anonymised(self):
        facts_before = (
            self.person_a.gender,
            self.person_a.nationality_id,
            self.person_a.profile,
            self.person_a.office_id,
            self.person_a.consent_date,
        )
        self.env["baom.beneficiary"]._cron_apply_retention()
        person = self.person_a.with_context(active_test=False)
        self.assertTrue(person.is_anonymized)
        for field in (
            "first_name",
            "last_name",
            "name_ar",
            "phone",
            "email",
            "id_document_number",
            "birth_date",
            "household_id",
            "partner_id",
            "vulnerability_ids",
        ):
            self.assertFalse(person[field], f"{field} must be wiped")
        self.assertFalse(person.note)
        self.assertEqual(
            (
                person.gender,
                person.nationality_id,
                person.profile,
                person.office_id,
                person.consent_date,
            ),
            facts_before,
            "What statistics need stays",
        )
        self.assertEqual(person.birth_band, "1960-1969")

    def test_anonymised_file_cannot_be_found_again(self):
        self.env["baom.beneficiary"]._cron_apply_retention()
        Beneficiary = self.env["baom.beneficiary"].with_context(active_test=False)
        for query in ("Fatima", "Ait Brahim", "فاطمة", "JB123456", "+212612345678"):
            with self.subTest(query=query):
                found = [row[0] for row in Beneficiary.name_search(query, limit=None)]
                self.assertNotIn(self.person_a.id, found)
        messages = self.env["mail.message"].search(
            [("model", "=", "baom.beneficiary"), ("res_id", "=", self.person_a.id)]
        )
        self.assertFalse(messages, "Chatter and tracking repeat names: removed")
        self.assertFalse(
            self.env["ir.attachment"].search(
                [
                    ("res_model", "=", "baom.beneficiary"),
                    ("res_id", "=", self.person_a.id),
                ]
            )
        )
        partner = self.partner.with_context(active_test=False)
        self.assertFalse(partner.email or partner.phone)
        self.assertNotIn("Fatima", partner.name)
        self.assertFalse(partner.active)

    def test_recent_file_is_kept(self):
        self.env["baom.beneficiary"]._cron_apply_retention()
        self.assertFalse(self.person_b.is_anonymized)
        self.assertEqual(self.person_b.first_name, "Mamadou")

    def test_visit_restarts_the_clock(self):
        self._new_visit(self.office_a, beneficiary_id=self.person_a.id)
        self.env["baom.beneficiary"]._cron_apply_retention()
        self.assertFalse(self.person_a.is_anonymized)

    def test_retention_setting_is_honoured(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "baom_base.retention_years", 10
        )
        self.env["baom.beneficiary"]._cron_apply_retention()
        self.assertFalse(self.person_a.is_anonymized, "6 years < 10 years")
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.baom_retention_years, 10)

    def test_cron_is_scheduled_daily(self):
        cron = self.env.ref("baom_base.ir_cron_baom_beneficiary_retention")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        cron.ir_actions_server_id.run()
        self.assertTrue(self.person_a.with_context(active_test=False).is_anonymized)
