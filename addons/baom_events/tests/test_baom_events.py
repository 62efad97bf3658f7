from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestBaomEvents(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.organiser = new_test_user(
            cls.env, "baom_event_organiser", groups="event.group_event_user"
        )
        cls.office = cls.env["baom.office"].create({"name": "Office E", "code": "OFFE"})

    def test_national_day_is_ready_to_plan(self):
        event = (
            self.env["event.event"]
            .with_user(self.organiser)
            .create(
                {
                    "name": "10 August 2027",
                    "event_type_id": self.env.ref(
                        "baom_events.event_type_national_day"
                    ).id,
                    "baom_office_id": self.office.id,
                    "date_begin": "2027-08-10 09:00:00",
                    "date_end": "2027-08-10 17:00:00",
                }
            )
        )
        self.assertEqual(event.baom_office_id, self.office)

    def test_menu_lists_only_office_events(self):
        action = self.env.ref("baom_events.event_event_action_baom")
        Event = self.env["event.event"]
        office_event = Event.create(
            {
                "name": "Promotion day",
                "baom_office_id": self.office.id,
                "date_begin": "2027-07-20 09:00:00",
                "date_end": "2027-07-20 12:00:00",
            }
        )
        other = Event.create(
            {
                "name": "Commune concert",
                "date_begin": "2027-07-21 20:00:00",
                "date_end": "2027-07-21 23:00:00",
            }
        )
        shown = Event.search(safe_eval(action.domain))
        self.assertIn(office_event, shown)
        self.assertNotIn(other, shown)
