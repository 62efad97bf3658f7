from odoo.tests import TransactionCase, tagged

from odoo.addons.baom_base.tools import selections


@tagged("post_install", "-at_install", "baom_case")
class TestCaseSelections(TransactionCase):
    def test_case_and_statistics_use_the_shared_lists(self):
        expected = {
            ("baom.case", "gender"): selections.GENDER_SELECTION,
            ("baom.case", "profile"): selections.PROFILE_SELECTION,
            ("baom.case", "channel"): selections.CASE_CHANNEL_SELECTION,
            ("baom.case.report", "gender"): selections.GENDER_REPORT_SELECTION,
            ("baom.case.report", "profile"): selections.PROFILE_REPORT_SELECTION,
            ("baom.case.report", "channel"): selections.CASE_CHANNEL_SELECTION,
        }
        for (model, field), selection in expected.items():
            with self.subTest(model=model, field=field):
                self.assertIs(
                    self.env[model]._fields[field]._args__["selection"], selection
                )

    def test_register_channels_are_the_first_case_channels(self):
        # Statistics add register lines and cases up per channel.
        self.assertEqual(
            selections.CASE_CHANNELS[: len(selections.CHANNELS)], selections.CHANNELS
        )
        visit_keys = [
            key for key, _label in self.env["baom.visit"]._fields["channel"].selection
        ]
        self.assertEqual(visit_keys, list(selections.CHANNELS))

    def test_case_channel_labels_are_translated(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["baom_base", "baom_case"], ["fr_FR"]
        )
        french = self.env(context=dict(self.env.context, lang="fr_FR"))
        labels = dict(
            french["baom.case"].fields_get(["channel"])["channel"]["selection"]
        )
        self.assertNotEqual(labels["walk_in"], "Walk-in, alone")
        self.assertNotEqual(labels["referral"], "Referred by a partner")
