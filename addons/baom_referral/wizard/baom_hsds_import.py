import base64

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain
from odoo.tools import html2plaintext

from ..tools import hsds

# What a bad row raises: reported on its line, the other rows imported.
IMPORT_ERRORS = (UserError, ValueError, psycopg2.IntegrityError)
RESULTS = [
    ("created", "Created"),
    ("updated", "Updated"),
    ("warning", "Imported with a warning"),
    ("error", "Not imported"),
]


class BaomHsdsImport(models.TransientModel):
    """Load an Open Referral HSDS 3.0 zip into the referencing guide.

    Institutions and services are matched on their HSDS identifier: a second
    import of the same package updates them, never adds them again. A package
    that cannot be read is refused whole; a bad row is reported and skipped.
    """

    _name = "baom.hsds.import"
    _description = "BAOM Open Referral Import"

    file = fields.Binary("HSDS Zip File", required=True, attachment=False)
    filename = fields.Char()
    office_id = fields.Many2one(
        "baom.office",
        "Local to Office",
        help="Leave empty to share the new services with the whole network.",
    )
    state = fields.Selection(
        [("upload", "Upload"), ("done", "Done")], default="upload", required=True
    )
    line_ids = fields.One2many("baom.hsds.import.line", "wizard_id", "Report")
    created_count = fields.Integer(compute="_compute_counts")
    updated_count = fields.Integer(compute="_compute_counts")
    error_count = fields.Integer(compute="_compute_counts")

    @api.depends("line_ids.result")
    def _compute_counts(self):
        for wizard in self:
            results = wizard.line_ids.mapped("result")
            wizard.created_count = results.count("created")
            wizard.updated_count = results.count("updated")
            wizard.error_count = results.count("error")

    def action_import(self):
        self.ensure_one()
        try:
            data = base64.b64decode(self.file or b"", validate=False)
            tables = hsds.read_zip(data)
        except hsds.HsdsError as error:
            raise UserError(self._get_package_error(error)) from error
        except ValueError as error:
            raise UserError(self._get_package_error(hsds.HsdsError("not_zip"))) from (
                error
            )
        organizations, services, problems = hsds.directory_from_tables(tables)
        lines = [
            {
                "file": problem["file"],
                "line": problem["line"],
                "identifier": problem["id"],
                "result": "error",
                "message": self._get_row_error(problem),
            }
            for problem in problems
        ]
        # What the rows refer to by name or code, found in one search per
        # model for the whole package, never a search per row.
        lookups = self._prefetch_lookups(organizations, services)
        partners = self._import_organizations(organizations, lines, lookups)
        self._import_services(services, partners, lines, lookups)
        lines.sort(key=lambda line: (line["file"], line["line"]))
        self.write(
            {
                "state": "done",
                "line_ids": [Command.clear()]
                + [Command.create(line) for line in lines],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _import_organizations(self, organizations, lines, lookups):
        """{HSDS id: partner} of the organisations, created or updated."""
        # As the importing user: the network coordinator's rights on contacts
        # are exactly the guide's institutions (see the security file).
        Partner = self.env["res.partner"].with_context(active_test=False)
        existing = {
            partner.baom_hsds_id: partner
            for partner in Partner.search(
                [("baom_hsds_id", "in", [org["id"] for org in organizations])]
            )
        }
        tag = self.env.ref("baom_referral.res_partner_category_institution")
        result = {}
        new_rows = []
        for org in organizations:
            vals = {
                "name": org["name"],
                "comment": org["description"] or False,
                "email": org["email"] or False,
                "website": org["website"] or False,
                "phone": org["phone"] or False,
                **self._get_address_values(org["address"], lookups),
            }
            line = {
                "file": "organization.csv",
                "line": org["line"],
                "identifier": org["id"],
                "name": org["name"],
            }
            lines.append(line)
            partner = existing.get(org["id"])
            if not partner:
                vals.update(
                    is_company=True,
                    baom_hsds_id=org["id"],
                    category_id=[Command.link(tag.id)],
                )
                new_rows.append((org["id"], vals, line))
                continue
            try:
                with self.env.cr.savepoint():
                    partner.write(vals)
                    line["result"] = "updated"
            except IMPORT_ERRORS as error:
                line.update(result="error", message=str(error))
            else:
                result[org["id"]] = partner
        for hsds_id, partner in self._create_rows(Partner, new_rows).items():
            result[hsds_id] = partner
        return result

    def _import_services(self, services, partners, lines, lookups):
        Service = self.env["baom.service"].with_context(active_test=False)
        existing = {
            service.hsds_id: service
            for service in Service.search(
                [("hsds_id", "in", [service["id"] for service in services])]
            )
        }
        new_rows = []
        for values in services:
            line = {
                "file": "service.csv",
                "line": values["line"],
                "identifier": values["id"],
                "name": values["name"],
            }
            partner = partners.get(values["organization_id"])
            if not partner:
                line.update(
                    result="error",
                    message=self.env._(
                        "Its organisation %(organization)s could not be imported.",
                        organization=values["organization_id"],
                    ),
                )
                lines.append(line)
                continue
            vals, warnings = self._get_service_values(values, partner, lookups)
            if warnings:
                line["message"] = "\n".join(warnings)
            lines.append(line)
            service = existing.get(values["id"])
            if not service:
                vals["office_ids"] = (
                    [Command.set(self.office_id.ids)]
                    if self.office_id
                    else [Command.clear()]
                )
                new_rows.append((values["id"], dict(vals, hsds_id=values["id"]), line))
                continue
            try:
                with self.env.cr.savepoint():
                    service.write(vals)
                    line["result"] = "updated"
            except IMPORT_ERRORS as error:
                line.update(result="error", message=str(error))
        self._create_rows(Service, new_rows)

    def _create_rows(self, Model, rows):
        """Create the new rows of a file in one batch: ``rows`` are
        ``(hsds id, values, report line)``; returns ``{hsds id: record}``.
        When the batch fails, the rows are created one by one, so that each
        bad row is reported and the good ones kept."""
        if not rows:
            return {}
        try:
            with self.env.cr.savepoint():
                records = Model.create([vals for __, vals, __ in rows])
        except IMPORT_ERRORS:
            # A bad row in the batch: row by row below, its error on its line.
            records = None
        if records is not None:
            for __, __, line in rows:
                line["result"] = "created"
            return {
                hsds_id: record
                for (hsds_id, __, __), record in zip(rows, records, strict=True)
            }
        result = {}
        for hsds_id, vals, line in rows:
            try:
                with self.env.cr.savepoint():
                    result[hsds_id] = Model.create(vals)
            except IMPORT_ERRORS as error:
                line.update(result="error", message=str(error))
            else:
                line["result"] = "created"
        return result

    def _get_service_values(self, values, partner, lookups):
        warnings = []
        documents = self._match_by_name(
            lookups["baom.document.type"], values["documents"]
        )
        needs = self.env["baom.need.category"]
        for code, name in values["needs"]:
            need = self._lookup(lookups["baom.need.category"], code, name)
            if need:
                needs |= need
            else:
                warnings.append(
                    self.env._("Unknown need skipped: %(need)s", need=name or code)
                )
        languages = self.env["baom.language"]
        for code, name in values["languages"]:
            languages |= self._lookup(lookups["baom.language"], code, name)
        # Compared lower-cased, as they were matched (=ilike).
        missing = {name.lower() for name in values["documents"]} - {
            name.lower() for name in documents.mapped("name")
        }
        missing = {name for name in values["documents"] if name.lower() in missing}
        for name in sorted(missing):
            warnings.append(self.env._("Unknown document skipped: %(name)s", name=name))
        description = values["description"]
        if description and not html2plaintext(description).strip():
            description = ""
        vals = {
            "name": values["name"],
            "institution_id": partner.id,
            "description": description or False,
            "website": values["url"] or False,
            "email": values["email"] or False,
            "status": values["status"],
            "application_process": values["application_process"] or False,
            "fees": values["fees_description"] or False,
            "eligibility": values["eligibility_description"] or False,
            "verified_date": values["assured_date"] or False,
            "phone": values["phone"] or False,
            "opening_hours": values["schedule"] or False,
            "area": ", ".join(values["areas"]) or False,
            "document_type_ids": [Command.set(documents.ids)],
            "need_category_ids": [Command.set(needs.ids)],
            "language_ids": [Command.set(languages.ids)],
            **self._get_address_values(values["address"], lookups),
        }
        return vals, warnings

    def _prefetch_lookups(self, organizations, services):
        """``{model: records}`` that may match a name or code of the package,
        each in the model's order: one search per model."""
        addresses = [org["address"] or {} for org in organizations] + [
            service["address"] or {} for service in services
        ]
        countries = {a["country"] for a in addresses if a.get("country")}
        states = {a["state_province"] for a in addresses if a.get("state_province")}
        needs = {term for service in services for term in service["needs"]}
        languages = {term for service in services for term in service["languages"]}
        documents = {name for service in services for name in service["documents"]}
        return {
            "res.country": self._search_terms("res.country", countries, countries),
            "res.country.state": self._search_terms("res.country.state", states),
            "baom.need.category": self._search_terms(
                "baom.need.category",
                {name or code for code, name in needs},
                {code for code, __ in needs},
            ),
            "baom.language": self._search_terms(
                "baom.language",
                {name or code for code, name in languages},
                {code for code, __ in languages},
            ),
            "baom.document.type": self._search_terms("baom.document.type", documents),
        }

    def _search_terms(self, model, names, codes=()):
        """The records of ``model`` whose name is one of ``names`` (=ilike)
        or whose code is one of ``codes`` (=ilike for a country), in one
        search; nothing searched when there is nothing to find."""
        names, codes = [n for n in names if n], [c for c in codes if c]
        if not names and not codes:
            return self.env[model]
        code_operator = "=ilike" if model == "res.country" else "="
        return self.env[model].search(
            Domain.OR(
                [Domain("name", "=ilike", name) for name in names]
                + [Domain("code", code_operator, code) for code in codes]
            )
        )

    def _lookup(self, candidates, code, name):
        """The first of ``candidates`` (in the model's order) of that code or
        name, as the search ``code = code or name =ilike name`` with limit 1
        gave."""
        name = (name or code or "").lower()
        for record in candidates:
            if (code and record.code == code) or (record.name or "").lower() == name:
                return record
        return candidates.browse()

    def _match_by_name(self, candidates, names):
        records = candidates.browse()
        for name in names:
            for record in candidates:
                if (record.name or "").lower() == name.lower():
                    records |= record
                    break
        return records

    def _get_address_values(self, address, lookups):
        address = address or {}
        country = self.env["res.country"]
        if address.get("country"):
            wanted = address["country"].lower()
            candidates = lookups["res.country"]
            country = (
                candidates.filtered(lambda c: (c.code or "").lower() == wanted)[:1]
                or candidates.filtered(lambda c: (c.name or "").lower() == wanted)[:1]
            )
        state = self.env["res.country.state"]
        if address.get("state_province"):
            wanted = address["state_province"].lower()
            state = lookups["res.country.state"].filtered(
                lambda s: s.country_id in country and (s.name or "").lower() == wanted
            )[:1]
        return {
            "street": address.get("address_1") or False,
            "street2": address.get("address_2") or False,
            "city": address.get("city") or False,
            "zip": address.get("postal_code") or False,
            "state_id": state.id,
            "country_id": country.id,
        }

    def _get_package_error(self, error):
        params = error.params
        messages = {
            "not_zip": self.env._(
                "This file is not a zip archive: export the directory as an Open "
                "Referral (HSDS) zip of CSV files and try again."
            ),
            "too_large": self.env._(
                "This zip holds too many or too large files for a directory."
            ),
            "missing_file": self.env._(
                "The zip has no %(file)s file: it is not an Open Referral (HSDS) "
                "directory.",
                file=params.get("file"),
            ),
            "missing_columns": self.env._(
                "%(file)s has no column %(columns)s.",
                file=params.get("file"),
                columns=params.get("columns"),
            ),
            "encoding": self.env._(
                "%(file)s is not UTF-8 text: save it again as CSV UTF-8.",
                file=params.get("file"),
            ),
            "csv": self.env._(
                "%(file)s is not a valid CSV file (%(detail)s).",
                file=params.get("file"),
                detail=params.get("detail"),
            ),
        }
        return self.env._(
            "Nothing was imported. %(reason)s",
            reason=messages.get(error.code, error.code),
        )

    def _get_row_error(self, problem):
        params = problem["params"]
        messages = {
            "missing_id": self.env._("The row has no id."),
            "duplicate_id": self.env._("Another row of the file already has this id."),
            "missing_name": self.env._("The row has no name."),
            "unknown_organization": self.env._(
                "No organisation has the id %(organization)s.",
                organization=params.get("organization"),
            ),
            "bad_status": self.env._(
                "Unknown status %(status)s (active, inactive, defunct or "
                "temporarily closed).",
                status=params.get("status"),
            ),
            "bad_date": self.env._(
                "The assured date %(date)s is not a date (YYYY-MM-DD).",
                date=params.get("date"),
            ),
        }
        return messages.get(problem["code"], problem["code"])


class BaomHsdsImportLine(models.TransientModel):
    """What happened to one row of an imported HSDS package."""

    _name = "baom.hsds.import.line"
    _description = "BAOM Open Referral Import Row"
    _order = "file, line"

    wizard_id = fields.Many2one("baom.hsds.import", required=True, ondelete="cascade")
    file = fields.Char(required=True)
    line = fields.Integer()
    identifier = fields.Char("Id")
    name = fields.Char()
    result = fields.Selection(RESULTS, required=True)
    message = fields.Text()
