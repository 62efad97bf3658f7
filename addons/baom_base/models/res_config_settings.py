from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    baom_retention_years = fields.Integer(
        "Retention Period (years)",
        config_parameter="baom_base.retention_years",
        default=5,
        help="Files are anonymised this many years after the person's last activity.",
    )
    baom_import_max_size_mb = fields.Integer(
        "Workbook Size Limit (MB)",
        config_parameter="baom_base.import_max_size_mb",
        default=20,
    )
