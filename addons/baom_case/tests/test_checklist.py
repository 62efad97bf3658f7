import base64

from odoo.tests import tagged

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_case")
class TestChecklist(BaomCaseCommon):
    def test_checklist_is_filled_from_the_needs_usual_documents(self):
        case = self._new_case(self.person_a, need_category_ids=self.need_pension.ids)
        self.assertEqual(
            case.document_ids.document_type_id, self.need_pension.document_type_ids
        )
        self.assertEqual(case.document_count, len(self.need_pension.document_type_ids))
        self.assertEqual(case.document_received_count, 0)
        self.assertTrue(all(case.document_ids.mapped("name")))

    def test_adding_a_need_adds_only_the_missing_documents(self):
        case = self._new_case(self.person_a, need_category_ids=self.need_pension.ids)
        cin = case.document_ids.filtered(
            lambda d: (
                d.document_type_id == self.env.ref("baom_base.baom_document_type_cin")
            )
        )
        cin.with_user(self.officer_a).is_received = True
        case.with_user(self.officer_a).need_category_ids = [(4, self.need_survivor.id)]
        expected = (
            self.need_pension.document_type_ids | self.need_survivor.document_type_ids
        )
        self.assertEqual(case.document_ids.document_type_id, expected)
        self.assertEqual(
            len(case.document_ids), len(expected), "No document asked twice"
        )
        self.assertTrue(cin.is_received, "What was received stays received")

    def test_attaching_a_file_marks_the_document_received(self):
        case = self._new_case(self.person_a, need_category_ids=self.need_pension.ids)
        line = case.document_ids[0].with_user(self.officer_a)
        line.write(
            {"file": base64.b64encode(b"%PDF-1.4 scan"), "file_name": "passport.pdf"}
        )
        self.assertTrue(line.is_received)
        self.assertTrue(line.date_received)
        self.assertEqual(case.document_received_count, 1)
        line.is_received = False
        self.assertFalse(line.date_received)

    def test_officer_adds_a_document_by_hand(self):
        case = self.case_a.with_user(self.officer_a)
        case.document_ids = [(0, 0, {"name": "Letter from the CARSAT"})]
        self.assertIn("Letter from the CARSAT", case.document_ids.mapped("name"))
