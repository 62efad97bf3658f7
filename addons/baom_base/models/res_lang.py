from odoo import Command, api, models

# The languages of a Moroccan office: French for the administration, Arabic
# (right-to-left) for officers and the people they receive.
BAOM_LANGUAGE_CODES = ("fr_FR", "ar_001")


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _install_baom_languages(self):
        """Activate French and Arabic and load their translations of every module."""
        languages = self.with_context(active_test=False).search(
            [("code", "in", BAOM_LANGUAGE_CODES)]
        )
        installer = self.env["base.language.install"].create(
            {"lang_ids": [Command.set(languages.ids)], "overwrite": False}
        )
        installer.lang_install()
        return languages
