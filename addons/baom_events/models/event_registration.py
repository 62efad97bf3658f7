from odoo import fields, models

from odoo.addons.baom_base.tools.selections import GENDER_SELECTION


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

    baom_gender = fields.Selection(GENDER_SELECTION, "Gender")
    baom_is_minor = fields.Boolean("Minor", help="Under 18 on the day of the event.")
    baom_guardian_consent = fields.Boolean(
        "Guardian consent",
        help="A parent or guardian agreed, in writing, that the minor takes part.",
    )
