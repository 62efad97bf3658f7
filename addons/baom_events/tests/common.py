from odoo.tests import TransactionCase, new_test_user


class BaomEventsCommon(TransactionCase):
    """Two offices, one user per role, and small builders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.officer_a = new_test_user(
            cls.env,
            "ev_officer_a",
            groups="baom_base.group_baom_officer",
            name="Officer A",
        )
        cls.officer_b = new_test_user(
            cls.env,
            "ev_officer_b",
            groups="baom_base.group_baom_officer",
            name="Officer B",
        )
        cls.supervisor = new_test_user(
            cls.env,
            "ev_supervisor",
            groups="baom_base.group_baom_supervisor",
            name="Supervisor A",
        )
        cls.network = new_test_user(
            cls.env,
            "ev_network",
            groups="baom_base.group_baom_network",
            name="Network",
        )
        cls.internal = new_test_user(
            cls.env, "ev_internal", groups="base.group_user", name="Commune clerk"
        )
        cls.event_clerk = new_test_user(
            cls.env,
            "ev_event_clerk",
            groups="event.group_event_user",
            name="Commune events staff",
        )
        cls.office_a = cls.env["baom.office"].create(
            {
                "name": "Office A",
                "code": "EVA",
                "officer_ids": [(6, 0, cls.officer_a.ids)],
                "supervisor_ids": [(6, 0, cls.supervisor.ids)],
            }
        )
        cls.office_b = cls.env["baom.office"].create(
            {
                "name": "Office B",
                "code": "EVB",
                "officer_ids": [(6, 0, cls.officer_b.ids)],
            }
        )
        cls.national_day = cls.env.ref("baom_events.event_type_national_day")
        cls.promotion_day = cls.env.ref("baom_events.event_type_promotion_day")
        cls.training_type = cls.env.ref("baom_events.event_type_training")

    @classmethod
    def _new_event(cls, office=None, **values):
        vals = {
            "name": "Promotion day",
            "event_type_id": cls.promotion_day.id,
            "baom_office_id": office.id if office else False,
            "date_begin": "2027-05-10 09:00:00",
            "date_end": "2027-05-10 17:00:00",
        }
        vals.update(values)
        return cls.env["event.event"].create(vals)

    @classmethod
    def _new_visit(cls, office, **values):
        return cls.env["baom.visit"].create(
            dict({"office_id": office.id, "channel": "walk_in"}, **values)
        )

    @classmethod
    def _new_campaign(cls, offices, **values):
        vals = {
            "name": "10 August 2027",
            "year": 2027,
            "date": "2027-08-10",
            "event_type_id": cls.national_day.id,
            "office_ids": [(6, 0, offices.ids)],
            "budget_total": 20000,
        }
        vals.update(values)
        return cls.env["baom.event.campaign"].create(vals)
