from odoo.tests import TransactionCase, tagged

from odoo.addons.baom_base.tools import normalize, selections


@tagged("post_install", "-at_install")
class TestSelections(TransactionCase):
    def _selection(self, model, field):
        return self.env[model]._fields[field]._description_selection(self.env)

    def test_every_gender_profile_channel_field_uses_the_shared_lists(self):
        expected = {
            ("baom.beneficiary", "gender"): selections.GENDER_SELECTION,
            ("baom.beneficiary", "profile"): selections.PROFILE_SELECTION,
            ("baom.visit", "gender"): selections.GENDER_SELECTION,
            ("baom.visit", "profile"): selections.PROFILE_SELECTION,
            ("baom.visit", "channel"): selections.CHANNEL_SELECTION,
            ("baom.household.abroad.member", "gender"): selections.GENDER_SELECTION,
            ("baom.profile", "code"): selections.PROFILE_SELECTION,
        }
        for (model, field), selection in expected.items():
            with self.subTest(model=model, field=field):
                self.assertIs(
                    self.env[model]._fields[field]._args__["selection"],
                    selection,
                    "Defined once in baom_base/tools/selections.py",
                )
                self.assertEqual(self._selection(model, field), selection)

    def test_import_reads_the_same_profile_keys(self):
        self.assertIs(normalize.PROFILES, selections.PROFILES)

    def test_selection_labels_are_translated(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["baom_base"], ["fr_FR"])
        french = self.env(context=dict(self.env.context, lang="fr_FR"))
        for model, field, key, label in (
            ("baom.visit", "channel", "walk_in", "Passage spontané, seul·e"),
            ("baom.visit", "gender", "female", "Femme"),
            ("baom.beneficiary", "gender", "male", "Homme"),
        ):
            with self.subTest(model=model, field=field):
                description = french[model].fields_get([field])[field]
                self.assertEqual(dict(description["selection"])[key], label)

    def test_abroad_member_office_is_indexed(self):
        # The office record rule filters on this column.
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s",
            ("baom_household_abroad_member",),
        )
        definitions = [row[0] for row in self.env.cr.fetchall()]
        self.assertTrue(
            any("(office_id)" in definition for definition in definitions),
            definitions,
        )
