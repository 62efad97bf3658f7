import base64
import io
from unittest.mock import patch

import openpyxl

from odoo.tests import tagged

from .common import BaomEventsCommon


@tagged("post_install", "-at_install")
class TestImportVisits(BaomEventsCommon):
    def test_imported_visits_need_no_new_record_per_visit(self):
        """The workbook import gives the visit's event link (none: the visits
        of a register are walk-ins), so the ORM creates them without building
        a new record per visit to precompute it; the result is the same."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Nom", "Prénom", "Type de bénéficiaire", "Date d'accueil"])
        sheet.append(["Oubella", "Aicha", "Ayant droit", "05/07/2025"])
        sheet.append(["Sow", "Ousmane", "RPT installé", "06/07/2025"])
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
        Visit = type(self.env["baom.visit"])
        new_visits = []
        original_new = Visit.new

        def counted_new(records, *args, **kwargs):
            new_visits.append(args)
            return original_new(records, *args, **kwargs)

        with patch.object(Visit, "new", counted_new):
            wizard.action_import()
        self.assertEqual(wizard.visit_count, 2)
        self.assertFalse(new_visits, "No new() per imported visit")
        visits = self.env["baom.visit"].search([("office_id", "=", self.office_a.id)])
        self.assertEqual(len(visits), 2)
        self.assertEqual(set(visits.mapped("channel")), {"walk_in"})
        self.assertFalse(visits.event_id)
