from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    baom_case_inactivity_days = fields.Integer(
        "Days Without News",
        config_parameter="baom_case.inactivity_days",
        default=14,
        help="An open case with nothing planned and no news for this many days "
        "is flagged, and its officer gets a reminder.",
    )
