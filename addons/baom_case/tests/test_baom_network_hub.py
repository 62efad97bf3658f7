import datetime
import json
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .test_baom_network_snapshot import JULY, BaomSnapshotCommon

ENDPOINT = "/baom/network/snapshot"


@tagged("post_install", "-at_install", "baom_case", "baom_network")
class TestNetworkHub(BaomSnapshotCommon, HttpCase):
    """This instance is its own hub: the push goes through its HTTP server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Keys = cls.env["res.users.apikeys"]
        cls.key = Keys.with_user(cls.network).sudo()._generate("rpc", "Argana", None)
        cls.officer_key = (
            Keys.with_user(cls.officer_a).sudo()._generate("rpc", "Officer", None)
        )
        cls.snapshot = cls.Snapshot.create(
            {"office_id": cls.office_a.id, "period_start": JULY, "k": 2}
        )
        cls.snapshot.action_compute()
        # Only this snapshot waits to be pushed (demo data has others).
        cls.Snapshot.search([("id", "!=", cls.snapshot.id)]).write({"state": "sent"})

    def setUp(self):
        super().setUp()
        # The test server only answers requests carrying the test's cookie:
        # the push goes through the test's HTTP session (a real requests
        # session, to the real server), everything else unchanged.
        self.startPatcher(
            patch(
                "odoo.addons.baom_case.models.baom_network_snapshot.requests.post",
                side_effect=lambda url, **kwargs: self.opener.post(url, **kwargs),
            )
        )

    def _configure(self, url=None, key=None):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("baom_case.network_hub_url", url or self.base_url())
        params.set_param("baom_case.network_hub_api_key", key or self.key)

    def _post(self, body, key=None):
        headers = {"Content-Type": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        data = body if isinstance(body, bytes | str) else json.dumps(body)
        return self.url_open(ENDPOINT, data=data, headers=headers)

    def _received(self):
        self.env.invalidate_all()
        return self.Snapshot.search([("source", "=", "received")])

    def test_push_records_the_answer_and_resend_replaces(self):
        self._configure()
        self.Snapshot._cron_send_snapshots()
        self.env.invalidate_all()
        self.assertEqual(self.snapshot.state, "sent")
        self.assertEqual(json.loads(self.snapshot.hub_answer)["status"], "ok")
        received = self._received()
        self.assertEqual(len(received), 1)
        self.assertEqual(received.office_id, self.office_a)
        self.assertEqual(received.received_channel, "push")
        self.assertEqual(received.received_user_id, self.network)
        self.assertEqual(received.received_key_name, "Argana")
        self.assertEqual(len(received.line_ids), len(self.snapshot.line_ids))
        # Sent snapshots are not sent again by the cron...
        self.Snapshot._cron_send_snapshots()
        self.assertEqual(self._received(), received)
        # ...but a recomputed one is, and replaces the hub's copy.
        self._new_visit(self.office_a, visit_date="2025-07-25 10:00:00", people_count=4)
        self.snapshot.action_compute()
        self.Snapshot._cron_send_snapshots()
        self.assertEqual(self._received(), received, "replaced, not duplicated")
        self.assertIn('"replaced": true', self.snapshot.hub_answer)
        people = self._cells(received, "people_received")
        self.assertEqual(people[("total", "total")].value, 7)

    def test_hub_down_retries_with_back_off(self):
        self._configure(url="http://127.0.0.1:9")
        with freeze_time("2026-03-01 10:00:00"):
            self.Snapshot._cron_send_snapshots()
            self.assertEqual(self.snapshot.state, "computed")
            self.assertEqual(self.snapshot.send_attempts, 1)
            self.assertEqual(
                self.snapshot.next_send_date, datetime.datetime(2026, 3, 1, 10, 5)
            )
            self.assertIn("unreachable", self.snapshot.hub_answer)
            self.Snapshot._cron_send_snapshots()
            self.assertEqual(self.snapshot.send_attempts, 1, "waits its turn")
        with freeze_time("2026-03-01 10:06:00"):
            self.Snapshot._cron_send_snapshots()
            self.assertEqual(self.snapshot.send_attempts, 2)
            self.assertEqual(
                self.snapshot.next_send_date, datetime.datetime(2026, 3, 1, 10, 16)
            )
        self.assertFalse(self._received())
        self._configure()
        with freeze_time("2026-03-01 10:20:00"):
            self.Snapshot._cron_send_snapshots()
        self.env.invalidate_all()
        self.assertEqual(self.snapshot.state, "sent", "delivered once the hub is back")
        self.assertEqual(len(self._received()), 1)

    def test_bad_key_is_refused(self):
        payload = self.snapshot._prepare_payload()
        response = self._post(payload)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["error"], "unauthorized")
        response = self._post(payload, key="0123456789abcdef" * 2)
        self.assertEqual(response.status_code, 401)
        response = self._post(payload, key=self.officer_key)
        self.assertEqual(response.status_code, 403, "not a network coordinator")
        self.assertFalse(self._received())

    def test_malformed_payloads_write_nothing(self):
        good = self.snapshot._prepare_payload()
        suppressed = json.loads(json.dumps(good))
        next(c for c in suppressed["cells"] if c["suppressed"])["value"] = 1
        for body, error in [
            (b"{not json", "malformed"),
            (dict(good, version=2), "invalid"),
            (dict(good, cells=[{"indicator": "x"}]), "invalid"),
            (dict(good, office={}), "invalid"),
            (suppressed, "invalid"),
            ([good], "invalid"),
        ]:
            with self.subTest(error=error, body=str(body)[:60]):
                response = self._post(body, key=self.key)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.json()["error"], error)
                self.assertTrue(response.json()["message"])
        response = self._post(dict(good, padding="x" * (5 * 1024 * 1024)), key=self.key)
        self.assertEqual(response.status_code, 413)
        self.assertFalse(self._received(), "nothing written")
        self.assertEqual(
            self.env["baom.network.snapshot.line"].search_count(
                [("snapshot_id.source", "=", "received")]
            ),
            0,
        )

    def test_download_gives_the_file_the_hub_imports(self):
        self.authenticate("baom_supervisor", "baom_supervisor")
        response = self.url_open(f"{ENDPOINT}/{self.snapshot.id}/download")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        payload = response.json()
        self.assertEqual(payload["office"]["code"], "OFFA")
        self.assertEqual(payload["period"], "2025-07-01")
        self.assertEqual(len(payload["cells"]), len(self.snapshot.line_ids))
        self.authenticate("baom_officer_b", "baom_officer_b")
        response = self.url_open(f"{ENDPOINT}/{self.snapshot.id}/download")
        self.assertEqual(response.status_code, 403, "not office B's snapshot")
        self.assertNotIn(b"OFFA", response.content)
