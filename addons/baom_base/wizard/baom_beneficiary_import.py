import base64
import datetime
import itertools
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import names, rows, spreadsheet

_logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# Thousands of creations are one event: no tracking, no "created" note and no
# follower per record, one summary note on the office instead.
IMPORT_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}
HEADER_SCAN_ROWS = 30
PREVIEW_REJECTED_LINES = 50
FIELD_LABELS = {
    "last_name": "Last name",
    "first_name": "First name",
    "full_name": "Full name",
    "name_ar": "Name in Arabic script",
    "birth_date": "Birth date",
    "gender": "Gender",
    "nationality": "Nationality",
    "country_residence": "Country of residence",
    "phone": "Phone",
    "email": "Email",
    "profile": "Beneficiary type",
    "id_number": "Document number",
    "need": "Request / need",
    "visit_date": "Reception date",
    "outcome": "Outcome",
    "notes": "Notes",
}


class BaomBeneficiaryImport(models.TransientModel):
    """Bring an office's legacy Excel workbook into the registry, once."""

    _name = "baom.beneficiary.import"
    _description = "BAOM Legacy Workbook Import"

    def _default_office_id(self):
        return self.env["baom.office"]._get_my_offices()[:1]

    office_id = fields.Many2one(
        "baom.office", required=True, default=lambda self: self._default_office_id()
    )
    file = fields.Binary("Workbook", required=True, attachment=False)
    filename = fields.Char()
    default_profile = fields.Selection(
        lambda self: self.env["baom.beneficiary"]._fields["profile"].selection,
        "Default Type",
        help="Used for rows whose beneficiary type is empty.",
    )
    consent_date = fields.Date(
        help="When the people of this workbook agreed that the office keeps their "
        "file (law 09-08). Required to import.",
    )
    column_ids = fields.One2many(
        "baom.beneficiary.import.column", "import_id", "Columns"
    )
    header_row = fields.Integer(readonly=True)
    sheet_name = fields.Char(readonly=True)
    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("done", "Done")],
        default="upload",
        required=True,
    )
    # preview (dry run) and result
    to_create_count = fields.Integer("To Create", readonly=True)
    to_merge_count = fields.Integer("To Merge", readonly=True)
    rejected_preview = fields.Text("Rejected Rows", readonly=True)
    warning_text = fields.Text("Warnings", readonly=True)
    created_count = fields.Integer("Created", readonly=True)
    duplicate_count = fields.Integer("Merged Into Existing", readonly=True)
    error_count = fields.Integer("Rejected", readonly=True)
    visit_count = fields.Integer("Visits Created", readonly=True)
    rejected_file = fields.Binary("Rejected Rows File", readonly=True, attachment=False)
    rejected_filename = fields.Char(readonly=True)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_preview(self):
        """Dry run: count what would be created, merged and rejected; write nothing."""
        self.ensure_one()
        plan = self._plan()
        rejected = plan["rejected"]
        self.write(
            {
                "state": "preview",
                "to_create_count": len(plan["create"]),
                "to_merge_count": len(plan["merge"]),
                "error_count": len(rejected),
                "rejected_preview": "\n".join(
                    self.env._("Row %(row)s: %(reason)s", row=row, reason=reason)
                    for row, _cells, reason in rejected[:PREVIEW_REJECTED_LINES]
                ),
                "warning_text": "\n".join(plan["warnings"]),
            }
        )
        return self._reopen()

    def action_import(self):
        """Write the plan in batches; a failing row is rejected, never half-written."""
        self.ensure_one()
        if not self.consent_date:
            raise UserError(
                self.env._(
                    "Give the date on which these people agreed that the office "
                    "keeps their file: law 09-08 forbids importing them otherwise."
                )
            )
        plan = self._plan()
        writer = self.with_context(**IMPORT_CONTEXT)
        caches = writer._get_caches()
        rejected = list(plan["rejected"])
        totals = [0, 0, 0]
        created = {}
        # People first, so that later rows of the same person find them.
        items = [("create", item) for item in plan["create"]] + [
            ("merge", item) for item in plan["merge"]
        ]
        for start in range(0, len(items), BATCH_SIZE):
            batch = items[start : start + BATCH_SIZE]
            try:
                with self.env.cr.savepoint():
                    counts, new_by_key = writer._write_batch(batch, created, caches)
                    self.env.flush_all()
                outcomes = [(counts, new_by_key)]
            except Exception as error:  # noqa: BLE001 - failing rows isolated below
                _logger.info("Import batch failed (%s), retrying row by row", error)
                self.env.invalidate_all()
                outcomes = []
                for entry in batch:
                    item = entry[1]
                    if (
                        entry[0] == "merge"
                        and isinstance(item["target"], str)
                        and (item["target"] not in created)
                    ):
                        rejected.append(
                            (
                                item["row"],
                                None,
                                self.env._("Same person as a rejected row above."),
                            )
                        )
                        continue
                    try:
                        with self.env.cr.savepoint():
                            outcome = writer._write_batch([entry], created, caches)
                            self.env.flush_all()
                        outcomes.append(outcome)
                        created.update(outcome[1])
                    except Exception as error:  # noqa: BLE001 - reported per row
                        self.env.invalidate_all()
                        rejected.append((item["row"], None, str(error)))
            for counts, new_by_key in outcomes:
                totals = [a + b for a, b in zip(totals, counts, strict=True)]
                created.update(new_by_key)
        self._remember_mapping()
        self._post_summary(totals, len(rejected))
        values = {
            "state": "done",
            "created_count": totals[0],
            "duplicate_count": totals[1],
            "error_count": len(rejected),
            "visit_count": totals[2],
            "rejected_file": False,
            "rejected_filename": False,
        }
        if rejected:
            rejected.sort(key=lambda entry: entry[0])
            values["rejected_file"] = base64.b64encode(
                spreadsheet.write_rejected_xlsx(
                    plan["header"],
                    self._rejected_rows_with_cells(rejected),
                )
            )
            stem = (self.filename or "workbook").rsplit(".", 1)[0]
            values["rejected_filename"] = f"{stem}-rejected.xlsx"
        self.write(values)
        return self._reopen()

    def _post_summary(self, totals, rejected_count):
        """One note on the office for the whole import (no names: the office's
        chatter is read by everyone who works there)."""
        created, merged, visits = totals
        self.office_id.sudo().message_post(
            body=self.env._(
                "Workbook %(file)s imported by %(user)s: %(created)s people "
                "created, %(merged)s rows merged into existing files, %(visits)s "
                "visits recorded, %(rejected)s rows rejected.",
                file=self.filename or "-",
                user=self.env.user.name,
                created=created,
                merged=merged,
                visits=visits,
                rejected=rejected_count,
            ),
            author_id=self.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def action_back(self):
        self.state = "upload"
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "name": self.env._("Import a Workbook"),
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _rejected_rows_with_cells(self, rejected):
        """[(cells, reason)] in sheet order, reading again the rows refused at
        write time (their cells were not kept)."""
        missing = {row for row, cells, _reason in rejected if cells is None}
        found = {}
        if missing:
            sheet, header_index, _header, _detected, remaining = self._open_sheet()
            try:
                for offset, cells in enumerate(remaining):
                    row_number = header_index + offset + 2
                    if row_number in missing:
                        found[row_number] = cells
                        if len(found) == len(missing):
                            break
            finally:
                sheet.close()
        return [
            (cells if cells is not None else found.get(row, ()), reason)
            for row, cells, reason in rejected
        ]

    def _max_bytes(self):
        size_mb = float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("baom_base.import_max_size_mb", 20)
            or 20
        )
        return int(size_mb * 1024 * 1024)

    def _open_sheet(self):
        """(SheetRows, header index, header cells, detected mapping, data rows),
        or a UserError the officer can act on."""
        if not self.file:
            raise UserError(self.env._("Choose the workbook to import."))
        data = base64.b64decode(self.file)
        try:
            sheet = spreadsheet.open_rows(data, self.filename or "", self._max_bytes())
            scanned = list(itertools.islice(sheet, HEADER_SCAN_ROWS))
            header_index, detected, _rest = spreadsheet.find_header(
                scanned, max_scan=HEADER_SCAN_ROWS
            )
        except spreadsheet.SpreadsheetError as error:
            raise UserError(self._spreadsheet_message(error)) from error
        remaining = itertools.chain(scanned[header_index + 1 :], sheet)
        return sheet, header_index, list(scanned[header_index]), detected, remaining

    def _spreadsheet_message(self, error):
        messages = {
            "too_large": self.env._(
                "The file is larger than the limit set in BAOM settings "
                "(%(limit)s MB). Split it into several workbooks.",
                limit=round(self._max_bytes() / (1024 * 1024), 1),
            ),
            "empty_file": self.env._("The file is empty."),
            "not_spreadsheet": self.env._(
                "This file is not an Excel workbook (.xlsx or .xls). Save it from "
                "Excel or LibreOffice in one of these formats and try again."
            ),
            "unsupported_format": self.env._(
                "This spreadsheet format is not supported: save it as .xlsx or .xls."
            ),
            "encrypted": self.env._(
                "The workbook is protected by a password. Open it in Excel, remove "
                "the password (File > Info > Protect Workbook) and try again."
            ),
            "corrupt": self.env._(
                "The workbook is damaged and cannot be read. Open it in Excel or "
                "LibreOffice, save it again, and retry."
            ),
            "sheet_not_found": self.env._("The chosen sheet does not exist."),
            "empty_sheet": self.env._(
                "The workbook has no data: every sheet is empty."
            ),
            "no_header": self.env._(
                "No row of column titles was found near the top of the sheet. Put "
                "titles such as Nom, Prénom, Date de naissance, Téléphone above "
                "the data."
            ),
        }
        return messages.get(error.code, str(error))

    def _column_mapping(self, header_cells, detected):
        """{column index: field}: the officer's corrections win, then the office's
        remembered titles, then automatic detection."""
        if self.column_ids:
            return {
                line.column_index: line.field_key
                for line in self.column_ids
                if line.field_key
            }
        remembered = self.office_id.sudo().import_mapping or {}
        mapping = dict(detected)
        for index, title in enumerate(header_cells):
            key = names.fold(str(title or ""))
            if key in remembered:
                if remembered[key]:
                    mapping[index] = remembered[key]
                else:
                    mapping.pop(index, None)
        return mapping

    def _fill_columns(self, header_cells, mapping):
        self.column_ids = [(5, 0, 0)] + [
            (
                0,
                0,
                {
                    "column_index": index,
                    "header": str(title or ""),
                    "field_key": mapping.get(index, False),
                },
            )
            for index, title in enumerate(header_cells)
            if title not in (None, "")
        ]

    def _remember_mapping(self):
        """Store the officer's column choices for the office's next import."""
        remembered = dict(self.office_id.sudo().import_mapping or {})
        for line in self.column_ids:
            remembered[names.fold(line.header)] = line.field_key or False
        self.office_id.sudo().import_mapping = remembered

    def _country_names(self):
        """{name in every installed language: ISO2} for res.country."""
        lookup = {}
        for lang, _label in self.env["res.lang"].get_installed():
            for country in (
                self.env["res.country"]
                .with_context(lang=lang)
                .search_fetch([], ["name"])
            ):
                lookup[country.name] = country.code
        return lookup

    @staticmethod
    def _exact_key(first_name, last_name, name_ar, birth_date, phone):
        """Identical facts: what makes a re-import of the same file a no-op."""
        return (
            names.fold(first_name or ""),
            names.fold(last_name or ""),
            names.fold(name_ar or ""),
            birth_date or None,
            phone or None,
        )

    def _existing_index(self):
        """(duplicate index, {exact facts: id}) of the office's people; this
        office only, on purpose: an import never learns what others know."""
        index = names.DuplicateIndex()
        exact = {}
        people = (
            self.env["baom.beneficiary"]
            .with_context(active_test=False)
            .search_fetch(
                [("office_id", "=", self.office_id.id), ("is_anonymized", "=", False)],
                ["first_name", "last_name", "name_ar", "birth_date", "phone"],
            )
        )
        for person in people:
            index.add(person.id, person._to_person())
            exact[
                self._exact_key(
                    person.first_name,
                    person.last_name,
                    person.name_ar,
                    person.birth_date,
                    person.phone,
                )
            ] = person.id
        return index, exact

    def _plan(self):
        """Read and check every row: {create, merge, rejected, header, warnings}."""
        self.ensure_one()
        self.env["baom.beneficiary"].check_access("create")
        if not (
            self.office_id.is_my_office or self.env.user.has_group("base.group_system")
        ):
            raise UserError(
                self.env._(
                    "You can only import into an office where you work as officer."
                )
            )
        sheet, header_index, header_cells, detected, remaining = self._open_sheet()
        try:
            mapping = self._column_mapping(header_cells, detected)
            if not self.column_ids:
                self._fill_columns(header_cells, mapping)
            if not {"first_name", "last_name", "full_name", "name_ar"} & set(
                mapping.values()
            ):
                raise UserError(
                    self.env._(
                        "No column holds a name. Choose which column is the name in "
                        "the column list, then preview again."
                    )
                )
            country_names = self._country_names()
            index, exact = self._existing_index()
            plan = {
                "create": [],
                "merge": [],
                "rejected": [],
                "header": header_cells,
            }
            new_people = {}
            parse_cache = {}
            for offset, cells in enumerate(remaining):
                row_number = header_index + offset + 2
                if not any(value not in (None, "") for value in cells):
                    continue
                fields_ = spreadsheet.extract_fields(cells, mapping)
                try:
                    facts = rows.parse_row(
                        fields_,
                        sheet.datemode,
                        self.default_profile,
                        country_names,
                        parse_cache,
                    )
                except ValueError as error:
                    plan["rejected"].append((row_number, cells, str(error)))
                    continue
                # Cells are not kept: a row refused while writing is read again
                # from the file, which keeps 100,000-row sheets in memory bounds.
                item = {"row": row_number, "facts": facts}
                person = facts.person()
                exact_key = self._exact_key(
                    facts.first_name,
                    facts.last_name,
                    facts.name_ar,
                    facts.birth_date,
                    facts.phone,
                )
                match = exact.get(exact_key)
                match = (match, 100) if match else index.best_match(person)
                if match:
                    key, _score = match
                    item["target"] = key
                    if isinstance(key, str):
                        new_people[key]["extra_rows"].append(item)
                        plan["merge"].append(item)
                    else:
                        plan["merge"].append(item)
                    continue
                key = f"row{row_number}"
                item["key"] = key
                item["extra_rows"] = []
                new_people[key] = item
                index.add(key, person)
                exact[exact_key] = key
                plan["create"].append(item)
            plan["warnings"] = [
                self.env._(
                    "Row %(row)s, column %(column)s: %(message)s",
                    row=warning.row,
                    column=warning.column,
                    message=warning.message,
                )
                for warning in sheet.warnings[:PREVIEW_REJECTED_LINES]
            ]
        except spreadsheet.SpreadsheetError as error:
            raise UserError(self._spreadsheet_message(error)) from error
        finally:
            sheet.close()
        return plan

    def _prepare_beneficiary_values(self, facts, caches):
        countries = caches["countries"]
        return {
            "first_name": facts.first_name or False,
            "last_name": facts.last_name or False,
            "name_ar": facts.name_ar or False,
            "gender": facts.gender or False,
            "birth_date": facts.birth_date or False,
            "nationality_id": countries.get(facts.nationality, False),
            "country_residence_id": countries.get(facts.country_residence, False),
            "phone": facts.phone or False,
            "email": facts.email or False,
            "profile": facts.profile,
            "id_document_number": facts.id_number or False,
            "id_document_type": "other" if facts.id_number else False,
            "office_id": self.office_id.id,
            "consent_date": self.consent_date,
        }

    def _get_caches(self):
        """Lookups built once per import, not once per row."""
        needs = {}
        for lang, _label in self.env["res.lang"].get_installed():
            for category in (
                self.env["baom.need.category"]
                .with_context(lang=lang)
                .search_fetch([], ["name", "code"])
            ):
                needs[names.fold(category.name)] = category.id
                if category.code:
                    needs[names.fold(category.code)] = category.id
        return {
            "countries": {
                country.code: country.id
                for country in self.env["res.country"].search_fetch([], ["code"])
            },
            "needs": needs,
            # Most specific first, for requests that only contain a category.
            "needs_by_length": sorted(needs.items(), key=lambda item: -len(item[0])),
            "need_by_text": {},
        }

    def _need_category(self, text, caches):
        """The need category a free-text request names, if any."""
        if not text:
            return self.env["baom.need.category"]
        # Requests repeat from row to row: look each distinct text up once.
        by_text = caches.setdefault("need_by_text", {})
        if text not in by_text:
            key = names.fold(text)
            # Exact name first, else the most specific category named in the text.
            by_text[text] = caches["needs"].get(key) or next(
                (
                    cid
                    for name, cid in caches.get("needs_by_length")
                    or sorted(caches["needs"].items(), key=lambda item: -len(item[0]))
                    if len(name) > 3 and name in key
                ),
                False,
            )
        return self.env["baom.need.category"].browse(by_text[text])

    def _merge_values(self, person, facts, caches):
        """Fill what the registry does not know yet; never overwrite."""
        incoming = self._prepare_beneficiary_values(facts, caches)
        return {
            name: value
            for name, value in incoming.items()
            if value
            and name not in ("office_id", "consent_date", "profile")
            and not person[name]
        }

    def _write_batch(self, batch, created, caches):
        """Write ("create"|"merge", item) entries; return (counts, new people by key).

        ``created`` maps the row keys of people created by earlier batches of
        this file to their ids, so a later row of the same person merges into them.
        """
        Beneficiary = self.env["baom.beneficiary"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        creations = [item for kind, item in batch if kind == "create"]
        people = Beneficiary.create(
            [
                self._prepare_beneficiary_values(item["facts"], caches)
                for item in creations
            ]
        )
        new_by_key = {
            item["key"]: person.id
            for item, person in zip(creations, people, strict=True)
        }
        merged = 0
        visit_values = []
        people_by_row = {}
        for kind, item in batch:
            if kind == "create":
                person = Beneficiary.browse(new_by_key[item["key"]])
            else:
                target = item["target"]
                if isinstance(target, str):
                    person = Beneficiary.browse(
                        new_by_key.get(target) or created[target]
                    )
                else:
                    person = Beneficiary.browse(target)
                    updates = self._merge_values(person, item["facts"], caches)
                    if updates:
                        person.write(updates)
                merged += 1
            people_by_row[item["row"]] = person.id
            values = self._prepare_visit_values(person, item["facts"], caches)
            if values:
                visit_values.append(values)
        visits = self._create_visits(visit_values)
        self._after_batch(batch, people_by_row, caches)
        return (len(people), merged, len(visits)), new_by_key

    def _prepare_visit_values(self, person, facts, caches):
        if not facts.visit_date:
            return None
        need = self._need_category(facts.need, caches)
        return {
            "office_id": self.office_id.id,
            "beneficiary_id": person.id,
            "visit_date": datetime.datetime.combine(
                facts.visit_date, datetime.time(12)
            ),
            "channel": "walk_in",
            "need_category_id": need.id,
            "outcome": facts.outcome or "information",
            "note": " / ".join(
                filter(None, [facts.need if not need else None, facts.notes])
            )
            or False,
        }

    def _create_visits(self, visit_values):
        """Create visits not already in the register (re-imports add nothing)."""
        if not visit_values:
            return self.env["baom.visit"]
        existing = {
            (visit.beneficiary_id.id, visit.visit_date)
            for visit in self.env["baom.visit"]
            .with_context(active_test=False)
            .search_fetch(
                [
                    (
                        "beneficiary_id",
                        "in",
                        list({values["beneficiary_id"] for values in visit_values}),
                    )
                ],
                ["beneficiary_id", "visit_date"],
            )
        }
        fresh = []
        for values in visit_values:
            key = (values["beneficiary_id"], values["visit_date"])
            if key not in existing:
                existing.add(key)
                fresh.append(values)
        return self.env["baom.visit"].create(fresh)

    def _after_batch(self, batch, people_by_row, caches):
        """Hook for addons that create more records per row (cases...).

        :param people_by_row: {sheet row number: beneficiary id} of the batch
        """


class BaomBeneficiaryImportColumn(models.TransientModel):
    """One column of the workbook and the registry field it fills."""

    _name = "baom.beneficiary.import.column"
    _description = "BAOM Import Column"
    _order = "column_index"

    import_id = fields.Many2one(
        "baom.beneficiary.import", required=True, ondelete="cascade"
    )
    column_index = fields.Integer(required=True)
    header = fields.Char("Column Title", readonly=True)
    field_key = fields.Selection(
        [(key, label) for key, label in FIELD_LABELS.items()],
        "Registry Field",
        help="Leave empty to ignore the column.",
    )

    @api.onchange("field_key")
    def _onchange_field_key(self):
        # Changing a column invalidates the last preview.
        if self.import_id.state == "preview":
            self.import_id.state = "upload"
