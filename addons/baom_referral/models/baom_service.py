import datetime

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

from ..tools import hsds

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

    def _default_office_ids(self):
        # An officer's new service is local to their offices until the network
        # coordinator promotes it; the coordinator's are shared by default.
        if self.env.user.has_group("baom_base.group_baom_network"):
            return False
        return self.env.user.baom_officer_office_ids

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
        default=lambda self: self._default_office_ids(),
        tracking=True,
        help="Offices that use this service. Empty: every office of the network.",
    )
    is_local = fields.Boolean(
        "Local Service",
        compute="_compute_is_local",
        search="_search_is_local",
        help="Seen only by the officers of its offices until the network "
        "coordinator promotes it to the whole network.",
    )
    status = fields.Selection(
        SERVICE_STATUS, required=True, default="active", index=True, tracking=True
    )
    verified_date = fields.Date(
        "Last Verified",
        tracking=True,
        help="When someone last checked that the service still works as described.",
    )
    needs_verification = fields.Boolean(
        "To Verify",
        compute="_compute_needs_verification",
        search="_search_needs_verification",
        help="Nobody has checked this service for longer than the period set in "
        "the settings: call the institution and verify it.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Owner",
        default=lambda self: self.env.user,
        tracking=True,
        help="Who keeps this entry of the guide up to date.",
    )
    company_id = fields.Many2one("res.company")
    active = fields.Boolean(default=True)
    # exchange with other directories (Open Referral HSDS)
    hsds_id = fields.Char(
        "HSDS Identifier",
        copy=False,
        index="btree_not_null",
        default=lambda self: hsds.new_id(),
        help="Identifier of the service in Open Referral exports: an import "
        "updates the service that carries it instead of adding another.",
    )

    _hsds_id_uniq = models.Constraint(
        "UNIQUE(hsds_id)", "Another service already has this HSDS identifier."
    )

    @api.depends("office_ids")
    def _compute_is_local(self):
        for service in self:
            service.is_local = bool(service.office_ids)

    def _search_is_local(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = Domain("office_ids", "!=", False)
        return domain if (operator == "=") == value else ~domain

    @api.depends("verified_date", "status")
    def _compute_needs_verification(self):
        limit = self._get_verification_limit()
        for service in self:
            service.needs_verification = service.status != "defunct" and (
                not service.verified_date or service.verified_date < limit
            )

    def _search_needs_verification(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = Domain("status", "!=", "defunct") & (
            Domain("verified_date", "=", False)
            | Domain("verified_date", "<", self._get_verification_limit())
        )
        return domain if (operator == "=") == value else ~domain

    @api.depends("name", "institution_id")
    def _compute_display_name(self):
        for service in self:
            if service.institution_id:
                service.display_name = (
                    f"{service.institution_id.name} – {service.name or ''}"
                )
            else:
                service.display_name = service.name

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_verify(self):
        """Someone checked the service: it is verified today."""
        self.write({"verified_date": fields.Date.context_today(self)})
        self.activity_feedback(
            ["baom_referral.mail_activity_type_service_verify"],
            feedback=self.env._("Verified"),
        )
        return True

    def action_promote_to_network(self):
        """The coordinator shares an office's local service with every office."""
        if not self.env.user.has_groups(
            "baom_base.group_baom_network,base.group_system"
        ):
            raise AccessError(
                self.env._(
                    "Only the network coordinator can share a local service "
                    "with the whole network."
                )
            )
        local = self.filtered("office_ids")
        for service in local:
            service.message_post(
                body=self.env._(
                    "Shared with the whole network (was local to %(offices)s).",
                    offices=", ".join(service.office_ids.mapped("display_name")),
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        local.write({"office_ids": [fields.Command.clear()]})
        return True

    @api.model
    def _action_print_guide(self):
        """The printable guide of the user's offices (menu entry)."""
        user = self.env.user
        offices = (
            user.baom_officer_office_ids
            or user.baom_supervisor_office_ids
            or self.env["baom.office"].search([("active", "=", True)])
        ).filtered("active")
        return self.env.ref(
            "baom_referral.action_report_baom_service_guide"
        ).report_action(offices)

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _get_verification_months(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("baom_referral.service_verify_months", "12")
        )
        try:
            return max(int(value), 1)
        except ValueError:
            return 12

    @api.model
    def _get_verification_limit(self):
        return fields.Date.context_today(self) - relativedelta(
            months=self._get_verification_months()
        )

    @api.model
    def _cron_remind_verification(self):
        """Give the owner of each service not verified for N months one
        activity; a service that already has one is left alone."""
        activity_type = self.env.ref("baom_referral.mail_activity_type_service_verify")
        services = self.sudo().search(
            [
                ("needs_verification", "=", True),
                ("user_id", "!=", False),
                ("user_id.active", "=", True),
                (
                    "activity_ids",
                    "not any",
                    [("activity_type_id", "=", activity_type.id)],
                ),
            ]
        )
        if not services:
            return services
        months = self._get_verification_months()
        summary = self.env._("Verify this service (%(months)s months)", months=months)
        note = Markup("<p>%s</p>") % self.env._(
            "Call the institution: are the address, hours, contacts and "
            "documents still right? Then click Verify now."
        )
        deadline = fields.Date.context_today(self) + datetime.timedelta(days=7)
        # A service without owner stays flagged in the guide, with no reminder.
        services._baom_schedule_per_user(
            "baom_referral.mail_activity_type_service_verify",
            date_deadline=deadline,
            summary=summary,
            note=note,
        )
        return services

    # ------------------------------------------------------------
    # OPEN REFERRAL (HSDS)
    # ------------------------------------------------------------

    def _get_hsds_zip(self):
        """These services and their institutions as an HSDS 3.0 zip."""
        institutions = self.institution_id
        # Identifiers are given once, on first export, whoever exports.
        for partner in institutions.filtered(lambda p: not p.baom_hsds_id):
            partner.sudo().baom_hsds_id = hsds.new_id()
        for service in self.filtered(lambda s: not s.hsds_id):
            service.sudo().hsds_id = hsds.new_id()
        organizations = [
            {
                "id": partner.baom_hsds_id,
                "name": partner.name,
                "description": partner.comment or "",
                "email": partner.email or "",
                "website": partner.website or "",
                "phone": partner.phone or "",
                "address": self._get_hsds_address(partner),
            }
            for partner in institutions
        ]
        services = [service._get_hsds_values() for service in self]
        return hsds.write_zip(hsds.tables_from_directory(organizations, services))

    def _get_hsds_values(self):
        self.ensure_one()
        return {
            "id": self.hsds_id,
            "organization_id": self.institution_id.baom_hsds_id,
            "name": self.name,
            "description": str(self.description or ""),
            "url": self.website or "",
            "email": self.email or "",
            "status": self.status,
            "application_process": self.application_process or "",
            "fees_description": self.fees or "",
            "eligibility_description": self.eligibility or "",
            "assured_date": self.verified_date or None,
            "phone": self.phone or "",
            "address": self._get_hsds_address(self),
            "schedule": self.opening_hours or "",
            "documents": self.document_type_ids.mapped("name"),
            "areas": [self.area] if self.area else [],
            "languages": [(lang.code, lang.name) for lang in self.language_ids],
            "needs": [
                (need.code or need.name, need.name) for need in self.need_category_ids
            ],
        }

    @api.model
    def _get_hsds_address(self, record):
        return {
            "address_1": record.street or "",
            "address_2": record.street2 or "",
            "city": record.city or "",
            "state_province": record.state_id.name or "",
            "postal_code": record.zip or "",
            "country": record.country_id.code or "",
        }


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    baom_service_verify_months = fields.Integer(
        "Months Before Verification",
        config_parameter="baom_referral.service_verify_months",
        default=12,
        help="A service of the referencing guide nobody has verified for this "
        "many months is flagged and its owner gets a reminder.",
    )
    # referrals
    baom_referral_answer_days = fields.Integer(
        "Referral Answer Delay",
        config_parameter="baom_referral.answer_days",
        default=15,
        help="Days an institution has to answer a referral when its service "
        "sets no delay of its own; past them the referral expires.",
    )
