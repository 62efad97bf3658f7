import base64
import datetime
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools.translate import code_translations

from ..tools import normalize, rows, spreadsheet
from .common import BaomBaseCommon

HEADER = [
    "Nom",
    "Prénom",
    "الاسم",
    "Sexe",
    "Date de naissance",
    "Nationalité",
    "Téléphone",
    "Type de bénéficiaire",
    "Demande",
    "Date d'accueil",
    "Suite donnée",
]
ROWS = [
    [
        "Oubella",
        "Aicha",
        "عائشة أوبلا",
        "F",
        "12/03/1961",
        "Marocaine",
        "0612345001",
        "Ayant droit",
        "Survivor's pension",
        "05/07/2025",
        "Dossier ouvert",
    ],
    [
        "Diallo",
        "Aminata",
        None,
        "Femme",
        "1990",
        "Guinée",
        None,
        "RPT installé",
        None,
        None,
        None,
    ],
    [
        None,
        None,
        "امبارك أوبلا",
        "ذكر",
        "1948-05-01",
        "المغرب",
        "+33612345678",
        "MRE",
        "Retraite",
        "2025-08-10",
        "Information",
    ],
    ["Bad", "Date", None, "M", "31/02/1970", "Maroc", None, "Retour", None, None, None],
    # Names nobody: the only kind of row an import refuses.
    [
        None,
        None,
        None,
        "F",
        "01/01/1980",
        "Maroc",
        "0612345099",
        "Retour",
        None,
        None,
        None,
    ],
]


# One import of one batch (people, visits, report lines, summary note) as an
# officer; the same for 1 row as for 500. Counted on a database with demo
# data (fewer without). Each bulk INSERT adds a query that checks the record
# rules of the new rows (the ORM checked them in Python, 16,000 times for a
# 5,000-row register); the new rows are in the cache, as with the ORM. New
# people have no visits to look up: a batch without merged rows does not read
# the register's visits. The writing is one savepoint (nothing stays if the
# import is refused once the rows are all read).
QUERIES_PER_IMPORT = 27


def workbook(rows=None, header=None, title_rows=True):
    rows = ROWS if rows is None else rows
    header = HEADER if header is None else header
    book = openpyxl.Workbook()
    sheet = book.active
    if title_rows:
        sheet.append(["Commune de Belfaa — BAOM"])
        sheet.merge_cells("A1:F1")
        sheet.append(["Base de données des bénéficiaires 2025"])
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


@tagged("post_install", "-at_install", "baom_import")
class TestWorkbookImport(BaomBaseCommon):
    def _wizard(self, data, filename="registre.xlsx", user=None, **values):
        return (
            self.env["baom.beneficiary.import"]
            .with_user(user or self.officer_a)
            .create(
                dict(
                    {
                        "office_id": self.office_a.id,
                        "file": base64.b64encode(data),
                        "filename": filename,
                        "consent_date": "2025-01-01",
                    },
                    **values,
                )
            )
        )

    def _office_people(self, office=None):
        return self.env["baom.beneficiary"].search(
            [("office_id", "=", (office or self.office_a).id)]
        )

    def test_preview_counts_and_writes_nothing(self):
        before = len(self._office_people())
        wizard = self._wizard(workbook())
        wizard.action_preview()
        self.assertEqual(
            (wizard.to_create_count, wizard.to_merge_count, wizard.error_count),
            (4, 0, 1),
        )
        self.assertIn("Row 9", wizard.rejected_preview, "Reason names the sheet row")
        self.assertIn("No name in any script", wizard.rejected_preview)
        self.assertEqual(wizard.review_count, 1, "The impossible birth date")
        self.assertEqual(len(self._office_people()), before, "A dry run writes nothing")
        self.assertEqual(
            wizard.column_ids.filtered(lambda c: c.header == "الاسم").field_key,
            "name_ar",
        )

    def test_import_creates_people_visits_and_rejected_file(self):
        wizard = self._wizard(workbook())
        wizard.action_preview()
        wizard.action_import()
        self.assertEqual(
            (wizard.created_count, wizard.duplicate_count, wizard.error_count),
            (4, 0, 1),
        )
        aicha = self._office_people().filtered(lambda p: p.first_name == "Aicha")
        self.assertEqual(aicha.phone, "+212612345001")
        self.assertEqual(aicha.gender, "female")
        self.assertEqual(aicha.profile, "rights_holder")
        self.assertEqual(aicha.nationality_id, self.morocco)
        self.assertEqual(str(aicha.birth_date), "1961-03-12")
        self.assertEqual(aicha.visit_ids.outcome, "case_opened")
        self.assertEqual(
            aicha.visit_ids.need_category_id,
            self.env.ref("baom_base.baom_need_category_survivor_pension"),
        )
        mbark = self._office_people().filtered(lambda p: p.name_ar == "امبارك أوبلا")
        self.assertTrue(mbark, "Arabic-only rows are imported")
        self.assertEqual((mbark.gender, mbark.profile), ("male", "mdm_visit"))
        rejected = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(wizard.rejected_file))
        ).active
        values = list(rejected.values)
        self.assertEqual(values[0][-1], "Reason")
        self.assertEqual(len(values), 2, "Only the row naming nobody is refused")
        self.assertEqual(values[1][6], "0612345099", "The original cells come back")
        self.assertIn("No name in any script", values[1][-1])

    def test_import_leaves_one_summary_note_and_no_chatter_per_person(self):
        office_messages = self.office_a.message_ids
        wizard = self._wizard(workbook())
        wizard.action_import()
        people = self._office_people()
        self.assertFalse(
            people.message_ids,
            "No 'created' note, tracking or follower message per imported person",
        )
        self.assertFalse(people.message_follower_ids)
        summary = self.office_a.message_ids - office_messages
        self.assertEqual(len(summary), 1, "One note for the whole import")
        self.assertEqual(summary.author_id, self.officer_a.partner_id)
        self.assertIn("registre.xlsx", summary.body)
        self.assertIn("4 people created", summary.body)
        self.assertIn("1 rows rejected", summary.body)
        self.assertNotIn("Aicha", summary.body, "No names in the office's chatter")

    def test_reimport_creates_nothing_new(self):
        first = self._wizard(workbook())
        first.action_import()
        people = len(self._office_people())
        visits = self.env["baom.visit"].search_count(
            [("office_id", "=", self.office_a.id)]
        )
        second = self._wizard(workbook())
        second.action_import()
        self.assertEqual((second.created_count, second.duplicate_count), (0, 4))
        self.assertEqual(len(self._office_people()), people)
        self.assertEqual(
            self.env["baom.visit"].search_count([("office_id", "=", self.office_a.id)]),
            visits,
        )

    def test_near_duplicate_is_merged_not_created(self):
        existing = self._new_beneficiary(
            self.office_a,
            first_name="Mohamed",
            last_name="Ait Ouahmane",
            gender="male",
            birth_date="1958-06-01",
            profile="returnee",
        )
        data = workbook(
            [
                [
                    "Aït Ouahmane",
                    "Mohammed",
                    None,
                    "M",
                    "01/06/1958",
                    "Maroc",
                    "0661000000",
                    "Retour",
                    None,
                    None,
                    None,
                ]
            ]
        )
        wizard = self._wizard(data)
        wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.duplicate_count), (0, 1))
        self.assertEqual(existing.phone, "+212661000000", "Blank facts are filled in")

    def test_other_office_is_never_consulted(self):
        self._new_beneficiary(
            self.office_b,
            first_name="Aicha",
            last_name="Oubella",
            birth_date="1961-03-12",
        )
        wizard = self._wizard(workbook(ROWS[:1]))
        wizard.action_import()
        self.assertEqual(wizard.created_count, 1)

    def test_same_person_twice_in_file_is_one_person(self):
        wizard = self._wizard(workbook([ROWS[0], ROWS[0]]))
        wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.duplicate_count), (1, 1))

    def test_failing_row_does_not_abort_the_others(self):
        failing = [
            "Futur",
            "Person",
            None,
            "F",
            "01/01/1990",
            "Maroc",
            None,
            "Retour",
            None,
            None,
            None,
        ]
        wizard = self._wizard(workbook([ROWS[0], failing, ROWS[1]]))
        wizard_class = type(wizard)
        prepare = wizard_class._prepare_beneficiary_values

        def refused_by_the_registry(self, facts, caches):
            # Something only the registry's constraints catch, at write time.
            values = prepare(self, facts, caches)
            if facts.first_name == "Person":
                values["birth_date"] = "2090-01-01"
            return values

        with patch.object(
            wizard_class, "_prepare_beneficiary_values", refused_by_the_registry
        ):
            wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.error_count), (2, 1))
        rejected = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(wizard.rejected_file))
        ).active
        row = list(rejected.values)[1]
        self.assertEqual(row[:2], ("Futur", "Person"), "The original cells come back")
        self.assertIn("future", row[-1])
        self.assertFalse(
            self._office_people().filtered(lambda p: p.first_name == "Person")
        )

    @staticmethod
    def _distinct_rows(count, start, outcome="Information"):
        """``count`` different people, each with a visit."""
        letters = "bcdfghjklmnprstvz"
        rows = []
        for index in range(start, start + count):
            name = "".join(letters[(index // 17**k) % 17] + "a" for k in range(3))
            rows.append(
                [
                    name.capitalize() + "ni",
                    "Y" + name,
                    None,
                    "MF"[index % 2],
                    f"{index % 28 + 1:02d}/{index % 12 + 1:02d}/{1940 + index % 60}",
                    "Maroc",
                    f"06{index:08d}",
                    "Retour",
                    "Pension",
                    "05/07/2025",
                    outcome,
                ]
            )
        return rows

    def _import_queries(self, rows):
        """(wizard, SQL queries) of importing ``rows`` as office A's officer."""
        wizard = self._wizard(workbook(rows))
        self.env.flush_all()
        before = self.cr.sql_log_count
        wizard.action_import()
        self.env.flush_all()
        return wizard, self.cr.sql_log_count - before

    def test_import_queries_do_not_grow_with_rows(self):
        """People and visits are written per batch: 60 rows cost the same
        queries as 10 (no UPDATE, check or lookup per row)."""
        self._import_queries(self._distinct_rows(3, 0))  # office's first import
        counts = []
        for start, size in ((100, 10), (300, 60)):
            wizard, count = self._import_queries(self._distinct_rows(size, start))
            self.assertEqual(
                (wizard.created_count, wizard.visit_count, wizard.error_count),
                (size, size, 0),
            )
            counts.append(count)
        self.assertEqual(counts[0], counts[1], "Queries per batch, not per row")
        wizard = self._wizard(workbook(self._distinct_rows(30, 500)))
        with self.assertQueryCount(QUERIES_PER_IMPORT):
            wizard.action_import()
        self.assertEqual(wizard.created_count, 30)

    def test_workbook_written_in_several_batches(self):
        """Rows are written batch by batch; later rows of a person created by
        an earlier batch merge into that person. After the first batch, the
        statistics of the tables being filled are refreshed, once."""
        rows = self._distinct_rows(5, 900)
        # The first person comes back on another day, then on the first day
        # again: merged in later batches, one new visit.
        rows += [rows[0][:9] + ["06/07/2025"] + rows[0][10:], list(rows[0])]
        Mixin = type(self.env["baom.bulk.create.mixin"])
        refresh = Mixin._bulk_refresh_statistics
        with (
            patch("odoo.addons.baom_base.wizard.baom_beneficiary_import.BATCH_SIZE", 2),
            patch.object(
                Mixin, "_bulk_refresh_statistics", autospec=True, side_effect=refresh
            ) as spy,
        ):
            wizard = self._wizard(workbook(rows))
            wizard.action_import()
        self.assertEqual(
            (wizard.created_count, wizard.duplicate_count, wizard.error_count),
            (5, 2, 0),
        )
        spy.assert_called_once()
        self.assertGreaterEqual(spy.call_args.args[1], 7, "Rows to write, at least")
        first = wizard.line_ids.filtered(lambda line: line.result == "merged")
        first = first.beneficiary_id
        self.assertEqual(len(first), 1)
        self.assertEqual(first.phone, wizard.line_ids[0].beneficiary_id.phone)
        self.assertEqual(
            sorted(visit.visit_date.day for visit in first.visit_ids),
            [5, 6],
            "One visit a day",
        )

    def test_workbook_damaged_after_the_first_batch_writes_nothing(self):
        """Rows are read in a background thread while earlier batches are
        written: a part of the workbook found damaged after a batch was
        written still gives the officer the damaged-file message, and the
        batch already written does not stay."""
        parse_row = rows.parse_row
        calls = []

        def damaged_after_two_rows(*args, **kwargs):
            calls.append(1)
            if len(calls) > 2:
                raise spreadsheet.SpreadsheetError("corrupt", "damaged sheet")
            return parse_row(*args, **kwargs)

        wizard = self._wizard(workbook(self._distinct_rows(5, 950)))
        people = self._office_people()
        Wizard = type(wizard)
        with (
            patch("odoo.addons.baom_base.wizard.baom_beneficiary_import.BATCH_SIZE", 1),
            patch.object(rows, "parse_row", damaged_after_two_rows),
            patch.object(
                Wizard, "_write_batch", autospec=True, side_effect=Wizard._write_batch
            ) as write_batch,
            self.assertRaisesRegex(UserError, "damaged"),
        ):
            wizard.action_import()
        self.assertTrue(write_batch.called, "A batch was written before")
        self.assertEqual(self._office_people(), people)

    def test_xls_workbook(self):
        import xlwt

        book = xlwt.Workbook()
        sheet = book.add_sheet("Registre")
        for column, title in enumerate(HEADER):
            sheet.write(0, column, title)
        for row_index, row in enumerate(ROWS[:2], start=1):
            for column, value in enumerate(row):
                if value is not None:
                    sheet.write(row_index, column, value)
        output = io.BytesIO()
        book.save(output)
        wizard = self._wizard(output.getvalue(), filename="registre.xls")
        wizard.action_import()
        self.assertEqual(wizard.created_count, 2)

    def test_mapping_is_remembered_per_office(self):
        header = ["Nom", "Prénom", "Origine", "Type de bénéficiaire"]
        data = workbook([["Sow", "Ousmane", "Sénégal", "RPT en transit"]], header)
        wizard = self._wizard(data)
        wizard.action_preview()
        origin = wizard.column_ids.filtered(lambda c: c.header == "Origine")
        origin.field_key = "nationality"
        wizard.action_import()
        self.assertEqual(
            self._office_people()
            .filtered(lambda p: p.first_name == "Ousmane")
            .nationality_id,
            self.env.ref("base.sn"),
        )
        again = self._wizard(data)
        again.action_preview()
        self.assertEqual(
            again.column_ids.filtered(lambda c: c.header == "Origine").field_key,
            "nationality",
        )

    def test_bad_files_get_a_clear_message(self):
        cases = {
            "text": (b"Nom;Prenom\nA;B\n", "registre.xlsx", "not an Excel workbook"),
            "corrupt": (b"PK\x03\x04garbage" * 10, "registre.xlsx", "damaged"),
            "empty": (
                workbook([], header=[], title_rows=False),
                "vide.xlsx",
                "no data",
            ),
            "no header": (
                workbook([["a", "b"], ["c", "d"]], header=["x", "y"], title_rows=False),
                "registre.xlsx",
                "column titles",
            ),
        }
        for label, (data, filename, message) in cases.items():
            with self.subTest(label=label):
                wizard = self._wizard(data, filename=filename)
                with self.assertRaises(UserError) as error:
                    wizard.action_preview()
                self.assertIn(message, str(error.exception))

    def test_file_over_size_limit(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "baom_base.import_max_size_mb", "0.001"
        )
        wizard = self._wizard(workbook())
        with self.assertRaises(UserError) as error:
            wizard.action_preview()
        self.assertIn("larger than the limit", str(error.exception))

    def test_consent_is_required(self):
        wizard = self._wizard(workbook(), consent_date=False)
        with self.assertRaises(UserError) as error:
            wizard.action_import()
        self.assertIn("09-08", str(error.exception))
        self.assertEqual(wizard.created_count, 0)

    def test_other_office_officer_cannot_import_into_office(self):
        wizard = self._wizard(workbook(), user=self.officer_b)
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertFalse(
            self._office_people().filtered(lambda p: p.first_name == "Aicha"),
            "Nothing was written into office A",
        )

    def test_formula_without_saved_result_is_reported(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Nom", "Prénom", "Type de bénéficiaire", "Date de naissance"])
        sheet.append(["Oubella", "Aicha", "Retour", "=DATE(1961,3,12)"])
        output = io.BytesIO()
        book.save(output)
        wizard = self._wizard(output.getvalue())
        wizard.action_preview()
        self.assertEqual(wizard.to_create_count, 1, "The row itself is still usable")
        self.assertIn("Formula", wizard.warning_text)


RPT_HEADER = ["Nom", "Prénom", "Nationalité", "Type de bénéficiaire", "Date d'accueil"]
RPT_ROWS = [
    ["Sow", "Ousmane", "Sénégal", "RPT", "05/07/2025"],
    ["Diallo", "Mariama", "Guinée", "rpt ", None],
    ["Traoré", "Issa", "Atlantide", "RPT", "demain"],
    ["Kone", "Awa", "Mali", "RPT en transit", None],
    [None, None, "Mali", "RPT", None],
]


@tagged("post_install", "-at_install", "baom_import")
class TestUncertainValues(BaomBaseCommon):
    """A doubtful cell costs nobody: the officer answers or the person is
    imported for review."""

    _wizard = TestWorkbookImport._wizard
    _office_people = TestWorkbookImport._office_people

    def _rpt_wizard(self, **values):
        return self._wizard(workbook(RPT_ROWS, RPT_HEADER), **values)

    def _line(self, wizard, field, key):
        return wizard.value_ids.filtered(
            lambda line: line.field_key == field and line.value_key == key
        )

    def _person(self, first_name):
        return self._office_people().filtered(lambda p: p.first_name == first_name)

    def test_preview_lists_each_uncertain_value_once_with_its_rows(self):
        wizard = self._rpt_wizard()
        wizard.action_preview()
        rpt = self._line(wizard, "profile", "rpt")
        self.assertEqual(len(rpt), 1, "RPT listed once, not once per row")
        self.assertEqual(rpt.row_count, 3, "RPT, rpt and RPT<space> are one value")
        self.assertEqual(rpt.raw_value, "RPT")
        self.assertIn("in transit", rpt.hint.lower())
        self.assertEqual(self._line(wizard, "nationality", "atlantide").row_count, 1)
        self.assertEqual(self._line(wizard, "visit_date", "demain").row_count, 1)
        self.assertEqual(
            (wizard.to_create_count, wizard.error_count, wizard.review_count),
            (4, 1, 3),
            "Every named row is kept; only the nameless one is refused",
        )
        self.assertEqual(
            wizard.missing_profile_count, 3, "No default type chosen for RPT yet"
        )

    def test_import_without_an_answer_is_refused_and_writes_nothing(self):
        """Rows are written while the workbook is still being read: a person
        without a certain type found after earlier batches were written
        still refuses the whole import, counted over every row, and none of
        those batches stays."""
        rows = [RPT_ROWS[3], *RPT_ROWS[:3]]  # Awa's type is certain
        wizard = self._wizard(workbook(rows, RPT_HEADER))
        people = self._office_people()
        Wizard = type(wizard)
        with (
            patch("odoo.addons.baom_base.wizard.baom_beneficiary_import.BATCH_SIZE", 1),
            patch.object(
                Wizard, "_write_batch", autospec=True, side_effect=Wizard._write_batch
            ) as write_batch,
            self.assertRaisesRegex(UserError, "3 people to create have no certain"),
        ):
            wizard.action_import()
        write_batch.assert_called_once()
        self.assertEqual(self._office_people(), people)
        self.assertFalse(self._person("Awa"), "The first batch was undone")
        self.assertFalse(wizard.line_ids)

    def test_answer_imports_rows_with_the_profile_meant(self):
        wizard = self._rpt_wizard()
        wizard.action_preview()
        self._line(wizard, "profile", "rpt").profile_answer = "tcn_transit"
        wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.error_count), (4, 1))
        for name in ("Ousmane", "Mariama", "Issa"):
            self.assertEqual(self._person(name).profile, "tcn_transit", name)
        self.assertFalse(self._person("Ousmane").import_to_review, "Nothing to review")
        self.assertFalse(self._person("Mariama").import_to_review)
        issa = self._person("Issa")
        self.assertTrue(issa.import_to_review, "Unknown country and visit date")
        self.assertFalse(issa.nationality_id)
        self.assertIn("Atlantide", issa.import_review_note)
        self.assertIn("demain", issa.import_review_note)
        self.assertNotIn("RPT", issa.import_review_note, "The type was answered")
        self.assertEqual(self._person("Ousmane").visit_ids.visit_date.day, 5)

    def test_value_left_for_review_gets_the_default_and_the_flag(self):
        wizard = self._rpt_wizard(default_profile="tcn_settled")
        wizard.action_preview()
        self.assertFalse(wizard.missing_profile_count)
        wizard.action_import()
        mariama = self._person("Mariama")
        self.assertEqual(mariama.profile, "tcn_settled")
        self.assertTrue(mariama.import_to_review)
        self.assertIn("“rpt”", mariama.import_review_note)
        self.assertIn("settled", mariama.import_review_note.lower())
        self.assertEqual(
            self._person("Awa").profile, "tcn_transit", "A certain type stays as read"
        )
        self.assertFalse(self._person("Awa").import_to_review)
        # The officer's "To review" filter finds them, and only them.
        search = self.env.ref("baom_base.baom_beneficiary_view_search")
        self.assertIn('name="import_to_review"', search.arch)
        to_review = (
            self.env["baom.beneficiary"]
            .with_user(self.officer_a)
            .search([("import_to_review", "=", True)])
        )
        self.assertEqual(
            set(to_review.mapped("first_name")), {"Ousmane", "Mariama", "Issa"}
        )
        self.assertEqual(wizard.review_count, 3)
        action = wizard.action_open_to_review()
        self.assertEqual(action["context"], {"search_default_import_to_review": 1})
        mariama.with_user(self.officer_a).action_mark_reviewed()
        self.assertFalse(mariama.import_to_review)
        self.assertFalse(mariama.import_review_note)

    def test_import_without_type_or_default_is_refused_whole(self):
        before = len(self._office_people())
        wizard = self._rpt_wizard()
        with self.assertRaises(UserError) as error:
            wizard.action_import()
        self.assertIn("default type", str(error.exception))
        self.assertEqual(len(self._office_people()), before, "Nothing half-written")

    def test_answers_are_remembered_for_the_office(self):
        wizard = self._rpt_wizard()
        wizard.action_preview()
        self._line(wizard, "profile", "rpt").profile_answer = "tcn_displaced"
        self._line(wizard, "nationality", "atlantide").country_answer_id = self.env.ref(
            "base.ml"
        )
        wizard.action_import()
        again = self._wizard(
            workbook([["Camara", "Fanta", "Atlantide", "RPT", None]], RPT_HEADER)
        )
        again.action_preview()
        self.assertEqual(
            self._line(again, "profile", "rpt").profile_answer, "tcn_displaced"
        )
        self.assertFalse(again.missing_profile_count)
        again.action_import()
        fanta = self._person("Fanta")
        self.assertEqual(fanta.profile, "tcn_displaced")
        self.assertEqual(fanta.nationality_id, self.env.ref("base.ml"))
        self.assertFalse(fanta.import_to_review)
        # Another office has its own answers.
        other = self._wizard(
            workbook([["Camara", "Fanta", None, "RPT", None]], RPT_HEADER),
            user=self.officer_b,
            office_id=self.office_b.id,
        )
        other.action_preview()
        self.assertFalse(self._line(other, "profile", "rpt").profile_answer)

    def test_clearing_an_answer_forgets_it(self):
        wizard = self._rpt_wizard()
        wizard.action_preview()
        self._line(wizard, "profile", "rpt").profile_answer = "tcn_transit"
        wizard.action_import()
        again = self._rpt_wizard(default_profile="returnee")
        again.action_preview()
        self._line(again, "profile", "rpt").profile_answer = False
        again.action_import()
        third = self._rpt_wizard()
        third.action_preview()
        self.assertFalse(self._line(third, "profile", "rpt").profile_answer)

    def test_row_merged_into_a_file_is_flagged_only_for_what_it_lacks(self):
        known = self._new_beneficiary(
            self.office_a,
            first_name="Ousmane",
            last_name="Sow",
            birth_date="1990-01-01",
            phone="+212612340000",
            nationality_id=False,
            profile="tcn_settled",
        )
        data = workbook(
            [["Sow", "Ousmane", "Atlantide", "RPT", "01/01/1990"]],
            ["Nom", "Prénom", "Nationalité", "Type de bénéficiaire", "Né le"],
        )
        wizard = self._wizard(data)
        wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.duplicate_count), (0, 1))
        self.assertEqual(known.profile, "tcn_settled", "A merge never changes the type")
        self.assertTrue(known.import_to_review, "The file lacks the nationality")
        self.assertIn("Atlantide", known.import_review_note)
        self.assertNotIn("RPT", known.import_review_note)

    def test_reimport_does_not_undo_the_review(self):
        self._rpt_wizard(default_profile="tcn_settled").action_import()
        issa = self._person("Issa")
        self.assertTrue(issa.import_to_review)
        issa.with_user(self.officer_a).action_mark_reviewed()
        again = self._rpt_wizard(default_profile="tcn_settled")
        again.action_import()
        self.assertEqual((again.created_count, again.duplicate_count), (0, 4))
        self.assertFalse(issa.import_to_review, "The same rows flag nobody again")

    def test_nothing_is_lost(self):
        wizard = self._rpt_wizard(default_profile="tcn_settled")
        wizard.action_import()
        self.assertEqual(
            wizard.created_count + wizard.duplicate_count + wizard.error_count,
            len(RPT_ROWS),
            "Every row is created, merged or refused with a reason",
        )


@tagged("post_install", "-at_install", "baom_import")
class TestImportReport(BaomBaseCommon):
    """After an import the officer sees, row by row, what became of the file."""

    _wizard = TestWorkbookImport._wizard
    _office_people = TestWorkbookImport._office_people

    def _person(self, first_name):
        return self._office_people().filtered(lambda p: p.first_name == first_name)

    def _lines(self, wizard):
        return {line.row_number: line for line in wizard.line_ids}

    def test_report_lists_every_row_with_its_file_or_reason(self):
        known = self._new_beneficiary(
            self.office_a,
            first_name="Mohamed",
            last_name="Ait Ouahmane",
            gender="male",
            birth_date="1958-06-01",
            profile="returnee",
        )
        merged = [
            "Aït Ouahmane",
            "Mohammed",
            None,
            "M",
            "01/06/1958",
            "Maroc",
            "0661000000",
            "Retour",
            None,
            None,
            None,
        ]
        wizard = self._wizard(workbook([*ROWS, merged, ROWS[0]]))
        wizard.action_preview()
        wizard.action_import()
        lines = self._lines(wizard)
        self.assertEqual(sorted(lines), list(range(5, 12)), "One line per row")
        self.assertEqual(
            [lines[row].result for row in sorted(lines)],
            ["created"] * 4 + ["rejected", "merged", "merged"],
        )
        self.assertEqual(lines[5].beneficiary_id, self._person("Aicha"))
        self.assertEqual(lines[5].name, "Aicha Oubella")
        self.assertEqual(lines[10].beneficiary_id, known, "Merged into the old file")
        self.assertIn("Filled in: Phone", lines[10].message)
        self.assertEqual(lines[11].beneficiary_id, self._person("Aicha"))
        self.assertIn("Same person as row 5", lines[11].message)
        self.assertFalse(lines[9].beneficiary_id)
        self.assertIn("No name in any script", lines[9].message)
        self.assertTrue(lines[8].to_review, "Bad Date: the impossible birth date")
        self.assertIn("“31/02/1970”: impossible date", lines[8].message)
        # The officer filters the report and opens a file from a line.
        action = wizard.action_open_report()
        Line = self.env[action["res_model"]].with_user(self.officer_a)
        self.assertEqual(
            Line.search(action["domain"] + [("result", "=", "rejected")]), lines[9]
        )
        search = self.env.ref("baom_base.baom_beneficiary_import_line_view_search")
        for name in ("created", "merged", "rejected"):
            self.assertIn(f'name="{name}"', search.arch)
        opened = lines[10].action_open_beneficiary()
        self.assertEqual(
            (opened["res_model"], opened["res_id"]), ("baom.beneficiary", known.id)
        )
        # The downloadable report holds the same lines, with links to the files.
        self.assertFalse(wizard.report_file, "written only when asked for")
        download = wizard.action_download_report()
        self.assertEqual(download["type"], "ir.actions.act_url")
        self.assertIn("registre-report.xlsx?download=true", download["url"])
        self.assertEqual(wizard.report_filename, "registre-report.xlsx")
        sheet = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(wizard.report_file))
        ).active
        values = list(sheet.values)
        self.assertEqual(values[0][:2], ("Row", "Result"))
        self.assertEqual([row[0] for row in values[1:]], list(range(5, 12)))
        self.assertEqual(
            [row[1] for row in values[1:]],
            ["Created"] * 4 + ["Rejected"] + ["Merged into a file"] * 2,
        )
        self.assertTrue(values[6][4].endswith(f"/odoo/baom.beneficiary/{known.id}"))
        self.assertEqual(sheet.cell(7, 5).hyperlink.target, values[6][4])
        self.assertIsNone(values[5][4], "A rejected row has no file")
        self.assertIn("No name in any script", values[5][5])

    def test_merged_row_fills_blanks_and_keeps_differing_values_in_notes(self):
        known = self._new_beneficiary(
            self.office_a,
            first_name="Aicha",
            last_name="Oubella",
            birth_date="1961-03-12",
            phone="+212612345999",
            name_ar=False,
        )
        header = ["Nom", "Prénom", "الاسم", "Date de naissance", "Téléphone"]
        row = ["Oubella", "Aicha", "عائشة أوبلا", "12/03/1961", "0612345001"]
        wizard = self._wizard(workbook([row], header))
        wizard.action_import()
        self.assertEqual(wizard.duplicate_count, 1)
        self.assertEqual(known.name_ar, "عائشة أوبلا", "The missing Arabic name")
        self.assertEqual(known.phone, "+212612345999", "Never overwritten silently")
        self.assertIn("+212612345001", known.note, "The other phone is kept")
        self.assertIn("+212612345999", known.note)
        self.assertIn("registre.xlsx", known.note, "Says where it comes from")
        line = wizard.line_ids
        self.assertIn("Name in Arabic Script", line.message)
        self.assertIn("Kept in the notes: Phone", line.message)
        # Importing the same workbook again adds nothing to the notes.
        self._wizard(workbook([row], header)).action_import()
        self.assertEqual(known.note.count("+212612345001"), 1)

    def test_later_row_of_a_new_person_fills_what_the_first_left_blank(self):
        header = ["Nom", "Prénom", "Date de naissance", "Téléphone", "Type"]
        first = ["Sow", "Ousmane", "12/03/1990", None, "Retour"]
        second = ["Sow", "Ousmane", "12/03/1990", "0612345077", "Retour"]
        wizard = self._wizard(workbook([first, second], header))
        wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.duplicate_count), (1, 1))
        self.assertEqual(self._person("Ousmane").phone, "+212612345077")

    def test_unmapped_column_is_listed_kept_in_notes_or_ignored_and_remembered(self):
        header = ["Nom", "Prénom", "Type de bénéficiaire", "Quartier"]
        data = workbook([["Sow", "Ousmane", "Retour", "Hay Salam"]], header)
        wizard = self._wizard(data)
        wizard.action_preview()
        self.assertEqual(wizard.unmapped_columns, "Quartier", "Listed in the preview")
        column = wizard.column_ids.filtered(lambda c: c.header == "Quartier")
        self.assertEqual(column.unmapped_choice, "note", "Kept unless told otherwise")
        wizard.action_import()
        self.assertIn("Quartier: Hay Salam", self._person("Ousmane").note)
        self.assertIn("Kept in the notes: Quartier", wizard.line_ids.message)

        again = self._wizard(
            workbook([["Kane", "Binta", "Retour", "Hay Nahda"]], header)
        )
        again.action_preview()
        again.column_ids.filtered(
            lambda c: c.header == "Quartier"
        ).unmapped_choice = "ignore"
        again.action_import()
        self.assertFalse(self._person("Binta").note, "Ignored, as chosen")

        third = self._wizard(data)
        third.action_preview()
        self.assertEqual(
            third.column_ids.filtered(lambda c: c.header == "Quartier").unmapped_choice,
            "ignore",
            "The choice is remembered for the office",
        )
        other = self._wizard(data, user=self.officer_b, office_id=self.office_b.id)
        other.action_preview()
        self.assertEqual(
            other.column_ids.filtered(lambda c: c.header == "Quartier").unmapped_choice,
            "note",
            "Each office has its own choices",
        )

    def test_observations_without_a_visit_go_to_the_notes(self):
        header = ["Nom", "Prénom", "Type de bénéficiaire", "Observations"]
        wizard = self._wizard(
            workbook([["Sow", "Ousmane", "Retour", "Veuve, 3 enfants"]], header)
        )
        wizard.action_import()
        self.assertIn("Veuve, 3 enfants", self._person("Ousmane").note)

    @freeze_time("2026-03-01")
    def test_year_only_birth_date_is_kept_as_a_year(self):
        header = ["Nom", "Prénom", "Date de naissance", "Type de bénéficiaire"]
        wizard = self._wizard(
            workbook(
                [
                    ["Diallo", "Aminata", 1990, "Retour"],
                    ["Sow", "Awa", "1990", "Retour"],
                ],
                header,
            )
        )
        wizard.action_import()
        for name in ("Aminata", "Awa"):
            person = self._person(name)
            self.assertTrue(person.birth_year_only, name)
            self.assertEqual(person.birth_date, datetime.date(1990, 1, 1))
            self.assertEqual(person.birth_date_display, "1990", "Shown as a year")
            self.assertEqual(person.age, 35, "Counted as born mid-1990, not 1 January")
            self.assertFalse(person.import_to_review, "A year is not a doubt")

    def test_row_with_a_full_date_makes_a_year_only_date_precise(self):
        known = self._new_beneficiary(
            self.office_a,
            first_name="Awa",
            last_name="Sow",
            birth_date="1990-01-01",
            birth_year_only=True,
            phone="+212612345077",
        )
        header = ["Nom", "Prénom", "Né le", "Téléphone", "Type de bénéficiaire"]
        wizard = self._wizard(
            workbook([["Sow", "Awa", "14/05/1990", "0612345077", "Retour"]], header)
        )
        wizard.action_import()
        self.assertEqual(wizard.line_ids.beneficiary_id, known, wizard.line_ids.message)
        self.assertEqual(known.birth_date, datetime.date(1990, 5, 14))
        self.assertFalse(known.birth_year_only)

    def test_future_birth_date_is_caught_in_the_preview_and_flagged(self):
        header = ["Nom", "Prénom", "Date de naissance", "Type de bénéficiaire"]
        data = workbook([["Futur", "Nadia", "01/01/2090", "Retour"]], header)
        wizard = self._wizard(data)
        wizard.action_preview()
        self.assertEqual((wizard.to_create_count, wizard.review_count), (1, 1))
        line = wizard.value_ids.filtered(lambda v: v.field_key == "birth_date")
        self.assertEqual(line.raw_value, "01/01/2090")
        self.assertIn("in the future", line.hint)
        wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.error_count), (1, 0))
        nadia = self._person("Nadia")
        self.assertFalse(nadia.birth_date, "Left empty, not a crash at write")
        self.assertTrue(nadia.import_to_review)
        self.assertIn(
            "“01/01/2090”: birth date in the future", nadia.import_review_note
        )

    def test_every_parse_problem_has_a_translatable_reason(self):
        wizard = self._wizard(workbook())
        self.assertEqual(set(wizard._parse_reasons()), set(normalize.MESSAGES))

    def test_row_message_is_in_the_officers_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        french = dict(code_translations.get_python_translations("baom_base", "fr_FR"))
        french.update(
            {
                "impossible date": "date impossible",
                "%(column)s: “%(value)s”: %(reason)s.": (
                    "%(column)s : « %(value)s » : %(reason)s."
                ),
            }
        )
        self.patch(
            code_translations,
            "python_translations",
            {**code_translations.python_translations, ("baom_base", "fr_FR"): french},
        )
        wizard = self._wizard(workbook([ROWS[3]])).with_context(lang="fr_FR")
        wizard.action_import()
        person = self._person("Date")
        self.assertIn("« 31/02/1970 » : date impossible", person.import_review_note)
        self.assertIn("date impossible", wizard.line_ids.message)
        self.assertNotIn("impossible date", wizard.line_ids.message)

    def test_report_is_read_only_by_the_officer_who_imported(self):
        wizard = self._wizard(workbook(ROWS[:2]))
        wizard.action_import()
        Line = self.env["baom.beneficiary.import.line"]
        self.assertEqual(
            len(Line.with_user(self.officer_a).search([("import_id", "=", wizard.id)])),
            2,
        )
        for user in (self.officer_b, self.supervisor):
            with self.subTest(user=user.login):
                try:
                    found = Line.with_user(user).search([("import_id", "=", wizard.id)])
                except AccessError:
                    found = Line
                self.assertFalse(found, "The rows name people: nobody else lists them")
                with self.assertRaises(AccessError, msg="nor reads them by id"):
                    wizard.line_ids.with_user(user).read(["name"])
                with self.assertRaises(AccessError, msg="nor the workbook"):
                    wizard.with_user(user).read(["file", "report_file"])
