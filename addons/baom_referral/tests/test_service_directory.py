from odoo import fields
from odoo.tests import freeze_time, tagged

from .directory_common import BaomDirectoryCommon


@tagged("post_install", "-at_install")
class TestServiceDirectory(BaomDirectoryCommon):
    def _verify_activities(self, services):
        activity_type = self.env.ref("baom_referral.mail_activity_type_service_verify")
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "baom.service"),
                ("res_id", "in", services.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    @freeze_time("2027-02-01")
    def test_service_not_verified_for_a_year_is_flagged(self):
        self.shared.verified_date = "2026-01-31"
        self.local_a.verified_date = "2026-02-02"
        self.local_b.verified_date = False
        self.assertTrue(self.shared.needs_verification)
        self.assertFalse(self.local_a.needs_verification)
        self.assertTrue(self.local_b.needs_verification, "never verified")
        found = self.env["baom.service"].search(
            [
                ("needs_verification", "=", True),
                ("id", "in", (self.shared | self.local_a | self.local_b).ids),
            ]
        )
        self.assertEqual(found, self.shared | self.local_b)

    @freeze_time("2027-02-01")
    def test_verification_period_is_a_setting(self):
        self.local_a.verified_date = "2026-10-15"
        self.assertFalse(self.local_a.needs_verification)
        settings = self.env["res.config.settings"].create(
            {"baom_service_verify_months": 3}
        )
        settings.execute()
        self.local_a.invalidate_recordset(["needs_verification"])
        self.assertTrue(self.local_a.needs_verification)

    @freeze_time("2027-02-01")
    def test_cron_gives_one_activity_to_each_owner_and_never_twice(self):
        services = self.shared | self.local_a | self.local_b
        services.write({"verified_date": "2025-06-01"})
        self.local_b.status = "defunct"
        Service = self.env["baom.service"]
        Service._cron_remind_verification()
        activities = self._verify_activities(services)
        self.assertEqual(
            {(a.res_id, a.user_id) for a in activities},
            {(self.shared.id, self.network), (self.local_a.id, self.officer_a)},
            "one activity per flagged service, to its owner; none for a defunct one",
        )
        Service._cron_remind_verification()
        self.assertEqual(self._verify_activities(services), activities, "no duplicate")

    @freeze_time("2027-02-01")
    def test_cron_cost_does_not_grow_with_the_services(self):
        def run():
            self.env["baom.service"]._cron_remind_verification()

        self.local_a.verified_date = "2025-01-01"
        self.env["mail.activity"].search([("res_model", "=", "baom.service")]).unlink()
        self.env["baom.service"].search([]).write({"verified_date": "2027-01-01"})
        self.local_a.verified_date = "2025-01-01"
        few = self._count_queries(run)
        self._verify_activities(self.local_a).unlink()
        extra = self.env["baom.service"].create(
            [
                {
                    "name": f"Service {index}",
                    "institution_id": self.cnss.id,
                    "user_id": self.officer_a.id,
                    "office_ids": [(6, 0, self.office_a.ids)],
                    "verified_date": "2025-01-01",
                }
                for index in range(10)
            ]
        )
        many = self._count_queries(run)
        self.assertEqual(len(self._verify_activities(extra | self.local_a)), 11)
        self.assertLessEqual(many, few + 4, "set-based, not one round per service")

    @freeze_time("2027-02-01")
    def test_verify_now_clears_the_flag_and_closes_the_reminder(self):
        self.local_a.verified_date = "2025-01-01"
        self.env["baom.service"]._cron_remind_verification()
        self.assertTrue(self._verify_activities(self.local_a))
        self.local_a.with_user(self.officer_a).action_verify()
        self.assertEqual(self.local_a.verified_date, fields.Date.to_date("2027-02-01"))
        self.assertFalse(self.local_a.needs_verification)
        self.assertFalse(self._verify_activities(self.local_a), "reminder done")

    def test_officer_service_is_local_to_their_office(self):
        service = (
            self.env["baom.service"]
            .with_user(self.officer_a)
            .create({"name": "Legal clinic", "institution_id": self.cnss.id})
        )
        self.assertEqual(service.office_ids, self.office_a)
        self.assertTrue(service.is_local)
        self.assertFalse(
            self.env["baom.service"]
            .with_user(self.officer_b)
            .search([("id", "=", service.id)]),
            "office B does not see it yet",
        )

    def test_network_promotes_a_local_service_to_every_office(self):
        self.local_a.with_user(self.network).action_promote_to_network()
        self.assertFalse(self.local_a.office_ids)
        self.assertFalse(self.local_a.is_local)
        self.assertEqual(
            self.env["baom.service"]
            .with_user(self.officer_b)
            .search([("id", "=", self.local_a.id)]),
            self.local_a,
            "office B now sees it",
        )
        self.assertIn(
            "Office A", self.local_a.message_ids[:1].body, "promotion in the chatter"
        )

    def test_search_by_commune_need_and_institution(self):
        Service = self.env["baom.service"]
        view = self.env.ref("baom_referral.baom_service_view_search")
        self.assertIn("office_ids.commune", view.arch)
        by_city = Service.search(
            [
                "|",
                "|",
                ("city", "ilike", "Biougra"),
                ("area", "ilike", "Biougra"),
                ("office_ids.commune", "ilike", "Biougra"),
            ]
        )
        self.assertIn(self.shared, by_city)
        self.assertNotIn(self.local_b, by_city)
        self.assertEqual(
            Service.search([("need_category_ids", "in", self.need_pension.ids)])
            & (self.shared | self.local_a | self.local_b),
            self.shared,
        )

    def test_partner_form_shows_the_institution_services(self):
        self.assertEqual(self.anapec.with_user(self.officer_a).baom_service_count, 1)
        self.assertEqual(self.anapec.with_user(self.network).baom_service_count, 2)
        action = self.anapec.with_user(self.officer_a).action_open_baom_services()
        self.assertEqual(
            self.env["baom.service"].with_user(self.officer_a).search(action["domain"]),
            self.local_a,
        )

    def test_plain_users_read_institutions_without_the_guide(self):
        # What the web client does: read the fields its form view shows.
        Partner = self.env["res.partner"].with_user(self.internal)
        views = Partner.get_views([(False, "form")])
        fields = list(views["models"]["res.partner"]["fields"])
        self.assertNotIn("baom_service_count", fields)
        values = self.cnss.with_user(self.internal).read(fields)
        self.assertEqual(values[0]["name"], self.cnss.name)
        for user in (self.internal, self.portal):
            with self.subTest(user=user.login):
                self.assertNotIn(
                    "baom_service_count",
                    self.env["res.partner"].with_user(user).fields_get(),
                    "no guide field",
                )
