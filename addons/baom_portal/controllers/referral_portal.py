import re

from markupsafe import Markup
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import content_disposition, request
from odoo.tools import consteq, format_datetime

from odoo.addons.baom_case.models.baom_case import OFFICER_GROUPS
from odoo.addons.baom_referral.models.baom_referral import (
    OUTCOME_SELECTION,
    REASON_NOT_SUCCESSFUL_SELECTION,
    REFUSAL_REASON_SELECTION,
)
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .main import FormError, check_upload, get_upload_rules
from .portal import BaomCustomerPortal


class ReferralLinkExpired(Exception):
    """The e-mailed link is older than the validity set in the settings."""


class BaomReferralPortal(BaomCustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "baom_referral_count" in counters:
            values["baom_referral_count"] = (
                request.env["baom.referral"].search_count(
                    self._get_my_referrals_domain()
                )
                if request.env.user.share
                else 0
            )
        return values

    def _get_my_referrals_domain(self):
        # The portal rule decides: referrals sent to the user's institution.
        if not request.env.user.share:
            return Domain.FALSE
        return Domain.TRUE

    def _reads_referral(self, referral_sudo):
        """Whether the visitor reads the referral in their own right: a
        contact of the institution (portal rule) or an officer of the office.
        A supervisor reads referrals pseudonymised: never through this page."""
        user = request.env.user
        if not (user.share or user.has_groups(OFFICER_GROUPS)):
            return False
        return referral_sudo.with_env(request.env).has_access("read")

    def _get_referral_sudo(self, referral_id, access_token=None):
        """The referral as superuser once the visitor proved they may see it:
        through the record rules, or with the e-mailed token until it expires."""
        referral_sudo = self._document_check_access(
            "baom.referral", referral_id, access_token
        )
        if self._reads_referral(referral_sudo):
            return referral_sudo
        # Past core's check without rights of one's own: only the token opens it.
        if not (
            access_token
            and referral_sudo.access_token
            and consteq(referral_sudo.access_token, access_token)
        ):
            raise AccessError(request.env._("This referral is not addressed to you."))
        if referral_sudo._is_token_expired():
            raise ReferralLinkExpired()
        return referral_sudo

    def _referral_or_error(self, referral_id, access_token):
        """(referral as superuser, None), or (None, the expired-link page)."""
        try:
            return self._get_referral_sudo(referral_id, access_token), None
        except (AccessError, MissingError):
            raise NotFound() from None
        except ReferralLinkExpired:
            return None, self._render_referral_expired(referral_id)

    def _render_referral_expired(self, referral_id):
        referral_sudo = request.env["baom.referral"].sudo().browse(referral_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "baom_referral",
                "office_name": referral_sudo.office_id.name,
                "office_phone": referral_sudo.office_id.phone,
                "office_email": referral_sudo.office_id.email,
                "reference": referral_sudo.name,
                "expiry": format_datetime(
                    request.env, referral_sudo._get_token_expiry(), dt_format="short"
                ),
            }
        )
        response = request.render("baom_portal.portal_referral_expired", values)
        response.status_code = 403
        return response

    # ------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------

    @http.route(
        ["/my/referrals", "/my/referrals/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_referrals(self, page=1, state=None, **kwargs):
        Referral = request.env["baom.referral"]
        domain = self._get_my_referrals_domain()
        if state in ("sent", "accepted", "refused", "done", "expired", "cancelled"):
            domain &= Domain("state", "=", state)
        total = Referral.search_count(domain)
        pager = portal_pager(
            url="/my/referrals",
            url_args={"state": state} if state else None,
            total=total,
            page=page,
            step=self._items_per_page,
        )
        referrals = Referral.search(
            domain, limit=self._items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "referrals": referrals.sudo(),
                "pager": pager,
                "state": state,
                "page_name": "baom_referral",
                "default_url": "/my/referrals",
            }
        )
        return request.render("baom_portal.portal_my_referrals", values)

    @http.route(
        "/my/referrals/<int:referral_id>", type="http", auth="public", website=True
    )
    def portal_my_referral(self, referral_id, access_token=None, **kwargs):
        referral_sudo, expired = self._referral_or_error(referral_id, access_token)
        if expired:
            return expired
        return self._render_referral_page(referral_sudo, access_token, **kwargs)

    @http.route(
        "/my/referrals/<int:referral_id>/answer",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_referral_answer(self, referral_id, access_token=None, **post):
        referral_sudo, expired = self._referral_or_error(referral_id, access_token)
        if expired:
            return expired
        decision = post.get("decision")
        # Through the referral's own methods: as the logged-in contact or
        # officer (the methods check the institution), or, for a visitor who
        # holds the e-mailed token, as the link the office gave the institution.
        referral = (
            referral_sudo.with_env(request.env)
            if self._reads_referral(referral_sudo)
            else referral_sudo
        )
        try:
            with request.env.cr.savepoint():
                self._apply_answer(referral, referral_sudo, decision, post)
        except (UserError, ValidationError) as error:
            request.env.invalidate_all()
            return self._render_referral_page(
                referral_sudo,
                access_token,
                answer_error=FormError("answer", error.args[0]),
                status=400,
            )
        except AccessError:
            raise NotFound() from None
        return request.redirect(self._referral_url(referral_sudo, access_token))

    def _apply_answer(self, referral, referral_sudo, decision, post):
        """Record the institution's answer; the caller's savepoint undoes
        everything when the referral refuses it."""
        if decision == "accept":
            referral.action_accept()
        elif decision == "refuse":
            referral.action_refuse(
                refusal_reason=post.get("refusal_reason") or None,
                refusal_note=(post.get("refusal_note") or "").strip()[:2000] or None,
            )
        elif decision == "done":
            outcome = post.get("outcome") or None
            referral.action_done(
                outcome=outcome,
                reason_not_successful=post.get("reason_not_successful") or None,
            )
            note = (post.get("outcome_note") or "").strip()[:2000]
            if note:
                self._post_institution_message(referral_sudo, note)
        else:
            raise UserError(request.env._("Choose an answer."))

    @http.route(
        "/my/referrals/<int:referral_id>/document",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_referral_document(self, referral_id, access_token=None, **post):
        referral_sudo, expired = self._referral_or_error(referral_id, access_token)
        if expired:
            return expired
        env = request.env
        upload = request.httprequest.files.get("file")
        types, max_mb, _count = get_upload_rules(env)
        if not upload or not upload.filename:
            error = FormError("upload_missing", env._("Choose the file to send."))
        else:
            accepted, error = check_upload(env, upload, types, max_mb)
        if error:
            return self._render_referral_page(
                referral_sudo, access_token, answer_error=error, status=400
            )
        name, content = accepted
        self._post_institution_message(
            referral_sudo,
            env._("Answer document: %(file)s", file=name),
            attachments=[(name, content)],
        )
        return request.redirect(self._referral_url(referral_sudo, access_token))

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _referral_url(self, referral_sudo, access_token):
        url = f"/my/referrals/{referral_sudo.id}"
        return f"{url}?access_token={access_token}" if access_token else url

    def _post_institution_message(self, referral_sudo, text, attachments=None):
        """A message from the institution in the referral's chatter (and a
        line in the case's), authored by the contact or the institution."""
        user = request.env.user
        author = referral_sudo.institution_id if user._is_public() else user.partner_id
        referral_sudo.message_post(
            body=Markup("<p>%s</p>") % text,
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=attachments or [],
        )
        referral_sudo.case_id.with_context(baom_case_system_update=True)._message_log(
            body=Markup("<p>%s</p>")
            % request.env._(
                "%(institution)s about referral %(referral)s: %(text)s",
                institution=referral_sudo.institution_id.name or "",
                referral=referral_sudo.name or "",
                text=text,
            )
        )

    def _render_referral_page(
        self, referral_sudo, access_token, answer_error=None, status=200, **kwargs
    ):
        env = request.env
        types, max_mb, _count = get_upload_rules(env)
        token = referral_sudo._portal_ensure_token()
        values = self._get_page_view_values(
            referral_sudo,
            access_token,
            self._prepare_portal_layout_values(),
            "my_referrals_history",
            False,
            **kwargs,
        )
        selection = env["baom.referral"]._fields["state"]._description_selection(env)
        values.update(
            {
                "referral": referral_sudo,
                "shared": referral_sudo._get_shared_values(),
                "state_label": dict(selection).get(referral_sudo.state),
                "page_name": "baom_referral",
                "token": token,
                "access_token": access_token,
                "answer_error": answer_error,
                "refusal_reasons": self._selection(
                    "refusal_reason", REFUSAL_REASON_SELECTION
                ),
                "outcomes": self._selection("outcome", OUTCOME_SELECTION),
                "reasons_not_successful": self._selection(
                    "reason_not_successful", REASON_NOT_SUCCESSFUL_SELECTION
                ),
                "upload_accept": ",".join(f".{ext}" for ext in types),
                "upload_types": ", ".join(types).upper(),
                "upload_max_mb": max_mb,
                "token_expiry": referral_sudo._get_token_expiry(),
            }
        )
        response = request.render("baom_portal.portal_my_referral", values)
        response.status_code = status
        return response

    def _selection(self, field_name, fallback):
        env = request.env
        labels = dict(
            env["baom.referral"]._fields[field_name]._description_selection(env)
        )
        return [(key, labels.get(key, label)) for key, label in fallback]

    # ------------------------------------------------------------
    # The referrals of a person's case, with their slip
    # ------------------------------------------------------------

    def _get_case_extra_values(self, case_sudo):
        values = super()._get_case_extra_values(case_sudo)
        referrals = (
            request.env["baom.referral"]
            .sudo()
            .search(
                [
                    ("case_id", "=", case_sudo.id),
                    ("state", "not in", ("draft", "cancelled")),
                ]
            )
        )
        values["case_referrals"] = referrals
        return values

    @http.route(
        "/my/cases/<int:case_id>/referrals/<int:referral_id>/slip",
        type="http",
        auth="public",
        website=True,
    )
    def portal_case_referral_slip(
        self, case_id, referral_id, access_token=None, **kwargs
    ):
        try:
            case_sudo = self._get_case_sudo(case_id, access_token)
        except (AccessError, MissingError):
            raise NotFound() from None
        referral_sudo = (
            request.env["baom.referral"]
            .sudo()
            .search(
                [
                    ("id", "=", referral_id),
                    ("case_id", "=", case_sudo.id),
                    ("state", "not in", ("draft", "cancelled")),
                ]
            )
        )
        if not referral_sudo:
            raise NotFound()
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            .with_company(referral_sudo.company_id)
            ._render_qweb_pdf(
                "baom_referral.action_report_baom_referral_slip", referral_sudo.ids
            )
        )
        filename = re.sub(r"\W+", "_", referral_sudo.name or "referral") + ".pdf"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
