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
    baom_network_k = fields.Integer(
        "Disclosure Threshold (k)",
        config_parameter="baom_case.network_k",
        default=5,
        help="Counts strictly between 0 and k are hidden from the network.",
    )
    baom_network_zeros_disclosive = fields.Boolean(
        "Hide Zero Counts",
        config_parameter="baom_case.network_zeros_disclosive",
        help='A zero can say "nobody of this group came": hide it too.',
    )
    baom_network_hub_url = fields.Char(
        "Network Hub Address",
        config_parameter="baom_case.network_hub_url",
        help="Address of the Odoo instance that consolidates the network, "
        "e.g. https://reseau.example.ma",
    )
    baom_network_hub_api_key = fields.Char(
        "Hub API Key",
        config_parameter="baom_case.network_hub_api_key",
        help="API key of a network coordinator's account on the hub.",
    )
