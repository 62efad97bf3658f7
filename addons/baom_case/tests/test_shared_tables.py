from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.baom_base.tests.shared_tables import (
    SharedTablesHttpMixin,
    SharedTablesMixin,
    or_refused,
)

from .common import BaomCaseCommon


class CaseSharedTablesCommon(SharedTablesMixin, BaomCaseCommon):
    """Case A of office A with its person as follower, a chatter message, an
    attachment, an activity and the person's rating."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, "baom_portal_user", groups="base.group_portal", name="Portal"
        )
        # Another addon whose group opens all ratings and followers: group
        # rules are OR-ed, so only global rules hold against it.
        wide_group = cls.env["res.groups"].create({"name": "Another addon's manager"})
        for model in ("rating.model_rating_rating", "mail.model_mail_followers"):
            cls.env["ir.rule"].create(
                {
                    "name": f"Another addon: all of {model}",
                    "model_id": cls.env.ref(model).id,
                    "groups": [Command.link(wide_group.id)],
                    "domain_force": "[(1, '=', 1)]",
                }
            )
        cls.wide = new_test_user(
            cls.env,
            "baom_other_manager",
            groups="base.group_user",
            name="Other addon's manager",
        )
        cls.wide.group_ids = [Command.link(wide_group.id)]
        case = cls.case_a
        case.with_user(cls.officer_a).message_post(
            body="Her son handles her money", message_type="comment"
        )
        cls.env["ir.attachment"].create(
            {
                "name": "pension_letter.pdf",
                "raw": b"%PDF-1.4 pension letter",
                "res_model": "baom.case",
                "res_id": case.id,
            }
        )
        case.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Call Fatima back",
            user_id=cls.officer_a.id,
        )
        cls.rating = cls._new_rating(case, cls.person_a.partner_id)
        # The same kinds of rows about a record that is not BAOM's.
        cls.supplier = cls.env["res.partner"].create({"name": "Supplier"})
        cls.supplier.message_subscribe(partner_ids=cls.internal.partner_id.ids)
        cls.supplier_rating = cls._new_rating(cls.supplier, cls.supplier)
        cls.outsiders = {
            "accountant": cls.internal,
            "portal": cls.portal,
            "other_office": cls.officer_b,
            "supervisor": cls.supervisor,
            "network": cls.network,
            "other_addon": cls.wide,
        }
        cls._allow_export(
            cls.internal | cls.officer_b | cls.supervisor | cls.network | cls.wide
        )

    @classmethod
    def _new_rating(cls, record, partner):
        return cls.env["rating.rating"].create(
            {
                "res_model_id": cls.env["ir.model"]._get_id(record._name),
                "res_id": record.id,
                "partner_id": partner.id,
                "rated_partner_id": cls.officer_a.partner_id.id,
                "rating": 1,
                "feedback": "Nobody called me back",
                "consumed": True,
            }
        )


@tagged("post_install", "-at_install", "baom_security")
class TestCaseSharedTables(CaseSharedTablesCommon):
    def test_outsiders_find_nothing_about_a_case(self):
        rows = self._shared_rows(self.case_a)
        self.assertEqual(
            set(rows),
            {
                "mail.followers",
                "rating.rating",
                "mail.message",
                "ir.attachment",
                "mail.activity",
            },
            "the fixture has a row in every shared table",
        )
        for role, user in self.outsiders.items():
            for model, found in rows.items():
                with self.subTest(role=role, model=model):
                    self.assertFindsNothing(user, found)

    def test_outsiders_find_no_case(self):
        for role, user in self.outsiders.items():
            if role == "supervisor":
                continue  # reads the pseudonymous case: see test_security
            with self.subTest(role=role):
                Case = self.env["baom.case"].with_user(user)
                on_case = [("id", "=", self.case_a.id)]
                self.assertFalse(or_refused(Case.search, on_case), role)
                self.assertFalse(or_refused(Case.name_search, self.case_a.name), role)
                self.assertFalse(
                    or_refused(Case.formatted_read_group, on_case, ["office_id"]), role
                )
                self.assertIsNone(
                    or_refused(self.case_a.with_user(user).read, ["name"]), role
                )

    def test_outsiders_learn_nothing_from_the_ratings_statistics(self):
        for role, user in self.outsiders.items():
            with self.subTest(role=role):
                Rating = self.env["rating.rating"].with_user(user)
                groups = (
                    Rating.formatted_read_group(
                        [], ["res_model"], ["__count", "rating:avg"]
                    )
                    if Rating.has_access("read")
                    else []
                )
                self.assertNotIn(
                    "baom.case", [group["res_model"] for group in groups], role
                )

    def test_officers_of_the_office_see_the_chatter_and_ratings(self):
        for user in (self.officer_a, self.backup_officer, self.admin):
            for model, rows in self._shared_rows(self.case_a).items():
                with self.subTest(user=user.login, model=model):
                    self.assertFindsAll(user, rows)

    def test_an_archived_case_keeps_its_ratings_and_followers(self):
        self.case_a.action_archive()
        rows = self._shared_rows(self.case_a)
        for model in ("rating.rating", "mail.followers"):
            with self.subTest(model=model):
                self.assertFindsAll(self.officer_a, rows[model])
                self.assertFindsNothing(self.officer_b, rows[model])

    def test_ratings_and_followers_of_other_documents_stay_visible(self):
        followers = self._shared_rows(self.supplier)["mail.followers"]
        for user in (self.internal, self.officer_a, self.supervisor, self.wide):
            with self.subTest(user=user.login):
                self.assertFindsAll(user, self.supplier_rating)
                self.assertFindsAll(user, followers)

    def test_fence_follows_office_membership_at_once(self):
        Rating = self.env["rating.rating"].with_user(self.officer_b)
        self.assertFalse(Rating.search([("id", "=", self.rating.id)]))
        self.office_a.officer_ids = [Command.link(self.officer_b.id)]
        self.assertTrue(Rating.search([("id", "=", self.rating.id)]))
        self.office_a.officer_ids = [Command.unlink(self.officer_b.id)]
        self.assertFalse(Rating.search([("id", "=", self.rating.id)]))

    def test_outsiders_cannot_change_a_case_rating(self):
        for user in (self.internal, self.wide, self.officer_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.rating.with_user(user).write({"rating": 5})


@tagged("post_install", "-at_install", "baom_security")
class TestCaseSharedTablesHttp(SharedTablesHttpMixin, CaseSharedTablesCommon, HttpCase):
    def test_web_content_refuses_outsiders(self):
        self.assertWebContentGuarded(self.case_a, b"pension letter")

    def test_thread_routes_show_outsiders_nothing(self):
        secrets = ("Ait Brahim", "pension_letter", "Call Fatima")
        self.assertThreadRoutesGuarded(self.case_a, hidden=secrets, shown=secrets)
