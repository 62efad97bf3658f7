from odoo import api, fields, models

SERVICE_STATUS = [
    ("active", "Active"),
    ("inactive", "Inactive"),
    ("defunct", "Defunct"),
    ("temporarily_closed", "Temporarily closed"),
]


class BaomService(models.Model):
    """What a partner institution offers, shaped after Open Referral HSDS *service*.

    The referencing guide of the network is the set of services: the network
    coordinator keeps the shared ones (no office), an office adds its local ones.
    """

    _name = "baom.service"
    _description = "BAOM Service of a Partner Institution"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "institution_id, name"

    name = fields.Char(required=True, tracking=True, translate=True)
    institution_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        help="The public body or association that provides the service.",
    )
    need_category_ids = fields.Many2many(
        "baom.need.category", string="Needs Answered", tracking=True
    )
    description = fields.Html(translate=True)
    eligibility = fields.Text(
        translate=True, help="Who can use the service, and under which conditions."
    )
    application_process = fields.Text(
        translate=True, help="How to apply: the steps the person goes through."
    )
    document_type_ids = fields.Many2many(
        "baom.document.type", string="Documents to Bring"
    )
    fees = fields.Char(translate=True, help="Leave empty when the service is free.")
    language_ids = fields.Many2many("baom.language", string="Languages Spoken")
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", "Region")
    country_id = fields.Many2one(
        "res.country", default=lambda self: self.env.ref("base.ma")
    )
    phone = fields.Char()
    email = fields.Char()
    website = fields.Char()
    opening_hours = fields.Text(
        translate=True, help="Days and hours the service receives the public."
    )
    area = fields.Char(
        "Area Served",
        translate=True,
        help="Communes or provinces the service covers (e.g. Chtouka Ait Baha).",
    )
    office_ids = fields.Many2many(
        "baom.office",
        string="Offices",
        help="Offices that use this service. Empty: every office of the network.",
    )
    status = fields.Selection(
        SERVICE_STATUS, required=True, default="active", index=True, tracking=True
    )
    verified_date = fields.Date(
        "Last Verified",
        tracking=True,
        help="When someone last checked that the service still works as described.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Owner",
        default=lambda self: self.env.user,
        help="Who keeps this entry of the guide up to date.",
    )
    company_id = fields.Many2one("res.company")
    active = fields.Boolean(default=True)

    @api.depends("name", "institution_id")
    def _compute_display_name(self):
        for service in self:
            if service.institution_id:
                service.display_name = (
                    f"{service.institution_id.name} – {service.name or ''}"
                )
            else:
                service.display_name = service.name
