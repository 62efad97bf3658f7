import math

from freezegun import freeze_time

from odoo.fields import Command
from odoo.orm.models import INSERT_BATCH_SIZE
from odoo.tests import tagged

from .test_baom_network_snapshot import JULY, BaomSnapshotCommon


@tagged("post_install", "-at_install", "baom_case", "baom_network")
class TestNetworkSnapshotBatch(BaomSnapshotCommon):
    """The monthly cron computes every office of a month together: one query
    per indicator, whatever the number of offices, and the same cells as each
    office computed on its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # k = 2: some cells published, some hidden, both compared.
        cls.env["ir.config_parameter"].set_param("baom_case.network_k", "2")
        cls.office_c = cls.env["baom.office"].create(
            {
                "name": "Office C",
                "code": "OFFC",
                "officer_ids": [Command.set(cls.officer_b.ids)],
            }
        )
        for office, gender in ((cls.office_b, "male"), (cls.office_c, "female")):
            cls.env["baom.visit"].create(
                [
                    {
                        "office_id": office.id,
                        "visit_date": f"2025-07-{day:02d} 09:00:00",
                        "gender": gender,
                        "profile": "tcn_transit",
                        "people_count": day % 3 + 1,
                    }
                    for day in (3, 8, 14, 21)
                ]
            )
            person = cls._new_beneficiary(office, gender=gender, profile="returnee")
            cls._new_case(
                person,
                user=cls.officer_b,
                date_open="2025-07-02 10:00:00",
                stage_id=cls.stage_resolved.id,
                date_closed="2025-07-25 10:00:00",
                need_category_ids=cls.need_housing.ids,
            )
        # Only the offices of the test are staffed: the cron runs them alone.
        cls.env["baom.office"].search(
            [
                ("officer_ids", "!=", False),
                ("id", "not in", (cls.office_a | cls.office_b | cls.office_c).ids),
            ]
        ).officer_ids = [Command.clear()]
        cls.staff = {
            office: office.officer_ids
            for office in (cls.office_a, cls.office_b, cls.office_c)
        }

    def _staff_only(self, offices):
        for office, officers in self.staff.items():
            office.officer_ids = officers if office in offices else False

    def _batches(self, offices):
        cells = self.env["baom.network.snapshot.line"].search_count(
            [("snapshot_id", "in", self._july(offices).ids)]
        )
        return math.ceil(cells / INSERT_BATCH_SIZE)

    def _run_cron(self):
        self.env.invalidate_all()
        self.env.flush_all()
        self.env.cr.flush()
        start = self.env.cr.sql_log_count
        self.Snapshot._cron_compute_snapshots()
        self.env.flush_all()
        return self.env.cr.sql_log_count - start

    def _july(self, offices):
        return self.Snapshot.search(
            [("office_id", "in", offices.ids), ("period_start", "=", JULY)]
        )

    def _cells_by_office(self, snapshots):
        return {
            snapshot.office_id: sorted(
                (
                    line.indicator_code,
                    line.dimension,
                    line.dimension_value,
                    line.value,
                    line.suppressed,
                    line.suppression_reason,
                )
                for line in snapshot.line_ids
            )
            for snapshot in snapshots
        }

    @freeze_time("2025-08-03 02:00:00")
    def test_cron_queries_do_not_grow_with_the_offices(self):
        offices = self.office_a | self.office_b | self.office_c
        self._staff_only(self.office_a)
        self._run_cron()  # warm the caches, create office A's snapshot
        one = self._run_cron()
        self._staff_only(offices)
        self._run_cron()  # create the two others
        # What grows is the ORM's INSERT (and stored-compute UPDATE) of the
        # cells, 100 at a time, never a query per office or per indicator.
        batches = 2 * (self._batches(offices) - self._batches(self.office_a))
        self.env.invalidate_all()
        with self.assertQueryCount(one + batches):
            self.Snapshot._cron_compute_snapshots()
        snapshots = self._july(offices)
        self.assertEqual(snapshots.office_id, offices)
        self.assertEqual(set(snapshots.mapped("state")), {"computed"})

    @freeze_time("2025-08-03 02:00:00")
    def test_cron_cells_are_those_of_each_office_computed_alone(self):
        offices = self.office_a | self.office_b | self.office_c
        self.Snapshot._cron_compute_snapshots()
        snapshots = self._july(offices)
        self.assertEqual(len(snapshots), 3)
        together = self._cells_by_office(snapshots)
        for snapshot in snapshots:
            snapshot.action_compute()
        alone = self._cells_by_office(snapshots)
        for office in offices:
            self.assertEqual(together[office], alone[office], office.name)
        self.assertEqual(self._july(offices), snapshots, "one snapshot per office")
        # What each office did, not its neighbours': office C's 8 people.
        people = {
            (line.dimension, line.dimension_value): line
            for line in snapshots.filtered(
                lambda s: s.office_id == self.office_c
            ).line_ids
            if line.indicator_code == "people_received"
        }
        self.assertEqual(people[("total", "total")].value, 8)
        self.assertEqual(people[("gender", "female")].value, 8)
        self.assertEqual(people[("gender", "male")].value, 0)
        # A second run replaces the cells, it adds none.
        self.Snapshot._cron_compute_snapshots()
        self.assertEqual(self._cells_by_office(self._july(offices)), together)
