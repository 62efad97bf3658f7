from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import BaomBaseCommon


@tagged("post_install", "-at_install", "baom_import")
class TestMerge(BaomBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.duplicate = cls._new_beneficiary(
            cls.office_a,
            first_name="Fatema",
            last_name="Ait Brahim",
            id_document_type="cin",
            id_document_number="JB99",
        )
        cls.Merge = cls.env["baom.beneficiary.merge"]

    def _merge(self, user, people, target=None):
        """Run the wizard as ``user`` like the web client does."""
        context = {"active_model": "baom.beneficiary", "active_ids": people.ids}
        wizard = Form(self.Merge.with_user(user).with_context(**context))
        if target:
            wizard.target_id = target
        return wizard.save().action_merge()

    def _logs(self, person):
        return (
            self.env["baom.beneficiary.access.log"]
            .with_context(active_test=False)
            .search([("beneficiary_id", "in", person.ids)])
        )

    def test_merge_moves_everything_and_loses_nothing(self):
        visit = self._new_visit(self.office_a, beneficiary_id=self.duplicate.id)
        self.duplicate.message_post(body="Called the CNSS")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "cin.pdf",
                "raw": b"%PDF",
                "res_model": "baom.beneficiary",
                "res_id": self.duplicate.id,
            }
        )
        activity = self.duplicate.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.officer_a.id
        )
        household = self._new_household(self.office_a, name="Family Ait Brahim")
        self.duplicate.household_id = household
        self._merge(self.officer_a, self.person_a | self.duplicate)
        self.assertEqual(visit.beneficiary_id, self.person_a)
        self.assertEqual(attachment.res_id, self.person_a.id)
        self.assertEqual(activity.res_id, self.person_a.id)
        self.assertEqual(self.person_a.id_document_number, "JB99")
        self.assertEqual(self.person_a.household_id, household)
        self.assertEqual(self.person_a.first_name, "Fatima", "Kept facts stay")
        bodies = " ".join(self.person_a.message_ids.mapped("body"))
        self.assertIn("Called the CNSS", bodies)
        self.assertFalse(self.duplicate.active)

    def test_lists_are_united_and_earliest_consent_kept(self):
        ref = self.env.ref
        self.person_a.write(
            {
                "vulnerability_ids": ref("baom_base.baom_vulnerability_widow").ids,
                "language_ids": ref("baom_base.baom_language_darija").ids,
                "consent_date": "2024-05-02",
                "note": "<p>Lives with her son</p>",
            }
        )
        self.duplicate.write(
            {
                "vulnerability_ids": ref("baom_base.baom_vulnerability_elderly").ids,
                "language_ids": ref("baom_base.baom_language_tamazight").ids,
                "consent_date": "2023-01-15",
                "consent_user_id": self.backup_officer.id,
                "note": "<p>Hard of hearing</p>",
            }
        )
        self.assertTrue(self.duplicate._ensure_partner())
        self._merge(self.officer_a, self.person_a | self.duplicate)
        self.assertEqual(
            self.person_a.vulnerability_ids,
            ref("baom_base.baom_vulnerability_widow")
            | ref("baom_base.baom_vulnerability_elderly"),
        )
        self.assertEqual(len(self.person_a.language_ids), 2)
        self.assertEqual(str(self.person_a.consent_date), "2023-01-15")
        self.assertEqual(self.person_a.consent_user_id, self.backup_officer)
        self.assertIn("Lives with her son", self.person_a.note)
        self.assertIn("Hard of hearing", self.person_a.note)
        self.assertFalse(self.duplicate.partner_id, "The merged file keeps no contact")

    def test_access_log_keeps_whose_file_was_opened(self):
        self.duplicate.with_user(self.backup_officer).web_read({"name": {}})
        opening = self._logs(self.duplicate)
        self.assertEqual(len(opening), 1)
        self._merge(self.officer_a, self.person_a | self.duplicate)
        self.assertEqual(
            opening.beneficiary_id,
            self.duplicate,
            "The log must still say that the merged file was the one opened",
        )
        self.assertEqual(opening.user_id, self.backup_officer)
        self.assertEqual(opening.access_type, "form")

    def test_merge_is_recorded_in_both_chatters_and_the_log(self):
        self.env.invalidate_all()
        self._merge(self.officer_a, self.person_a | self.duplicate)
        kept_log = self.person_a.message_ids[:1]
        self.assertIn("merged into this file by Officer A", kept_log.body)
        self.assertIn(f'data-oe-id="{self.duplicate.id}"', kept_log.body)
        self.assertEqual(kept_log.author_id, self.officer_a.partner_id)
        merged_log = self.duplicate.message_ids[:1]
        self.assertIn("Merged into", merged_log.body)
        self.assertIn("by Officer A", merged_log.body)
        self.assertIn(f'data-oe-id="{self.person_a.id}"', merged_log.body)
        for person in self.person_a | self.duplicate:
            merge_logs = self._logs(person).filtered(
                lambda log: log.access_type == "merge"
            )
            self.assertEqual(merge_logs.user_id, self.officer_a, person.name)

    def test_reference_fields_follow_the_kept_file(self):
        action = self.env["ir.actions.server"].create(
            {
                "name": "Give the visits to Fatema",
                "model_id": self.env["ir.model"]._get_id("baom.visit"),
                "state": "object_write",
                "update_path": "beneficiary_id",
                "evaluation_type": "value",
                "resource_ref": f"baom.beneficiary,{self.duplicate.id}",
            }
        )
        self._merge(self.officer_a, self.person_a | self.duplicate)
        self.assertEqual(action.resource_ref, self.person_a)
        self.assertEqual(action.value, str(self.person_a.id))

    def test_res_model_res_id_pairs_follow_without_duplicates(self):
        both = self.officer_b.partner_id
        self.person_a.message_subscribe(partner_ids=both.ids)
        self.duplicate.message_subscribe(
            partner_ids=(both | self.backup_officer.partner_id).ids
        )
        # A saved window action opening the merged file (integer res_id).
        window = self.env["ir.actions.act_window"].create(
            {
                "name": "Fatema's file",
                "res_model": "baom.beneficiary",
                "res_id": self.duplicate.id,
            }
        )
        self._merge(self.officer_a, self.person_a | self.duplicate)
        followers = self.person_a.message_follower_ids.partner_id
        self.assertIn(both, followers)
        self.assertIn(self.backup_officer.partner_id, followers)
        self.assertEqual(
            len(self.person_a.message_follower_ids),
            len(followers),
            "A partner following both files follows the kept one once",
        )
        self.assertEqual(window.res_id, self.person_a.id)

    def test_many2many_tables_are_swapped_without_duplicate_rows(self):
        darija = self.env.ref("baom_base.baom_language_darija")
        arabic = self.env.ref("baom_base.baom_language_arabic")
        references = self.Merge._get_referencing_fields("baom.language")
        field = self.env["baom.beneficiary"]._fields["language_ids"]
        self.assertIn(field, references["many2many"])
        self.person_a.language_ids = darija | arabic
        self.duplicate.language_ids = darija
        self.Merge._update_many2many(references["many2many"], darija, arabic)
        self.assertEqual(self.person_a.language_ids, arabic)
        self.assertEqual(self.duplicate.language_ids, arabic)
        self.env.cr.execute(
            f"SELECT count(*) FROM {field.relation} WHERE {field.column1} = %s",
            [self.person_a.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 1, "No duplicate row")

    def test_registry_finds_references_but_not_the_log_nor_wizards(self):
        references = self.Merge._get_referencing_fields("baom.beneficiary")
        many2ones = {(f.model_name, f.name) for f in references["many2one"]}
        self.assertIn(("baom.visit", "beneficiary_id"), many2ones)
        self.assertNotIn(("baom.beneficiary.access.log", "beneficiary_id"), many2ones)
        self.assertFalse(
            [f for f in references["many2many"] if self.env[f.model_name]._transient]
        )
        pairs = {(f.model_name, f.name) for f, _model in references["res_id"]}
        self.assertTrue(
            {
                ("mail.message", "res_id"),
                ("ir.attachment", "res_id"),
                ("mail.activity", "res_id"),
                ("mail.followers", "res_id"),
            }
            <= pairs
        )
        self.assertNotIn(("ir.model.data", "res_id"), pairs)

    def test_merge_across_offices_is_refused_and_nothing_written(self):
        self.office_b.sudo().officer_ids |= self.officer_a
        visit = self._new_visit(self.office_b, beneficiary_id=self.person_b.id)
        messages = self.person_b.message_ids
        with self.assertRaisesRegex(UserError, "same office"):
            self._merge(self.officer_a, self.person_a | self.person_b)
        self.assertTrue(self.person_b.active)
        self.assertEqual(visit.beneficiary_id, self.person_b)
        self.assertEqual(self.person_b.message_ids, messages)
        self.assertFalse(
            self._logs(self.person_a | self.person_b).filtered(
                lambda log: log.access_type == "merge"
            )
        )

    def test_officer_cannot_merge_a_file_out_of_reach(self):
        with self.assertRaises(AccessError, msg="Office A's file is out of reach"):
            self.Merge.with_user(self.officer_b).create(
                {
                    "beneficiary_ids": [(6, 0, (self.person_a | self.person_b).ids)],
                    "target_id": self.person_b.id,
                }
            ).action_merge()
        with self.assertRaises(AccessError, msg="Even through the merge tool"):
            self.Merge.with_user(self.officer_b)._merge(self.person_a, self.person_b)
        self.assertTrue(self.person_a.active)
        self.assertTrue(self.person_b.active)

    def test_supervisor_cannot_merge(self):
        with self.assertRaises(AccessError, msg="Supervisors never merge files"):
            self.Merge.with_user(self.supervisor)._merge(self.duplicate, self.person_a)
        self.assertTrue(self.duplicate.active)

    def test_anonymised_file_cannot_be_merged(self):
        self.duplicate._anonymize()
        with self.assertRaisesRegex(UserError, "Anonymised"):
            self.Merge.with_user(self.officer_a)._merge(self.duplicate, self.person_a)

    def test_duplicate_banner_opens_merge_on_both_files(self):
        twin = self._new_beneficiary(
            self.office_a, first_name="Fatima", last_name="Ait Brahim"
        )
        action = twin.with_user(self.officer_a).action_merge_duplicates()
        self.assertLessEqual(
            {twin.id, self.person_a.id}, set(action["context"]["active_ids"])
        )
