from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from odoo.addons.baom_base.tests.common import AccessMatrixMixin

from .common import BaomEventsCommon

# Who may create/read/write/delete (c/r/w/u) the records of office A.
MATRIX = {
    "event.event": {
        "officer_a": "crw",
        "officer_b": "",
        "supervisor_a": "r",
        "network": "r",
        "internal": "",
        "event_clerk": "crw",
    },
    "event.registration": {
        "officer_a": "crw",
        "officer_b": "",
        "supervisor_a": "",
        "network": "",
        "internal": "",
        "event_clerk": "crw",
    },
    "baom.event.attendance.count": {
        "officer_a": "crwu",
        "officer_b": "",
        "supervisor_a": "r",
        "network": "r",
        "internal": "",
        "event_clerk": "crwu",
    },
    "baom.event.campaign": {
        "officer_a": "r",
        "officer_b": "r",
        "supervisor_a": "r",
        "network": "crwu",
        "internal": "",
        "event_clerk": "",
    },
    "baom.coaching.mission": {
        "officer_a": "r",
        "officer_b": "",
        "supervisor_a": "r",
        "network": "crwu",
        "internal": "",
        "event_clerk": "",
    },
    "baom.training.certificate": {
        "officer_a": "r",
        "officer_b": "",
        "supervisor_a": "r",
        "network": "crwu",
        "internal": "",
        "event_clerk": "",
    },
}


@tagged("post_install", "-at_install")
class TestEventsSecurity(AccessMatrixMixin, BaomEventsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "officer_a": cls.officer_a,
            "officer_b": cls.officer_b,
            "supervisor_a": cls.supervisor,
            "network": cls.network,
            "internal": cls.internal,
            "event_clerk": cls.event_clerk,
        }
        cls.event = cls._new_event(cls.office_a)
        cls.registration = cls.env["event.registration"].create(
            {"event_id": cls.event.id, "name": "Aicha", "phone": "+212600000001"}
        )
        cls.head_count = cls.env["baom.event.attendance.count"].create(
            {"event_id": cls.event.id, "gender": "female", "count": 12}
        )
        cls.campaign = cls._new_campaign(cls.office_a)
        cls.mission = cls.env["baom.coaching.mission"].create(
            {"office_id": cls.office_a.id, "coach_id": cls.network.id}
        )
        cls.training = cls._new_event(
            name="Training", event_type_id=cls.training_type.id
        )
        cls.certificate = cls.env["baom.training.certificate"].create(
            {"event_id": cls.training.id, "partner_id": cls.officer_a.partner_id.id}
        )

    def _fixture(self, model):
        return {
            "event.event": (
                self.event,
                {"name": "Renamed"},
                {
                    "name": "Another day",
                    "baom_office_id": self.office_a.id,
                    "date_begin": "2027-06-01 09:00:00",
                    "date_end": "2027-06-01 17:00:00",
                },
            ),
            "event.registration": (
                self.registration,
                {"name": "Aicha B."},
                {"event_id": self.event.id, "name": "Youssef"},
            ),
            "baom.event.attendance.count": (
                self.head_count,
                {"count": 13},
                {"event_id": self.event.id, "gender": "male", "count": 4},
            ),
            "baom.event.campaign": (
                self.campaign,
                {"name": "10 August"},
                {"name": "Summer days", "year": 2027, "date": "2027-07-15"},
            ),
            "baom.coaching.mission": (
                self.mission,
                {"topics": "Register"},
                {"office_id": self.office_a.id, "coach_id": self.network.id},
            ),
            "baom.training.certificate": (
                self.certificate,
                {"date_issued": "2027-01-02"},
                {
                    "event_id": self.training.id,
                    "partner_id": self.officer_b.partner_id.id,
                },
            ),
        }[model]

    def test_access_matrix(self):
        self.assertAccessMatrix(MATRIX)

    def test_registrations_stay_in_their_office(self):
        """Attendees' names and phones: no search, group, name search or
        export outside the office's officers and the event staff."""
        probes = {
            "search": lambda R: R.search([("event_id", "=", self.event.id)]),
            "name_search": lambda R: R.name_search("Aicha"),
            "read_group": lambda R: R.formatted_read_group(
                [("event_id", "=", self.event.id)], ["phone"], ["__count"]
            ),
            # What an export reads (the export right itself aside).
            "export": lambda R: R.browse(self.registration.id)._export_rows(
                [["name"], ["phone"]]
            ),
        }
        for user in (self.officer_b, self.supervisor, self.network, self.internal):
            Registration = self.env["event.registration"].with_user(user)
            for probe, run in probes.items():
                with self.subTest(user=user.name, probe=probe):
                    try:
                        result = run(Registration)
                    except AccessError:
                        continue
                    self.assertFalse(result, f"{user.name} gets it by {probe}")

    def test_network_manages_training_registrations(self):
        registration = (
            self.env["event.registration"]
            .with_user(self.network)
            .create(
                {
                    "event_id": self.training.id,
                    "partner_id": self.officer_a.partner_id.id,
                }
            )
        )
        registration.state = "done"
        self.assertEqual(registration.with_user(self.network).state, "done")

    def test_officer_b_cannot_see_office_a_events(self):
        Event = self.env["event.event"].with_user(self.officer_b)
        self.assertFalse(Event.search([("id", "=", self.event.id)]))
        self.assertFalse(Event.name_search("Promotion"))
        self.assertFalse(
            Event.formatted_read_group(
                [("id", "=", self.event.id)], ["name"], ["__count"]
            )
        )
        with self.assertRaises(AccessError):
            self.event.with_user(self.officer_b).read(["name"])

    def test_officer_organises_an_event_of_another_office_no(self):
        with self.assertRaises(AccessError):
            self.env["event.event"].with_user(self.officer_a).create(
                {
                    "name": "Not mine",
                    "baom_office_id": self.office_b.id,
                    "date_begin": "2027-06-01 09:00:00",
                    "date_end": "2027-06-01 17:00:00",
                }
            )

    def test_network_generates_a_campaign(self):
        events = self.campaign.with_user(self.network).action_generate_events()
        self.assertEqual(events.baom_office_id, self.office_a)
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.officer_a).action_generate_events()

    def test_supervisor_reads_the_campaign_picture(self):
        """What the campaign form shows a supervisor: their office's line."""
        self.campaign.office_ids |= self.office_b
        self.campaign.action_generate_events()
        (values,) = self.campaign.with_user(self.supervisor).web_read(
            {
                "event_type_id": {"fields": {"display_name": {}}},
                "visit_count": {},
                "event_ids": {
                    "fields": {
                        "baom_office_id": {"fields": {"display_name": {}}},
                        "stage_id": {"fields": {"display_name": {}}},
                        "seats_taken": {},
                        "baom_reached_count": {},
                        "baom_visit_count": {},
                    }
                },
            }
        )
        offices = [line["baom_office_id"]["id"] for line in values["event_ids"]]
        self.assertEqual(offices, [self.office_a.id], "Office B's event stays hidden")

    def test_event_forms_open_for_every_organiser(self):
        """The commune's event staff and the office's officer open the office
        event and the training in the full form view."""
        for user in (self.event_clerk, self.officer_a, self.network):
            for event in (self.event, self.training):
                if user == self.network and event == self.event:
                    continue
                with self.subTest(user=user.name, event=event.name):
                    form = Form(event.with_user(user))
                    self.assertEqual(form.name, event.name)
