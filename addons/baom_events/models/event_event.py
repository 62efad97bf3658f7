from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    baom_office_id = fields.Many2one(
        "baom.office",
        "BAOM Office",
        index="btree_not_null",
        help="The reception office that organises or takes part in the event.",
    )
