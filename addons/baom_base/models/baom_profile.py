from odoo import fields, models

from ..tools.selections import PROFILE_SELECTION


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
