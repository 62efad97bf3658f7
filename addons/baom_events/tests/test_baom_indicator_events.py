import datetime

from odoo.tests import tagged

from .common import BaomEventsCommon

JULY = (datetime.date(2025, 7, 1), datetime.date(2025, 8, 1))
AUGUST = (datetime.date(2025, 8, 1), datetime.date(2025, 9, 1))
CODES = ("event_outreach", "trainings_completed")


@tagged("post_install", "-at_install", "baom_events", "baom_network")
class TestEventIndicators(BaomEventsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def event(office, day, counts=(), attended=0, absent=0, **values):
            new = cls._new_event(
                office,
                date_begin=f"{day} 09:00:00",
                date_end=f"{day} 17:00:00",
                **values,
            )
            cls.env["baom.event.attendance.count"].create(
                [
                    {"event_id": new.id, "gender": g, "profile": p, "count": n}
                    for g, p, n in counts
                ]
            )
            cls.env["event.registration"].create(
                [
                    {"event_id": new.id, "name": f"Guest {i}", "state": "done"}
                    for i in range(attended)
                ]
                + [
                    {"event_id": new.id, "name": f"No-show {i}", "state": "open"}
                    for i in range(absent)
                ]
            )
            return new

        # July 2025, office A: a promotion day in Biougra reached 4 women on
        # holiday from Europe and 3 returnees, plus 2 registered guests who
        # came (1 registered and did not).
        event(
            cls.office_a,
            "2025-07-12",
            [("female", "mdm_visit", 4), ("male", "returnee", 3)],
            attended=2,
            absent=1,
        )
        # Not counted: an officers' training, an archived event, August,
        # office B.
        training = event(
            cls.office_a,
            "2025-07-20",
            [("female", "not_recorded", 5)],
            event_type_id=cls.training_type.id,
        )
        archived = event(cls.office_a, "2025-07-25", [("male", "returnee", 8)])
        archived.active = False
        august = event(cls.office_a, "2025-08-10", [("female", "mdm_visit", 6)])
        event(cls.office_b, "2025-07-12", [("male", "tcn_transit", 10)])
        # Certificates: officer A in July and in August, officer B in July.
        Certificate = cls.env["baom.training.certificate"]
        Certificate.create(
            [
                {
                    "event_id": training.id,
                    "partner_id": cls.officer_a.partner_id.id,
                    "date_issued": "2025-07-21",
                },
                {
                    "event_id": august.id,
                    "partner_id": cls.officer_a.partner_id.id,
                    "date_issued": "2025-08-11",
                },
                {
                    "event_id": training.id,
                    "partner_id": cls.officer_b.partner_id.id,
                    "date_issued": "2025-07-21",
                },
            ]
        )
        cls.indicators = {
            indicator.code: indicator
            for indicator in cls.env["baom.indicator"].search([("code", "in", CODES)])
        }

    def _values(self, code, period, offices=None):
        indicator = self.indicators[code]
        rows = indicator._compute_values(offices or self.office_a, *period)[indicator]
        return {(dim, key): value for _office, dim, key, value, _base in rows}

    def test_indicators_are_shipped_and_computable(self):
        self.assertEqual(set(self.indicators), set(CODES))
        for indicator in self.indicators.values():
            self.assertTrue(indicator.is_computable, indicator.code)

    def test_event_outreach(self):
        july = self._values("event_outreach", JULY)
        self.assertEqual(july[("total", "total")], 9, "4 + 3 counted + 2 attended")
        self.assertEqual(july[("gender", "female")], 4)
        self.assertEqual(july[("gender", "male")], 3)
        self.assertEqual(july[("gender", "not_recorded")], 2, "registered guests")
        self.assertEqual(july[("profile", "mdm_visit")], 4)
        self.assertEqual(july[("profile", "returnee")], 3)
        self.assertEqual(self._values("event_outreach", AUGUST)[("total", "total")], 6)

    def test_trainings_completed(self):
        self.assertEqual(
            self._values("trainings_completed", JULY), {("total", "total"): 1}
        )
        self.assertEqual(
            self._values("trainings_completed", AUGUST)[("total", "total")], 1
        )
        both = self.indicators["trainings_completed"]._compute_values(
            self.office_a | self.office_b, *JULY
        )[self.indicators["trainings_completed"]]
        self.assertEqual(
            {office: value for office, _d, _k, value, _b in both},
            {self.office_a.id: 1, self.office_b.id: 1},
        )

    def test_snapshot_publishes_event_cells_with_disclosure_control(self):
        snapshot = self.env["baom.network.snapshot"].create(
            {"office_id": self.office_a.id, "period_start": JULY[0], "k": 3}
        )
        snapshot.action_compute()
        cells = {
            (line.indicator_code, line.dimension, line.dimension_value): line
            for line in snapshot.line_ids
            if line.indicator_code in CODES
        }
        total = cells[("event_outreach", "total", "total")]
        self.assertEqual((total.value, total.suppressed), (9, False))
        guests = cells[("event_outreach", "gender", "not_recorded")]
        self.assertEqual(guests.suppression_reason, "primary", "2 people < k")
        self.assertFalse(guests.value)
        # 9 - 4 - 2 would give the hidden guests back: a second gender hides.
        gender = [
            line
            for key, line in cells.items()
            if key[:2] == ("event_outreach", "gender") and line.suppressed
        ]
        self.assertEqual(len(gender), 2)
        self.assertIn("secondary", {line.suppression_reason for line in gender})
        trainings = cells[("trainings_completed", "total", "total")]
        self.assertEqual(trainings.suppression_reason, "primary", "1 certificate < k")
        self.assertFalse(trainings.value)
        self.assertEqual(
            {key[1] for key in cells if key[0] == "trainings_completed"}, {"total"}
        )
