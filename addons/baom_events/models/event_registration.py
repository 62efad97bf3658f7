from odoo import fields, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    baom_office_id = fields.Many2one(
        related="event_id.baom_office_id", string="BAOM Office", store=True, index=True
    )
    baom_certificate_ids = fields.One2many(
        "baom.training.certificate",
        "registration_id",
        "Certificates",
        groups="baom_base.group_baom_officer,baom_base.group_baom_supervisor,"
        "baom_base.group_baom_network,base.group_system",
    )
