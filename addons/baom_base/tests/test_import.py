import base64
import io

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

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
        future = [
            "Futur",
            "Person",
            None,
            "F",
            "01/01/2090",
            "Maroc",
            None,
            "Retour",
            None,
            None,
            None,
        ]
        wizard = self._wizard(workbook([ROWS[0], future, ROWS[1]]))
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
