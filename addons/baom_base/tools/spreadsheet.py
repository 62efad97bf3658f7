"""Reading legacy workbooks: file type checks, streamed rows, header detection.

Nothing here trusts the file name: the type comes from the content, every
failure becomes a SpreadsheetError whose text can be shown to the officer, and
.xlsx sheets are streamed so a 100,000-row register never sits in memory.
"""

import io
import itertools
import re
import zipfile
from typing import NamedTuple

import openpyxl
import xlrd
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Font
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import CALENDAR_MAC_1904, from_excel, from_ISO8601
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse
from xlrd.compdoc import CompDoc

from .names import fold, is_arabic

MAX_BYTES = 20 * 1024 * 1024
# Declared uncompressed size allowed per byte of .xlsx: real registers stay
# near 10, a zip bomb is far above.
MAX_EXPANSION = 100
MIN_HEADER_HITS = 2

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ROW_TAG = f"{{{SHEET_MAIN_NS}}}row"
_VALUE_TAG = f"{{{SHEET_MAIN_NS}}}v"
_FORMULA_TAG = f"{{{SHEET_MAIN_NS}}}f"
_INLINE_STRING_TAG = f"{{{SHEET_MAIN_NS}}}is"
_STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"
_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_ASCII_DIGITS = "0123456789"
# Whether this openpyxl's read-only sheets give duration formats as
# timedeltas (3.1.x, not 3.0): _xlsx_values reads them the same way.
_READ_ONLY_TIMEDELTAS = (
    "_timedelta_formats" in ReadOnlyWorksheet._cells_by_row.__code__.co_names
)
_EXCEL_ERRORS = {
    "#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!",
    "#SPILL!", "#CALC!", "#GETTING_DATA",
}  # fmt: skip
_XLS_ERRORS = xlrd.error_text_from_code
_NO_CACHED_VALUE = (
    "Formula without a saved result read as empty: open the file in Excel "
    "and save it again."
)

HEADER_SYNONYMS = {
    "last_name": [
        "nom", "nom de famille", "noms", "patronyme", "last name", "surname",
        "family name", "الاسم العائلي", "النسب", "اللقب", "الاسم الأخير",
    ],
    "first_name": [
        "prénom", "prénoms", "first name", "given name", "forename",
        "الاسم الشخصي", "الاسم",
    ],
    "full_name": [
        "nom et prénom", "nom et prénoms", "prénom et nom", "nom prénom",
        "nom/prénom", "prénom/nom", "nom complet", "nom du bénéficiaire",
        "bénéficiaire", "full name", "name", "beneficiary", "beneficiary name",
        "الاسم الكامل", "الاسم والنسب", "الاسم و النسب", "الاسم الكامل للمستفيد",
    ],
    "name_ar": [
        "nom en arabe", "nom arabe", "nom et prénom en arabe", "nom (ar)",
        "arabic name", "name in arabic", "الاسم بالعربية", "الاسم بالعربي",
        "الاسم الكامل بالعربية",
    ],
    "birth_date": [
        "date de naissance", "date naissance", "naissance", "né le", "née le",
        "né(e) le", "année de naissance", "date of birth", "birth date",
        "birthdate", "dob", "year of birth", "تاريخ الازدياد", "تاريخ الميلاد",
        "تاريخ الولادة", "سنة الازدياد",
    ],
    "gender": ["sexe", "genre", "h/f", "f/h", "m/f", "sex", "gender", "الجنس"],
    "nationality": [
        "nationalité", "pays d'origine", "nationality", "citizenship",
        "country of origin", "الجنسية", "بلد الأصل",
    ],
    "country_residence": [
        "pays de résidence", "pays d'accueil", "pays de résidence actuel", "pays",
        "country of residence", "residence country", "country", "بلد الإقامة",
        "دولة الإقامة", "بلد الاقامة", "البلد",
    ],
    "phone": [
        "téléphone", "tél", "tel", "gsm", "portable", "mobile",
        "numéro de téléphone", "n° de téléphone", "phone", "phone number",
        "telephone", "الهاتف", "رقم الهاتف", "الهاتف المحمول",
    ],
    "email": [
        "email", "e-mail", "mail", "courriel", "adresse email",
        "adresse électronique", "البريد الإلكتروني",
    ],
    "profile": [
        "type de bénéficiaire", "type bénéficiaire", "profil", "catégorie",
        "type", "beneficiary type", "profile", "category", "الفئة",
        "نوع المستفيد", "صنف المستفيد", "الصنف",
    ],
    "id_number": [
        "cin", "n° cin", "cine", "numéro cin", "carte nationale", "passeport",
        "n° passeport", "numéro de passeport", "pièce d'identité",
        "n° pièce d'identité", "carte de séjour", "id number", "passport",
        "passport number", "identity document", "رقم البطاقة الوطنية",
        "البطاقة الوطنية", "رقم جواز السفر", "جواز السفر", "رقم الهوية",
    ],
    "need": [
        "demande", "besoin", "demande/besoin", "objet", "objet de la visite",
        "motif", "motif de la visite", "nature de la demande", "request", "need",
        "reason for visit", "الطلب", "الحاجة", "موضوع الطلب", "سبب الزيارة",
        "نوع الطلب",
    ],
    "visit_date": [
        "date d'accueil", "date de visite", "date de passage",
        "date de réception", "date", "visit date", "date of visit",
        "reception date", "تاريخ الاستقبال", "تاريخ الزيارة", "التاريخ",
    ],
    "outcome": [
        "suite donnée", "suites données", "suite", "suites", "orientation",
        "résultat", "réponse", "outcome", "follow-up", "action taken", "result",
        "الإجراء المتخذ", "التوجيه", "النتيجة", "الجواب",
    ],
    "notes": [
        "observations", "observation", "remarques", "remarque", "commentaire",
        "commentaires", "notes", "note", "comments", "remarks", "ملاحظات",
        "ملاحظة",
    ],
}  # fmt: skip

# Several columns may feed these fields; extract_fields joins them.
JOINABLE_FIELDS = {"name_ar", "need", "outcome", "notes"}
_NAME_FIELDS = {"last_name", "first_name", "full_name"}
# A title holding one of these is about someone else (Nom du père).
_OTHER_PERSON_WORDS = {
    "pere", "mere", "tuteur", "tutrice", "conjoint", "epoux", "epouse", "father",
    "mother", "guardian", "spouse", "agent", "officier", "accompagnant",
    "urgence", "emergency", "الاب", "الام", "الزوج", "الزوجه", "الولي",
}  # fmt: skip
_MAX_CONTAINMENT_WORDS = 6


class SpreadsheetError(Exception):
    """A workbook the import cannot use; str() is a message for the officer.

    code ("too_large", "empty_file", "not_spreadsheet", "unsupported_format",
    "encrypted", "corrupt", "sheet_not_found", "empty_sheet", "no_header") and
    params let the Odoo side show a translated message instead.
    """

    def __init__(self, code, message, **params):
        super().__init__(message)
        self.code = code
        self.params = params


class SheetWarning(NamedTuple):
    """Something read differently from what the officer sees (1-based row/col)."""

    row: int
    column: int
    message: str
    # "error_value", "no_cached_value" or "invalid_date", for the caller to
    # translate; ``value`` is the cell as read.
    code: str = ""
    value: str = ""


class SheetRows:
    """Rows of one sheet as tuples of cell values, from sheet row 1 on.

    Strings are stripped, empty cells are None, trailing empty cells are
    dropped (an empty row is ()). Warnings collect while iterating.
    """

    def __init__(
        self, sheet_name, file_format, datemode, rows, warnings, row_count=None
    ):
        self.sheet_name = sheet_name
        self.format = file_format  # "xlsx" or "xls"
        self.datemode = datemode  # for normalize.parse_date on bare serials
        self.warnings = warnings  # SheetWarning list, filled while iterating
        # Rows the file declares (an .xlsx's dimension, may be wrong), or
        # None: a hint for sizing work, never a limit on what is read.
        self.row_count = row_count
        self._rows = rows

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._rows)

    def close(self):
        """Release the workbook before the rows are exhausted."""
        self._rows.close()


def _warner(warnings):
    """Callback appending a SheetWarning to the given list."""

    def warn(row, column, message, code="", value=""):
        warnings.append(SheetWarning(row, column, message, code, str(value)))

    return warn


def _size_mb(size):
    return f"{size / 1024 / 1024:.1f}"


def _named(filename):
    """The file name as messages quote it after "The file", if there is one."""
    return f" {filename!r}" if filename else ""


def _looks_like_text(data):
    """Whether the start of the file is text (CSV, HTML saved as .xls...)."""
    return not any(b < 9 or 13 < b < 27 for b in data[:2048])


def _not_a_spreadsheet(data, filename):
    """The error for content that is no Excel workbook, with a useful hint."""
    hint = ""
    if _looks_like_text(data):
        hint = " It looks like a text file (CSV or a web page): save it as .xlsx."
    return SpreadsheetError(
        "not_spreadsheet",
        f"The file{_named(filename)} is not an Excel workbook (.xlsx or .xls).{hint}",
        filename=filename,
    )


def _ole2_stream_names(data):
    """Names in an OLE2 container's directory, empty when it is unreadable."""
    try:
        return {entry.name for entry in CompDoc(data, logfile=io.StringIO()).dirlist}
    except Exception:
        # A damaged container is reported later, when xlrd opens it.
        return set()


def _check_zip(data, filename):
    """Accept an .xlsx package, explain any other zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _corrupt(filename) from exc
    names = {info.filename.lower() for info in infos}
    if any(info.flag_bits & 0x1 for info in infos):
        raise _encrypted(filename)
    if any(name.endswith("workbook.bin") for name in names):
        raise SpreadsheetError(
            "unsupported_format",
            f"The file{_named(filename)} is an Excel binary workbook (.xlsb): "
            "save it as .xlsx.",
            filename=filename,
        )
    if "mimetype" in names and not any(n.endswith("workbook.xml") for n in names):
        raise SpreadsheetError(
            "unsupported_format",
            f"The file{_named(filename)} is an OpenDocument file (.ods): "
            "save it as .xlsx.",
            filename=filename,
        )
    if not any(name.endswith("workbook.xml") for name in names):
        raise _not_a_spreadsheet(data, filename)
    if sum(info.file_size for info in infos) > MAX_EXPANSION * max(len(data), 1024**2):
        raise _corrupt(filename)


def _corrupt(filename):
    return SpreadsheetError(
        "corrupt",
        f"The file{_named(filename)} is damaged and cannot be read: open it in Excel, "
        "save it again and retry.",
        filename=filename,
    )


def _encrypted(filename):
    return SpreadsheetError(
        "encrypted",
        f"The file{_named(filename)} is protected by a password: open it in Excel, "
        "remove the password (File > Info > Protect Workbook) and retry.",
        filename=filename,
    )


def detect_format(data, filename="", max_bytes=MAX_BYTES):
    """Return "xlsx" or "xls" from the content itself, or raise SpreadsheetError."""
    if not data:
        raise SpreadsheetError(
            "empty_file", f"The file{_named(filename)} is empty.", filename=filename
        )
    if len(data) > max_bytes:
        raise SpreadsheetError(
            "too_large",
            f"The file{_named(filename)} is {_size_mb(len(data))} MB, above the "
            f"{_size_mb(max_bytes)} MB limit: split it into smaller files.",
            filename=filename,
            size=len(data),
            limit=max_bytes,
        )
    if data.startswith(_OLE2_MAGIC):
        # Excel stores a password-protected .xlsx as an OLE2 container.
        if "EncryptedPackage" in _ole2_stream_names(data):
            raise _encrypted(filename)
        return "xls"
    if data.startswith(_ZIP_MAGIC):
        _check_zip(data, filename)
        return "xlsx"
    raise _not_a_spreadsheet(data, filename)


def _clean_value(value, warn, row, column):
    """Normalise one cell value, warning about Excel error values."""
    if isinstance(value, str):
        value = value.strip()
        if value in _EXCEL_ERRORS:
            warn(
                row, column, f"Error value {value} read as empty.", "error_value", value
            )
            return None
        return value or None
    return value


def _trimmed(values):
    """Tuple without its trailing empty cells."""
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return tuple(values[:end])


def _is_blank(value):
    """Whether a cell value shows nothing."""
    return value is None or (isinstance(value, str) and not value.strip())


def _has_data(rows):
    """Rows iterator back with its leading empty rows, or None if all are empty."""
    leading = []
    for row in rows:
        leading.append(row)
        # Formatted but empty cells still come as values (None).
        if not all(map(_is_blank, row)):
            return itertools.chain(leading, rows)
    return None


def _pick_sheet(sheets, sheet, filename):
    """(name, rows) of the named sheet, or of the first non-empty visible one."""
    if sheet is not None:
        found = [s for s in sheets if s[0] == sheet or fold(s[0]) == fold(sheet)]
        if not found:
            names = ", ".join(repr(s[0]) for s in sheets)
            raise SpreadsheetError(
                "sheet_not_found",
                f"The file{_named(filename)} has no sheet {sheet!r} (sheets: {names}).",
                filename=filename,
                sheet=sheet,
            )
        sheets = found
    # Hidden sheets often hold drop-down lists: visible ones first.
    for name, _hidden, make_rows in sorted(sheets, key=lambda s: s[1]):
        rows = _has_data(make_rows())
        if rows is not None:
            return name, rows
    what = f"The sheet {sheet!r}" if sheet is not None else "Every sheet"
    raise SpreadsheetError(
        "empty_sheet",
        f"{what} of the file{_named(filename)} is empty: there are no rows to import.",
        filename=filename,
        sheet=sheet,
    )


def _local_name(tag):
    """Tag without its namespace, as openpyxl matches child elements."""
    return tag.rpartition("}")[2]


def _run_text(run):
    """Text of a rich text run: its last <t>, None without one."""
    text = None
    for part in run:
        if _local_name(part.tag) == "t":
            text = part.text
    return text


def _shared_strings(source):
    """The shared strings table as openpyxl's read_string_table gives it: per
    <si>, its last <t> then the <t> of each run (phonetic runs left out)."""
    strings = []
    for _event, element in iterparse(source):
        if element.tag != _STRING_TAG:
            continue
        if len(element) == 1 and element[0].tag == _TEXT_TAG:
            # The usual <si><t>text</t></si>.
            text = element[0].text or ""
        else:
            plain, runs = None, []
            for child in element:
                name = _local_name(child.tag)
                if name == "t":
                    plain = child.text
                elif name == "r" and (run := _run_text(child)) is not None:
                    runs.append(run)
            text = (plain or "") + "".join(runs)
        strings.append(text.replace("x005F_", ""))
        element.clear()
    return strings


class _WorkbookReader(ExcelReader):
    """openpyxl's workbook reader with a leaner shared strings table: openpyxl
    builds several objects per string, a tenth of an import's reading."""

    def read_strings(self):
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with self.archive.open(part.PartName[1:]) as source:
                self.shared_strings = _shared_strings(source)


def _load_xlsx(data, filename, data_only):
    """Open an .xlsx read-only (streamed), as openpyxl.load_workbook does."""
    try:
        reader = _WorkbookReader(io.BytesIO(data), read_only=True, data_only=data_only)
        reader.read()
        return reader.wb
    except Exception as exc:
        # openpyxl fails on damaged parts with many exception types.
        raise _corrupt(filename) from exc


class _FormulaRow(tuple):
    """Values of a row holding formulas Excel never computed.

    ``no_cached`` lists their columns (1-based).
    """

    no_cached = ()


def _cast_number(text):
    """A number cell's text as int or float, as openpyxl reads it."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _xlsx_values(worksheet):
    """Raw value rows of a read-only worksheet, from row 1 and column 1.

    The values openpyxl's ``iter_rows(values_only=True)`` gives once the
    declared dimension is reset (some writers declare a wrong one, which
    would cut rows short): a missing row is (), a row is as wide as its last
    cell, formulas give their cached value. Read in one pass over the
    sheet's XML, with the workbook's shared strings, date styles and epoch
    as openpyxl loaded them, instead of several openpyxl calls per cell
    (most of the time an import spends reading a sheet). A row holding a
    formula without a cached value comes as a _FormulaRow.
    """
    workbook = worksheet.parent
    strings = worksheet._shared_strings
    epoch = workbook.epoch
    date_styles = workbook._date_formats
    timedelta_styles = workbook._timedelta_formats if _READ_ONLY_TIMEDELTAS else ()
    columns = {}  # column letters -> column number
    styles = {}  # s attribute -> (date style, duration style)
    expected = 1  # the next row number to give
    row_number = 0
    with worksheet._get_source() as source:
        for _event, element in iterparse(source):
            if element.tag != _ROW_TAG:
                continue
            row_number = _row_number(element.get("r"), row_number)
            cells, formulas = [], []
            column = 0
            for cell in element:
                if coordinate := cell.get("r"):
                    letters = coordinate.rstrip(_ASCII_DIGITS)
                    if len(letters) == len(coordinate) or letters not in columns:
                        column = _column(coordinate, columns)
                    else:
                        column = columns[letters]
                else:
                    column += 1
                style = cell.get("s")
                kind = styles.get(style) or _style_kind(
                    style, styles, date_styles, timedelta_styles
                )
                data_type = cell.get("t", "n")
                if data_type == "s":
                    # Most text comes from the shared strings table.
                    value = cell.findtext(_VALUE_TAG, None)
                    value = strings[int(value)] if value else None
                else:
                    value = _cell_value(cell, data_type, kind, strings, epoch)
                if value is None and cell.find(_FORMULA_TAG) is not None:
                    formulas.append(len(cells))
                cells.append((column, value))
            element.clear()
            while expected < row_number:
                expected += 1
                yield ()
            if expected > row_number:
                # A row number already given (rows out of order): skipped.
                continue
            expected += 1
            yield _row_values(cells, formulas)


def _style_kind(style, styles, date_styles, timedelta_styles):
    """(date style, duration style) of a cell's s attribute, remembered."""
    # openpyxl's reading of the attribute, "0" and "" included.
    style_id = int(style) if style else (0 if style is None else "")
    kind = styles[style] = (style_id in date_styles, style_id in timedelta_styles)
    return kind


def _row_number(attribute, previous):
    """Number of a <row>: its r attribute, else the one after the previous."""
    if attribute is None:
        return previous + 1
    try:
        return int(attribute)
    except ValueError:
        number = float(attribute)
        if not number.is_integer():
            raise ValueError(f"{attribute} is not a valid row number") from None
        return int(number)


def _column(coordinate, columns):
    """Column number of a cell reference (B12 -> 2), cached per letters."""
    letters = coordinate.rstrip(_ASCII_DIGITS)
    if len(letters) < len(coordinate) and letters in columns:
        return columns[letters]
    column = coordinate_to_tuple(coordinate)[1]
    if len(letters) < len(coordinate):
        columns[letters] = column
    return column


def _cell_value(cell, data_type, kind, strings, epoch):
    """Python value of one <c> element, as openpyxl reads it (data only)."""
    if data_type == "inlineStr":
        child = cell.find(_INLINE_STRING_TAG)
        if child is None:
            return None
        if len(child) == 1 and child[0].tag == _TEXT_TAG:
            # The usual <is><t>text</t></is> (what openpyxl itself writes).
            return child[0].text or ""
        return Text.from_tree(child).content
    value = cell.findtext(_VALUE_TAG, None) or None
    if value is None:
        return None
    if data_type == "n":
        value = _cast_number(value)
        if kind[0]:
            try:
                return from_excel(value, epoch, timedelta=kind[1])
            except (OverflowError, ValueError):
                # openpyxl reads it as an error value.
                return "#VALUE!"
        return value
    if data_type == "s":
        return strings[int(value)]
    if data_type == "b":
        return bool(int(value))
    if data_type == "d":
        return from_ISO8601(value)
    # "str", "e" (#N/A...) and unknown types keep their text.
    return value


def _row_values(cells, formulas):
    """Tuple of a row's values from its (column, value) cells, as wide as its
    last cell (the last cell of a column wins); a _FormulaRow when the cells
    at the ``formulas`` positions hold formulas without a cached value."""
    if not cells:
        return ()
    width = cells[-1][0]
    values = [None] * width
    for column, value in cells:
        if column <= width:
            values[column - 1] = value
    if not formulas:
        return tuple(values)
    no_cached = {}
    for position, (column, _value) in enumerate(cells):
        if column <= width:
            no_cached[column] = position in formulas
    if not any(no_cached.values()):
        return tuple(values)
    row = _FormulaRow(values)
    row.no_cached = tuple(sorted(c for c, formula in no_cached.items() if formula))
    return row


def _xlsx_rows(data, filename, sheet):
    """SheetRows of an .xlsx, streamed; formulas give their cached values."""
    workbook = _load_xlsx(data, filename, data_only=True)
    sheets = [
        (ws.title, ws.sheet_state != "visible", lambda ws=ws: _xlsx_values(ws))
        for ws in workbook.worksheets
    ]
    try:
        name, values = _pick_sheet(sheets, sheet, filename)
    except Exception as exc:
        workbook.close()
        if isinstance(exc, SpreadsheetError):
            raise
        # Peeking at the first rows already parses the sheet.
        raise _corrupt(filename) from exc
    datemode = int(workbook.epoch == CALENDAR_MAC_1904)
    warnings = []
    rows = _xlsx_cleaned(values, _warner(warnings))
    row_count = next(ws.max_row for ws in workbook.worksheets if ws.title == name)
    return SheetRows(
        name,
        "xlsx",
        datemode,
        _guarded(rows, filename, [workbook.close]),
        warnings,
        row_count,
    )


def _xlsx_cleaned(values, warn):
    """Clean rows, warning about formulas Excel never computed."""
    for row_number, row in enumerate(values, start=1):
        cleaned = [
            (value.strip() or None) if isinstance(value, str) else value
            for value in row
        ]
        if not _EXCEL_ERRORS.isdisjoint(cleaned):
            # Rare: read again cell by cell for the warnings.
            cleaned = [
                _clean_value(value, warn, row_number, column)
                for column, value in enumerate(row, start=1)
            ]
        cleaned = _trimmed(cleaned)
        # Template rows full of formulas but no data are skipped by the import:
        # warning about them would only bury the useful warnings.
        if cleaned:
            for column in row.no_cached if type(row) is _FormulaRow else ():
                warn(row_number, column, _NO_CACHED_VALUE, "no_cached_value")
        yield cleaned


def _guarded(rows, filename, closers):
    """Turn parser failures while streaming into SpreadsheetError; release files."""
    try:
        yield from rows
    except SpreadsheetError:
        raise
    except Exception as exc:
        # A damaged sheet part only fails once the stream reaches it.
        raise _corrupt(filename) from exc
    finally:
        for close in closers:
            close()


def _xls_cell(ctype, value, datemode, warn, row, column):
    """Python value of one xlrd cell (its type and raw value)."""
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if ctype == xlrd.XL_CELL_TEXT:
        return _clean_value(value, warn, row, column)
    if ctype == xlrd.XL_CELL_NUMBER:
        return int(value) if value == int(value) else value
    if ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            warn(
                row,
                column,
                f"Invalid date {value!r} read as a number.",
                "invalid_date",
                value,
            )
            return value
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    error = _XLS_ERRORS.get(value)
    warn(row, column, f"Error value {error} read as empty.", "error_value", error)
    return None


def _open_xls(data, filename):
    """Open a legacy .xls with xlrd, sheets loaded on demand."""
    try:
        return xlrd.open_workbook(
            file_contents=data, on_demand=True, logfile=io.StringIO()
        )
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise _encrypted(filename) from exc
        if "can't find workbook" in str(exc).lower():
            raise _not_a_spreadsheet(data, filename) from exc
        raise _corrupt(filename) from exc
    except Exception as exc:
        raise _corrupt(filename) from exc


def _xls_raw_rows(book, index):
    """(cell types, raw values) of every row of one .xls sheet: xlrd's own
    lists, without an xlrd Cell object per cell."""
    sheet = book.sheet_by_index(index)
    for row in range(sheet.nrows):
        yield sheet.row_types(row), sheet.row_values(row)


def _xls_rows(data, filename, sheet):
    """SheetRows of an .xls (the format caps sheets at 65,536 rows)."""
    book = _open_xls(data, filename)
    warnings = []
    warn = _warner(warnings)

    def make_rows(index):
        return _xls_cleaned(_xls_raw_rows(book, index), book.datemode, warn)

    try:
        sheets = [
            (name, book.sheet_by_index(i).visibility != 0, lambda i=i: make_rows(i))
            for i, name in enumerate(book.sheet_names())
        ]
        name, rows = _pick_sheet(sheets, sheet, filename)
    except Exception as exc:
        book.release_resources()
        if isinstance(exc, SpreadsheetError):
            raise
        raise _corrupt(filename) from exc
    row_count = book.sheet_by_name(name).nrows
    rows = _guarded(rows, filename, [book.release_resources])
    return SheetRows(name, "xls", book.datemode, rows, warnings, row_count)


def _xls_cleaned(cells, datemode, warn):
    """Python values of .xls rows."""
    text, number = xlrd.XL_CELL_TEXT, xlrd.XL_CELL_NUMBER
    for row_number, (types, values) in enumerate(cells, start=1):
        row = []
        for column, (ctype, value) in enumerate(
            zip(types, values, strict=True), start=1
        ):
            # Text and numbers, most cells, without a call each.
            if ctype == text and (value := value.strip()) not in _EXCEL_ERRORS:
                row.append(value or None)
            elif ctype == number:
                row.append(int(value) if value == int(value) else value)
            else:
                row.append(_xls_cell(ctype, value, datemode, warn, row_number, column))
        yield _trimmed(row)


def open_rows(data, filename, max_bytes=MAX_BYTES, sheet=None):
    """SheetRows of the named sheet, or of the first non-empty one.

    Checks happen before returning: size, real type (not the extension),
    password, damage, empty sheets all raise SpreadsheetError here.
    """
    if detect_format(data, filename, max_bytes) == "xlsx":
        return _xlsx_rows(data, filename, sheet)
    return _xls_rows(data, filename, sheet)


def _header_key(text, keep_parenthesis=True):
    """Folded header text with punctuation reduced to spaces (and slashes)."""
    text = fold(text)
    if not keep_parenthesis:
        text = re.sub(r"\(.*?\)", " ", text)
    text = re.sub(r"\bn\s*[°º]|\bno\.", " ", text).replace("&", " et ")
    text = re.sub(r"[^\w/]+", " ", text)
    return re.sub(r"\s*/\s*", "/", " ".join(text.split())).strip("/")


_SYNONYM_FIELDS = {
    _header_key(synonym): field
    for field, synonyms in HEADER_SYNONYMS.items()
    for synonym in synonyms
}
_SYNONYMS_BY_FIRST_WORD = {}
for _synonym in _SYNONYM_FIELDS:
    _first_word = re.split("[ /]", _synonym)[0]
    _SYNONYMS_BY_FIRST_WORD.setdefault(_first_word, []).append(_synonym)


def _contained_field(key):
    """Field of the longest synonym found as whole words inside a short title."""
    words = re.split("[ /]", key)
    if len(words) > _MAX_CONTAINMENT_WORDS:
        return None
    found = [
        synonym
        for word in set(words)
        for synonym in _SYNONYMS_BY_FIRST_WORD.get(word, ())
        if re.search(rf"(?<![\w/]){re.escape(synonym)}(?![\w/])", key)
    ]
    return _SYNONYM_FIELDS[max(found, key=len)] if found else None


def header_field(text):
    """Field key for one column title, or None when it is not recognised."""
    if not isinstance(text, str) or not text.strip():
        return None
    key = _header_key(text)
    if key in _SYNONYM_FIELDS:
        return _SYNONYM_FIELDS[key]
    if set(re.split("[ /]", key)) & _OTHER_PERSON_WORDS:
        return None
    key = _header_key(text, keep_parenthesis=False)
    if key in _SYNONYM_FIELDS:
        return _SYNONYM_FIELDS[key]
    if "/" in key:
        fields = {_SYNONYM_FIELDS.get(part) for part in key.split("/")} - {None}
        if len(fields) == 1:
            return fields.pop()
    return _contained_field(key)


def map_headers(header_cells):
    """{column index (0-based): field key} for a row of column titles.

    Each field takes one column (the leftmost), except JOINABLE_FIELDS. When a
    sheet titles name columns in Latin and in Arabic (Nom | Prénom | الاسم),
    the Arabic-titled name columns hold the Arabic-script name: name_ar.
    """
    fields = {i: header_field(cell) for i, cell in enumerate(header_cells)}
    arabic = {i for i, field in fields.items() if field and is_arabic(header_cells[i])}
    bilingual = any(
        field in _NAME_FIELDS and i not in arabic for i, field in fields.items()
    )
    mapping, taken = {}, set()
    for column, field in fields.items():
        if bilingual and column in arabic and field in _NAME_FIELDS:
            field = "name_ar"
        if not field or (field in taken and field not in JOINABLE_FIELDS):
            continue
        mapping[column] = field
        taken.add(field)
    return mapping


def find_header(rows_iter, max_scan=30):
    """Locate the header among the first max_scan rows.

    Returns (header_row_index, {column: field}, remaining rows). The index is
    0-based in rows_iter (with open_rows: sheet row number - 1), so the first
    remaining row is sheet row header_row_index + 2. The row with the most
    recognised titles wins, which lets title rows and merged banners above it
    pass; fewer than MIN_HEADER_HITS recognised titles raises SpreadsheetError.
    """
    rows_iter = iter(rows_iter)
    scanned = list(itertools.islice(rows_iter, max_scan))
    best_index, best_mapping = None, {}
    for index, row in enumerate(scanned):
        mapping = map_headers(row)
        if len(set(mapping.values())) > len(set(best_mapping.values())):
            best_index, best_mapping = index, mapping
    if len(set(best_mapping.values())) < MIN_HEADER_HITS:
        raise SpreadsheetError(
            "no_header",
            f"No row of column titles found in the first {max_scan} rows. Put "
            "titles such as Nom, Prénom, Date de naissance, Téléphone above "
            "the data.",
            max_scan=max_scan,
        )
    remaining = itertools.chain(scanned[best_index + 1 :], rows_iter)
    return best_index, best_mapping, remaining


def extract_fields(row, mapping):
    """{field: value} of one data row; joinable fields joined with a space."""
    values = {}
    for column, field in mapping.items():
        value = row[column] if column < len(row) else None
        if value is None:
            continue
        if field in JOINABLE_FIELDS and field in values:
            values[field] = f"{values[field]} {value}"
        else:
            values[field] = value
    return values


def _safe_cell(sheet, value):
    """Write-only cell that Excel shows exactly as read (never as a formula)."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        # The rejected file may be reopened by anyone: no formula injection.
        cell.data_type = "s"
    return cell


def write_rejected_xlsx(header, rows):
    """Bytes of an .xlsx with the header, then each (row, reason), Reason last.

    The columns stay those of the source file so that, once corrected, the
    file can be imported again.
    """
    rows = [(tuple(cells), reason) for cells, reason in rows]
    width = max([len(header)] + [len(cells) for cells, _reason in rows])
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Rejected")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    titles = list(header) + [None] * (width - len(header)) + ["Reason"]
    title_cells = [_safe_cell(sheet, title) for title in titles]
    for cell in title_cells:
        cell.font = bold
    sheet.append(title_cells)
    for cells, reason in rows:
        padded = list(cells) + [None] * (width - len(cells)) + [reason]
        sheet.append([_safe_cell(sheet, value) for value in padded])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def write_report_xlsx(titles, rows, link_column=None):
    """Bytes of an .xlsx with a bold title row, then ``rows`` (tuples of
    cells); cells of ``link_column`` (0-based) become clickable links."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Report")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    title_cells = [_safe_cell(sheet, title) for title in titles]
    for cell in title_cells:
        cell.font = bold
    sheet.append(title_cells)
    for values in rows:
        cells = [_safe_cell(sheet, value) for value in values]
        link = values[link_column] if link_column is not None else None
        if isinstance(link, str) and link.startswith(("https://", "http://")):
            cells[link_column].hyperlink = link
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
