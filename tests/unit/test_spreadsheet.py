import copy
import datetime
import io
import struct
import tracemalloc
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest
import xlrd
import xlwt
from baom_base_tools import spreadsheet
from baom_base_tools.spreadsheet import (
    HEADER_SYNONYMS,
    SpreadsheetError,
    extract_fields,
    find_header,
    header_field,
    map_headers,
    open_rows,
    write_rejected_xlsx,
)
from openpyxl.reader.strings import read_string_table
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HEADER = ["Nom", "Prénom", "Date de naissance", "Sexe", "Téléphone"]
ROW = ["El Amrani", "Mohamed", datetime.datetime(1961, 3, 12), "M", "0612345678"]


def _xlsx(*sheets, title="Feuil1"):
    """An .xlsx holding one sheet per list of rows."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for index, rows in enumerate(sheets):
        sheet = workbook.create_sheet(title if index == 0 else f"Feuil{index + 1}")
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _xls(rows):
    """A legacy .xls (BIFF8) of one sheet; dates get a date format."""
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("Feuil1")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write(r, c, value, date_style)
            elif value is not None:
                sheet.write(r, c, value)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _q(tag):
    """Qualified name of a SpreadsheetML element, as ElementTree spells it."""
    return f"{{{MAIN_NS}}}{tag}"


def _serialise(root):
    """The sheet's XML as the standard library writes it, with SpreadsheetML as
    the default namespace (what Excel and openpyxl do)."""
    root = copy.deepcopy(root)
    for element in root.iter():
        if element.tag.startswith(_q("")):
            element.tag = element.tag[len(_q("")) :]
    root.set("xmlns", MAIN_NS)
    return ElementTree.tostring(root)


def _rewrite_sheet(data, edit):
    """Copy of an .xlsx whose first sheet is parsed, given to ``edit`` (an
    ElementTree root changed in place) and serialised again by the standard
    library, so the result never depends on how openpyxl (with or without
    lxml) spelled the XML. ``edit`` may return bytes: the part's new text."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == SHEET:
                root = ElementTree.fromstring(content)
                content = edit(root, _serialise(root)) or _serialise(root)
            target.writestr(info, content)
    return output.getvalue()


def _set_dimension(data, ref):
    """Copy of an .xlsx whose first sheet declares the used range ``ref``."""

    def edit(root, _text):
        dimension = root.find(_q("dimension"))
        if dimension is None:
            # CT_Worksheet order: sheetPr?, dimension?, sheetViews?, ...
            position = 1 if root.find(_q("sheetPr")) is not None else 0
            dimension = ElementTree.Element(_q("dimension"))
            root.insert(position, dimension)
        dimension.set("ref", ref)

    return _rewrite_sheet(data, edit)


def _set_cached_value(data, cell, value):
    """Copy of an .xlsx where the formula in ``cell`` has a saved result."""

    def edit(root, _text):
        (element,) = [c for c in root.iter(_q("c")) if c.get("r") == cell]
        assert element.find(_q("f")) is not None, f"{cell} holds no formula"
        cached = element.find(_q("v"))
        if cached is None:
            cached = ElementTree.SubElement(element, _q("v"))
        cached.text = value

    return _rewrite_sheet(data, edit)


def _damage_sheet(data, old, new):
    """Copy of an .xlsx whose first sheet's XML (as the standard library
    serialises it) has ``old`` replaced by ``new``: a malformed part."""

    def edit(_root, text):
        assert old in text
        return text.replace(old, new, 1)

    return _rewrite_sheet(data, edit)


FREE, END, FAT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _cfb_entry(name, kind, right=NOSTREAM, child=NOSTREAM, start=END, size=0):
    """One 128-byte CFB directory entry."""
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded.ljust(64, b"\0"),
        len(encoded),
        kind,
        1,
        NOSTREAM,
        right,
        child,
        b"\0" * 16,
        0,
        0,
        0,
        start,
        size,
    )


def _cfb(streams):
    """Minimal OLE2 (CFB v3) container: 1 FAT sector, 1 directory sector, and
    streams of at least 4096 bytes so they live in regular sectors."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    assert len(names) <= 3 and all(len(streams[n]) >= 4096 for n in names)
    fat, body, entries = [FAT, END], b"", []
    for position, name in enumerate(names, start=1):
        payload = streams[name] + b"\0" * (-len(streams[name]) % 512)
        first, count = len(fat), len(payload) // 512
        fat += list(range(first + 1, first + count)) + [END]
        right = position + 1 if position < len(names) else NOSTREAM
        entries.append(_cfb_entry(name, 2, right, start=first, size=len(streams[name])))
        body += payload
    directory = _cfb_entry("Root Entry", 5, child=1) + b"".join(entries)
    directory += _cfb_entry("", 0) * (4 - len(entries) - 1)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,
        1,
        0,
        4096,
        END,
        0,
        END,
        0,
    ) + struct.pack("<109I", 0, *[FREE] * 108)
    fat_sector = struct.pack("<128I", *(fat + [FREE] * (128 - len(fat))))
    return header + fat_sector + directory + body


def _encrypted_xlsx():
    """What Excel writes for a password-protected .xlsx: an OLE2 container with
    EncryptionInfo (agile, version 4.4) and the EncryptedPackage."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0"?><encryption/>'
    package = struct.pack("<Q", 8000) + bytes(range(256)) * 32
    return _cfb(
        {"EncryptionInfo": info.ljust(4096, b"\0"), "EncryptedPackage": package}
    )


def _raises(code, data, filename="registre.xlsx", **kwargs):
    """The SpreadsheetError open_rows raises for data, checked for its code."""
    with pytest.raises(SpreadsheetError) as caught:
        list(open_rows(data, filename, **kwargs))
    assert caught.value.code == code, str(caught.value)
    return caught.value


# ------------------------------------------------------------
# header detection and mapping
# ------------------------------------------------------------


def test_header_found_under_title_rows_and_merged_cells():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "Registre des bénéficiaires du BAOM - Commune de Tiznit - 2023"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "Bénéficiaire"
    sheet.merge_cells("A2:C2")
    sheet["D2"] = "Contact"
    sheet.append([])
    sheet.append(["N°", *HEADER])
    sheet.append([1, *ROW])
    output = io.BytesIO()
    workbook.save(output)
    rows = open_rows(output.getvalue(), "registre.xlsx")
    index, mapping, remaining = find_header(rows)
    assert index == 3
    assert mapping == {
        1: "last_name",
        2: "first_name",
        3: "birth_date",
        4: "gender",
        5: "phone",
    }
    assert list(remaining) == [(1, *ROW)]


def test_arabic_headers_are_recognised():
    data = _xlsx(
        [
            ["الاسم العائلي", "الاسم الشخصي", "تاريخ الازدياد", "الجنس", "الهاتف"],
            ["العمراني", "محمد", "12/03/1961", "ذكر", "0612345678"],
        ]
    )
    _index, mapping, _rows = find_header(open_rows(data, "سجل.xlsx"))
    assert list(mapping.values()) == [
        "last_name",
        "first_name",
        "birth_date",
        "gender",
        "phone",
    ]


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("Nom", "last_name"),
        ("NOM DE FAMILLE", "last_name"),
        ("Surname", "last_name"),
        ("النسب", "last_name"),
        ("Prénom", "first_name"),
        ("prenom", "first_name"),
        ("First name", "first_name"),
        ("الإسم الشخصي", "first_name"),
        ("Nom et prénom", "full_name"),
        ("Nom & Prénom", "full_name"),
        ("Nom / Prénom", "full_name"),
        ("Full name", "full_name"),
        ("الاسم الكامل", "full_name"),
        ("Nom en arabe", "name_ar"),
        ("Nom (arabe)", "name_ar"),
        ("الاسم بالعربية", "name_ar"),
        ("Date de naissance", "birth_date"),
        ("Date de naissance (jj/mm/aaaa)", "birth_date"),
        ("Né(e) le", "birth_date"),
        ("Date of birth", "birth_date"),
        ("تاريخ الازدياد", "birth_date"),
        ("Sexe", "gender"),
        ("Genre", "gender"),
        ("H/F", "gender"),
        ("الجنس", "gender"),
        ("Nationalité", "nationality"),
        ("Nationality", "nationality"),
        ("الجنسية", "nationality"),
        ("Pays de résidence", "country_residence"),
        ("Pays de résidence actuel", "country_residence"),
        ("بلد الإقامة", "country_residence"),
        ("Téléphone", "phone"),
        ("Tél.", "phone"),
        ("Téléphone / GSM", "phone"),
        ("N° de téléphone", "phone"),
        ("رقم الهاتف", "phone"),
        ("E-mail", "email"),
        ("Courriel", "email"),
        ("Type de bénéficiaire", "profile"),
        ("Profil", "profile"),
        ("الفئة", "profile"),
        ("N° CIN", "id_number"),
        ("CIN / Passeport", "id_number"),
        ("رقم البطاقة الوطنية", "id_number"),
        ("Demande", "need"),
        ("Demande/Besoin", "need"),
        ("Besoin exprimé", "need"),
        ("الطلب", "need"),
        ("Date d'accueil", "visit_date"),
        ("Date", "visit_date"),
        ("تاريخ الاستقبال", "visit_date"),
        ("Suite donnée", "outcome"),
        ("Suites données", "outcome"),
        ("Outcome", "outcome"),
        ("Observations", "notes"),
        ("ملاحظات", "notes"),
    ],
)
def test_column_title_synonyms_in_three_languages(title, field):
    assert header_field(title) == field


@pytest.mark.parametrize(
    "title",
    [
        "N°",
        "Nom du père",
        "Téléphone de la mère",
        "Téléphone (tuteur)",
        "Total",
        "",
        None,
        12,
        "Reason",
    ],
)
def test_unrelated_titles_are_not_mapped(title):
    assert header_field(title) is None


def test_title_sentence_is_not_read_as_a_column():
    assert header_field("Liste des bénéficiaires reçus par le BAOM en 2023") is None


def test_every_field_key_has_synonyms():
    assert set(HEADER_SYNONYMS) == {
        "last_name",
        "first_name",
        "full_name",
        "name_ar",
        "birth_date",
        "gender",
        "nationality",
        "country_residence",
        "phone",
        "email",
        "profile",
        "id_number",
        "need",
        "visit_date",
        "outcome",
        "notes",
    }


def test_arabic_name_titles_next_to_latin_ones_become_name_ar():
    mapping = map_headers(["Nom", "Prénom", "الاسم العائلي", "الاسم الشخصي", "Sexe"])
    assert mapping == {
        0: "last_name",
        1: "first_name",
        2: "name_ar",
        3: "name_ar",
        4: "gender",
    }


def test_a_repeated_column_keeps_the_leftmost_except_joinable_ones():
    mapping = map_headers(["Nom", "Nom", "Remarques", "Observations"])
    assert mapping == {0: "last_name", 2: "notes", 3: "notes"}


def test_extract_fields_joins_joinable_columns():
    mapping = {0: "last_name", 1: "name_ar", 2: "name_ar", 3: "notes"}
    assert extract_fields(("Amrani", "محمد", "العمراني"), mapping) == {
        "last_name": "Amrani",
        "name_ar": "محمد العمراني",
    }


def test_no_recognisable_header_is_a_clear_error():
    data = _xlsx([["a", "b", "c"], [1, 2, 3]] * 20)
    with pytest.raises(SpreadsheetError, match="No row of column titles") as caught:
        find_header(open_rows(data, "registre.xlsx"))
    assert caught.value.code == "no_header"


def test_a_single_recognised_title_is_not_a_header():
    with pytest.raises(SpreadsheetError):
        find_header([["Nom", "Colonne 2"], ["Amrani", "x"]])


# ------------------------------------------------------------
# reading .xlsx and .xls
# ------------------------------------------------------------


def test_xlsx_rows_are_cleaned():
    data = _xlsx([HEADER, ["  Amrani ", "", None, "F", 612345678]])
    rows = open_rows(data, "registre.xlsx")
    assert list(rows) == [tuple(HEADER), ("Amrani", None, None, "F", 612345678)]
    assert (rows.sheet_name, rows.format, rows.datemode) == ("Feuil1", "xlsx", 0)


def test_xls_file_is_read_with_dates_and_numbers():
    data = _xls(
        [
            ["Liste 2019"],
            [],
            HEADER,
            [*ROW[:2], datetime.date(1961, 3, 12), "M", 612345678],
        ]
    )
    rows = open_rows(data, "registre.xls")
    index, mapping, remaining = find_header(rows)
    assert (index, len(mapping)) == (2, 5)
    assert list(remaining) == [
        ("El Amrani", "Mohamed", datetime.datetime(1961, 3, 12), "M", 612345678)
    ]
    assert rows.format == "xls"


def test_xls_cells_read_as_each_xlrd_cell_says():
    data = _xls(
        [
            HEADER,
            [" Amrani ", "", "#N/A", 12, 12.5, True, datetime.date(1961, 3, 12)],
            ["  ", 0, -3.0, " #DIV/0! ", False, None, "Saïd"],
            [],
            [None, None, 1e20, "06 12 34 56 78"],
        ]
    )
    book = xlrd.open_workbook(file_contents=data)
    sheet = book.sheet_by_index(0)
    warnings = []
    warn = spreadsheet._warner(warnings)
    expected = [
        spreadsheet._trimmed(
            [
                spreadsheet._xls_cell(
                    cell.ctype, cell.value, book.datemode, warn, number + 1, column
                )
                for column, cell in enumerate(sheet.row(number), start=1)
            ]
        )
        for number in range(sheet.nrows)
    ]
    rows = open_rows(data, "registre.xls")
    assert list(rows) == expected
    assert rows.warnings == warnings
    assert expected[1] == ("Amrani", None, None, 12, 12.5, True, expected[1][6])
    assert [(w.row, w.column, w.value) for w in warnings] == [
        (2, 3, "#N/A"),
        (3, 4, "#DIV/0!"),
    ]


def test_type_comes_from_content_not_extension():
    assert open_rows(_xlsx([HEADER]), "registre.xls").format == "xlsx"
    assert open_rows(_xls([HEADER]), "registre.xlsx").format == "xls"
    assert open_rows(_xls([HEADER]), "export").format == "xls"


def test_first_non_empty_sheet_is_used():
    rows = open_rows(_xlsx([], [[None], HEADER]), "registre.xlsx")
    assert rows.sheet_name == "Feuil2"
    assert list(rows) == [(), tuple(HEADER)]


def test_sheet_of_formatted_empty_cells_is_skipped():
    workbook = openpyxl.Workbook()
    workbook.active["A1"].font = openpyxl.styles.Font(bold=True)
    workbook.active["B2"].fill = openpyxl.styles.PatternFill("solid", "FFFF00")
    workbook.create_sheet("Données").append(HEADER)
    output = io.BytesIO()
    workbook.save(output)
    assert open_rows(output.getvalue(), "registre.xlsx").sheet_name == "Données"


def test_hidden_sheet_comes_after_visible_ones():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Listes", "Oui", "Non"])
    workbook.active.sheet_state = "hidden"
    workbook.create_sheet("Registre").append(HEADER)
    output = io.BytesIO()
    workbook.save(output)
    assert open_rows(output.getvalue(), "registre.xlsx").sheet_name == "Registre"


def test_rows_can_be_closed_before_the_end():
    rows = open_rows(_xlsx([HEADER, ROW, ROW]), "registre.xlsx")
    next(rows)
    rows.close()
    with pytest.raises(StopIteration):
        next(rows)


def test_named_sheet_is_used():
    data = _xlsx([HEADER, ROW], [["Nom", "Prénom"], ["Tazi", "Aicha"]])
    assert list(open_rows(data, "registre.xlsx", sheet="feuil2"))[1] == (
        "Tazi",
        "Aicha",
    )


def test_missing_named_sheet_lists_the_sheets():
    error = _raises("sheet_not_found", _xlsx([HEADER]), sheet="2024")
    assert "'Feuil1'" in str(error)


def test_wrong_declared_dimension_does_not_cut_rows():
    data = _set_dimension(_xlsx([HEADER, ROW]), "A1")
    assert len(list(open_rows(data, "registre.xlsx"))[1]) == 5


def test_declared_row_count_is_a_hint_only():
    rows = [HEADER, ROW, ROW]
    assert open_rows(_xlsx(rows), "registre.xlsx").row_count == 3
    assert open_rows(_xls(rows), "registre.xls").row_count == 3
    # Declared too small: the hint says so, every row is still read.
    wrong = open_rows(_set_dimension(_xlsx(rows), "A1"), "registre.xlsx")
    assert wrong.row_count == 1
    assert len(list(wrong)) == 3


def test_formula_gives_its_cached_value():
    data = _set_cached_value(
        _xlsx([HEADER, ["Amrani", "Said", "=DATE(1961,3,12)", "M", "=B2"]]),
        "E2",
        "0612345678",
    )
    rows = open_rows(data, "registre.xlsx")
    assert list(rows)[1] == ("Amrani", "Said", None, "M", 612345678)
    assert [(w.row, w.column) for w in rows.warnings] == [(2, 3)]


def test_formula_without_cached_value_is_empty_with_a_warning():
    rows = open_rows(_xlsx([HEADER, ["Amrani", "=A2", None, None, None]]), "r.xlsx")
    assert list(rows)[1] == ("Amrani",)
    (warning,) = rows.warnings
    assert (warning.row, warning.column) == (2, 2)
    assert "Formula without a saved result" in warning.message


def test_formula_rows_without_data_do_not_warn():
    rows = open_rows(
        _xlsx([HEADER, ROW, [None, None, None, None, None, "=A3"]]), "r.xlsx"
    )
    list(rows)
    assert rows.warnings == []


def test_excel_error_values_are_empty_with_a_warning():
    rows = open_rows(_xlsx([HEADER, ["Amrani", "#N/A"]]), "registre.xlsx")
    assert list(rows)[1] == ("Amrani",)
    assert rows.warnings[0].message == "Error value #N/A read as empty."


def _openpyxl_rows(data):
    """Rows of every sheet as openpyxl's own read-only reader gives them, each
    with the columns of formulas without a cached value (from a second,
    formula-mode reading): what spreadsheet._xlsx_values must give."""
    books = [
        openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=mode)
        for mode in (True, False)
    ]
    sheets = []
    for values_sheet, formula_sheet in zip(*(b.worksheets for b in books), strict=True):
        values_sheet.reset_dimensions()
        formula_sheet.reset_dimensions()
        rows = []
        for row, formulas in zip(
            values_sheet.iter_rows(values_only=True),
            formula_sheet.iter_rows(values_only=True),
            strict=True,
        ):
            no_cached = tuple(
                column
                for column, formula in enumerate(formulas, start=1)
                if formula is not None
                and (column > len(row) or row[column - 1] is None)
            )
            rows.append((tuple(row), no_cached))
        sheets.append(rows)
    return sheets


def _fast_rows(data):
    """The same rows as spreadsheet._xlsx_values reads them."""
    book = spreadsheet._load_xlsx(data, "registre.xlsx", data_only=True)
    return [
        [
            (tuple(row), getattr(row, "no_cached", ()))
            for row in spreadsheet._xlsx_values(ws)
        ]
        for ws in book.worksheets
    ]


def _styled_book(epoch=None):
    """An .xlsx whose styles 1-4 are datetime, duration, date and time formats."""
    workbook = openpyxl.Workbook()
    if epoch is not None:
        workbook.epoch = epoch
    workbook.active.append(
        [
            "x",
            datetime.datetime(2020, 1, 2, 3, 4),
            datetime.timedelta(hours=30),
            datetime.date(1961, 3, 12),
            datetime.time(10, 30),
        ]
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# Where a workbook declares its shared strings table: (closing tag, entry).
SHARED_STRINGS_PARTS = {
    "xl/_rels/workbook.xml.rels": (
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings" '
        b'Target="sharedStrings.xml"/>',
    ),
    "[Content_Types].xml": (
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="'
        b"application/vnd.openxmlformats-officedocument.spreadsheetml."
        b'sharedStrings+xml"/>',
    ),
}


def _with_sheet_data(data, sheet_data, strings=()):
    """Copy of an .xlsx whose first sheet's <sheetData> is replaced by the
    given XML and whose shared strings table holds ``strings``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    sst = (
        f'<sst xmlns="{MAIN_NS}">'
        + "".join(f"<si>{text}</si>" for text in strings)
        + "</sst>"
    )
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == SHEET:
                start = content.index(b"<sheetData")
                end = content.index(b"</sheetData>") + len(b"</sheetData>")
                content = content[:start] + sheet_data.encode() + content[end:]
            elif info.filename in SHARED_STRINGS_PARTS and strings:
                end, declaration = SHARED_STRINGS_PARTS[info.filename]
                content = content.replace(end, declaration + end)
            target.writestr(info, content)
        if strings:
            target.writestr("xl/sharedStrings.xml", sst)
    return output.getvalue()


# Every shape of cell and row the reader meets: shared, inline and rich text
# (phonetic runs left out), formula text, numbers, booleans, errors, dates by
# style (datetime, duration, date, time) and ISO dates, an out-of-range date
# serial, rows and cells without a reference, a gap, a row number given twice
# or as "5.0", cells out of order or repeated, formulas with and without a
# cached value, empty values, a lower-case reference.
EDGE_SHEET_DATA = """<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>
<c r="C1" t="inlineStr"><is><t xml:space="preserve"> Nom </t></is></c>
<c r="D1" t="inlineStr"><is><r><t>Pré</t></r><r><rPr><b/></rPr><t>nom</t></r>
<rPh sb="0" eb="1"><t>x</t></rPh></is></c><c r="E1" t="str"><v>calc</v></c>
<c r="F1" t="s"><v>2</v></c><c r="G1" t="inlineStr"><is><t/></is></c></row>
<row r="3"><c r="B3"><v>42</v></c><c r="A3"><v>1.0</v></c></row>
<row><c t="b"><v>0</v></c><c><v>1E3</v></c><c t="e"><v>#REF!</v></c>
<c t="b"><v>1</v></c><c><v>-7</v></c></row>
<row r="2"><c r="A2"><v>9</v></c></row>
<row r="5.0"><c r="A5" s="1"><v>43832.5</v></c><c r="B5" s="2"><v>1.25</v></c>
<c r="C5" s="3"><v>99999999999</v></c><c r="D5" t="d"><v>2021-03-04T05:06:07</v></c>
<c r="E5" s="0"><v>7</v></c><c r="F5" s=""><v>8</v></c><c r="G5" s="3"><v>22352</v></c>
<c r="H5" s="4"><v>0.4375</v></c><c r="I5" s="3"><v>59</v></c></row>
<row r="6"><c r="A6"><f>B6</f></c><c r="B6"><f>1+1</f><v>2</v></c>
<c r="C6" t="inlineStr"/><c r="D6"><v></v></c><c r="E6" t="s"><f>A1</f><v>1</v></c>
<c r="G6"><f t="shared" ref="G6:G7" si="0">A1</f></c><c r="C6"><v>3</v></c></row>
<row r="7"><c r="G7"><f t="shared" si="0"/></c></row>
<row r="8"/>
<row r="9"><c r="b9"><v>1</v></c><c r="AA9" t="inlineStr"><is><t>far</t></is></c></row>
</sheetData>"""
EDGE_STRINGS = ("<t>Amrani</t>", "<r><t>Sa</t></r><r><t>id</t></r>", "<t/>")


@pytest.mark.parametrize("epoch", [None, CALENDAR_MAC_1904])
def test_sheet_values_are_those_openpyxl_reads(epoch):
    data = _with_sheet_data(_styled_book(epoch), EDGE_SHEET_DATA, EDGE_STRINGS)
    expected = _openpyxl_rows(data)
    assert _fast_rows(data) == expected
    # The sheet really holds every case (the comparison is not vacuous).
    rows = [row for row, _no_cached in expected[0]]
    assert rows[0] == ("Amrani", "Said", " Nom ", "Prénom", "calc", "", "")
    assert rows[1] == ()
    assert rows[3] == (False, 1000.0, "#REF!", True, -7)
    assert isinstance(rows[4][0], datetime.datetime)
    assert isinstance(rows[4][6], datetime.datetime)
    assert rows[4][2] == "#VALUE!"
    # Row 6 ends with C6: G6 beyond it is dropped, as openpyxl does.
    assert [no_cached for _row, no_cached in expected[0]][5:7] == [(1,), (7,)]


@pytest.mark.parametrize(
    "items",
    [
        EDGE_STRINGS,
        (
            '<t xml:space="preserve">  Aït  Ouahmane </t>',
            "<t>a_x005F_x000D_b</t>",
            "",
            "<t>first</t><t>last</t>",
            '<r><rPr><b/><sz val="11"/></rPr><t>Ben</t></r><r><rPr><i/></rPr></r>'
            '<r><t xml:space="preserve"> Ali</t></r><rPh sb="0" eb="3"><t>x</t></rPh>'
            '<phoneticPr fontId="1"/>',
            "<t>plain</t><r><t>+run</t></r>",
            "<t>&lt;&amp;&gt; العمراني</t>",
        ),
    ],
)
def test_shared_strings_are_those_openpyxl_reads(items):
    sst = (
        f'<sst xmlns="{MAIN_NS}">'
        + "".join(f"<si>{text}</si>" for text in items)
        + "</sst>"
    ).encode()
    expected = read_string_table(io.BytesIO(sst))
    assert spreadsheet._shared_strings(io.BytesIO(sst)) == list(expected)
    assert len(expected) == len(items)


def test_workbooks_as_openpyxl_writes_them_read_the_same():
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(ROW)
    workbook.active.append([])
    workbook.active.append(["Tazi", "=A1", 12.5, True, "#N/A", datetime.time(9)])
    second = workbook.create_sheet("Feuil2")
    second["C3"] = "alone"
    second["A5"] = datetime.date(2001, 2, 3)
    output = io.BytesIO()
    workbook.save(output)
    data = output.getvalue()
    assert _fast_rows(data) == _openpyxl_rows(data)


def test_100000_row_xlsx_is_streamed_with_bounded_memory():
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Registre")
    sheet.append(["Date de naissance", "Téléphone"])
    # One value a row keeps the traced run short: what grows is per row.
    for number in range(100_000):
        sheet.append([1950 + number % 60])
    output = io.BytesIO()
    workbook.save(output)
    # Excel declares the used range up front; without it openpyxl reads the
    # sheet once more just to size it.
    data = _set_dimension(output.getvalue(), "A1:A100001")
    tracemalloc.start()
    try:
        _index, _mapping, remaining = find_header(open_rows(data, "big.xlsx"))
        count = sum(1 for _row in remaining)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 100_000
    # openpyxl's read-only parser keeps ~130 bytes per parsed row; keeping the
    # rows too would double this, a normal (not read-only) load takes > 100 MB.
    assert peak < 20 * 1024 * 1024, f"{peak / 1024 / 1024:.1f} MB"


# ------------------------------------------------------------
# bad input
# ------------------------------------------------------------


def test_empty_file_is_refused():
    _raises("empty_file", b"")


def test_file_over_the_size_limit_is_refused_before_parsing():
    error = _raises("too_large", b"x" * 2048, max_bytes=1024)
    assert error.params["limit"] == 1024
    assert "limit" in str(error)


def test_default_size_limit_is_20_mb():
    assert spreadsheet.MAX_BYTES == 20 * 1024 * 1024
    _raises("too_large", b"PK\x03\x04" + b"\0" * spreadsheet.MAX_BYTES)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    ],
)
def test_other_binary_files_are_not_spreadsheets(data):
    error = _raises("not_spreadsheet", data, filename="photo.xlsx")
    assert "not an Excel workbook" in str(error)


def test_csv_renamed_xls_gets_a_hint():
    error = _raises("not_spreadsheet", "Nom;Prénom\nAmrani;Saïd\n".encode(), "r.xls")
    assert "CSV" in str(error)


def test_zip_without_workbook_is_not_a_spreadsheet():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    _raises("not_spreadsheet", output.getvalue(), filename="lettre.xlsx")


def test_opendocument_spreadsheet_is_unsupported():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert ".ods" in str(_raises("unsupported_format", output.getvalue()))


def test_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_EXPANSION", 0)
    _raises("corrupt", _xlsx([HEADER, ROW]))


def test_truncated_xlsx_is_corrupt():
    data = _xlsx([HEADER, ROW])
    _raises("corrupt", data[: len(data) // 2])


def test_xlsx_with_damaged_sheet_is_corrupt():
    data = _damage_sheet(_xlsx([HEADER, ROW]), b"</sheetData>", b"")
    _raises("corrupt", data)


def test_xlsx_damaged_at_the_start_of_the_sheet_is_corrupt():
    data = _damage_sheet(_xlsx([HEADER, ROW]), b"<sheetData>", b"<sheetData><")
    _raises("corrupt", data)


def test_xls_with_garbage_body_is_corrupt():
    _raises("corrupt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 3000, "r.xls")


def test_password_protected_xlsx_is_detected():
    error = _raises("encrypted", _encrypted_xlsx(), filename="registre.xlsx")
    assert "password" in str(error)


def test_crafted_encrypted_container_is_a_valid_ole2_file():
    olefile = pytest.importorskip("olefile")
    container = olefile.OleFileIO(_encrypted_xlsx())
    assert container.exists("EncryptedPackage")
    assert container.get_size("EncryptionInfo") == 4096


def test_password_protected_xls_is_detected():
    data = _xls([HEADER, ROW])
    # Turn the workbook's WINDOWPROTECT record into FILEPASS, the record Excel
    # writes at the same place in an encrypted workbook.
    data = data.replace(b"\x19\x00\x02\x00", b"\x2f\x00\x02\x00", 1)
    _raises("encrypted", data, filename="registre.xls")


def test_ole2_file_without_workbook_is_not_a_spreadsheet():
    data = _cfb({"WordDocument": b"\0" * 4096})
    _raises("not_spreadsheet", data, filename="lettre.xls")


def test_workbook_with_only_empty_sheets_is_refused():
    _raises("empty_sheet", _xlsx([], [[None, None]]))


def test_empty_xls_is_refused():
    _raises("empty_sheet", _xls([]), filename="vide.xls")


def test_errors_never_leak_a_traceback_type():
    for data in (b"", b"PK\x03\x04garbage", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        with pytest.raises(SpreadsheetError):
            open_rows(data, "x.xlsx")


# ------------------------------------------------------------
# rejected rows file
# ------------------------------------------------------------


def _read_back(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()], sheet


def test_rejected_file_has_reason_last_and_original_columns():
    data = write_rejected_xlsx(
        ["Nom", "Prénom", "Téléphone"],
        [(("Amrani", "Said", "12345"), "Not a valid phone number: '12345'")],
    )
    values, _sheet = _read_back(data)
    assert values == [
        ["Nom", "Prénom", "Téléphone", "Reason"],
        ["Amrani", "Said", "12345", "Not a valid phone number: '12345'"],
    ]


def test_rejected_file_pads_short_rows_and_widens_for_long_ones():
    values, _sheet = _read_back(
        write_rejected_xlsx(["Nom"], [(("A",), "r1"), (("B", "extra"), "r2")])
    )
    assert values == [["Nom", None, "Reason"], ["A", None, "r1"], ["B", "extra", "r2"]]


def test_rejected_file_never_turns_text_into_formulas():
    data = write_rejected_xlsx(["Nom"], [(('=HYPERLINK("http://x")',), "bad")])
    _values, sheet = _read_back(data)
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == '=HYPERLINK("http://x")'


def test_rejected_file_drops_characters_excel_refuses():
    values, _sheet = _read_back(write_rejected_xlsx(["Nom"], [(("Am\x01rani",), "r")]))
    assert values[1][0] == "Amrani"


def test_rejected_file_keeps_dates_and_reads_back_as_a_sheet():
    data = write_rejected_xlsx(HEADER, [(ROW, "Duplicate of file 12")])
    rows = list(open_rows(data, "rejected.xlsx"))
    assert rows[1] == (*ROW, "Duplicate of file 12")


def test_report_file_links_each_file_and_never_writes_formulas():
    data = spreadsheet.write_report_xlsx(
        ["Row", "Name", "Link"],
        [
            (5, "Aicha", "https://baom.example/odoo/baom.beneficiary/7"),
            (6, "=cmd|' /C calc'!A0", None),
            (7, "Said", '=HYPERLINK("http://x")'),
        ],
        link_column=2,
    )
    values, sheet = _read_back(data)
    assert values[0] == ["Row", "Name", "Link"]
    assert [row[0] for row in values[1:]] == [5, 6, 7]
    assert sheet["C2"].hyperlink.target == values[1][2]
    assert sheet["B3"].data_type == "s", "A name is never a formula"
    assert not sheet["C4"].hyperlink, "Only web addresses become links"
    assert sheet["C4"].data_type == "s"
