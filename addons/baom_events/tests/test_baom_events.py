from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestBaomEvents(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # What USAGE.md asks of an officer who plans events.
        cls.organiser = new_test_user(
            cls.env,
            "baom_event_organiser",
            groups="baom_base.group_baom_officer,event.group_event_user",
        )
        cls.office = cls.env["baom.office"].create(
            {
                "name": "Office E",
                "code": "OFFE",
                "officer_ids": [(6, 0, cls.organiser.ids)],
            }
        )
        cls.national_day = cls.env.ref("baom_events.event_type_national_day")

    def _plan(self, user, template=None, office=None, name="10 August 2027"):
        """An event planned in the form view, as ``user`` would do."""
        with Form(self.env["event.event"].with_user(user)) as form:
            form.name = name
            if template:
                form.event_type_id = template
            if office:
                form.baom_office_id = office
            form.date_begin = "2027-08-10 09:00:00"
            form.date_end = "2027-08-10 17:00:00"
        return form.record

    def test_templates_are_offered_to_organisers(self):
        offered = (
            self.env["event.type"].with_user(self.organiser).name_search("", limit=None)
        )
        names = {name for __, name in offered}
        for xmlid in (
            "event_type_promotion_day",
            "event_type_national_day",
            "event_type_tournament",
            "event_type_workshop",
            "event_type_training",
        ):
            template = self.env.ref(f"baom_events.{xmlid}")
            self.assertIn(template.display_name, names, f"{xmlid} is offered")

    def test_template_fills_the_event_description(self):
        event = self._plan(self.organiser, self.national_day, self.office)
        self.assertIn(
            "dedicated to Moroccans abroad",
            event.note,
            "Choosing the national day template writes its description on the event",
        )
        self.assertEqual(event.event_type_id, self.national_day)

    def test_office_is_set_from_the_event_form(self):
        event = self._plan(self.organiser, self.national_day, self.office)
        self.assertEqual(event.baom_office_id, self.office)
        self.assertEqual(
            event.with_user(self.organiser).read(["baom_office_id"])[0][
                "baom_office_id"
            ],
            (self.office.id, "Office E"),
        )

    def test_menu_lists_only_office_events(self):
        action = self.env.ref("baom_events.event_event_action_baom")
        office_event = self._plan(self.organiser, office=self.office, name="Promotion")
        other = self._plan(self.organiser, name="Commune concert")
        Event = self.env["event.event"].with_user(self.organiser)
        shown = Event.search(safe_eval(action.domain))
        self.assertIn(office_event, shown)
        self.assertNotIn(other, shown, "Events of no office stay in the Events app")

    def test_deleting_an_empty_office_keeps_its_events(self):
        event = self._plan(self.organiser, office=self.office)
        self.office.unlink()
        self.assertTrue(event.exists(), "The event and its registrations remain")
        self.assertFalse(event.baom_office_id)

    def test_commune_event_clerk_opens_an_office_event(self):
        """The commune's events staff, who have no BAOM rights, still manage
        an office's event; they see the office's (public) name, nothing more."""
        clerk = new_test_user(
            self.env, "commune_events", groups="event.group_event_user"
        )
        event = self._plan(self.organiser, office=self.office)
        (values,) = event.with_user(clerk).web_read(
            {"name": {}, "baom_office_id": {"fields": {"display_name": {}}}}
        )
        self.assertEqual(values["baom_office_id"]["display_name"], "Office E")
        with self.assertRaises(AccessError):
            self.office.with_user(clerk).read(["officer_ids"])
