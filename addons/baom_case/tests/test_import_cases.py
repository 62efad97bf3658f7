import base64
import io

import openpyxl

from odoo.tests import tagged

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_import")
class TestImportCreatesCases(BaomCaseCommon):
    def _import(self):
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
