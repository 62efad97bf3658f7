from odoo import api, fields, models


class BaomBeneficiaryDataExport(models.TransientModel):
    """Right of access (law 09-08): everything the office holds on one person."""

    _name = "baom.beneficiary.data.export"
    _description = "BAOM Personal Data Export"

    @api.model
    def _get_lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.model
    def _default_lang(self):
        installed = dict(self._get_lang_selection())
        for code in ("fr_FR", "ar_001"):
            if code in installed:
                return code
        return self.env.lang or "en_US"

    beneficiary_id = fields.Many2one("baom.beneficiary", required=True)
    lang = fields.Selection(
        _get_lang_selection,
        "Language",
        required=True,
        default=lambda self: self._default_lang(),
    )

    def action_print(self):
        self.ensure_one()
        self.beneficiary_id.check_access("read")
        return (
            self.env.ref("baom_base.baom_beneficiary_data_report_action")
            .with_context(lang=self.lang)
            .report_action(self.beneficiary_id)
        )
