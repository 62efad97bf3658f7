import hashlib
import hmac
from datetime import timedelta

from odoo import api, fields, models


class BaomRequestAttempt(models.Model):
    """One online request, remembered for an hour to throttle floods.

    Only a keyed hash of the client's address is kept, never the address.
    """

    _name = "baom.request.attempt"
    _description = "BAOM Online Request Attempt"

    client_hash = fields.Char(required=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _hash_client(self, address):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return hmac.new(
            (secret or "").encode(), (address or "").encode(), hashlib.sha256
        ).hexdigest()

    @api.model
    def _is_throttled(self, address, limit):
        since = fields.Datetime.now() - timedelta(hours=1)
        count = self.sudo().search_count(
            [("client_hash", "=", self._hash_client(address)), ("date", ">=", since)]
        )
        return count >= limit

    @api.model
    def _record(self, address):
        self.sudo().create({"client_hash": self._hash_client(address)})

    @api.autovacuum
    def _gc_old_attempts(self):
        self.sudo().search(
            [("date", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
