from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    baom_retention_years = fields.Integer(
        "Retention Period (years)",
        config_parameter="baom_base.retention_years",
        default=5,
        help="Files are anonymised this many years after the person's last activity.",
    )
