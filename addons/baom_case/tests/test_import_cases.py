import base64
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tests import tagged

from .common import BaomCaseCommon

# One import of one batch with cases (people, visits, cases, checklists,
# report lines, summary note) as an officer; the same for 1 case as for 500.
# Counted on a database with demo data (fewer without); 32 when the ORM
# created the rows, before each bulk INSERT had its query checking the record
# rules, the office was read again after the batch (its records are
# dropped from memory) and the writing became one savepoint.
QUERIES_PER_IMPORT_WITH_CASES = 41


@tagged("post_install", "-at_install", "baom_import")
class TestImportCreatesCases(BaomCaseCommon):
    def _import(self, rows=None, **values):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(
            ["Nom", "Prénom", "Type de bénéficiaire", "Date de naissance",
             "Demande", "Date d'accueil", "Suite donnée"]
        )  # fmt: skip
        sheet.append(
            ["Oubella", "Aicha", "Ayant droit", "12/03/1961", "Pension",
             "05/07/2025", "Dossier ouvert"]
        )  # fmt: skip
        sheet.append(
            ["Sow", "Ousmane", "RPT installé", "1990", "Santé", "06/07/2025",
             "Information"]
        )  # fmt: skip
        for row in rows or []:
            sheet.append(row)
        output = io.BytesIO()
        book.save(output)
        wizard = (
            self.env["baom.beneficiary.import"]
            .with_user(self.officer_a)
            .create(
                {
                    "office_id": self.office_a.id,
                    "file": base64.b64encode(output.getvalue()),
                    "filename": "registre.xlsx",
                    "consent_date": "2025-01-01",
                    **values,
                }
            )
        )
        wizard.action_import()
        return wizard

    def test_opened_file_becomes_a_case_once(self):
        self._import()
        cases = self.env["baom.case"].search([("office_id", "=", self.office_a.id)])
        aicha_cases = cases.filtered(lambda c: c.beneficiary_id.first_name == "Aicha")
        self.assertEqual(len(aicha_cases), 1, "Only the 'dossier ouvert' row")
        self.assertEqual(
            aicha_cases.need_category_id,
            self.env.ref("baom_base.baom_need_category_pension"),
        )
        self.assertEqual(str(aicha_cases.date_open.date()), "2025-07-05")
        self.assertFalse(
            cases.filtered(lambda c: c.beneficiary_id.first_name == "Ousmane")
        )
        self._import()
        self.assertEqual(
            self.env["baom.case"].search_count([("office_id", "=", self.office_a.id)]),
            len(cases),
            "Re-importing the workbook opens no second case",
        )

    def test_row_with_an_ambiguous_type_still_opens_its_case(self):
        mariama = ["Diallo", "Mariama", "RPT", "1992", "Santé", "07/07/2025",
                   "Dossier ouvert"]  # fmt: skip
        wizard = self._import([mariama], default_profile="tcn_settled")
        self.assertFalse(wizard.error_count, "The RPT row is not refused")
        case = self.env["baom.case"].search(
            [
                ("office_id", "=", self.office_a.id),
                ("beneficiary_id.first_name", "=", "Mariama"),
            ]
        )
        self.assertEqual(len(case), 1, "Its 'dossier ouvert' opened a case")
        self.assertTrue(case.beneficiary_id.import_to_review)
        self.assertEqual(case.beneficiary_id.profile, "tcn_settled")

    def test_imported_cases_get_consecutive_references_per_year(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(
            ["Nom", "Prénom", "Type de bénéficiaire", "Demande",
             "Date d'accueil", "Suite donnée"]
        )  # fmt: skip
        for last, first, day in [
            ("Oubella", "Aicha", "05/07/2025"),
            ("Sow", "Ousmane", "03/02/2024"),
            ("Amzil", "Brahim", "06/07/2025"),
        ]:
            sheet.append([last, first, "Retour", "Pension", day, "Dossier ouvert"])
        output = io.BytesIO()
        book.save(output)
        self.env["baom.beneficiary.import"].with_user(self.officer_a).create(
            {
                "office_id": self.office_a.id,
                "file": base64.b64encode(output.getvalue()),
                "filename": "registre.xlsx",
                "consent_date": "2025-01-01",
            }
        ).action_import()
        cases = self.env["baom.case"].search([("office_id", "=", self.office_a.id)])
        by_first_name = {case.beneficiary_id.first_name: case.name for case in cases}
        code = self.office_a.code
        year_2025 = sorted(
            name for name in cases.mapped("name") if name.startswith(f"{code}/2025/")
        )
        self.assertEqual(len(year_2025), 2)
        # Row order within a year, no gap, and the register goes on after them.
        self.assertLess(by_first_name["Aicha"], by_first_name["Brahim"])
        first_number = int(year_2025[0].rsplit("/", 1)[1])
        self.assertEqual(int(year_2025[1].rsplit("/", 1)[1]), first_number + 1)
        self.assertTrue(by_first_name["Ousmane"].startswith(f"{code}/2024/"))
        later = (
            self.env["baom.case"]
            .with_user(self.officer_a)
            .create(
                {
                    "office_id": self.office_a.id,
                    "beneficiary_id": cases.filtered(
                        lambda c: c.beneficiary_id.first_name == "Aicha"
                    ).beneficiary_id.id,
                    "date_open": "2025-09-01 10:00:00",
                }
            )
        )
        self.assertEqual(later.name, f"{code}/2025/{first_number + 2:04d}")

    def _case_rows(self, count, start):
        """``count`` different people whose files were opened (a case each)."""
        letters = "bcdfghjklmnprstvz"
        rows = []
        for index in range(start, start + count):
            name = "".join(letters[(index // 17**k) % 17] + "a" for k in range(3))
            rows.append(
                [
                    name.capitalize() + "ni",
                    "Y" + name,
                    "Retour",
                    f"{index % 28 + 1:02d}/{index % 12 + 1:02d}/{1940 + index % 60}",
                    "Pension",
                    "05/07/2025",
                    "Dossier ouvert",
                ]
            )
        return rows

    def test_import_queries_do_not_grow_with_cases(self):
        """People, visits, cases and their checklists are written per batch:
        opening 15 cases costs the same queries as opening 5."""
        # Sequences and first lookups; the second import merges its rows as
        # the measured ones do, which reads their people's visits.
        self._import(self._case_rows(2, 0))
        self._import(self._case_rows(2, 0))
        counts = []
        for start, size in ((100, 5), (300, 15)):
            self.env.flush_all()
            before = self.cr.sql_log_count
            wizard = self._import(self._case_rows(size, start))
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(wizard.created_count, size, "The fixed rows are merged")
            self.assertEqual(
                self.env["baom.case"].search_count(
                    [("beneficiary_id", "in", wizard.line_ids.beneficiary_id.ids)]
                ),
                size + 1,
                "A case per opened file (and Aicha's, once)",
            )
        self.assertEqual(counts[0], counts[1], "Queries per batch, not per case")
        with self.assertQueryCount(QUERIES_PER_IMPORT_WITH_CASES):
            self._import(self._case_rows(10, 500))

    def test_imported_case_and_visit_facts_are_the_computed_ones(self):
        """The values an import gives in advance are those the ORM computes."""
        self._import(self._case_rows(3, 700))
        visits = self.env["baom.visit"].search(
            [("office_id", "=", self.office_a.id), ("beneficiary_id", "!=", False)]
        )
        cases = self.env["baom.case"].search([("office_id", "=", self.office_a.id)])
        stored = {
            record: {name: record[name] for name in names}
            for records_, names in (
                (
                    visits,
                    ("company_id", "gender", "profile", "age_band", "nationality_id"),
                ),
                (
                    cases.beneficiary_id,
                    ("name", "search_key", "birth_band", "company_id"),
                ),
                (
                    cases,
                    (
                        "gender",
                        "profile",
                        "age_band",
                        "nationality_id",
                        "is_closed",
                        "need_category_id",
                        "company_id",
                        "user_id",
                        "kanban_state",
                        "outcome",
                        "date_closed",
                        "rating_last_value",
                    ),
                ),
                (
                    cases.document_ids,
                    ("company_id", "name", "is_received", "date_received"),
                ),
            )  # fmt: skip
            for record in records_
        }
        self.assertTrue(visits and cases)
        for record, values in stored.items():
            record.invalidate_recordset()
            for name in values:
                self.env.add_to_compute(record._fields[name], record)
            record.flush_recordset()
            self.assertEqual(
                {name: record[name] for name in values}, values, f"{record}"
            )
        aicha = cases.filtered(lambda c: c.beneficiary_id.first_name == "Aicha")
        self.assertEqual((aicha.gender, aicha.age_band), (False, "60_99"))

    def test_company_check_of_a_batch_still_refuses_another_company(self):
        """Cases are checked once per company and field, with the same verdict
        as the check per case."""
        self._import(self._case_rows(3, 900))
        cases = self.env["baom.case"].search([("office_id", "=", self.office_a.id)])
        self.assertGreater(len(cases), 1)
        cases._check_company()  # consistent: nothing raised
        outsider = cases[-1].beneficiary_id
        Beneficiary = type(self.env["baom.beneficiary"])
        original = Beneficiary._check_company_domain

        def other_company(records, companies):
            # As if the last person belonged to another company.
            return original(records, companies) & Domain("id", "!=", outsider.id)

        with patch.object(Beneficiary, "_check_company_domain", other_company):
            with self.assertRaisesRegex(UserError, "company"):
                cases._check_company()
            with self.assertRaisesRegex(UserError, "company"):
                cases[-1]._check_company()
