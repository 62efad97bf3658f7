from odoo import fields, models


class BaomDocumentType(models.Model):
    """A document usually asked for by an administration (passport, pension form...)."""

    _name = "baom.document.type"
    _description = "BAOM Document Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
