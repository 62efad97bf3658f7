import json
import logging

from odoo import http
from odoo.exceptions import AccessError, ValidationError
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.base.models.res_users import INDEX_SIZE

from ..models.baom_network_snapshot import MAX_PAYLOAD_BYTES, SNAPSHOT_ROUTE

_logger = logging.getLogger(__name__)


class BaomNetworkController(http.Controller):
    def _json(self, http_status, **body):
        return request.make_json_response(body, status=http_status)

    def _error(self, http_status, code, message):
        return self._json(http_status, status="error", error=code, message=message)

    def _get_key_name(self):
        """The name of the API key the request was authenticated with (the
        provenance kept on the snapshot); Odoo checked the key already."""
        header = request.httprequest.headers.get("Authorization") or ""
        key = header.partition(" ")[2].strip()
        request.env.cr.execute(
            SQL(
                "SELECT name FROM res_users_apikeys WHERE user_id = %s AND index = %s",
                request.env.uid,
                key[:INDEX_SIZE],
            )
        )
        row = request.env.cr.fetchone()
        return row and row[0]

    @http.route(
        SNAPSHOT_ROUTE,
        type="http",
        # Odoo checks the Bearer API key (401 when missing or wrong) and runs
        # the request as its user, without a session.
        auth="bearer",
        methods=["POST"],
        csrf=False,
        readonly=False,
    )
    def receive_snapshot(self):
        """The hub's intake: one snapshot per request, upserted."""
        env = request.env
        if not env.user.has_group("baom_base.group_baom_network"):
            return self._error(
                403,
                "forbidden",
                env._("This API key's user is not a network coordinator."),
            )
        length = request.httprequest.content_length or 0
        if length > MAX_PAYLOAD_BYTES:
            return self._error(
                413,
                "too_large",
                env._("A snapshot is at most %(size)s bytes.", size=MAX_PAYLOAD_BYTES),
            )
        data = request.httprequest.get_data(cache=False)
        if len(data) > MAX_PAYLOAD_BYTES:
            return self._error(
                413,
                "too_large",
                env._("A snapshot is at most %(size)s bytes.", size=MAX_PAYLOAD_BYTES),
            )
        try:
            payload = json.loads(data)
        except ValueError:
            return self._error(400, "malformed", env._("The body is not valid JSON."))
        Snapshot = env["baom.network.snapshot"]
        try:
            with env.cr.savepoint():
                snapshot, replaced = Snapshot._ingest_payload(
                    payload, channel="push", key_name=self._get_key_name()
                )
        except ValidationError as error:
            return self._error(400, "invalid", str(error.args[0]))
        except AccessError as error:
            return self._error(403, "forbidden", str(error.args[0]))
        return self._json(
            200,
            status="ok",
            snapshot=snapshot.id,
            replaced=replaced,
            cells=len(payload["cells"]),
        )

    @http.route(
        f"{SNAPSHOT_ROUTE}/<int:snapshot_id>/download",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
    )
    def download_snapshot(self, snapshot_id):
        """The snapshot as the JSON file the hub imports (offline offices)."""
        snapshot = request.env["baom.network.snapshot"].browse(snapshot_id).exists()
        if not snapshot:
            raise request.not_found()
        snapshot.check_access("read")
        body = json.dumps(snapshot._prepare_payload(), indent=1)
        filename = (
            f"baom-snapshot-{snapshot.office_code}-{snapshot.period_start:%Y-%m}.json"
        )
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "application/json"),
                ("Content-Disposition", f'attachment; filename="{filename}"'),
            ],
        )
