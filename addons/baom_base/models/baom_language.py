from odoo import fields, models


class BaomLanguage(models.Model):
    """A language spoken by a beneficiary or at an office (darija, tamazight...)."""

    _name = "baom.language"
    _description = "BAOM Spoken Language"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "The language code must be unique.")
