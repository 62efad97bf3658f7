import datetime
import itertools

from freezegun import freeze_time

from odoo.tests import tagged

from .common import BaomEventsCommon

TODAY = datetime.date(2027, 6, 1)
SERIAL = itertools.count(1)


@tagged("post_install", "-at_install")
class TestSetBasedActivities(BaomEventsCommon):
    """Reminders and checklists are scheduled as a set: the queries do not
    grow with the certificates or the offices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Certificate = cls.env["baom.training.certificate"]
        cls.plan = cls.env.ref("baom_events.mail_activity_plan_national_day")

    def _count(self, function, *args):
        self.env.invalidate_all()
        self.env.flush_all()
        self.env.cr.flush()
        start = self.env.cr.sql_log_count
        function(*args)
        self.env.flush_all()
        self.env.cr.flush()
        return self.env.cr.sql_log_count - start

    def _expiring(self, count, user=None, days=10):
        """``count`` certificates of ``user``, each of its own training,
        expiring within the reminder window."""
        user = user or self.officer_a
        certificates = self.Certificate
        for index in range(count):
            training = self._new_event(
                name=f"Training {user.name} {days} {index}",
                event_type_id=self.training_type.id,
                date_begin="2026-06-01 08:00:00",
                date_end="2026-06-01 16:00:00",
            )
            certificates |= self.Certificate.create(
                {
                    "event_id": training.id,
                    "partner_id": user.partner_id.id,
                    "date_issued": "2026-06-01",
                    "date_expiry": TODAY + datetime.timedelta(days=days + index),
                }
            )
        return certificates

    @freeze_time(TODAY)
    def test_expiry_reminders_queries_do_not_grow_with_the_certificates(self):
        self._expiring(1, days=5)
        self.Certificate._cron_remind_expiring()  # warm the caches
        self._expiring(1, days=6)
        one = self._count(self.Certificate._cron_remind_expiring)
        certificates = self._expiring(3)
        self.env.invalidate_all()
        with self.assertQueryCount(one):
            reminded = self.Certificate._cron_remind_expiring()
        self.assertEqual(reminded, certificates)
        for certificate in certificates:
            activity = certificate.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.officer_a)
            self.assertEqual(activity.date_deadline, certificate.date_expiry)
            self.assertIn(certificate.event_id.name, str(activity.note))
            self.assertIn(str(certificate.date_expiry), str(activity.note))
        self.assertTrue(all(certificates.mapped("reminder_sent")))

    @freeze_time(TODAY)
    def test_expiry_reminders_go_to_each_officer(self):
        certificates = self._expiring(2) | self._expiring(1, user=self.officer_b)
        self.assertEqual(self.Certificate._cron_remind_expiring(), certificates)
        self.assertEqual(
            {
                certificate.event_id.name: certificate.activity_ids.user_id
                for certificate in certificates
            },
            {
                certificate.event_id.name: certificate.user_id
                for certificate in certificates
            },
        )
        self.assertFalse(self.Certificate._cron_remind_expiring(), "reminded once")

    def _events(self, count):
        """An event of ``count`` new offices, all organised by officer A."""
        offices = self.env["baom.office"].create(
            [
                {
                    "name": f"Office {serial}",
                    "code": f"EVX{serial}",
                    "officer_ids": [(6, 0, self.officer_a.ids)],
                }
                for serial in itertools.islice(SERIAL, count)
            ]
        )
        return self.env["event.event"].create(
            [
                {
                    "name": f"National day - {office.name}",
                    "event_type_id": self.national_day.id,
                    "baom_office_id": office.id,
                    "user_id": self.officer_a.id,
                    "date_begin": "2027-08-10 08:00:00",
                    "date_end": "2027-08-10 16:00:00",
                }
                for office in offices
            ]
        )

    def test_checklist_queries_do_not_grow_with_the_offices(self):
        campaign = self._new_campaign(self.office_a, activity_plan_id=self.plan.id)
        campaign._schedule_checklist(self._events(1))  # warm the caches
        one = self._count(campaign._schedule_checklist, self._events(1))
        events = self._events(3)
        self.env.invalidate_all()
        with self.assertQueryCount(one):
            campaign._schedule_checklist(events)
        for event in events:
            self.assertEqual(
                sorted(event.activity_ids.mapped("summary")),
                sorted(self.plan.template_ids.mapped("summary")),
            )
            self.assertEqual(event.activity_ids.user_id, self.officer_a)
        self.assertIn(
            datetime.date(2027, 7, 11),
            events.activity_ids.mapped("date_deadline"),
            "venue 30 days before the campaign date",
        )
