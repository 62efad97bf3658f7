from odoo import http
from odoo.http import request

# Only what a person needs to find an office; never who works cases there.
PUBLIC_OFFICE_FIELDS = [
    "name",
    "commune",
    "phone",
    "email",
    "opening_hours",
    "language_ids",
    "profile_ids",
]


class BaomOfficeDirectory(http.Controller):
    @http.route(
        "/baom/offices", type="http", auth="public", methods=["GET"], website=True
    )
    def office_directory(self, **kwargs):
        # Offices are not readable by the public user: sudo, then load and
        # expose only the fields listed above (one query, not one per field).
        offices_sudo = request.env["baom.office"].sudo().search([])
        offices_sudo.fetch(PUBLIC_OFFICE_FIELDS)
        offices = [
            {
                "name": office.name,
                "commune": office.commune,
                "phone": office.phone,
                "email": office.email,
                "opening_hours": office.opening_hours,
                "languages": ", ".join(office.language_ids.mapped("name")),
                "publics": ", ".join(office.profile_ids.mapped("name")),
            }
            for office in offices_sudo
        ]
        return request.render("baom_portal.baom_office_directory", {"offices": offices})
