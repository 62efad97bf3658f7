from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.baom_base.tests.common import AccessMatrixMixin

from .referral_common import BaomReferralCommon

# Expected rights on records of office A: (c)reate, (r)ead, (w)rite,
# (u)nlink. "other_officer" works in office B only; "supervisor" supervises
# A and B; portal_a is a contact of the institution referral_a is sent to.
MATRIX = {
    "baom.referral": {
        "officer": "crw",
        "backup": "crw",
        "other_officer": "",
        "supervisor": "r",
        "network": "",
        "internal": "",
        "admin": "crwu",
        "portal_a": "r",
        "portal_b": "",
    },
    "baom.referral.report": {
        "officer": "r",
        "backup": "r",
        "other_officer": "",
        "supervisor": "r",
        "network": "r",
        "internal": "",
        "admin": "r",
        "portal_a": "",
        "portal_b": "",
    },
}
# Never readable by a supervisor (pseudonymous) nor by the institution.
PERSONAL_FIELDS = (
    "beneficiary_id",
    "reason",
    "share_document_ids",
    "visit_id",
    "message_partner_ids",
    "message_follower_ids",
    "activity_summary",
)
PSEUDONYMOUS_FIELDS = (
    "name",
    "display_name",
    "case_id",
    "office_id",
    "service_id",
    "institution_id",
    "state",
    "date_sent",
    "date_deadline",
    "outcome",
)
SHARED_FIELDS = (
    "shared_name",
    "shared_phone",
    "shared_reason",
    "shared_document_names",
)
# What the institution's portal contact reads.
PORTAL_FIELDS = (
    "name",
    "state",
    "date_sent",
    "date_deadline",
    "refusal_reason",
    "outcome",
    *SHARED_FIELDS,
)


@tagged("post_install", "-at_install", "baom_security", "baom_referral")
class TestReferralSecurity(AccessMatrixMixin, BaomReferralCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.referral_a.with_user(cls.officer_a).action_send()
        # export is a right of its own in Odoo: give it, so that what stops an
        # export below is the access to the referral, never the missing right
        export = cls.env.ref("base.group_allow_export")
        for user in (cls.supervisor, cls.network, cls.portal_a, cls.portal_b):
            user.sudo().group_ids |= export
        cls.report_a = cls.env["baom.referral.report"].search(
            [("office_id", "=", cls.office_a.id)]
        )
        cls.users = {
            "officer": cls.officer_a,
            "backup": cls.backup_officer,
            "other_officer": cls.officer_b,
            "supervisor": cls.supervisor,
            "network": cls.network,
            "internal": cls.internal,
            "admin": cls.admin,
            "portal_a": cls.portal_a,
            "portal_b": cls.portal_b,
        }

    def _fixture(self, model):
        return {
            "baom.referral": (
                self.referral_a,
                {"date_deadline": "2030-01-01"},
                {"case_id": self.case_a.id, "service_id": self.service_a.id},
            ),
            "baom.referral.report": (
                self.report_a,
                {"referral_count": 2},
                {"office_id": self.office_a.id},
            ),
        }[model]

    def _record_to_delete(self, model, record):
        if model == "baom.referral":
            # a sent referral is kept (business rule): delete a draft one
            return self._new_referral(self.case_a)
        return record

    def test_access_matrix(self):
        self.assertEqual(len(self.report_a), 1)
        self.assertAccessMatrix(MATRIX)

    def test_supervisor_reads_the_pseudonymous_part_only(self):
        referral = self.referral_a.with_user(self.supervisor)
        referral.read(list(PSEUDONYMOUS_FIELDS))
        for field in PERSONAL_FIELDS + SHARED_FIELDS:
            with self.assertRaises(AccessError, msg=f"supervisor reads {field}"):
                referral.read([field])
        with self.assertRaises(AccessError):
            referral.export_data(["beneficiary_id/name"])
        with self.assertRaises(AccessError):
            referral.export_data(["reason"])
        rows = referral.export_data(["name", "state"])["datas"]
        self.assertEqual(rows, [[self.referral_a.name, "Sent"]])
        with self.assertRaises(AccessError):
            self.env["baom.referral"].with_user(self.supervisor).search(
                [("beneficiary_id.name", "ilike", "Fatima")]
            )

    def test_supervisor_cannot_answer_nor_send(self):
        referral = self.referral_a.with_user(self.supervisor)
        for action in ("action_accept", "action_done", "action_cancel"):
            with self.assertRaises(AccessError, msg=action):
                getattr(referral, action)()
        with self.assertRaises(AccessError):
            referral.action_refuse(refusal_reason="other")
        self.assertEqual(self.referral_a.state, "sent")

    def test_network_sees_no_referral_but_the_anonymous_statistics(self):
        Referral = self.env["baom.referral"].with_user(self.network)
        for call in (
            lambda: Referral.search([]),
            lambda: Referral.name_search(""),
            lambda: Referral._read_group([], ["institution_id"], ["__count"]),
            lambda: self.referral_a.with_user(self.network).read(["name"]),
            lambda: self.referral_a.with_user(self.network).export_data(["name"]),
        ):
            with self.assertRaises(AccessError):
                call()
        Report = self.env["baom.referral.report"].with_user(self.network)
        groups = Report._read_group(
            [], ["institution_id"], ["referral_count:sum", "sent_count:sum"]
        )
        by_institution = {inst: (count, sent) for inst, count, sent in groups}
        self.assertEqual(by_institution[self.institution_a], (1, 1))
        self.assertEqual(by_institution[self.institution_b], (1, 0))
        # the report has no field that could name a person
        for name, field in Report._fields.items():
            self.assertNotIn(
                field.comodel_name,
                ("baom.beneficiary", "baom.case", "baom.referral", "res.users"),
                f"baom.referral.report.{name} leads to personal data",
            )

    def test_officers_see_their_office_only(self):
        Referral = self.env["baom.referral"].with_user(self.officer_b)
        self.assertEqual(Referral.search([]), self.referral_b)
        self.assertEqual(
            [r[0] for r in Referral.name_search("REF")], self.referral_b.ids
        )
        groups = Referral._read_group([], ["office_id"], ["__count"])
        self.assertEqual(groups, [(self.office_b, 1)])
        with self.assertRaises(AccessError):
            self.referral_a.with_user(self.officer_b).read(["name"])
        with self.assertRaises(AccessError):
            self.referral_a.with_user(self.officer_b).action_accept()
        report = self.env["baom.referral.report"].with_user(self.officer_b)
        self.assertEqual(report.search([]).office_id, self.office_b)

    def test_officer_cannot_delete_a_referral(self):
        draft = self._new_referral(self.case_a)
        with self.assertRaises(AccessError):
            draft.with_user(self.officer_a).unlink()

    def test_portal_contact_of_the_institution_reads_the_shared_fields_only(self):
        referral = self.referral_a.with_user(self.portal_a)
        Referral = self.env["baom.referral"].with_user(self.portal_a)
        self.assertEqual(Referral.search([]), self.referral_a)
        self.assertEqual([r[0] for r in Referral.name_search("")], self.referral_a.ids)
        values = referral.read(list(PORTAL_FIELDS))[0]
        self.assertEqual(values["shared_name"], "Fatima Ait Brahim")
        self.assertFalse(values["shared_phone"], "Phone not ticked")
        self.assertIn("survivor's pension", values["shared_reason"])
        for field in ("beneficiary_id", "reason", "case_id", "visit_id"):
            with self.assertRaises(AccessError, msg=f"portal reads {field}"):
                referral.read([field])
        with self.assertRaises(AccessError):
            referral.export_data(["case_id/name"])
        with self.assertRaises(AccessError):
            referral.write({"state": "done"})
        # a draft referral of the same institution is not visible yet
        draft = self._new_referral(self.case_a, consent_share=True)
        self.assertNotIn(draft, Referral.search([]))

    def test_portal_contact_answers_its_own_referrals(self):
        referral = self.referral_a.with_user(self.portal_a)
        referral.action_accept()
        self.assertEqual(self.referral_a.state, "accepted")
        referral.action_done(
            outcome="not_successful", reason_not_successful="beneficiary_refused"
        )
        self.assertEqual(self.referral_a.state, "done")
        self.assertEqual(self.referral_a.reason_not_successful, "beneficiary_refused")
        with self.assertRaises(UserError, msg="No answer twice"):
            referral.action_accept()
        with self.assertRaises(AccessError, msg="Sending is the officer's job"):
            self._new_referral(self.case_a, consent_share=True).with_user(
                self.portal_a
            ).action_send()

    def test_portal_contact_of_another_institution_sees_and_answers_nothing(self):
        Referral = self.env["baom.referral"].with_user(self.portal_b)
        self.assertFalse(Referral.search([]))
        self.assertFalse(Referral.name_search(""))
        referral = self.referral_a.with_user(self.portal_b)
        with self.assertRaises(AccessError):
            referral.read(["name"])
        for action in ("action_accept", "action_done"):
            with self.assertRaises(AccessError, msg=action):
                getattr(referral, action)()
        with self.assertRaises(AccessError):
            referral.action_refuse(refusal_reason="other")
        self.assertEqual(self.referral_a.state, "sent")
        with self.assertRaises(AccessError):
            self.env["baom.referral.report"].with_user(self.portal_b).search([])

    def test_chatter_of_a_referral_is_for_officers_only(self):
        self.referral_a.message_post(body="Called the agency")
        for user in (self.supervisor, self.portal_a):
            messages = (
                self.env["mail.message"]
                .with_user(user)
                .search(
                    [
                        ("model", "=", "baom.referral"),
                        ("res_id", "=", self.referral_a.id),
                    ]
                )
            )
            self.assertFalse(messages, f"{user.name} reads the referral's chatter")
        messages = (
            self.env["mail.message"]
            .with_user(self.officer_a)
            .search(
                [("model", "=", "baom.referral"), ("res_id", "=", self.referral_a.id)]
            )
        )
        self.assertTrue(messages)

    def test_views_open_for_each_role(self):
        views = [(False, "list"), (False, "form"), (False, "search")]
        for user in (self.officer_a, self.supervisor, self.admin):
            arch = self.env["baom.referral"].with_user(user).get_views(views)
            fields = arch["models"]["baom.referral"]["fields"]
            if user == self.supervisor:
                for field in PERSONAL_FIELDS:
                    self.assertNotIn(field, fields, f"{field} in the supervisor's form")
            self.env["baom.case"].with_user(user).get_views([(False, "form")])
        self.env["baom.referral.report"].with_user(self.network).get_views(
            [(False, "pivot"), (False, "graph"), (False, "search")]
        )
        self.env["res.partner"].with_user(self.network).get_views([(False, "form")])
