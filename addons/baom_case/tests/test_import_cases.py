import base64
import io

import openpyxl

from odoo.tests import tagged

from .common import BaomCaseCommon


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
