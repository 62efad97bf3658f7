import base64
import binascii
import json

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.baom_network_snapshot import MAX_PAYLOAD_BYTES


class BaomNetworkSnapshotImport(models.TransientModel):
    """The hub takes in the JSON file of an office without connectivity:
    the same validation and upsert as a push."""

    _name = "baom.network.snapshot.import"
    _description = "BAOM Network Snapshot Import"

    file = fields.Binary("Snapshot File", required=True, attachment=False)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        try:
            data = base64.b64decode(self.file or b"", validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(self.env._("The file could not be read.")) from error
        if len(data) > MAX_PAYLOAD_BYTES * 50:
            raise UserError(self.env._("The file is too large for a snapshot file."))
        try:
            payload = json.loads(data)
        except ValueError as error:
            raise UserError(
                self.env._(
                    "The file is not a JSON snapshot file: %(error)s", error=error
                )
            ) from error
        payloads = payload if isinstance(payload, list) else [payload]
        Snapshot = self.env["baom.network.snapshot"]
        # Validate all before writing any: a bad file imports nothing.
        for number, item in enumerate(payloads, start=1):
            try:
                Snapshot._validate_payload(item)
            except ValidationError as error:
                raise UserError(
                    self.env._(
                        "Snapshot %(number)s of the file was refused, nothing was "
                        "imported: %(error)s",
                        number=number,
                        error=error.args[0],
                    )
                ) from error
        snapshots = Snapshot
        for item in payloads:
            snapshot, _replaced = Snapshot._ingest_payload(
                item, channel="file", key_name=self.filename
            )
            snapshots |= snapshot
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Imported snapshots"),
            "res_model": "baom.network.snapshot",
            "view_mode": "list,form",
            "domain": [("id", "in", snapshots.ids)],
        }
