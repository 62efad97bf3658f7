from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    baom_event_followup_days = fields.Integer(
        "Event Follow-up (days)",
        config_parameter="baom_events.followup_days",
        default=30,
        help="Visits and cases count as brought by an event when they happen "
        "within this many days after its end.",
    )
