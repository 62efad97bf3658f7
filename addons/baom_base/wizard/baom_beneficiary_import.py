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
# Row field -> beneficiary field an uncertain value would have filled.
REVIEW_TARGETS = {
    "birth_date": "birth_date",
    "gender": "gender",
    "nationality": "nationality_id",
    "country_residence": "country_residence_id",
    "phone": "phone",
    "email": "email",
    "profile": "profile",
}
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
        help="Used for rows whose beneficiary type is empty, and for types left "
        "for review below (those people are marked To review).",
    )
    consent_date = fields.Date(
        help="When the people of this workbook agreed that the office keeps their "
        "file (law 09-08). Required to import.",
    )
    column_ids = fields.One2many(
        "baom.beneficiary.import.column", "import_id", "Columns"
    )
    value_ids = fields.One2many(
        "baom.beneficiary.import.value",
        "import_id",
        "Values to Check",
        help="Values the import could not read with certainty, each listed once. "
        "Say what each one means in this workbook, or leave it: the rows are "
        "imported anyway and the people marked To review.",
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
    review_count = fields.Integer(
        "To Review",
        readonly=True,
        help="Rows imported with a value left for review; the people are marked "
        "To review in the registry.",
    )
    missing_profile_count = fields.Integer(
        "Without a Type",
        readonly=True,
        help="People to create whose type is neither certain nor given by a "
        "default type.",
    )
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
                "review_count": plan["review_count"],
                "missing_profile_count": plan["missing_profile_count"],
                "error_count": len(rejected),
                "rejected_preview": "\n".join(
                    self.env._("Row %(row)s: %(reason)s", row=row, reason=reason)
                    for row, _cells, reason in rejected[:PREVIEW_REJECTED_LINES]
                ),
                "warning_text": "\n".join(plan["warnings"]),
            }
        )
        self._fill_values(plan["uncertain"])
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
        if plan["missing_profile_count"]:
            raise UserError(
                self.env._(
                    "%(count)s people to create have no certain beneficiary type. "
                    "Say what each type value means in the list of values to "
                    "check, or choose a default type (those people will be "
                    "marked To review), then import again.",
                    count=plan["missing_profile_count"],
                )
            )
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
        self._remember_answers()
        self._post_summary(totals, len(rejected))
        values = {
            "state": "done",
            "created_count": totals[0],
            "duplicate_count": totals[1],
            "error_count": len(rejected),
            "visit_count": totals[2],
            "review_count": plan["review_count"],
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

    def action_open_to_review(self):
        """The office's files an import marked To review."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_base.baom_beneficiary_action"
        )
        action["domain"] = [("office_id", "=", self.office_id.id)]
        action["context"] = {"search_default_import_to_review": 1}
        return action

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

    def _value_answers(self):
        """{field: {value key: answer or None}}: this preview's answers win over
        the office's remembered ones; None leaves the value for review."""
        valid = {
            "profile": {key for key, _label in self._profile_selection()},
            "gender": {
                key
                for key, _label in self.env["baom.beneficiary"]
                ._fields["gender"]
                ._description_selection(self.env)
            },
        }
        answers = {}
        for field, values in (self.office_id.sudo().import_value_answers or {}).items():
            if field in rows.ANSWERABLE_FIELDS and isinstance(values, dict):
                answers[field] = {
                    key: answer
                    for key, answer in values.items()
                    if field not in valid or answer in valid[field]
                }
        for line in self.value_ids:
            if line.field_key in rows.ANSWERABLE_FIELDS:
                answers.setdefault(line.field_key, {})[line.value_key] = (
                    line._get_answer() or None
                )
        return answers

    def _remember_answers(self):
        """Store what the officer said the values mean for the next import."""
        lines = self.value_ids.filtered(
            lambda line: line.field_key in rows.ANSWERABLE_FIELDS
        )
        if not lines:
            return
        remembered = dict(self.office_id.sudo().import_value_answers or {})
        for line in lines:
            values = dict(remembered.get(line.field_key) or {})
            answer = line._get_answer()
            if answer:
                values[line.value_key] = answer
            else:
                values.pop(line.value_key, None)
            remembered[line.field_key] = values
        self.office_id.sudo().import_value_answers = remembered

    def _profile_selection(self):
        return (
            self.env["baom.beneficiary"]
            ._fields["profile"]
            ._description_selection(self.env)
        )

    def _fill_values(self, tally):
        """One line per distinct uncertain value, with its answer if any."""
        profiles = dict(self._profile_selection())
        countries = {}
        codes = {
            entry.answer
            for entry, _count in tally.items()
            if entry.answer and entry.field in ("nationality", "country_residence")
        }
        if codes:
            countries = {
                country.code: country.id
                for country in self.env["res.country"].search_fetch(
                    [("code", "in", list(codes))], ["code"]
                )
            }
        lines = []
        for entry, count in tally.items():
            if entry.candidates:
                hint = self.env._(
                    "Could mean: %(meanings)s",
                    meanings=" / ".join(
                        profiles.get(key, key) for key in entry.candidates
                    ),
                )
            elif entry.field in rows.ANSWERABLE_FIELDS:
                hint = self.env._("Not recognised")
            else:
                hint = self.env._("Not readable: left empty")
            values = {
                "field_key": entry.field,
                "raw_value": entry.raw,
                "value_key": entry.key,
                "row_count": count,
                "hint": hint,
            }
            if entry.answer:
                if entry.field == "profile":
                    values["profile_answer"] = entry.answer
                elif entry.field == "gender":
                    values["gender_answer"] = entry.answer
                else:
                    values["country_answer_id"] = countries.get(entry.answer, False)
            lines.append((0, 0, values))
        self.value_ids = [(5, 0, 0)] + lines

    def _review_note(self, facts, caches, person=None):
        """What the officer must check on this person's file, or "" if nothing.

        For a row merged into ``person``, only values the file still lacks count.
        """
        pending = [entry for entry in facts.uncertain if entry.answer is None]
        if person is not None:
            pending = [
                entry
                for entry in pending
                if entry.field == "visit_date"
                or (
                    entry.field in REVIEW_TARGETS
                    and entry.field != "profile"
                    and not person[REVIEW_TARGETS[entry.field]]
                )
            ]
        if not pending:
            return ""
        if "review_labels" not in caches:
            caches["review_labels"] = (
                dict(
                    self.env["baom.beneficiary.import.column"]
                    ._fields["field_key"]
                    ._description_selection(self.env)
                ),
                dict(self._profile_selection()),
            )
        columns, profiles = caches["review_labels"]
        lines = []
        for entry in pending:
            if entry.candidates:
                line = self.env._(
                    "%(column)s: “%(value)s” could mean %(meanings)s.",
                    column=columns.get(entry.field, entry.field),
                    value=entry.raw,
                    meanings=" / ".join(
                        profiles.get(key, key) for key in entry.candidates
                    ),
                )
            else:
                line = self.env._(
                    "%(column)s: “%(value)s” was not understood.",
                    column=columns.get(entry.field, entry.field),
                    value=entry.raw,
                )
            if entry.field == "profile" and facts.profile:
                line += " " + self.env._(
                    "Imported as %(value)s.", value=profiles.get(facts.profile)
                )
            elif entry.field == "visit_date":
                line += " " + self.env._("No visit was recorded for this row.")
            else:
                line += " " + self.env._("Left empty.")
            lines.append(line)
        return "\n".join(lines)

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
            answers = self._value_answers()
            plan = {
                "create": [],
                "merge": [],
                "rejected": [],
                "header": header_cells,
                "uncertain": rows.UncertainTally(),
                "review_count": 0,
            }
            new_people = {}
            parse_cache = {}
            no_name = self.env._(
                "No name in any script (Latin or Arabic): the row does not say who "
                "the person is."
            )
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
                        answers,
                    )
                except ValueError:
                    # Only a row naming nobody is refused: any other doubtful
                    # cell is imported for review.
                    plan["rejected"].append((row_number, cells, no_name))
                    continue
                if facts.uncertain:
                    plan["uncertain"].add(facts.uncertain)
                    if any(entry.answer is None for entry in facts.uncertain):
                        plan["review_count"] += 1
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
            plan["missing_profile_count"] = sum(
                1 for item in plan["create"] if not item["facts"].profile
            )
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
        values = {
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
        note = self._review_note(facts, caches)
        if note:
            values.update(import_to_review=True, import_review_note=note)
        return values

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
        updates = {
            name: value
            for name, value in incoming.items()
            if value
            and name
            not in (
                "office_id",
                "consent_date",
                "profile",
                "import_to_review",
                "import_review_note",
            )
            and not person[name]
        }
        # The same row imported again (same facts) was already flagged once:
        # re-importing a workbook must not undo the officer's review.
        same_row = self._exact_key(
            facts.first_name,
            facts.last_name,
            facts.name_ar,
            facts.birth_date,
            facts.phone,
        ) == self._exact_key(
            person.first_name,
            person.last_name,
            person.name_ar,
            person.birth_date,
            person.phone,
        )
        known = (person.import_review_note or "").split("\n")
        note = "" if same_row else self._review_note(facts, caches, person)
        lines = [line for line in note.split("\n") if line and line not in known]
        if lines:
            updates["import_to_review"] = True
            updates["import_review_note"] = "\n".join(filter(None, known + lines))
        return updates

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


class BaomBeneficiaryImportValue(models.TransientModel):
    """A value of the workbook read without certainty, listed once, and what the
    officer says it means in this workbook."""

    _name = "baom.beneficiary.import.value"
    _description = "BAOM Import Value to Check"
    _order = "row_count desc, id"

    import_id = fields.Many2one(
        "baom.beneficiary.import", required=True, ondelete="cascade"
    )
    field_key = fields.Selection(
        [(key, label) for key, label in FIELD_LABELS.items()],
        "Registry Field",
        readonly=True,
    )
    raw_value = fields.Char("Value in the Workbook", readonly=True)
    value_key = fields.Char(readonly=True)
    row_count = fields.Integer("Rows", readonly=True)
    hint = fields.Char("Why", readonly=True)
    profile_answer = fields.Selection(
        lambda self: self.env["baom.beneficiary"]._fields["profile"].selection,
        "Type Meant",
        help="Leave empty to import with the default type and review later.",
    )
    gender_answer = fields.Selection(
        lambda self: self.env["baom.beneficiary"]._fields["gender"].selection,
        "Gender Meant",
        help="Leave empty to import without gender and review later.",
    )
    country_answer_id = fields.Many2one(
        "res.country",
        "Country Meant",
        help="Leave empty to import without country and review later.",
    )

    def _get_answer(self):
        """The key (or ISO country code) this value means, False if left."""
        self.ensure_one()
        if self.field_key == "profile":
            return self.profile_answer
        if self.field_key == "gender":
            return self.gender_answer
        if self.field_key in ("nationality", "country_residence"):
            return self.country_answer_id.code or False
        return False
