from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    baom_is_training = fields.Boolean(
        "Officer Training",
        help="Events of this type train BAOM officers: registrations are officers, "
        "who receive a certificate when they attended and passed.",
    )
    baom_certificate_validity_months = fields.Integer(
        "Certificate Validity (months)",
        help="How long a training certificate stays valid before the module must "
        "be refreshed; 0 means it never expires.",
    )
