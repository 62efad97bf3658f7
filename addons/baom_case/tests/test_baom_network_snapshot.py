import base64
import datetime
import json

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.baom_base.tests.common import AccessMatrixMixin

from .test_baom_network_indicators import BaomNetworkCommon

JULY = datetime.date(2025, 7, 1)


class BaomSnapshotCommon(BaomNetworkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Snapshot = cls.env["baom.network.snapshot"]

    def _snapshot(self, office=None, period=JULY, **values):
        snapshot = self.Snapshot.create(
            dict(
                {"office_id": (office or self.office_a).id, "period_start": period},
                **values,
            )
        )
        snapshot.action_compute()
        return snapshot

    def _cells(self, snapshot, code):
        return {
            (line.dimension, line.dimension_value): line
            for line in snapshot.line_ids
            if line.indicator_code == code
        }


@tagged("post_install", "-at_install", "baom_case", "baom_network")
class TestNetworkSnapshot(BaomSnapshotCommon):
    def test_small_counts_never_leave_the_office(self):
        snapshot = self._snapshot(k=5)
        self.assertEqual(snapshot.state, "computed")
        people = self._cells(snapshot, "people_received")
        total = people[("total", "total")]
        self.assertTrue(total.suppressed, "3 people < 5")
        self.assertEqual(total.suppression_reason, "primary")
        self.assertFalse(total.value)
        self.assertTrue(people[("gender", "female")].suppressed)
        payload = snapshot._prepare_payload()
        hidden = [cell for cell in payload["cells"] if cell["suppressed"]]
        self.assertTrue(hidden)
        self.assertTrue(all(cell["value"] is None for cell in hidden))

    def test_secondary_suppression_protects_the_total(self):
        snapshot = self._snapshot(k=2)
        people = self._cells(snapshot, "people_received")
        self.assertEqual(people[("total", "total")].value, 3)
        self.assertEqual(people[("gender", "male")].suppression_reason, "primary")
        # 3 - 2 would give the one man back: the 2 women are hidden too.
        self.assertEqual(people[("gender", "female")].suppression_reason, "secondary")
        self.assertFalse(people[("gender", "female")].value)
        # Zero cells are published as zeros by default.
        self.assertEqual(people[("gender", "not_recorded")].value, 0)
        self.assertFalse(people[("gender", "not_recorded")].suppressed)

    def test_zeros_can_be_treated_as_disclosive(self):
        snapshot = self._snapshot(k=2, zeros_disclosive=True)
        people = self._cells(snapshot, "people_received")
        self.assertTrue(people[("gender", "not_recorded")].suppressed)

    def test_every_indicator_and_disaggregation_has_a_cell(self):
        snapshot = self._snapshot(k=1)
        cells = self._cells(snapshot, "cases_opened")
        for dimension in ("gender", "profile", "age_band", "nationality_group", "need"):
            self.assertTrue(
                any(key[0] == dimension for key in cells), f"no {dimension} cells"
            )
        self.assertEqual(cells[("total", "total")].value, 1)
        self.assertEqual(
            self._cells(snapshot, "median_resolution_days")[("total", "total")].value,
            30,
        )

    def test_recompute_replaces_and_stays_one_snapshot(self):
        snapshot = self._snapshot(k=1)
        lines = len(snapshot.line_ids)
        snapshot.action_compute()
        self.assertEqual(len(snapshot.line_ids), lines, "replaced, not added")
        self._new_visit(self.office_a, visit_date="2025-07-25 10:00:00", people_count=4)
        again = self.Snapshot._get_or_create(self.office_a, JULY)
        self.assertEqual(again, snapshot)
        again.action_compute()
        self.assertEqual(len(snapshot.line_ids), lines)
        people = self._cells(snapshot, "people_received")
        self.assertEqual(people[("total", "total")].value, 7)

    def test_a_month_starts_on_the_first(self):
        with self.assertRaises(UserError):
            self.Snapshot.create(
                {"office_id": self.office_a.id, "period_start": "2025-07-15"}
            )

    @freeze_time("2025-08-03 02:00:00")
    def test_monthly_cron_computes_last_month(self):
        self.Snapshot._cron_compute_snapshots()
        snapshot = self.Snapshot.search(
            [("office_id", "=", self.office_a.id), ("period_start", "=", JULY)]
        )
        self.assertEqual(snapshot.state, "computed")
        self.Snapshot._cron_compute_snapshots()
        self.assertEqual(
            self.Snapshot.search_count(
                [("office_id", "=", self.office_a.id), ("period_start", "=", JULY)]
            ),
            1,
            "idempotent per office and month",
        )

    def test_snapshot_user_can_compute_without_reading_cases(self):
        snapshot = self.Snapshot.with_user(self.network).create(
            {"office_id": self.office_a.id, "period_start": JULY, "k": 1}
        )
        snapshot.action_compute()
        total = self._cells(snapshot, "cases_opened")[("total", "total")]
        self.assertEqual(total.value, 1)


@tagged("post_install", "-at_install", "baom_case", "baom_network")
class TestNetworkFileImport(BaomSnapshotCommon):
    def _import(self, payload, user=None):
        wizard = (
            self.env["baom.network.snapshot.import"]
            .with_user(user or self.network)
            .create(
                {
                    "file": base64.b64encode(json.dumps(payload).encode()),
                    "filename": "argana-2025-07.json",
                }
            )
        )
        return wizard.action_import()

    def _received(self):
        return self.Snapshot.search([("source", "=", "received")])

    def test_file_round_trip_and_resend_replaces(self):
        snapshot = self._snapshot(k=2)
        payload = snapshot._prepare_payload()
        payload["instance"] = "another-commune-uuid"
        self._import(payload)
        received = self._received()
        self.assertEqual(len(received), 1)
        self.assertEqual(received.state, "received")
        self.assertEqual(received.received_channel, "file")
        self.assertEqual(received.received_user_id, self.network)
        self.assertEqual(received.office_id, self.office_a, "matched by code")
        self.assertEqual(len(received.line_ids), len(snapshot.line_ids))
        people = self._cells(received, "people_received")
        self.assertEqual(people[("total", "total")].value, 3)
        self.assertEqual(people[("gender", "female")].suppression_reason, "secondary")
        # The office sends a corrected file: it replaces the first.
        payload["cells"] = payload["cells"][:3]
        self._import(payload)
        self.assertEqual(self._received(), received)
        self.assertEqual(len(received.line_ids), 3)

    def test_unknown_office_is_created_on_the_hub(self):
        payload = self._snapshot(k=2)._prepare_payload()
        payload.update(instance="tiznit-uuid", office={"code": "TZN", "name": "Tiznit"})
        self._import(payload)
        self.assertEqual(self._received().office_id.name, "Tiznit")

    def test_region_travels_with_the_snapshot(self):
        souss = self.env.ref("baom_base.state_ma_09")
        self.office_a.region_id = souss
        snapshot = self._snapshot(k=2)
        self.assertEqual(snapshot.region_id, souss, "the office's region")
        payload = snapshot._prepare_payload()
        self.assertEqual(
            payload["office"]["region"], {"code": "MA-09", "name": "Souss-Massa"}
        )
        # A hub that knows the office under another region files the
        # snapshot under the region the office sent.
        self.office_a.region_id = self.env.ref("baom_base.state_ma_07")
        payload["instance"] = "another-commune-uuid"
        self._import(payload)
        received = self._received()
        self.assertEqual(received.region_id, souss)
        self.assertEqual(set(received.line_ids.region_id), {souss}, "on every cell")
        Line = self.env["baom.network.snapshot.line"].with_user(self.network)
        by_region = dict(
            Line._read_group(
                [("snapshot_id", "=", received.id), ("dimension", "=", "total")],
                ["region_id"],
                ["__count"],
            )
        )
        self.assertEqual(list(by_region), [souss], "the dashboard groups by region")

    def test_payload_without_region_is_still_accepted(self):
        """Instances not yet updated send schema 1 without a region: the hub
        files their snapshots under its own office's region."""
        self.office_a.region_id = self.env.ref("baom_base.state_ma_09")
        payload = self._snapshot(k=2)._prepare_payload()
        del payload["office"]["region"]
        payload["instance"] = "older-commune-uuid"
        self._import(payload)
        received = self._received()
        self.assertEqual(received.region_id, self.office_a.region_id)
        payload.update(instance="tiznit-uuid", office={"code": "TZN", "name": "Tiznit"})
        self._import(payload)
        tiznit = self._received().filtered(lambda s: s.office_code == "TZN")
        self.assertTrue(tiznit.line_ids, "accepted")
        self.assertFalse(tiznit.region_id, "no region known: none invented")

    def test_bad_region_is_refused(self):
        payload = self._snapshot(k=2)._prepare_payload()
        payload["instance"] = "another-commune-uuid"
        payload["office"]["region"] = "Souss"
        with self.assertRaisesRegex(UserError, "region is invalid"):
            self._import(payload)
        self.assertFalse(self._received(), "nothing written")

    def test_cells_are_written_under_record_rules(self):
        """The hub writes the cells with one SQL statement: the record rules
        on creating cells still apply, and a refusal writes nothing."""
        self.env["ir.rule"].create(
            {
                "name": "Test: no hidden cell may be created",
                "model_id": self.env.ref(
                    "baom_case.model_baom_network_snapshot_line"
                ).id,
                "domain_force": "[('suppressed', '=', False)]",
                "perm_read": False,
                "perm_write": False,
                "perm_unlink": False,
            }
        )
        payload = self._snapshot(k=2)._prepare_payload()
        payload["instance"] = "another-commune-uuid"
        self.assertTrue(any(cell["suppressed"] for cell in payload["cells"]))
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self._import(payload)
        self.env.invalidate_all()
        self.assertFalse(self._received(), "nothing written")
        published = dict(
            payload, cells=[cell for cell in payload["cells"] if not cell["suppressed"]]
        )
        self._import(published)
        self.assertEqual(
            len(self._received().line_ids), len(published["cells"]), "allowed"
        )

    def test_bad_files_import_nothing(self):
        good = self._snapshot(k=2)._prepare_payload()
        good["instance"] = "another-commune-uuid"
        leaking = json.loads(json.dumps(good))
        hidden = next(cell for cell in leaking["cells"] if cell["suppressed"])
        hidden["value"] = 1
        for bad, message in [
            (dict(good, version=99), "version"),
            (dict(good, period="2025-07-15"), "first day"),
            (dict(good, cells="none"), "cells"),
            (leaking, "must not carry its value"),
            ([good, dict(good, k=0)], "Snapshot 2"),
        ]:
            with self.subTest(message=message), self.assertRaises(UserError) as error:
                self._import(bad)
            self.assertIn(message, str(error.exception))
        self.assertFalse(self._received(), "nothing written")
        wizard = (
            self.env["baom.network.snapshot.import"]
            .with_user(self.network)
            .create({"file": base64.b64encode(b"{not json")})
        )
        with self.assertRaises(UserError):
            wizard.action_import()

    def test_officer_cannot_import(self):
        with self.assertRaises(AccessError):
            self._import(self._snapshot(k=2)._prepare_payload(), user=self.officer_a)


MATRIX = {
    "baom.indicator": {
        "officer": "r",
        "backup": "r",
        "other_officer": "r",
        "supervisor": "r",
        "network": "crwu",
        "internal": "",
        "admin": "crwu",
    },
    "baom.objective": {
        "officer": "r",
        "backup": "r",
        "other_officer": "",
        "supervisor": "crw",
        "network": "crwu",
        "internal": "",
        "admin": "crwu",
    },
    "baom.network.snapshot": {
        "officer": "r",
        "backup": "r",
        "other_officer": "",
        "supervisor": "crw",
        "network": "crwu",
        "internal": "",
        "admin": "crwu",
    },
    "baom.network.snapshot.line": {
        "officer": "r",
        "backup": "r",
        "other_officer": "",
        "supervisor": "r",
        "network": "crwu",
        "internal": "",
        "admin": "crwu",
    },
}


@tagged("post_install", "-at_install", "baom_case", "baom_network")
class TestNetworkSecurity(AccessMatrixMixin, BaomSnapshotCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.snapshot_a = cls.Snapshot.create(
            {"office_id": cls.office_a.id, "period_start": JULY, "k": 2}
        )
        cls.snapshot_a.action_compute()
        cls.objective_a = cls.env["baom.objective"].create(
            {
                "office_id": cls.office_a.id,
                "year": 2025,
                "indicator_id": cls.indicators["cases_opened"].id,
                "target": 10,
            }
        )
        cls.users = {
            "officer": cls.officer_a,
            "backup": cls.backup_officer,
            "other_officer": cls.officer_b,
            "supervisor": cls.supervisor,
            "network": cls.network,
            "internal": cls.internal,
            "admin": cls.admin,
        }

    def _fixture(self, model):
        return {
            "baom.indicator": (
                self.indicators["cases_opened"],
                {"description": "Updated"},
                {
                    "code": "referrals_sent_test",
                    "name": "Referrals",
                    "measure": "cases_opened",
                },
            ),
            "baom.objective": (
                self.objective_a,
                {"target": 12},
                {
                    "office_id": self.office_a.id,
                    "year": 2026,
                    "indicator_id": self.indicators["cases_opened"].id,
                    "target": 5,
                },
            ),
            "baom.network.snapshot": (
                self.snapshot_a,
                {"k": 3},
                {"office_id": self.office_a.id, "period_start": "2025-09-01"},
            ),
            "baom.network.snapshot.line": (
                self.snapshot_a.line_ids[:1],
                {"value": 9},
                {
                    "snapshot_id": self.snapshot_a.id,
                    "indicator_code": "x",
                    "dimension": "total",
                    "dimension_value": "total",
                },
            ),
        }[model]

    def _record_to_delete(self, model, record):
        if model == "baom.indicator":
            # Deleting a shipped indicator would drop the objectives on it.
            return self.env["baom.indicator"].create(
                {"code": "to_delete", "name": "To delete", "measure": "cases_opened"}
            )
        return record

    def test_access_matrix(self):
        self.assertAccessMatrix(MATRIX)

    def test_network_never_reads_live_data(self):
        for model in (
            "baom.case",
            "baom.visit",
            "baom.beneficiary",
            "baom.case.report",
        ):
            with (
                self.subTest(model=model),
                self.assertRaises(
                    AccessError, msg=f"the network must not read {model}"
                ),
            ):
                self.env[model].with_user(self.network).search_read([], ["id"])
        # What it reads: figures only.
        lines = self.env["baom.network.snapshot.line"].with_user(self.network)
        self.assertTrue(lines.search_count([("office_id", "=", self.office_a.id)]))
        groups = lines._read_group(
            [("dimension", "=", "total")], ["indicator_id"], ["value:sum"]
        )
        self.assertTrue(groups)

    def test_supervisor_sees_the_offices_supervised_only(self):
        office_c = self.env["baom.office"].create({"name": "Office C", "code": "OFFC"})
        other = self.Snapshot.create({"office_id": office_c.id, "period_start": JULY})
        visible = self.Snapshot.with_user(self.supervisor).search([])
        self.assertIn(self.snapshot_a, visible)
        self.assertNotIn(other, visible, "not an office the supervisor supervises")
        self.assertEqual(
            self.env["baom.objective"].with_user(self.officer_b).search([]),
            self.env["baom.objective"],
            "office B's officer does not see office A's objectives",
        )

    def test_network_report_totals_by_region(self):
        souss = self.env.ref("baom_base.state_ma_09")
        self.office_a.region_id = souss
        self.snapshot_a.action_compute()
        self.assertEqual(self.snapshot_a.region_id, souss, "recompute takes it")
        values = self._network_report_values()
        people = self.indicators["people_received"]
        self.assertEqual(values["by_region"][souss][people], {"value": 3, "hidden": 0})
        self.assertEqual(values["regions"][0], souss)
        html = self._network_report_html()
        self.assertIn("Souss-Massa", html)

    def _network_report_values(self):
        return (
            self.env["report.baom_case.report_baom_network_activity"]
            .with_user(self.network)
            ._get_report_values([], data={"year": 2025})
        )

    def _network_report_html(self):
        return (
            self.env["ir.actions.report"]
            .with_user(self.network)
            ._render_qweb_html(
                "baom_case.action_report_baom_network_activity", [], data={"year": 2025}
            )[0]
            .decode()
        )

    def test_network_report_prints_for_the_network(self):
        values = self._network_report_values()
        people = self.indicators["people_received"]
        self.assertEqual(values["network"][people], {"value": 3, "hidden": 0})
        # One case opened in July, below k = 2: counted as hidden, not as 1.
        cases = self.indicators["cases_opened"]
        self.assertEqual(values["network"][cases], {"value": 0, "hidden": 1})
        self.assertIn(self.objective_a, values["objectives"])
        html = self._network_report_html()
        self.assertIn("Network activity report", html)
        self.assertIn("Office A", html)
        with self.assertRaises(AccessError):
            self.env["report.baom_case.report_baom_network_activity"].with_user(
                self.internal
            )._get_report_values([], data={"year": 2025})
