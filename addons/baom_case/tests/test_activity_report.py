import io
from unittest.mock import patch

import lxml.html

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from odoo.addons.baom_base.models.ir_actions_report import IrActionsReport

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_case")
class TestActivityReport(BaomCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_known_dataset()
        cls.report = cls.env.ref("baom_case.action_report_baom_activity")
        cls.data = {
            "office_id": cls.office_a.id,
            "date_from": "2025-01-01",
            "date_to": "2025-12-31",
        }

    def _values(self, user):
        return (
            self.env["report.baom_case.report_baom_activity"]
            .with_user(user)
            ._get_report_values(self.office_a.ids, data=self.data)
        )

    def test_figures_of_the_year_and_comparison(self):
        [report] = self._values(self.officer_a)["reports"]
        current = report["current"]
        self.assertEqual(
            (
                current["people"],
                current["opened"],
                current["closed"],
                current["resolved"],
            ),
            (4, 3, 2, 1),
        )
        self.assertEqual(current["resolution_days"], 20.0)
        self.assertEqual(current["open_at_end"], 1)
        self.assertEqual(report["previous"]["opened"], 0, "2024: nothing yet")
        self.assertEqual(
            report["comparison"]["opened"],
            {"difference": 3, "percent": None, "direction": "up"},
            "+3, and no percentage without a base",
        )
        profiles = {row["label"]: row for row in report["by_profile_cases"]}
        rights_holders = profiles["Rights holder (ayant droit)"]
        self.assertEqual((rights_holders["female"], rights_holders["total"]), (2, 2))
        people = {row["label"]: row["total"] for row in report["by_profile_people"]}
        self.assertEqual(people["Rights holder (ayant droit)"], 3)
        outcomes = {row["label"]: row["total"] for row in report["by_outcome"]}
        self.assertEqual(outcomes, {"Resolved": 1, "Not resolved": 1})
        months = {row["month"]: row for row in report["by_month"]}
        self.assertEqual(months["July 2025"]["people"], 3)
        self.assertEqual(months["August 2025"]["opened"], 2)

    def test_a_case_counts_opened_when_opened_and_closed_when_closed(self):
        self._new_case(
            self.person_a,
            date_open="2023-03-10 10:00:00",
            stage_id=self.stage_resolved.id,
            date_closed="2023-05-20 10:00:00",
        )
        data = dict(self.data, date_from="2023-01-01", date_to="2023-12-31")
        [report] = (
            self.env["report.baom_case.report_baom_activity"]
            .with_user(self.supervisor)
            ._get_report_values(self.office_a.ids, data=data)["reports"]
        )
        months = {
            row["month"]: (row["opened"], row["closed"]) for row in report["by_month"]
        }
        self.assertEqual(months["March 2023"], (1, 0), "opened in March")
        self.assertEqual(months["May 2023"], (0, 1), "closed in May")
        self.assertEqual(sum(closed for _opened, closed in months.values()), 1)
        current = report["current"]
        self.assertEqual((current["opened"], current["closed"]), (1, 1))
        self.assertEqual((current["resolved"], current["resolution_days"]), (1, 71.0))
        # The same rows as the statistics' pivot, grouped by month.
        pivot = {
            month.strftime("%B %Y"): (opened, closed)
            for month, opened, closed in self.env["baom.case.report"]
            .with_user(self.supervisor)
            ._read_group(
                [
                    ("office_id", "=", self.office_a.id),
                    ("date", ">=", "2023-01-01 00:00:00"),
                    ("date", "<", "2024-01-01 00:00:00"),
                ],
                ["date:month"],
                ["case_count:sum", "closed_count:sum"],
            )
        }
        self.assertEqual(pivot, {"March 2023": (1, 0), "May 2023": (0, 1)})
        self.assertEqual({m: months[m] for m in pivot}, pivot)

    def test_missing_gender_is_counted_under_not_recorded(self):
        self.env["baom.visit"].create(
            {
                "office_id": self.office_a.id,
                "visit_date": "2025-09-01 09:00:00",
                "profile": "returnee",
                "people_count": 3,
            }
        )
        [report] = self._values(self.officer_a)["reports"]
        returnees = {row["label"]: row for row in report["by_profile_people"]}[
            "Returnee"
        ]
        self.assertEqual(
            (returnees["female"], returnees["male"], returnees["not_recorded"]),
            (0, 0, 3),
        )
        september = report["by_month"][8]
        self.assertEqual((september["people"], september["women"]), (3, 0))

    def test_every_month_of_the_period_is_listed(self):
        [report] = self._values(self.officer_a)["reports"]
        months = [row["month"] for row in report["by_month"]]
        self.assertEqual(len(months), 12, "a month without activity shows 0")
        self.assertEqual(months[0], "January 2025")
        self.assertEqual(months[-1], "December 2025")
        january = report["by_month"][0]
        self.assertEqual(
            (january["people"], january["opened"], january["closed"]), (0, 0, 0)
        )
        july = report["by_month"][6]
        self.assertEqual(july["people"], july["women"] + july["men"] + 0)

    def test_change_column_compares_with_the_previous_period(self):
        data = dict(self.data, date_from="2026-01-01", date_to="2026-12-31")
        [report] = (
            self.env["report.baom_case.report_baom_activity"]
            .with_user(self.officer_a)
            ._get_report_values(self.office_a.ids, data=data)["reports"]
        )
        # 2025 opened 3 cases: the change says how 2026 compares, in cases
        # and in percent, with the arrow's direction.
        opened = report["current"]["opened"]
        self.assertEqual(report["previous"]["opened"], 3)
        change = report["comparison"]["opened"]
        self.assertEqual(change["difference"], opened - 3)
        self.assertEqual(change["percent"], round((opened - 3) * 100.0 / 3, 1))
        self.assertEqual(change["direction"], "down" if opened < 3 else "up")
        self.assertIsNone(
            report["comparison"]["resolution_days"],
            "no case closed in 2026: no average to compare",
        )

    def test_report_draws_charts_without_network(self):
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            ._render_qweb_html(self.report, self.office_a.ids, data=self.data)
        )
        html = html.decode()
        self.assertIn("<svg", html)
        self.assertEqual(
            html.count('class="o_baom_bar"') >= 24, True, "12 months x 2 genders"
        )
        chart = html.split("<svg", 1)[1].split("</svg>", 1)[0]
        self.assertNotIn("href", chart, "nothing to fetch")
        self.assertNotIn("src=", chart, "nothing to fetch")

    def test_letterhead_in_the_body_without_patched_wkhtmltopdf(self):
        self.env.company.name = "Commune de Belfaa"
        render = self.env["ir.actions.report"].with_user(self.officer_a)
        with patch.object(
            IrActionsReport, "_baom_letterhead_in_body", return_value=True
        ):
            html = render._render_qweb_html(
                self.report, self.office_a.ids, data=self.data
            )[0].decode()
        self.assertIn("o_baom_letterhead", html)
        self.assertIn("Commune de Belfaa", html)
        self.assertIn('data-report-margin-top="12"', html)
        with patch.object(
            IrActionsReport, "_baom_letterhead_in_body", return_value=False
        ):
            html = render._render_qweb_html(
                self.report, self.office_a.ids, data=self.data
            )[0].decode()
        self.assertNotIn("o_baom_letterhead", html, "the header prints it")

    def test_wizard_prints_a_pdf(self):
        wizard = (
            self.env["baom.activity.report.wizard"]
            .with_user(self.supervisor)
            .create(
                {
                    "office_id": self.office_a.id,
                    "date_from": "2025-01-01",
                    "date_to": "2025-12-31",
                }
            )
        )
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "baom_case.report_baom_activity")
        self.assertEqual(action["data"]["office_id"], self.office_a.id)
        with self.allow_pdf_render():
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_user(self.supervisor)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(self.report, self.office_a.ids, data=action["data"])
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        reader = PdfFileReader(io.BytesIO(pdf))
        pages = reader.getNumPages()
        last_page = reader.getPage(pages - 1).extractText()
        if self.env["ir.actions.report"]._baom_letterhead_in_body():
            self.assertIn(f"{pages} / {pages}", last_page, "page numbers stamped")

    def test_report_in_arabic_reads_right_to_left(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(
            ["baom_case"], ["ar_001"], overwrite=True
        )
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            .with_context(lang="ar_001")
            ._render_qweb_html(self.report, self.office_a.ids, data=self.data)
        )
        html = html.decode()
        self.assertIn('dir="rtl"', html)
        self.assertIn("تقرير النشاط", html, "Arabic labels from ar.po")
        self.assertNotIn("Fatima", html, "No personal data in a report")

    def test_arabic_note_is_printed_word_by_word(self):
        """The closing note used to pile up on itself in the Arabic PDF: in
        right-to-left reports each word (and its final mark) stands apart."""
        self.env["res.lang"]._activate_lang("ar_001")
        for lang, words in (("ar_001", True), ("en_US", False)):
            html, __ = (
                self.env["ir.actions.report"]
                .with_user(self.officer_a)
                .with_context(lang=lang)
                ._render_qweb_html(self.report, self.office_a.ids, data=self.data)
            )
            note = lxml.html.fromstring(html).xpath(
                "//p[contains(@class, 'text-muted')][contains(@class, 'mt-4')]"
            )[-1]
            spans = [span.text or "" for span in note.iter("span")]
            with self.subTest(lang):
                if words:
                    self.assertFalse((note.text or "").strip(), "no bare text")
                    self.assertGreater(len(spans), 20)
                    self.assertFalse([s for s in spans if " " in s], "one word each")
                    self.assertIn(".", spans, "the full stop apart from its word")
                else:
                    self.assertFalse(spans)
                    self.assertIn("no personal data", note.text_content())

    def test_report_of_another_office_is_refused(self):
        with self.assertRaises(AccessError):
            self.env["report.baom_case.report_baom_activity"].with_user(
                self.officer_b
            )._get_report_values(self.office_a.ids, data=self.data)
        with self.assertRaises(AccessError):
            self._values(self.network)

    # ------------------------------------------------------------
    # Several offices at once: one query per section, not per office
    # ------------------------------------------------------------

    def _third_office(self):
        office = self.env["baom.office"].create(
            {
                "name": "Office C",
                "code": "OFFC",
                "officer_ids": [(6, 0, self.officer_b.ids)],
                "supervisor_ids": [(6, 0, self.supervisor.ids)],
            }
        )
        person = self._new_beneficiary(office, gender="male", profile="returnee")
        self._new_case(
            person,
            user=self.officer_b,
            date_open="2025-03-01 10:00:00",
            stage_id=self.stage_resolved.id,
            date_closed="2025-03-21 10:00:00",
            need_category_ids=self.need_housing.ids,
        )
        self._new_case(
            self.person_b,
            user=self.officer_b,
            date_open="2025-09-01 10:00:00",
            need_category_ids=self.need_pension.ids,
        )
        self._new_case(
            self._new_beneficiary(office, first_name="Aicha"),
            user=self.officer_b,
            date_open="2025-09-05 10:00:00",
        )
        self.env["baom.visit"].create(
            {
                "office_id": office.id,
                "visit_date": "2025-09-02 09:00:00",
                "gender": "female",
                "profile": "tcn_transit",
                "people_count": 3,
            }
        )
        return office

    def _print_values(self, offices):
        data = {"date_from": "2025-01-01", "date_to": "2025-12-31"}
        return (
            self.env["report.baom_case.report_baom_activity"]
            .with_user(self.supervisor)
            ._get_report_values(offices.ids, data=data)
        )

    def _count_print_queries(self, offices):
        self.env.invalidate_all()
        self.env.flush_all()
        start = self.env.cr.sql_log_count
        self._print_values(offices)
        self.env.flush_all()
        return self.env.cr.sql_log_count - start

    def test_offices_printed_together_cost_the_queries_of_one(self):
        offices = self.office_a | self.office_b | self._third_office()
        self._print_values(offices)  # warm the caches
        one = self._count_print_queries(self.office_a)
        self.env.invalidate_all()
        with self.assertQueryCount(one):
            self._print_values(offices)

    def test_offices_printed_together_keep_their_own_figures(self):
        offices = self.office_a | self.office_b | self._third_office()
        together = {
            report["office"]: report
            for report in self._print_values(offices)["reports"]
        }
        self.assertEqual(list(together), list(offices), "one report per office")
        for office in offices:
            [alone] = self._print_values(office)["reports"]
            for key in alone:
                if key not in ("office", "charts", "objectives"):
                    self.assertEqual(together[office][key], alone[key], key)
            self.assertEqual(
                together[office]["objectives"], alone.get("objectives"), office.name
            )
        self.assertEqual(together[self.office_a]["current"]["opened"], 3)
        office_c = offices[2]
        self.assertEqual(
            (
                together[office_c]["current"]["opened"],
                together[office_c]["current"]["closed"],
                together[office_c]["current"]["people"],
            ),
            (2, 1, 3),
        )
