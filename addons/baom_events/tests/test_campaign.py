import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import BaomEventsCommon


@tagged("post_install", "-at_install")
class TestCampaign(BaomEventsCommon):
    def test_generation_creates_one_draft_event_per_office(self):
        plan = self.env.ref("baom_events.mail_activity_plan_national_day")
        campaign = self._new_campaign(
            self.office_a | self.office_b, activity_plan_id=plan.id
        )
        events = campaign.with_user(self.network).action_generate_events()
        self.assertEqual(len(events), 2)
        self.assertEqual(events.baom_office_id, self.office_a | self.office_b)
        self.assertEqual(set(events.mapped("event_type_id")), {self.national_day})
        self.assertEqual(events.baom_campaign_id, campaign)
        event_a = events.filtered(lambda e: e.baom_office_id == self.office_a)
        # 09:00 in Morocco (UTC+1 in August) is 08:00 UTC.
        self.assertEqual(event_a.date_begin, datetime.datetime(2027, 8, 10, 8, 0))
        self.assertEqual(event_a.date_tz, "Africa/Casablanca")
        self.assertEqual(
            event_a.user_id, self.officer_a, "The office's officer organises it"
        )
        self.assertTrue(
            event_a.event_mail_ids,
            "The template's mail schedulers (reminder) come with the event",
        )
        self.assertEqual(
            len(event_a.activity_ids),
            len(plan.template_ids),
            "The campaign's checklist is scheduled on each event",
        )
        self.assertIn(
            datetime.date(2027, 7, 11),
            event_a.activity_ids.mapped("date_deadline"),
            "Deadlines count from the campaign date (venue 30 days before)",
        )

    def test_generating_twice_creates_nothing_twice(self):
        campaign = self._new_campaign(self.office_a)
        first = campaign.action_generate_events()
        first.action_archive()
        again = campaign.action_generate_events()
        self.assertFalse(
            again, "An office that has its event (even archived) is skipped"
        )
        campaign.office_ids = self.office_a | self.office_b
        added = campaign.action_generate_events()
        self.assertEqual(added.baom_office_id, self.office_b)
        self.assertEqual(
            self.env["event.event"]
            .with_context(active_test=False)
            .search_count([("baom_campaign_id", "=", campaign.id)]),
            2,
        )

    def test_campaign_shows_the_national_picture(self):
        campaign = self._new_campaign(self.office_a | self.office_b)
        self.assertEqual(campaign.unplanned_office_ids, self.office_a | self.office_b)
        campaign.office_ids -= self.office_b
        events = campaign.action_generate_events()
        campaign.office_ids |= self.office_b
        events.write({"baom_budget_requested": 3000, "baom_budget_granted": 2000})
        self.env["baom.event.attendance.count"].create(
            {"event_id": events.id, "gender": "female", "count": 40}
        )
        self.env["event.registration"].create(
            [{"event_id": events.id, "name": f"Guest {i}"} for i in range(3)]
        )
        campaign.invalidate_recordset()
        self.assertEqual(campaign.unplanned_office_ids, self.office_b)
        self.assertEqual(campaign.event_count, 1)
        self.assertEqual(campaign.budget_requested, 3000)
        self.assertEqual(campaign.budget_granted, 2000)
        self.assertEqual(campaign.registration_count, 3)
        self.assertEqual(campaign.reached_count, 40)

    def test_generation_needs_offices(self):
        campaign = self._new_campaign(self.env["baom.office"])
        with self.assertRaisesRegex(UserError, "participating offices"):
            campaign.action_generate_events()

    def test_date_outside_the_year_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "not in the year"):
            self._new_campaign(self.office_a, date="2026-08-10")
