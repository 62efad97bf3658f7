from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .referral_common import BaomReferralCommon


@tagged("post_install", "-at_install", "baom_referral")
class TestActivityReportReferrals(BaomReferralCommon):
    """Office A sent three referrals to CNSS Agadir in March 2026 (answered in
    2 and 4 days, one expired; one done and successful) and one to ANAPEC in
    December 2025; office B sent one, and one stays a draft."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.r1 = cls.referral_a
        cls.r2 = cls._new_referral(cls.case_a, consent_share=True)
        cls.r3 = cls._new_referral(cls.case_a, consent_share=True)
        cls.r_last_year = cls._new_referral(
            cls.case_a, service_id=cls.service_b.id, consent_share=True
        )
        cls.r4 = cls.referral_b
        cls.draft = cls._new_referral(cls.case_a, consent_share=True)
        with freeze_time("2025-12-20 09:00:00"):
            cls.r_last_year.with_user(cls.officer_a).action_send()
        with freeze_time("2026-03-02 09:00:00"):
            (cls.r1 | cls.r2 | cls.r3).with_user(cls.officer_a).action_send()
            cls.r4.with_user(cls.officer_b).action_send()
        with freeze_time("2026-03-04 09:00:00"):
            cls.r1.with_user(cls.portal_a).action_accept()
        with freeze_time("2026-03-06 09:00:00"):
            cls.r2.with_user(cls.portal_a).action_refuse(refusal_reason="no_capacity")
        with freeze_time("2026-03-08 09:00:00"):
            cls.r4.with_user(cls.portal_b).action_accept()
        with freeze_time("2026-03-20 09:00:00"):
            cls.r1.with_user(cls.officer_a).action_done()
            cls.env["baom.referral"]._cron_expire_referrals()
        cls.report = cls.env.ref("baom_case.action_report_baom_activity")
        cls.data = {
            "office_id": cls.office_a.id,
            "date_from": "2026-01-01",
            "date_to": "2026-12-31",
        }

    def _section(self, user, **data):
        [report] = (
            self.env["report.baom_case.report_baom_activity"]
            .with_user(user)
            ._get_report_values(self.office_a.ids, data=dict(self.data, **data))[
                "reports"
            ]
        )
        return report["referrals"]

    def test_referrals_section_figures(self):
        self.assertEqual(self.r1.outcome, "successful")
        section = self._section(self.supervisor)
        self.assertEqual(
            {key: value for key, value in section.items() if key != "institutions"},
            {
                "sent": 3,
                "answered": 2,
                "answer_rate": 66.7,
                "median_answer_days": 3.0,
                "successful": 1,
                "with_outcome": 1,
                "success_rate": 100.0,
            },
            "Office B's referral, the draft and December 2025's are not counted",
        )
        self.assertEqual(
            section["institutions"],
            [
                {
                    "name": "CNSS Agadir",
                    "sent": 3,
                    "answered": 2,
                    "answer_rate": 66.7,
                    "median_answer_days": 3.0,
                    "success_rate": 100.0,
                }
            ],
        )

    def test_previous_year_counts_its_own_referral(self):
        section = self._section(
            self.officer_a, date_from="2025-01-01", date_to="2025-12-31"
        )
        self.assertEqual((section["sent"], section["answered"]), (1, 0))
        self.assertEqual(section["answer_rate"], 0.0)
        self.assertIsNone(section["median_answer_days"], "nothing answered")
        self.assertIsNone(section["success_rate"], "no outcome yet")
        self.assertEqual(
            [row["name"] for row in section["institutions"]], ["ANAPEC Biougra"]
        )
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            ._render_qweb_html(
                self.report,
                self.office_a.ids,
                data=dict(self.data, date_from="2025-01-01", date_to="2025-12-31"),
            )
        )
        self.assertRegex(
            html.decode(),
            r'o_baom_referral_median"[^>]*></td>',
            "No answer: no median printed, rather than a false 0",
        )

    def test_supervisor_prints_the_section_without_personal_data(self):
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(self.supervisor)
            ._render_qweb_html(self.report, self.office_a.ids, data=self.data)
        )
        html = html.decode()
        self.assertIn("o_baom_referral_institutions", html)
        self.assertRegex(html, r'o_baom_referral_sent"[^>]*>3<')
        self.assertRegex(html, r'o_baom_referral_answer_rate"[^>]*>66.7 %<')
        self.assertIn("CNSS Agadir", html)
        for private in ("Fatima", "Samira", "pension file checked"):
            self.assertNotIn(private, html, "No person, no reason in the report")

    def test_supervisor_prints_the_pdf(self):
        with self.allow_pdf_render():
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_user(self.supervisor)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(self.report, self.office_a.ids, data=self.data)
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_officer_of_another_office_cannot_print(self):
        with self.assertRaises(AccessError):
            self._section(self.officer_b)
