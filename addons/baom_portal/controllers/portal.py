from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.baom_case.models.baom_case import OFFICER_GROUPS
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .main import FormError, check_upload, get_html_data, get_upload_rules


class BaomCustomerPortal(CustomerPortal):
    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["html_data"] = get_html_data(request.env)
        return values

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "baom_case_count" in counters:
            # Staff work in the back office (and may have no right to count).
            values["baom_case_count"] = (
                request.env["baom.case"].search_count(self._get_my_cases_domain())
                if request.env.user.share
                else 0
            )
        return values

    def _get_my_cases_domain(self):
        # The portal rule decides which cases a person sees (those of the
        # people linked to their contact); staff use the back office.
        if not request.env.user.share:
            return Domain.FALSE
        return Domain.TRUE

    def _get_case_sudo(self, case_id, access_token=None):
        """The case as superuser once the visitor proved they may see it:
        through the record rules (portal users), or with its token."""
        case_sudo = self._document_check_access("baom.case", case_id, access_token)
        user = request.env.user
        # Supervisors read cases pseudonymised: never through this page, unless
        # they hold the person's own link.
        if (
            not user.share
            and not user.has_groups(OFFICER_GROUPS)
            and not (
                access_token
                and case_sudo.access_token
                and consteq(case_sudo.access_token, access_token)
            )
        ):
            raise AccessError(request.env._("This case is not yours."))
        return case_sudo

    # ------------------------------------------------------------
    # Cases of the beneficiary
    # ------------------------------------------------------------

    @http.route(
        ["/my/cases", "/my/cases/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_cases(self, page=1, **kwargs):
        Case = request.env["baom.case"]
        domain = self._get_my_cases_domain()
        total = Case.search_count(domain)
        pager = portal_pager(
            url="/my/cases", total=total, page=page, step=self._items_per_page
        )
        cases = Case.search(
            domain,
            order="date_open desc, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "cases": cases.sudo(),
                "pager": pager,
                "page_name": "baom_case",
                "default_url": "/my/cases",
            }
        )
        return request.render("baom_portal.portal_my_cases", values)

    @http.route("/my/cases/<int:case_id>", type="http", auth="public", website=True)
    def portal_my_case(self, case_id, access_token=None, **kwargs):
        try:
            case_sudo = self._get_case_sudo(case_id, access_token)
        except (AccessError, MissingError):
            raise NotFound() from None
        return self._render_case_page(case_sudo, access_token, **kwargs)

    @http.route(
        "/my/cases/<int:case_id>/documents/<int:line_id>",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_case_document_upload(
        self, case_id, line_id, access_token=None, **kwargs
    ):
        try:
            case_sudo = self._get_case_sudo(case_id, access_token)
        except (AccessError, MissingError):
            raise NotFound() from None
        line = case_sudo.document_ids.filtered(lambda d: d.id == line_id)
        if not line or case_sudo.is_closed:
            raise NotFound()
        env = request.env
        upload = request.httprequest.files.get("file")
        types, max_mb, _count = get_upload_rules(env)
        if not upload or not upload.filename:
            error = FormError("upload_missing", env._("Choose the file to send."))
        else:
            accepted, error = check_upload(env, upload, types, max_mb)
        if error:
            return self._render_case_page(
                case_sudo, access_token, upload_error=error, status=400
            )
        name, content = accepted
        case_sudo._portal_receive_document(line, name, content)
        query = f"?access_token={access_token}&" if access_token else "?"
        return request.redirect(f"/my/cases/{case_sudo.id}{query}uploaded={line.id}")

    def _render_case_page(
        self, case_sudo, access_token, upload_error=None, status=200, **kwargs
    ):
        env = request.env
        token = case_sudo._portal_ensure_token()
        types, max_mb, _count = get_upload_rules(env)
        values = self._get_page_view_values(
            case_sudo,
            access_token,
            self._prepare_portal_layout_values(),
            "my_cases_history",
            False,
            **kwargs,
        )
        values.update(
            {
                "case": case_sudo,
                "page_name": "baom_case",
                # The portal chatter shows only public messages, and needs the
                # token for people who cannot write on the case.
                "token": token,
                "officer_first_name": case_sudo._get_portal_officer_first_name(),
                "rating_token": self._get_case_rating_token(case_sudo),
                "upload_error": upload_error,
                "uploaded_id": int(kwargs.get("uploaded") or 0),
                "upload_accept": ",".join(f".{ext}" for ext in types),
                "upload_types": ", ".join(types).upper(),
                "upload_max_mb": max_mb,
                "access_token": access_token,
            }
        )
        values.update(self._get_case_extra_values(case_sudo))
        response = request.render("baom_portal.portal_my_case", values)
        response.status_code = status
        return response

    def _get_case_extra_values(self, case_sudo):
        """Hook: more blocks on the case page (the referrals)."""
        return {}

    def _get_case_rating_token(self, case_sudo):
        """The unconsumed rating request of a closed case, made on demand."""
        if not case_sudo.is_closed or case_sudo.outcome == "abandoned":
            return False
        partner = case_sudo._rating_get_partner() or case_sudo.beneficiary_id.partner_id
        if not partner:
            return False
        rating = case_sudo.rating_ids.filtered(
            lambda r: r.partner_id == partner and not r.consumed
        )[:1]
        if rating:
            return rating.access_token
        if case_sudo.rating_ids.filtered("consumed"):
            return False
        return case_sudo._rating_get_access_token(partner)
