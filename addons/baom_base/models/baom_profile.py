from odoo import fields, models

# The keys are a contract shared by every BAOM addon and by the Excel import.
PROFILE_SELECTION = [
    ("mdm_visit", "Moroccan abroad on a visit (MDM)"),
    ("returnee", "Returnee"),
    ("rights_holder", "Rights holder (ayant droit)"),
    ("tcn_settled", "Third-country national, settled"),
    ("tcn_transit", "Third-country national, in transit"),
    ("tcn_displaced", "Third-country national, displaced"),
]


class BaomProfile(models.Model):
    """A public an office serves, mirroring the beneficiary ``profile`` keys."""

    _name = "baom.profile"
    _description = "BAOM Public Served"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(PROFILE_SELECTION, required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "Each profile exists only once.")
