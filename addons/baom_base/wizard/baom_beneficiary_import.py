import base64
import datetime
import itertools
import logging
from contextlib import contextmanager

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..tools import names, normalize, rows, spreadsheet
from ..tools.run_ahead import run_ahead

_logger = logging.getLogger(__name__)

# Rows per batch (one INSERT per table): measured fastest at 20,000 rows
# against 500 and 2,000 (docs/benchmarks.md); a failing batch is written
# again row by row.
BATCH_SIZE = 1000
# Each batch is a savepoint, hence a subtransaction: past 64 of them in one
# transaction PostgreSQL's visibility checks slow down (its per-backend cache
# of subtransactions overflows), and a 100,000-row import's INSERTs grew from
# 50 ms to over a second. Larger workbooks get larger batches instead.
MAX_BATCHES = 50
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
# Beneficiary fields whose differing value in a merged row goes to the notes.
MERGE_COMPARED = (
    "name_ar",
    "phone",
    "email",
    "id_document_number",
    "birth_date",
    "gender",
    "nationality_id",
    "country_residence_id",
)
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
    # per-row report of the import
    line_ids = fields.One2many(
        "baom.beneficiary.import.line", "import_id", "Rows", readonly=True
    )
    report_file = fields.Binary(readonly=True, attachment=False)
    report_filename = fields.Char(readonly=True)
    unmapped_columns = fields.Char(
        "Columns Without a Field",
        compute="_compute_unmapped_columns",
        help="Columns of the workbook that fill no registry field.",
    )

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
        reading = self._plan_start()
        self.line_ids.unlink()
        writer = self.with_context(**IMPORT_CONTEXT)
        caches = writer._get_caches()
        rejected = []
        # The rows are read and matched in a background thread while earlier
        # batches are written (mostly PostgreSQL's work): in the workbook's
        # order, so a later row of a new person finds them written.
        planned = run_ahead(self._plan_rows(reading))
        try:
            with self._spreadsheet_errors(), self.env.cr.savepoint():
                totals = writer._write_planned(
                    planned, reading["sheet"].row_count, caches, rejected
                )
                for _entry in planned:
                    pass  # the rest of the rows, after a person without type
                plan = self._plan_end(reading)
                if plan["missing_profile_count"]:
                    # Raised in the savepoint: nothing written stays.
                    raise UserError(
                        self.env._(
                            "%(count)s people to create have no certain "
                            "beneficiary type. Say what each type value means "
                            "in the list of values to check, or choose a default "
                            "type (those people will be marked To review), then "
                            "import again.",
                            count=plan["missing_profile_count"],
                        )
                    )
        finally:
            planned.close()
            reading["sheet"].close()
        rejected = plan["rejected"] + rejected
        self._report_rejected(rejected, plan)
        self._remember_mapping()
        self._remember_column_choices()
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
        # The report's .xlsx is written when asked for (Download the Report):
        # its links cost a quarter of a large import, and the same lines are on
        # screen already.
        values.update(report_file=False, report_filename=False)
        self.write(values)
        return self._reopen()

    def _write_planned(self, planned, row_count, caches, rejected):
        """Write the planned rows in batches, as they come; stop before a
        batch with a person to create without a type (the caller refuses the
        import). A failing batch is written again row by row, and the rows
        that still fail are added to ``rejected``.

        :param row_count: rows the sheet declares, or None (batch sizes)
        :return: [created, merged, visits] counts
        """
        totals = [0, 0, 0]
        created = {}
        batch_size = max(BATCH_SIZE, -(-(row_count or 0) // MAX_BATCHES))
        number = 0
        # Past MAX_BATCHES (a sheet declaring fewer rows than it has), each
        # batch doubles: the savepoints stay few.
        while batch := list(
            itertools.islice(planned, batch_size << (number // MAX_BATCHES))
        ):
            if any(
                kind == "create" and not item["facts"].profile for kind, item in batch
            ):
                break
            for counts, new_by_key in self._write_batch_or_rows(
                batch, created, caches, rejected
            ):
                totals = [a + b for a, b in zip(totals, counts, strict=True)]
                created.update(new_by_key)
            # Written batches are not read again: a 100,000-row workbook would
            # otherwise keep every person, visit and case it wrote in memory.
            for model in self.pool.descendants(["baom.bulk.create.mixin"], "_inherit"):
                self.env[model].invalidate_model()
            if number == 0 and len(batch) == batch_size:
                # A first import into an empty registry: let PostgreSQL plan
                # its foreign-key checks for the tables it is filling.
                self.env["baom.bulk.create.mixin"]._bulk_refresh_statistics(
                    max(row_count or 0, 2 * batch_size)
                )
            number += 1
        return totals

    def _write_batch_or_rows(self, batch, created, caches, rejected):
        """[(counts, new people by key)] of writing ``batch`` in one savepoint,
        or, if it fails, row by row (each failing row added to ``rejected``)."""
        try:
            with self.env.cr.savepoint():
                outcome = self._write_batch(batch, created, caches)
                self.env.flush_all()
            return [outcome]
        except Exception as error:  # noqa: BLE001 - failing rows isolated below
            _logger.info("Import batch failed (%s), retrying row by row", error)
            self.env.invalidate_all()
        outcomes = []
        created = dict(created)
        for kind, item in batch:
            if (
                kind == "merge"
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
                    outcome = self._write_batch([(kind, item)], created, caches)
                    self.env.flush_all()
                outcomes.append(outcome)
                created.update(outcome[1])
            except Exception as error:  # noqa: BLE001 - reported per row
                self.env.invalidate_all()
                rejected.append((item["row"], None, str(error)))
        return outcomes

    def action_download_report(self):
        """Write the per-row report as an .xlsx and download it."""
        self.ensure_one()
        self.write(self._report_file_values())
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/report_file/"
            f"{self.report_filename}?download=true",
            "target": "self",
        }

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
        with self._spreadsheet_errors():
            sheet = spreadsheet.open_rows(data, self.filename or "", self._max_bytes())
            scanned = list(itertools.islice(sheet, HEADER_SCAN_ROWS))
            header_index, detected, _rest = spreadsheet.find_header(
                scanned, max_scan=HEADER_SCAN_ROWS
            )
        remaining = itertools.chain(scanned[header_index + 1 :], sheet)
        return sheet, header_index, list(scanned[header_index]), detected, remaining

    @contextmanager
    def _spreadsheet_errors(self):
        """Turn what the workbook reader refuses into a message the officer
        can act on."""
        try:
            yield
        except spreadsheet.SpreadsheetError as error:
            raise UserError(self._spreadsheet_message(error)) from error

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
        self._apply_column_choices()

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
        reasons = self._parse_reasons()
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
            elif entry.code in reasons:
                hint = self.env._(
                    "%(reason)s: left empty",
                    reason=reasons[entry.code][:1].upper() + reasons[entry.code][1:],
                )
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
        if "reasons" not in caches:
            caches["reasons"] = self._parse_reasons()
        reasons = caches["reasons"]
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
            elif entry.code in reasons:
                line = self.env._(
                    "%(column)s: “%(value)s”: %(reason)s.",
                    column=columns.get(entry.field, entry.field),
                    value=entry.raw,
                    reason=reasons[entry.code],
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
                [
                    "first_name",
                    "last_name",
                    "name_ar",
                    "birth_date",
                    "birth_year_only",
                    "phone",
                ],
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
        reading = self._plan_start()
        try:
            with self._spreadsheet_errors():
                for _entry in self._plan_rows(reading):
                    pass
            return self._plan_end(reading)
        finally:
            reading["sheet"].close()

    def _plan_start(self):
        """Open the sheet and gather what reading its rows needs (access,
        columns, the office's people, the officer's answers); the sheet is
        left open for ``_plan_rows``."""
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
            index, exact = self._existing_index()
            return {
                "sheet": sheet,
                "header_index": header_index,
                "remaining": remaining,
                "mapping": mapping,
                "note_columns": self._note_columns(),
                "country_names": self._country_names(),
                "index": index,
                "exact": exact,
                "answers": self._value_answers(),
                # Read once, not per row (a field read goes through the ORM).
                "default_profile": self.default_profile,
                "no_name": self.env._(
                    "No name in any script (Latin or Arabic): the row does not say "
                    "who the person is."
                ),
                "plan": {
                    "create": [],
                    "merge": [],
                    "rejected": [],
                    "header": header_cells,
                    "uncertain": rows.UncertainTally(),
                    "review_count": 0,
                },
            }
        except BaseException:
            sheet.close()
            raise

    def _plan_rows(self, reading):
        """Read, check and match the rows: yield ("create"|"merge", item) in
        the workbook's order, and fill ``reading["plan"]``.

        Plain Python on what ``_plan_start`` gathered, without the ORM: the
        import runs it in a background thread while it writes earlier rows.
        """
        sheet = reading["sheet"]
        mapping = reading["mapping"]
        note_columns = reading["note_columns"]
        index, exact = reading["index"], reading["exact"]
        plan = reading["plan"]
        parse_cache = {}
        today = datetime.date.today()
        for offset, cells in enumerate(reading["remaining"]):
            row_number = reading["header_index"] + offset + 2
            if not any(value not in (None, "") for value in cells):
                continue
            fields_ = spreadsheet.extract_fields(cells, mapping)
            try:
                facts = rows.parse_row(
                    fields_,
                    sheet.datemode,
                    reading["default_profile"],
                    reading["country_names"],
                    parse_cache,
                    reading["answers"],
                    today,
                )
            except ValueError:
                # Only a row naming nobody is refused: any other doubtful
                # cell is imported for review.
                plan["rejected"].append((row_number, cells, reading["no_name"]))
                continue
            if note_columns:
                facts = self._with_kept_notes(facts, cells, note_columns)
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
                plan["merge"].append(item)
                yield "merge", item
                continue
            key = f"row{row_number}"
            item["key"] = key
            index.add(key, person)
            exact[exact_key] = key
            plan["create"].append(item)
            yield "create", item

    def _plan_end(self, reading):
        """The plan, once ``_plan_rows`` has read every row."""
        plan = reading["plan"]
        plan["missing_profile_count"] = sum(
            1 for item in plan["create"] if not item["facts"].profile
        )
        plan["warnings"] = [
            self.env._(
                "Row %(row)s, column %(column)s: %(message)s",
                row=warning.row,
                column=warning.column,
                message=self._sheet_warning_message(warning),
            )
            for warning in reading["sheet"].warnings[:PREVIEW_REJECTED_LINES]
        ]
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
        values.update(self._prepare_import_note_values(facts, caches))
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
        self._merge_import_extras(person, facts, incoming, updates, caches)
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
        vals_list = [
            self._prepare_beneficiary_values(item["facts"], caches)
            for item in creations
        ]
        # The stored computed values go into the INSERT (no UPDATE per row),
        # and every row gives the same fields: one INSERT for the batch.
        for vals in vals_list:
            vals.update(Beneficiary._computed_create_values(vals, self.office_id))
            for name in ("import_to_review", "import_review_note", "note"):
                vals.setdefault(name, False)
        people = Beneficiary._bulk_create(vals_list)
        new_by_key = {
            item["key"]: person.id
            for item, person in zip(creations, people, strict=True)
        }
        merged = 0
        visit_values = []
        people_by_row = {}
        person_ids = []
        for kind, item in batch:
            target = item.get("target")
            if kind == "create":
                person_ids.append(new_by_key[item["key"]])
            elif isinstance(target, str):
                person_ids.append(new_by_key.get(target) or created[target])
            else:
                person_ids.append(target)
        # The batch's people are read together (one query), not one by one.
        prefetch = Beneficiary.browse(person_ids)._prefetch_ids
        for (kind, item), person_id in zip(batch, person_ids, strict=True):
            person = Beneficiary.browse(person_id).with_prefetch(prefetch)
            if kind == "merge":
                if not isinstance(item["target"], str):
                    updates = self._merge_values(person, item["facts"], caches)
                    if updates:
                        person.write(updates)
                merged += 1
            people_by_row[item["row"]] = person.id
            values = self._prepare_visit_values(person, item["facts"], caches)
            if values:
                visit_values.append(values)
        # Later rows of people created by this batch complete them before
        # their visits copy their facts.
        self._merge_rows_of_new_people(batch, people_by_row, caches)
        visits = self._create_visits(visit_values, set(new_by_key.values()))
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

    def _create_visits(self, visit_values, new_person_ids=frozenset()):
        """Create visits not already in the register (re-imports add nothing).

        :param new_person_ids: people created by this batch: they have no
            visit yet, so their rows are only checked against each other
        """
        if not visit_values:
            return self.env["baom.visit"]
        known_ids = {values["beneficiary_id"] for values in visit_values}
        known_ids -= new_person_ids
        existing = set()
        if known_ids:
            existing = {
                (visit.beneficiary_id.id, visit.visit_date)
                for visit in self.env["baom.visit"]
                .with_context(active_test=False)
                .search_fetch(
                    [("beneficiary_id", "in", list(known_ids))],
                    ["beneficiary_id", "visit_date"],
                )
            }
        fresh = []
        Beneficiary = self.env["baom.beneficiary"]
        for values in visit_values:
            key = (values["beneficiary_id"], values["visit_date"])
            if key not in existing:
                existing.add(key)
                person = Beneficiary.browse(values["beneficiary_id"])
                values.update(self._computed_visit_values(person, values))
                fresh.append(values)
        return self.env["baom.visit"]._bulk_create(fresh)

    def _computed_visit_values(self, person, values):
        """What a new visit of ``person`` computes and stores, given in its
        create values so that the INSERT holds it and no UPDATE follows (the
        ORM still computes and would rewrite a value that differed)."""
        return {
            "company_id": self.office_id.company_id.id,
            "gender": person.gender,
            "profile": person.profile,
        }

    def _after_batch(self, batch, people_by_row, caches):
        """Hook for addons that create more records per row (cases...).

        :param people_by_row: {sheet row number: beneficiary id} of the batch
        """
        self._report_batch(batch, people_by_row, caches)

    # ------------------------------------------------------------
    # REPORT, KEPT COLUMNS AND MERGED VALUES
    # ------------------------------------------------------------

    @api.depends("column_ids.field_key", "column_ids.header")
    def _compute_unmapped_columns(self):
        for wizard in self:
            wizard.unmapped_columns = ", ".join(
                line.header for line in wizard.column_ids if not line.field_key
            )

    def action_open_report(self):
        """Every row of the workbook and what the import did with it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import Report: %(file)s", file=self.filename or ""),
            "res_model": "baom.beneficiary.import.line",
            "view_mode": "list",
            "views": [(False, "list")],
            "domain": [("import_id", "=", self.id)],
            "target": "current",
        }

    def _parse_reasons(self):
        """{normalize.ParseError code: translated reason}: the pure modules
        speak English, the officer reads their own language."""
        return {
            "out_of_range": self.env._(
                "year outside %(min)s–%(max)s",
                min=normalize.MIN_YEAR,
                max=normalize.MAX_YEAR,
            ),
            "overflow": self.env._("date out of range"),
            "impossible_date": self.env._("impossible date"),
            "not_a_date": self.env._("not a date"),
            "future_date": self.env._("birth date in the future"),
            "not_a_phone": self.env._("not a phone number"),
            "invalid_phone": self.env._("not a valid phone number"),
            "unknown_gender": self.env._(
                "unknown gender (expected F/M, Femme/Homme, أنثى/ذكر)"
            ),
            "unknown_country": self.env._("unknown country"),
            "ambiguous_profile": self.env._("could mean several beneficiary types"),
            "unknown_profile": self.env._("unknown beneficiary type"),
            "invalid_email": self.env._("invalid e-mail address"),
        }

    def _sheet_warning_message(self, warning):
        """A spreadsheet.SheetWarning in the officer's language."""
        if warning.code == "error_value":
            return self.env._(
                "Excel error value %(value)s read as empty.", value=warning.value
            )
        if warning.code == "no_cached_value":
            return self.env._(
                "Formula without a saved result read as empty: open the file in "
                "Excel and save it again."
            )
        if warning.code == "invalid_date":
            return self.env._(
                "Invalid date %(value)s read as a number.", value=warning.value
            )
        return warning.message

    def _note_columns(self):
        """{column index: title} of the columns kept in the person's notes."""
        return {
            line.column_index: line.header
            for line in self.column_ids
            if not line.field_key and line.unmapped_choice == "note"
        }

    @staticmethod
    def _with_kept_notes(facts, cells, note_columns):
        kept = tuple(
            (title, rows.cell_text(cells[index]))
            for index, title in note_columns.items()
            if index < len(cells) and rows.cell_text(cells[index])
        )
        return facts._replace(kept_notes=kept) if kept else facts

    def _apply_column_choices(self):
        """Columns filling no field: the office's last choice, else kept in notes."""
        remembered = self.office_id.sudo().import_column_choices or {}
        for line in self.column_ids:
            choice = remembered.get(names.fold(line.header or ""))
            if choice in ("note", "ignore"):
                line.unmapped_choice = choice

    def _remember_column_choices(self):
        remembered = dict(self.office_id.sudo().import_column_choices or {})
        for line in self.column_ids.filtered(lambda line: not line.field_key):
            remembered[names.fold(line.header or "")] = line.unmapped_choice or "note"
        self.office_id.sudo().import_column_choices = remembered

    def _note_lines(self, facts):
        """[(title, text)] the row brings for the person's notes: the kept
        columns, and the Notes column when no visit receives it."""
        lines = list(facts.kept_notes)
        if facts.notes and not facts.visit_date:
            lines.append((self.env._("Notes"), facts.notes))
        return lines

    def _import_note(self, lines, caches, current=None):
        """Notes HTML with ``lines`` ([text]) under today's import title,
        appended to ``current``; None when every line is already there."""
        current = current or ""
        fresh = [line for line in lines if str(escape(line)) not in current]
        if not fresh:
            return None
        if "note_title" not in caches:
            caches["note_title"] = self.env._(
                "Imported on %(date)s from %(file)s:",
                date=format_date(self.env, fields.Date.context_today(self)),
                file=self.filename or "",
            )
        paragraph = Markup("<p>%s</p><ul>%s</ul>") % (
            caches["note_title"],
            Markup("").join(Markup("<li>%s</li>") % line for line in fresh),
        )
        return Markup(current) + paragraph if current else paragraph

    def _prepare_import_note_values(self, facts, caches=None):
        """Year-only birth date and notes of a person created from a row."""
        values = {"birth_year_only": facts.birth_year_only}
        lines = [f"{title}: {text}" for title, text in self._note_lines(facts)]
        if lines:
            values["note"] = self._import_note(lines, {} if caches is None else caches)
        return values

    def _merge_import_extras(self, person, facts, incoming, updates, caches):
        """What a merged row brings beyond the blanks: a birth date made more
        precise, and differing values and kept columns in the notes (never
        overwritten silently). Records what was done for the report."""
        updates.pop("note", None)
        updates.pop("birth_year_only", None)
        Beneficiary = self.env["baom.beneficiary"]
        labels = caches.setdefault("merge_labels", {})

        def label(name):
            if name not in labels:
                labels[name] = Beneficiary._fields[name]._description_string(self.env)
            return labels[name]

        if "birth_date" in updates:
            updates["birth_year_only"] = facts.birth_year_only
        elif (
            person.birth_date
            and facts.birth_date
            and person.birth_year_only
            and not facts.birth_year_only
            and person.birth_date.year == facts.birth_date.year
        ):
            # "1990" in the file, 12/03/1990 in the workbook: now we know.
            updates.update(birth_date=facts.birth_date, birth_year_only=False)
        differing = []
        for name in MERGE_COMPARED:
            if name in updates:
                continue
            shown = self._differing_value(person, facts, name, incoming.get(name))
            if shown:
                differing.append(
                    (
                        name,
                        self.env._(
                            "%(field)s: “%(value)s” in the workbook, “%(current)s” "
                            "in the file.",
                            field=label(name),
                            value=shown[0],
                            current=shown[1],
                        ),
                    )
                )
        kept = self._note_lines(facts)
        note = self._import_note(
            [text for _name, text in differing]
            + [f"{title}: {text}" for title, text in kept],
            caches,
            person.note,
        )
        if note:
            updates["note"] = note
        caches.setdefault("merge_report", {})[id(facts)] = (
            [
                label(name)
                for name in updates
                if name
                not in (
                    "import_to_review",
                    "import_review_note",
                    "note",
                    "birth_year_only",
                )
            ],
            [label(name) for name, _text in differing] + [title for title, _ in kept],
            "import_review_note" in updates,
        )

    def _differing_value(self, person, facts, name, value):
        """(row's value, file's value) as shown, when both are known and
        differ; None otherwise."""
        current = person[name]
        if not value or not current:
            return None
        if name == "birth_date":
            year_only = facts.birth_year_only or person.birth_year_only
            if value == current or (year_only and value.year == current.year):
                return None
            shown = str(value.year) if facts.birth_year_only else None
            return shown or format_date(self.env, value), person.birth_date_display
        if name == "name_ar":
            return (
                None if names.fold(value) == names.fold(current) else (value, current)
            )
        if isinstance(current, models.BaseModel):
            if current.id == value:
                return None
            return current.browse(value).display_name, current.display_name
        if value == current:
            return None
        field = person._fields[name]
        if field.type == "selection":
            labels = dict(field._description_selection(self.env))
            return labels.get(value, value), labels.get(current, current)
        return value, current

    def _merge_rows_of_new_people(self, batch, people_by_row, caches):
        """A later row of a person created from this workbook fills what the
        first row left blank, as a row merged into an older file does."""
        Beneficiary = self.env["baom.beneficiary"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        prefetch = Beneficiary.browse(people_by_row.values())._prefetch_ids
        for kind, item in batch:
            if kind == "merge" and isinstance(item["target"], str):
                person = Beneficiary.browse(people_by_row[item["row"]]).with_prefetch(
                    prefetch
                )
                updates = self._merge_values(person, item["facts"], caches)
                if updates:
                    person.write(updates)

    @staticmethod
    def _row_label(facts):
        latin = " ".join(filter(None, [facts.first_name, facts.last_name]))
        return latin or facts.name_ar or False

    def _report_batch(self, batch, people_by_row, caches):
        """One report line per row of the batch, in one create."""
        merge_report = caches.get("merge_report", {})
        values = []
        for kind, item in batch:
            facts = item["facts"]
            details = []
            if kind == "create":
                review = self._review_note(facts, caches)
                if review:
                    details.append(review)
                kept = [title for title, _text in self._note_lines(facts)]
            else:
                target = item["target"]
                if isinstance(target, str):
                    details.append(
                        self.env._(
                            "Same person as row %(row)s of this workbook.",
                            row=target.removeprefix("row"),
                        )
                    )
                filled, kept, review = merge_report.pop(id(facts), ([], [], False))
                if filled:
                    details.append(
                        self.env._("Filled in: %(fields)s.", fields=", ".join(filled))
                    )
                if review:
                    details.append(self.env._("Marked To review."))
            if kept:
                details.append(
                    self.env._("Kept in the notes: %(items)s.", items=", ".join(kept))
                )
            values.append(
                {
                    "import_id": self.id,
                    "row_number": item["row"],
                    "result": "created" if kind == "create" else "merged",
                    "name": self._row_label(facts),
                    "beneficiary_id": people_by_row.get(item["row"]),
                    "to_review": bool(review),
                    "message": "\n".join(details) or False,
                }
            )
        self.env["baom.beneficiary.import.line"]._bulk_create(values)

    def _report_rejected(self, rejected, plan):
        """Report lines of the rows refused, with their reason."""
        labels = {
            item["row"]: self._row_label(item["facts"])
            for item in itertools.chain(plan["create"], plan["merge"])
        }
        self.env["baom.beneficiary.import.line"].create(
            [
                {
                    "import_id": self.id,
                    "row_number": row,
                    "result": "rejected",
                    "name": labels.get(row, False),
                    "message": reason,
                }
                for row, _cells, reason in rejected
            ]
        )

    def _report_file_values(self):
        """The report as an .xlsx: the same lines as on screen, with links."""
        lines = self.line_ids.sorted(lambda line: (line.row_number, line.id))
        results = dict(lines._fields["result"]._description_selection(self.env))
        base_url = self.get_base_url()
        titles = [
            self.env._("Row"),
            self.env._("Result"),
            self.env._("Name in the Workbook"),
            self.env._("File"),
            self.env._("Link"),
            self.env._("Details"),
        ]
        table = [
            (
                line.row_number,
                results.get(line.result),
                line.name,
                line.beneficiary_id.display_name or None,
                (
                    f"{base_url}/odoo/baom.beneficiary/{line.beneficiary_id.id}"
                    if line.beneficiary_id
                    else None
                ),
                line.message or None,
            )
            for line in lines
        ]
        stem = (self.filename or "workbook").rsplit(".", 1)[0]
        return {
            "report_file": base64.b64encode(
                spreadsheet.write_report_xlsx(titles, table, link_column=4)
            ),
            "report_filename": f"{stem}-report.xlsx",
        }


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
        help="Leave empty if the column fills no registry field, then say "
        "whether its values are kept in the person's notes or ignored.",
    )
    unmapped_choice = fields.Selection(
        [("note", "Keep in the person's notes"), ("ignore", "Ignore")],
        "If No Field",
        default="note",
        help="What the import does with a column that fills no registry field; "
        "remembered for this office's next import.",
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


class BaomBeneficiaryImportLine(models.TransientModel):
    """What the import did with one row of the workbook.

    Transient on purpose, like the wizard: a lasting copy would keep the names
    of refused rows (people who are in no file) outside the registry, its
    rules and its retention. The officer keeps the downloadable report; the
    people created or merged are in the registry, marked To review if needed.
    """

    _name = "baom.beneficiary.import.line"
    _inherit = ["baom.bulk.create.mixin"]
    _description = "BAOM Import Report Line"
    _order = "row_number, id"

    import_id = fields.Many2one(
        "baom.beneficiary.import", required=True, ondelete="cascade", index=True
    )
    row_number = fields.Integer("Row", readonly=True)
    result = fields.Selection(
        [
            ("created", "Created"),
            ("merged", "Merged into a file"),
            ("rejected", "Rejected"),
        ],
        readonly=True,
        required=True,
    )
    name = fields.Char("Name in the Workbook", readonly=True)
    beneficiary_id = fields.Many2one("baom.beneficiary", "File", readonly=True)
    to_review = fields.Boolean(readonly=True)
    message = fields.Text("Details", readonly=True)

    def action_open_beneficiary(self):
        """The file this row created or was merged into."""
        self.ensure_one()
        return self.beneficiary_id._get_records_action()
