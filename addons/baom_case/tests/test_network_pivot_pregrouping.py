import datetime
import random

from odoo import Command
from odoo.tests import tagged

from .common import BaomCaseCommon

MEASURES = ["value:sum", "suppressed_count:sum", "__count"]
MONTHS = [
    datetime.date(2024, 11, 1),
    datetime.date(2024, 12, 1),
    datetime.date(2025, 1, 1),
    datetime.date(2025, 7, 1),
]
BREAKDOWNS = {
    "total": ["total"],
    "gender": ["female", "male", "not_recorded"],
    "profile": ["tcn_transit", "returnee"],
}


@tagged("post_install", "-at_install", "baom_case", "baom_network")
class TestNetworkPivotPreGrouping(BaomCaseCommon):
    """The consolidated dashboard's pivot gives the same groups over cells
    grouped first (``baom.pregrouped.mixin``) as over the cells themselves,
    hidden cells and record rules included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Line = cls.env["baom.network.snapshot.line"]
        # A commune the supervisor does not supervise: the network sees it.
        cls.office_c = cls.env["baom.office"].create(
            {"name": "Office C", "code": "OFFC"}
        )
        souss = cls.env.ref("baom_base.state_ma_09")
        rabat = cls.env.ref("baom_base.state_ma_07")
        codes = [
            *cls.env["baom.indicator"].search([], order="code", limit=3).mapped("code"),
            "unknown_elsewhere",  # a code this instance does not know
        ]
        rng = random.Random(16)
        for office, region in (
            (cls.office_a, souss),
            (cls.office_b, souss),
            (cls.office_c, rabat),
        ):
            for month in MONTHS:
                cells = []
                for code in codes:
                    for dimension, values in BREAKDOWNS.items():
                        for key in values:
                            # Every male cell of office B is hidden: a group
                            # of hidden cells alone.
                            hidden = (office == cls.office_b and key == "male") or (
                                dimension != "total" and rng.random() < 0.3
                            )
                            cells.append(
                                Command.create(
                                    {
                                        "indicator_code": code,
                                        "dimension": dimension,
                                        "dimension_value": key,
                                        "value": False
                                        if hidden
                                        else rng.randint(0, 400) / 2,
                                        "suppressed": hidden,
                                        "suppression_reason": hidden and "primary",
                                    }
                                )
                            )
                cls.env["baom.network.snapshot"].create(
                    {
                        "office_id": office.id,
                        "period_start": month,
                        "region_id": region.id,
                        "state": "received",
                        "source": "received",
                        "instance_uuid": f"pivot-test-{office.code}",
                        "line_ids": cells,
                    }
                )
        cls.env.flush_all()

    def _pivot(self, user, domain, grouping_sets, pregroup=True):
        Line = self.Line.with_user(user).with_context(baom_statistics_pregroup=pregroup)
        return Line.formatted_read_grouping_sets(domain, grouping_sets, MEASURES)

    def _queries(self, func):
        return self._queries_on("baom_network_snapshot_line", func)

    def test_dashboard_shapes_are_those_of_the_cells(self):
        totals = [("dimension", "=", "total")]
        shapes = [
            (totals, self._sets(["indicator_id"], ["office_id"])),
            (totals, self._sets(["indicator_id"], ["region_id"])),
            (totals, self._sets(["indicator_id"], ["period_start:month"])),
            (
                [*totals, ("period_start", ">=", "2025-01-01")],
                self._sets(["region_id"], ["period_start:year", "period_start:month"]),
            ),
            (
                [("dimension", "=", "gender")],
                self._sets(["indicator_id"], ["dimension_value"]),
            ),
            (
                [("dimension", "=", "gender")],
                self._sets(["office_id"], ["dimension_value"]),
            ),
            ([], self._sets(["indicator_id"], ["dimension", "dimension_value"])),
            ([], self._sets(["office_id"], ["period_start:month"])),
            ([], self._sets(["indicator_code", "source"], ["suppressed"])),
        ]
        counts = {}
        for user in (self.network, self.supervisor):
            for domain, grouping_sets in shapes:
                message = f"{user.login} {domain} {grouping_sets}"
                expected = self._pivot(user, domain, grouping_sets, pregroup=False)
                self.assertTrue(expected[1], message)  # some rows
                found, queries = self._queries(
                    lambda user=user, domain=domain, sets=grouping_sets: self._pivot(
                        user, domain, sets
                    )
                )
                [pivot] = [query for query in queries if "GROUPING SETS" in query]
                self.assertIn("FROM (SELECT", pivot, message)
                self.assertSameGroups(found, expected, message)
            counts[user] = found[0][0]["__count"]
        # The supervisor's rule applies to the cells before grouping: not
        # office C's cells.
        self.assertGreater(counts[self.network], counts[self.supervisor])
        self.assertEqual(
            counts[self.network],
            self.Line.with_user(self.network).search_count([]),
        )
        self.assertEqual(
            counts[self.supervisor],
            self.Line.search_count(
                [("office_id", "in", (self.office_a | self.office_b).ids)]
            ),
        )

    def test_hidden_cells_add_up_as_before(self):
        domain = [("dimension", "=", "gender")]
        sets = self._sets(["office_id"], ["dimension_value"])
        found = {}
        for pregroup in (False, True):
            groups = self._pivot(self.supervisor, domain, sets, pregroup=pregroup)
            found[pregroup] = by_cell = {
                (group["office_id"][0], group["dimension_value"]): group
                for group in groups[3]
            }
            # Office B's male cells are all hidden: their empty values give
            # the ORM's empty sum, as every cell of the group is counted hidden.
            male_b = by_cell[self.office_b.id, "male"]
            self.assertEqual(male_b["value:sum"], 0, pregroup)
            self.assertEqual(male_b["suppressed_count:sum"], male_b["__count"])
            # Office A's male cells: only the published ones add up.
            published = self.Line.search(
                [
                    ("office_id", "=", self.office_a.id),
                    *domain,
                    ("dimension_value", "=", "male"),
                    ("suppressed", "=", False),
                ]
            )
            self.assertEqual(
                by_cell[self.office_a.id, "male"]["value:sum"],
                sum(published.mapped("value")),
                pregroup,
            )
            self.assertNotIn(self.office_c.id, {key[0] for key in by_cell})
        self.assertEqual(found[True], found[False])

    def test_without_pregrouping_the_cells_are_read_directly(self):
        sets = self._sets(["indicator_id"], ["office_id"])
        __, queries = self._queries(
            lambda: self._pivot(
                self.network, [("dimension", "=", "total")], sets, pregroup=False
            )
        )
        [pivot] = [query for query in queries if "GROUPING SETS" in query]
        self.assertNotIn("FROM (SELECT", pivot)
