from odoo import fields, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    baom_office_id = fields.Many2one(
        related="event_id.baom_office_id", string="BAOM Office", store=True, index=True
    )
    baom_certificate_ids = fields.One2many(
        "baom.training.certificate", "registration_id", "Certificates"
    )
