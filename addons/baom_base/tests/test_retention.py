from unittest.mock import patch

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

    def _expired_people(self, count):
        """``count`` expired files with a contact and a chatter, in two decades."""
        people = self.env["baom.beneficiary"].create(
            [
                {
                    "first_name": f"Person {index}",
                    "last_name": "Expired",
                    "gender": "female",
                    "birth_date": "1961-03-12" if index % 2 else "1985-07-01",
                    "email": f"expired{index}@example.com",
                    "profile": "returnee",
                    "office_id": self.office_a.id,
                    "consent_date": fields.Date.today(),
                }
                for index in range(count)
            ]
        )
        for person in people:
            person.message_post(body=f"Pension file of {person.first_name}")
        people.sudo().last_activity_date = fields.Datetime.now() - relativedelta(
            years=6
        )
        return people

    def test_retention_queries_do_not_grow_with_the_batch(self):
        Beneficiary = self.env["baom.beneficiary"]
        self._expired_people(2)
        Beneficiary._cron_apply_retention()  # warm the caches
        self._expired_people(2)
        two = self._count_queries(Beneficiary._cron_apply_retention)
        people = self._expired_people(10)
        # The ORM merges identical pending updates, so count the writes too.
        model_class = type(Beneficiary)
        original_write = model_class.write
        written = []

        def counting_write(records, vals):
            written.append(len(records))
            return original_write(records, vals)

        with (
            patch.object(model_class, "write", counting_write),
            self.assertQueryCount(two),
        ):
            Beneficiary._cron_apply_retention()
        self.assertEqual(sorted(written), [5, 5], "One write per birth decade")
        people = people.with_context(active_test=False)
        self.assertTrue(all(people.mapped("is_anonymized")))
        self.assertFalse(any(people.mapped("first_name")))
        self.assertFalse(any(people.mapped("email")))
        self.assertEqual(
            sorted(set(people.mapped("birth_band"))),
            ["1960-1969", "1980-1989"],
            "Each person keeps their own birth decade",
        )
        self.assertEqual(
            people.filtered(lambda p: p.birth_band == "1960-1969"), people[1::2]
        )

    def test_anonymised_name_shows_in_the_readers_language(self):
        for code in ("fr_FR", "ar_001"):
            self.env["res.lang"]._activate_lang(code)
        # The retention job runs in French...
        self.env["baom.beneficiary"].with_context(lang="fr_FR")._cron_apply_retention()
        person = self.person_a.with_context(active_test=False)
        self.assertFalse(person.name, "No label frozen in the job's language")
        # ...each reader sees the label in their own language.
        for lang, label in (
            ("en_US", "Anonymised person"),
            ("fr_FR", "Personne anonymisée"),
            ("ar_001", "شخص مجهول الهوية"),
        ):
            with self.subTest(lang=lang):
                self.assertEqual(person.with_context(lang=lang).display_name, label)
                visit = self._new_visit(self.office_a, beneficiary_id=person.id)
                self.assertEqual(
                    visit.with_context(lang=lang).beneficiary_id.display_name, label
                )

    def test_file_anonymised_by_an_older_version_displays_translated(self):
        self.env["baom.beneficiary"]._cron_apply_retention()
        # Older versions stored the label in the job's language.
        self.env.cr.execute(
            "UPDATE baom_beneficiary SET name = %s WHERE id = %s",
            ("Personne anonymisée", self.person_a.id),
        )
        self.env.invalidate_all()
        person = self.person_a.with_context(active_test=False, lang="en_US")
        self.assertEqual(person.display_name, "Anonymised person")
