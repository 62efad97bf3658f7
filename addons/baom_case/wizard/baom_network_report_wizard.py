from odoo import api, fields, models


class BaomNetworkReportWizard(models.TransientModel):
    """Choose the year and the language of the network activity report."""

    _name = "baom.network.report.wizard"
    _description = "BAOM Network Activity Report Wizard"

    @api.model
    def _get_languages(self):
        return self.env["res.lang"].get_installed()

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    lang = fields.Selection(
        _get_languages,
        "Language",
        required=True,
        default=lambda self: self.env.lang or self.env.user.lang or "en_US",
    )

    def action_print(self):
        self.ensure_one()
        return (
            self.env.ref("baom_case.action_report_baom_network_activity")
            .with_context(lang=self.lang)
            .report_action(None, data={"year": self.year})
        )
