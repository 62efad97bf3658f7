from werkzeug.exceptions import Unauthorized

from odoo import models
from odoo.http import request

from .baom_network_snapshot import SNAPSHOT_ROUTE


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        # The hub's intake answers machines: its refusals are JSON, the
        # missing or wrong API key (refused by Odoo's bearer authentication)
        # included.
        if (
            isinstance(exception, Unauthorized)
            and request.httprequest.path == SNAPSHOT_ROUTE
        ):
            response = request.make_json_response(
                {
                    "status": "error",
                    "error": "unauthorized",
                    "message": request.env._("Missing or invalid API key."),
                },
                status=401,
            )
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        return super()._handle_error(exception)
