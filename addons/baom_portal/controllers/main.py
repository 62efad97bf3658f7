import hashlib
import hmac
import re
import time
from urllib.parse import quote_plus

from odoo import http, tools
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.baom_base.tools.selections import PROFILE_SELECTION, PROFILES

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
# What a file's content must look like for each accepted extension: the name
# alone proves nothing.
UPLOAD_MIMETYPES = {
    "pdf": {"application/pdf"},
    "jpeg": {"image/jpeg"},
    "jpg": {"image/jpeg"},
    "png": {"image/png"},
}
PHONE_RE = re.compile(r"^\+?[0-9 ().-]{6,25}$")
MAX_NAME = 80
MAX_DESCRIPTION = 4000
HONEYPOT_FIELD = "baom_website"


class FormError(str):
    """A refusal shown to the visitor, with a stable key (``code``) that
    does not depend on the page's language."""

    def __new__(cls, code, message):
        error = super().__new__(cls, message)
        error.code = code
        return error


def get_html_data(env):
    """Language and direction of the page: Arabic reads right to left."""
    lang = env["res.lang"]._get_data(code=env.lang)
    return {
        "lang": (env.lang or "en_US").replace("_", "-"),
        "dir": "rtl" if lang.direction == "rtl" else "ltr",
    }


def get_upload_rules(env):
    params = env["ir.config_parameter"].sudo()
    types = [
        ext.strip().lower().lstrip(".")
        for ext in (params.get_param("baom_portal.upload_types") or "").split(",")
        if ext.strip()
    ] or ["pdf", "jpeg", "jpg", "png"]
    max_mb = int(params.get_param("baom_portal.upload_max_mb") or 5)
    max_count = int(params.get_param("baom_portal.upload_max_count") or 3)
    return types, max_mb, max_count


def check_upload(env, upload, types, max_mb):
    """(file name, content) of an accepted upload, or an error message."""
    name = (upload.filename or "").strip()
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    # Never read more than the limit (plus one byte, to tell it was exceeded).
    content = upload.read(max_mb * 1024 * 1024 + 1)
    if ext not in types or guess_mimetype(content) not in UPLOAD_MIMETYPES.get(
        ext, set()
    ):
        return None, FormError(
            "upload_type",
            env._(
                "%(file)s cannot be sent: accepted file types are %(types)s.",
                file=name or "?",
                types=", ".join(types).upper(),
            ),
        )
    if len(content) > max_mb * 1024 * 1024:
        return None, FormError(
            "upload_size",
            env._(
                "%(file)s is too large: %(size)s MB at most per file.",
                file=name,
                size=max_mb,
            ),
        )
    return (name, content), None


class BaomOfficeDirectory(http.Controller):
    # ------------------------------------------------------------
    # Office directory
    # ------------------------------------------------------------

    @http.route(
        "/baom/offices", type="http", auth="public", methods=["GET"], website=True
    )
    def office_directory(self, search="", need=None, language=None, **kwargs):
        # Offices are not readable by the public user: sudo, then load and
        # expose only the fields listed above (one query, not one per field).
        offices_sudo = request.env["baom.office"].sudo().search([])
        offices_sudo.fetch(PUBLIC_OFFICE_FIELDS)
        languages = offices_sudo.language_ids.sorted("name")
        needs = self._get_public_needs()
        need_id = int(need) if need and str(need).isdigit() else None
        language_id = int(language) if language and str(language).isdigit() else None
        search = (search or "").strip()[:80]
        if search:
            term = search.lower()
            offices_sudo = offices_sudo.filtered(
                lambda o: term in (o.commune or "").lower() or term in o.name.lower()
            )
        if language_id:
            offices_sudo = offices_sudo.filtered(
                lambda o: language_id in o.language_ids.ids
            )
        if need_id:
            # An office serves the publics it lists; every office handles
            # every need of the network's taxonomy.
            offices_sudo = offices_sudo if need_id in needs.ids else offices_sudo[:0]
        offices = [
            {
                "name": office.name,
                "commune": office.commune,
                "phone": office.phone,
                "email": office.email,
                "opening_hours": office.opening_hours,
                "languages": ", ".join(office.language_ids.mapped("name")),
                "publics": ", ".join(office.profile_ids.mapped("name")),
                "map_url": "https://www.openstreetmap.org/search?query="
                + quote_plus(
                    ", ".join(filter(None, [office.name, office.commune, "Maroc"]))
                ),
                "request_url": f"/baom/request?office_id={office.id}",
            }
            for office in offices_sudo
        ]
        return request.render(
            "baom_portal.baom_office_directory",
            {
                "html_data": get_html_data(request.env),
                "offices": offices,
                "search": search,
                "needs": needs,
                "need_id": need_id,
                "languages": languages,
                "language_id": language_id,
            },
        )

    # ------------------------------------------------------------
    # Public referencing guide
    # ------------------------------------------------------------

    @http.route(
        "/baom/guide", type="http", auth="public", methods=["GET"], website=True
    )
    def service_guide(self, search="", need=None, **kwargs):
        # Services are not readable by the public: sudo, then only the
        # institution's public facts (never who referred whom).
        needs = self._get_public_needs()
        need_id = int(need) if need and str(need).isdigit() else None
        search = (search or "").strip()[:80]
        services_sudo = (
            request.env["baom.service"].sudo().search(self._get_public_service_domain())
        )
        if need_id:
            services_sudo = services_sudo.filtered(
                lambda s: (
                    need_id in s.need_category_ids.ids
                    or need_id in s.need_category_ids.parent_id.ids
                )
            )
        if search:
            term = search.lower()
            services_sudo = services_sudo.filtered(
                lambda s: any(
                    term in (value or "").lower()
                    for value in (s.name, s.institution_id.name, s.city, s.area)
                )
            )
        services = [
            {
                "name": service.name,
                "institution": service.institution_id.name,
                "description": service.description,
                "eligibility": service.eligibility,
                "application_process": service.application_process,
                "documents": ", ".join(service.document_type_ids.mapped("name")),
                "fees": service.fees,
                "languages": ", ".join(service.language_ids.mapped("name")),
                "address": ", ".join(
                    filter(None, [service.street, service.zip, service.city])
                ),
                "phone": service.phone,
                "email": service.email,
                "website": service.website,
                "opening_hours": service.opening_hours,
                "area": service.area,
                "needs": ", ".join(service.need_category_ids.mapped("display_name")),
            }
            for service in services_sudo
        ]
        return request.render(
            "baom_portal.baom_service_guide",
            {
                "html_data": get_html_data(request.env),
                "services": services,
                "search": search,
                "needs": needs,
                "need_id": need_id,
            },
        )

    def _get_public_service_domain(self):
        """Published services: active entries shared with the whole network
        (a service local to an office is not vetted by the network yet)."""
        return [("status", "=", "active"), ("office_ids", "=", False)]

    # ------------------------------------------------------------
    # Public request form
    # ------------------------------------------------------------

    @http.route(
        "/baom/request",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=True,
    )
    def request_form(self, office_id=None, **kwargs):
        values = {"office_id": office_id} if office_id else {}
        return self._render_request_form(values, errors=[])

    @http.route(
        "/baom/request/submit",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def request_submit(self, **post):
        env = request.env
        errors, status = self._check_request_abuse(post)
        if errors:
            return self._render_request_form(post, errors, status=status)
        person_values, case_values, errors = self._validate_request(post)
        files = []
        if not errors:
            files, errors = self._validate_request_files()
        if errors:
            return self._render_request_form(post, errors, status=400)
        lang = case_values.pop("lang")
        case = (
            env["baom.case"]
            .sudo()
            ._create_online_request(person_values, case_values, lang=lang)
        )
        if files:
            env["ir.attachment"].sudo().create(
                [
                    {
                        "name": name,
                        "raw": content,
                        "res_model": "baom.case",
                        "res_id": case.id,
                    }
                    for name, content in files
                ]
            )
        env["baom.request.attempt"]._record(request.httprequest.remote_addr)
        if person_values.get("email"):
            template = env.ref(
                "baom_portal.mail_template_case_online_request",
                raise_if_not_found=False,
            )
            if template:
                template.sudo().send_mail(case.id, force_send=False)
        return request.render(
            "baom_portal.baom_request_done",
            {
                "html_data": get_html_data(env),
                "reference": case.name,
                "office_name": case.office_id.name,
                "has_email": bool(person_values.get("email")),
            },
        )

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _get_public_needs(self):
        return (
            request.env["baom.need.category"]
            .sudo()
            .search([("parent_id", "=", False)])
            .sorted(lambda n: (n.sequence, n.display_name))
        )

    def _get_form_stamp(self):
        """Signed time the form was shown (the minimum fill time needs it)."""
        now = str(int(time.time()))
        return f"{now}.{self._sign(now)}"

    def _sign(self, value):
        secret = (
            request.env["ir.config_parameter"].sudo().get_param("database.secret") or ""
        )
        return hmac.new(
            secret.encode(), f"baom_request:{value}".encode(), hashlib.sha256
        ).hexdigest()[:32]

    def _render_request_form(self, values, errors, status=200):
        env = request.env
        types, max_mb, max_count = get_upload_rules(env)
        profiles = dict(
            env["baom.beneficiary"]._fields["profile"]._description_selection(env)
        )
        context = {
            "html_data": get_html_data(env),
            "offices": env["baom.office"]
            .sudo()
            .search([])
            .sorted(lambda o: ((o.commune or o.name).lower(), o.name.lower())),
            "needs": self._get_public_needs(),
            "countries": env["res.country"].sudo().search([]),
            "langs": env["res.lang"].sudo().search([]),
            "profiles": [
                (key, profiles.get(key, key)) for key, _l in PROFILE_SELECTION
            ],
            "values": values,
            "errors": errors,
            "form_stamp": self._get_form_stamp(),
            "honeypot_field": HONEYPOT_FIELD,
            "upload_types": types,
            "upload_accept": ",".join(f".{ext}" for ext in types),
            "upload_max_mb": max_mb,
            "upload_max_count": max_count,
        }
        response = request.render("baom_portal.baom_request_form", context)
        response.status_code = status
        return response

    def _check_request_abuse(self, post):
        """Robots and floods: ([message], http status) or ([], None)."""
        env = request.env
        params = env["ir.config_parameter"].sudo()
        if post.get(HONEYPOT_FIELD):
            return [
                FormError(
                    "honeypot",
                    env._("Your request could not be sent. Please try again."),
                )
            ], 400
        stamp = post.get("form_stamp") or ""
        sent_at, _dot, signature = stamp.partition(".")
        if not sent_at.isdigit() or not hmac.compare_digest(
            signature, self._sign(sent_at)
        ):
            return [
                FormError(
                    "expired",
                    env._(
                        "The form expired. Please fill it in again (your answers "
                        "are kept below)."
                    ),
                )
            ], 400
        min_seconds = int(params.get_param("baom_portal.request_min_seconds") or 0)
        if time.time() - int(sent_at) < min_seconds:
            return [
                FormError(
                    "too_fast",
                    env._(
                        "The form was sent too quickly. Please check your answers "
                        "and send it again."
                    ),
                )
            ], 400
        limit = int(params.get_param("baom_portal.request_hourly_limit") or 5)
        if env["baom.request.attempt"]._is_throttled(
            request.httprequest.remote_addr, limit
        ):
            return [
                FormError(
                    "throttled",
                    env._(
                        "Too many requests were sent from your connection in the "
                        "last hour. Please try again later, or call the office."
                    ),
                )
            ], 429
        try:
            env["ir.http"]._verify_request_recaptcha_token("baom_request")
        except (UserError, ValidationError) as error:
            return [
                FormError(
                    "captcha",
                    env._(
                        "The anti-robot check failed: %(reason)s",
                        reason=error.args[0] if error.args else "",
                    ),
                )
            ], 400
        return [], None

    def _validate_request(self, post):
        """Check every field server-side: (person values, case values, errors)."""
        env = request.env
        errors = []

        def text(name, size):
            return (post.get(name) or "").strip()[:size]

        office = self._browse_id("baom.office", post.get("office_id"))
        if not office.active:
            errors.append(
                FormError("office", env._("Choose the office you want to reach."))
            )
        need = self._browse_id("baom.need.category", post.get("need_id"))
        if not need or need not in self._get_public_needs():
            errors.append(
                FormError("need", env._("Choose what your request is about."))
            )
        description = (post.get("description") or "").strip()
        if not description:
            errors.append(
                FormError("description", env._("Describe your request in a few words."))
            )
        elif len(description) > MAX_DESCRIPTION:
            errors.append(
                FormError(
                    "description_length",
                    env._(
                        "Your description is too long: %(max)s characters at most.",
                        max=MAX_DESCRIPTION,
                    ),
                )
            )
        first_name, last_name = (
            text("first_name", MAX_NAME),
            text("last_name", MAX_NAME),
        )
        if not (first_name or last_name):
            errors.append(FormError("name", env._("Give your name.")))
        phone = text("phone", 30)
        email = text("email", 120)
        if not (phone or email):
            errors.append(
                FormError("contact", env._("Give a phone number or an e-mail address."))
            )
        if phone and not PHONE_RE.match(phone):
            errors.append(FormError("phone", env._("The phone number is not valid.")))
        if email and not tools.email_normalize(email):
            errors.append(FormError("email", env._("The e-mail address is not valid.")))
        country = self._browse_id("res.country", post.get("country_id"))
        if post.get("country_id") and not country:
            errors.append(
                FormError(
                    "country", env._("Choose your country of residence in the list.")
                )
            )
        lang_code = post.get("lang") or ""
        langs = env["res.lang"].sudo().search([]).mapped("code")
        if lang_code not in langs:
            errors.append(FormError("lang", env._("Choose the language you prefer.")))
        profile = post.get("profile")
        if profile not in PROFILES:
            errors.append(
                FormError("profile", env._("Tell us which situation is yours."))
            )
        if not post.get("consent"):
            errors.append(
                FormError(
                    "consent",
                    env._(
                        "Your request can only be recorded with your consent "
                        "(law 09-08): tick the box to agree."
                    ),
                )
            )
        if errors:
            return {}, {}, errors
        person_values = {
            "first_name": first_name or False,
            "last_name": last_name or False,
            "phone": phone or False,
            "email": tools.email_normalize(email) if email else False,
            "country_residence_id": country.id or False,
            "profile": profile,
            "office_id": office.id,
        }
        case_values = {
            "title": description.splitlines()[0][:80],
            "description": tools.plaintext2html(description),
            "need_category_ids": [(6, 0, need.ids)],
        }
        # Mails and the portal talk to the person in the language they chose.
        case_values["lang"] = lang_code
        return person_values, case_values, []

    def _validate_request_files(self):
        env = request.env
        types, max_mb, max_count = get_upload_rules(env)
        uploads = [
            f for f in request.httprequest.files.getlist("attachments") if f.filename
        ]
        if len(uploads) > max_count:
            return [], [
                FormError(
                    "upload_count",
                    env._(
                        "You can send %(count)s files at most with a request.",
                        count=max_count,
                    ),
                )
            ]
        files, errors = [], []
        for upload in uploads:
            accepted, error = check_upload(env, upload, types, max_mb)
            if error:
                errors.append(error)
            else:
                files.append(accepted)
        return files, errors

    def _browse_id(self, model, value):
        if not value or not str(value).isdigit():
            return request.env[model]
        return request.env[model].sudo().browse(int(value)).exists()
