from odoo import api, fields, models


class BaomVisit(models.Model):
    _inherit = "baom.visit"

    event_id = fields.Many2one(
        "event.event",
        compute="_compute_event_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        ondelete="set null",
        domain="['|', ('baom_office_id', '=', False), "
        "('baom_office_id', '=', office_id)]",
        help="The event where the person heard of the office (channel: at an event).",
    )

    @api.depends("channel")
    def _compute_event_id(self):
        # Only a visit "at an event" points to one: changing the channel
        # afterwards drops the link rather than counting it twice.
        for visit in self:
            if visit.channel != "event":
                visit.event_id = False
