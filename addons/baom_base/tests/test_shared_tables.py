from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import BaomBaseCommon
from .shared_tables import SharedTablesHttpMixin, SharedTablesMixin, or_refused


class SharedTablesCommon(SharedTablesMixin, BaomBaseCommon):
    """A person and a household of office A with followers, a message, an
    attachment and an activity: what core's shared tables hold about them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, "baom_portal_user", groups="base.group_portal", name="Portal"
        )
        # A user of another addon whose group opens all followers: global
        # rules must hold against such group rules (they are OR-ed).
        wide_group = cls.env["res.groups"].create({"name": "Another addon's manager"})
        cls.env["ir.rule"].create(
            {
                "name": "Another addon: all followers",
                "model_id": cls.env.ref("mail.model_mail_followers").id,
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
        cls.household_a = cls._new_household(cls.office_a)
        for record in (cls.person_a, cls.household_a):
            record.message_subscribe(
                partner_ids=(cls.person_a.partner_id | cls.officer_a.partner_id).ids
            )
            record.with_user(cls.officer_a).message_post(
                body="Her late husband worked at the Lens mine",
                message_type="comment",
            )
            cls.env["ir.attachment"].create(
                {
                    "name": "death_certificate.pdf",
                    "raw": b"%PDF-1.4 death certificate",
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        cls.person_a.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Call Fatima back",
            user_id=cls.officer_a.id,
        )
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


@tagged("post_install", "-at_install", "baom_security")
class TestSharedTables(SharedTablesCommon):
    def test_outsiders_find_nothing_about_a_person(self):
        for record in (self.person_a, self.household_a):
            rows = self._shared_rows(record)
            self.assertIn("mail.followers", rows, "the fixture has followers")
            self.assertIn("mail.message", rows, "the fixture has a message")
            self.assertIn("ir.attachment", rows, "the fixture has an attachment")
            for role, user in self.outsiders.items():
                for model, found in rows.items():
                    with self.subTest(record=record._name, role=role, model=model):
                        self.assertFindsNothing(user, found)

    def test_outsiders_find_no_person(self):
        visit = self._new_visit(self.office_a, beneficiary_id=self.person_a.id)
        for role, user in self.outsiders.items():
            for record in (self.person_a, self.household_a, visit):
                with self.subTest(role=role, model=record._name):
                    Model = self.env[record._name].with_user(user)
                    self.assertFalse(
                        self._or_refused_search(Model, record), f"{role} found it"
                    )

    def test_officers_of_the_office_see_the_chatter(self):
        for user in (self.officer_a, self.backup_officer, self.admin):
            for record in (self.person_a, self.household_a):
                for model, rows in self._shared_rows(record).items():
                    with self.subTest(user=user.login, model=model):
                        self.assertFindsAll(user, rows)

    def test_followers_of_other_documents_stay_visible(self):
        partner = self.env["res.partner"].create({"name": "Supplier"})
        partner.message_subscribe(partner_ids=self.internal.partner_id.ids)
        followers = self._shared_rows(partner)["mail.followers"]
        for user in (self.internal, self.officer_a, self.wide):
            with self.subTest(user=user.login):
                self.assertFindsAll(user, followers)

    def _or_refused_search(self, Model, record):
        return (
            or_refused(Model.search, [("id", "=", record.id)])
            or or_refused(Model.name_search, record.display_name)
            or or_refused(
                Model.formatted_read_group,
                [("id", "=", record.id)],
                ["office_id"],
                ["__count"],
            )
        )


@tagged("post_install", "-at_install", "baom_security")
class TestSharedTablesHttp(SharedTablesHttpMixin, SharedTablesCommon, HttpCase):
    def test_web_content_refuses_outsiders(self):
        self.assertWebContentGuarded(self.person_a, b"death certificate")

    def test_thread_routes_show_outsiders_nothing(self):
        self.assertThreadRoutesGuarded(
            self.person_a,
            hidden=("Ait Brahim", "death_certificate"),
            shown=("death_certificate",),
        )
