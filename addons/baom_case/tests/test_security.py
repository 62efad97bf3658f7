from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.baom_base.tests.common import AccessMatrixMixin

from .common import BaomCaseCommon

# Expected rights on records of office A: role -> operations allowed
# (c)reate, (r)ead, (w)rite, (u)nlink. Anything not listed must be refused.
# "officer" works in office A, "backup" is its backup officer, "other_officer"
# works in office B only, "supervisor" supervises A and B.
MATRIX = {
    "baom.case": {
        "officer": "crw",
        "backup": "crw",
        "other_officer": "",
        "supervisor": "r",
        "network": "",
        "internal": "",
        "admin": "crwu",
    },
    "baom.case.document": {
        "officer": "crwu",
        "backup": "crwu",
        "other_officer": "",
        "supervisor": "",
        "network": "",
        "internal": "",
        "admin": "crwu",
    },
    "baom.case.report": {
        "officer": "r",
        "backup": "r",
        "other_officer": "",
        "supervisor": "r",
        "network": "",
        "internal": "",
        "admin": "r",
    },
    "baom.case.stage": {
        "officer": "r",
        "backup": "r",
        "other_officer": "r",
        "supervisor": "r",
        "network": "crwu",
        "internal": "r",
        "admin": "crwu",
    },
    "baom.case.tag": {
        "officer": "crw",
        "backup": "crw",
        "other_officer": "crw",
        "supervisor": "r",
        "network": "r",
        "internal": "r",
        "admin": "crwu",
    },
}
PERSONAL_FIELDS = (
    "beneficiary_id",
    "partner_id",
    "title",
    "description",
    "confidential_note",
    "email_from",
    "document_ids",
    "message_partner_ids",
    "message_follower_ids",
    "activity_summary",
    "rating_last_feedback",
)
PSEUDONYMOUS_FIELDS = (
    "name",
    "display_name",
    "office_id",
    "user_id",
    "stage_id",
    "kanban_state",
    "need_category_id",
    "gender",
    "profile",
    "age_band",
    "nationality_id",
    "date_open",
    "date_closed",
    "outcome",
)


@tagged("post_install", "-at_install", "baom_security")
class TestCaseSecurity(AccessMatrixMixin, BaomCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document_a = cls.env["baom.case.document"].create(
            {"case_id": cls.case_a.id, "name": "Death certificate"}
        )
        cls.report_a = cls.env["baom.case.report"].search(
            [("case_id", "=", cls.case_a.id)]
        )
        cls.stage = cls.env["baom.case.stage"].create(
            {"name": "Appeal", "sequence": 99}
        )
        cls.tag = cls.env["baom.case.tag"].create({"name": "Consulate letter"})
        cls.users = {
            "officer": cls.officer_a,
            "backup": cls.backup_officer,
            "other_officer": cls.officer_b,
            "supervisor": cls.supervisor,
            "network": cls.network,
            "internal": cls.internal,
            "admin": cls.admin,
        }

    def _fixture(self, model):
        """(record of office A, field values to write, values to create)."""
        return {
            "baom.case": (
                self.case_a,
                {"priority": "1"},
                {"beneficiary_id": self.person_a.id, "office_id": self.office_a.id},
            ),
            "baom.case.document": (
                self.document_a,
                {"note": "Certified copy"},
                {"case_id": self.case_a.id, "name": "Passport"},
            ),
            "baom.case.report": (
                self.report_a,
                {"case_count": 2},
                {"office_id": self.office_a.id},
            ),
            "baom.case.stage": (
                self.stage,
                {"description": "Updated"},
                {"name": "Appeal"},
            ),
            "baom.case.tag": (self.tag, {"color": 3}, {"name": "Embassy"}),
        }[model]

    def test_access_matrix(self):
        self.assertEqual(len(self.report_a), 1)
        self.assertAccessMatrix(MATRIX)

    def test_supervisor_cannot_read_what_names_the_person(self):
        case = self.case_a.with_user(self.supervisor)
        for field in PERSONAL_FIELDS:
            with self.subTest(field=field):
                with self.assertRaises(
                    AccessError, msg=f"A supervisor must not read {field}"
                ):
                    case.read([field])

    def test_supervisor_reads_the_pseudonymous_case(self):
        [values] = self.case_a.with_user(self.supervisor).read(
            list(PSEUDONYMOUS_FIELDS)
        )
        self.assertEqual(values["display_name"], self.case_a.name)
        self.assertNotIn("Fatima", str(values))
        self.assertEqual(values["gender"], "female")

    def test_supervisor_sees_no_chatter_attachment_or_activity(self):
        self.case_a.with_user(self.officer_a).message_post(
            body="Fatima's husband worked at the Lens mine", message_type="comment"
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "death_certificate.pdf",
                "raw": b"%PDF-1.4",
                "res_model": "baom.case",
                "res_id": self.case_a.id,
            }
        )
        self.case_a.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Call Fatima",
            user_id=self.officer_a.id,
        )
        on_case = [("model", "=", "baom.case"), ("res_id", "=", self.case_a.id)]
        self.assertTrue(
            self.env["mail.message"].with_user(self.officer_a).search(on_case)
        )
        self.assertFalse(
            self.env["mail.message"].with_user(self.supervisor).search(on_case),
            "Supervisors must not read the chatter",
        )
        with self.assertRaises(AccessError, msg="Nor the attachments"):
            attachment.with_user(self.supervisor).read(["name", "raw"])
        self.assertFalse(
            self.env["mail.activity"]
            .with_user(self.supervisor)
            .search([("res_model", "=", "baom.case"), ("res_id", "=", self.case_a.id)]),
            "Nor the activities",
        )
        attachment.with_user(self.officer_a).read(["name"])

    def test_who_follows_a_case_stays_within_the_office(self):
        Followers = self.env["mail.followers"]
        on_case = [("res_model", "=", "baom.case"), ("res_id", "=", self.case_a.id)]
        person = self.person_a.partner_id
        self.assertIn(
            person, Followers.with_user(self.officer_a).search(on_case).partner_id
        )
        for user in (self.officer_b, self.supervisor, self.internal, self.network):
            with self.subTest(user=user.login):
                self.assertFalse(
                    Followers.with_user(user).search(on_case),
                    f"{user.login} must not learn who follows a case",
                )

    def test_supervisor_views_show_no_personal_field(self):
        Case = self.env["baom.case"].with_user(self.supervisor)
        views = Case.get_views(
            [
                (self.env.ref("baom_case.baom_case_view_list_pseudonymous").id, "list"),
                (self.env.ref("baom_case.baom_case_view_form").id, "form"),
                (False, "search"),
            ]
        )
        for view_type, view in views["views"].items():
            arch = etree.fromstring(view["arch"])
            names = {node.get("name") for node in arch.iter("field")}
            with self.subTest(view=view_type):
                self.assertFalse(names & set(PERSONAL_FIELDS), f"{view_type} view")
        self.assertFalse(
            etree.fromstring(views["views"]["form"]["arch"]).xpath("//chatter")
        )

    def test_officer_of_another_office_learns_nothing(self):
        Case = self.env["baom.case"].with_user(self.officer_b)
        self.assertFalse(Case.search([("id", "=", self.case_a.id)]))
        for query in ("Fatima", self.case_a.name, "Survivor"):
            with self.subTest(query=query):
                self.assertFalse(Case.name_search(query))
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.officer_b).read(["name"])
        with self.assertRaises(AccessError):
            Case.create({"beneficiary_id": self.person_a.id})

    def test_rules_follow_office_membership_at_once(self):
        def sees(user, model="baom.case", domain=None):
            records = (
                self.env[model]
                .with_user(user)
                .search(domain or [("id", "=", self.case_a.id)])
            )
            return bool(records)

        self.assertFalse(sees(self.officer_b))
        self.office_a.officer_ids = [(4, self.officer_b.id)]
        self.assertTrue(sees(self.officer_b), "A new officer works at once")
        self.office_a.officer_ids = [(3, self.officer_b.id)]
        self.assertFalse(sees(self.officer_b), "A departed officer sees nothing")
        on_case = [("case_id", "=", self.case_a.id)]
        self.assertTrue(sees(self.supervisor, "baom.case.report", on_case))
        self.office_a.supervisor_ids = [(3, self.supervisor.id)]
        self.assertFalse(sees(self.supervisor))
        self.assertFalse(sees(self.supervisor, "baom.case.report", on_case))

    def test_officers_find_a_case_by_the_persons_name(self):
        found = self.env["baom.case"].with_user(self.officer_a).name_search("Fatima")
        self.assertIn(self.case_a.id, [case_id for case_id, __ in found])
        supervisor = self.env["baom.case"].with_user(self.supervisor)
        self.assertFalse(
            supervisor.name_search("Fatima"), "Supervisors: reference only"
        )
        self.assertTrue(supervisor.name_search(self.case_a.name))

    def test_officer_archives_instead_of_deleting(self):
        case = self.case_a.with_user(self.officer_a)
        with self.assertRaises(AccessError):
            case.unlink()
        case.action_archive()
        self.assertFalse(case.active)
