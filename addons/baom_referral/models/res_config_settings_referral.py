from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    baom_referral_answer_days = fields.Integer(
        "Referral Answer Delay",
        config_parameter="baom_referral.answer_days",
        default=15,
        help="Days an institution has to answer a referral when its service "
        "sets no delay of its own; past them the referral expires.",
    )
