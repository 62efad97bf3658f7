from random import randint

from odoo import fields, models


class BaomCaseTag(models.Model):
    _name = "baom.case.tag"
    _description = "BAOM Case Tag"
    _order = "name"

    def _default_color(self):
        return randint(1, 11)

    name = fields.Char(required=True, translate=True)
    color = fields.Integer(default=lambda self: self._default_color())
    active = fields.Boolean(default=True)

    _name_uniq = models.Constraint("UNIQUE(name)", "This tag already exists.")
