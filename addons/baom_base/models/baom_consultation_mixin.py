from contextvars import ContextVar

from odoo import api, http, models
from odoo.service.server import thread_local

# Set while a list, a kanban or a form is being read: the nested web_read of
# each row or each related record is not a consultation of its own. A Python
# context variable, not an Odoo context key, so that an RPC caller cannot set it.
_READING = ContextVar("baom_consultation_reading", default=False)

# Fields that do not reveal anything beyond what a many2one already shows.
_NAME_ONLY = frozenset({"id", "display_name"})


def _get_rpc_call():
    """``(model, method, api)`` of the RPC call the current request serves.

    ``api`` is False for the web client's own endpoint (/web/dataset/call_kw),
    True for external clients (/json/2, XML-RPC, JSON-RPC). None outside RPC.
    """
    request = http.request
    if not request:
        return None
    path = request.httprequest.path
    params = getattr(request, "params", None) or {}
    if path.startswith("/web/dataset/call_"):
        return params.get("model"), params.get("method"), False
    if path.startswith("/json/2/"):
        return params.get("__model__"), params.get("__method__"), True
    # /xmlrpc/2/object and /jsonrpc go through odoo.service.model.execute_cr,
    # which names the call; it is reset at the start of every request.
    model, _dot, method = (thread_local.rpc_model_method or "").rpartition(".")
    return (model, method, True) if model else None


class BaomConsultationMixin(models.AbstractModel):
    """Log in the access log whenever the personal data of a model leaves.

    Forms (``web_read``), exports (``export_data``), reads over RPC
    (``read``/``search_read``/lists fetched by an API client) and printed
    reports are logged; the web client's own lists and searches are not.
    Models carrying a person's data implement ``_get_consulted_beneficiaries``.
    """

    _name = "baom.consultation.mixin"
    _description = "BAOM Personal Data Consultation"

    def _get_consulted_beneficiaries(self):
        """The people whose personal data these records reveal."""
        return self.env["baom.beneficiary"]

    def _get_consultation_detail(self):
        """What carried the data, shown in the access log (None: the file itself)."""
        return None

    def _record_consultation(self, access_type, detail=None):
        records = self.filtered(lambda record: isinstance(record.id, int))
        if not records:
            return
        self.env["baom.beneficiary.access.log"]._log(
            records._get_consulted_beneficiaries(),
            access_type,
            detail or records._get_consultation_detail(),
        )

    def _is_rpc_call(self, method):
        call = _get_rpc_call()
        return bool(call) and call[:2] == (self._name, method)

    # ------------------------------------------------------------
    # ENTRY POINTS
    # ------------------------------------------------------------

    @api.model
    @api.readonly
    def web_search_read(self, domain, specification, *args, **kwargs):
        token = _READING.set(True)
        try:
            result = super().web_search_read(domain, specification, *args, **kwargs)
        finally:
            _READING.reset(token)
        call = _get_rpc_call()
        # The web client's list or kanban is a search, not a consultation; an
        # external client fetching rows through it is.
        if call and call[2] and result["records"] and not _READING.get():
            self.browse(
                [values["id"] for values in result["records"]]
            )._record_consultation("api", detail=f"{self._name}.web_search_read")
        return result

    @api.model
    @api.readonly
    def web_read_group(self, *args, **kwargs):
        token = _READING.set(True)
        try:
            return super().web_read_group(*args, **kwargs)
        finally:
            _READING.reset(token)

    @api.readonly
    def web_read(self, specification):
        nested = _READING.get()
        token = _READING.set(True)
        try:
            result = super().web_read(specification)
        finally:
            _READING.reset(token)
        if not nested and set(specification) - _NAME_ONLY:
            call = _get_rpc_call()
            self._record_consultation("api" if call and call[2] else "form")
        return result

    @api.readonly
    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        if not _READING.get() and self._is_rpc_call("read"):
            self._record_consultation("api", detail=f"{self._name}.read")
        return result

    @api.model
    @api.readonly
    def search_read(self, domain=None, fields=None, *args, **kwargs):
        result = super().search_read(domain, fields, *args, **kwargs)
        if result and self._is_rpc_call("search_read"):
            self.browse([values["id"] for values in result])._record_consultation(
                "api", detail=f"{self._name}.search_read"
            )
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._record_consultation("export")
        return result
