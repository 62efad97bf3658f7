from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL


class BaomRecordFenceMixin(models.AbstractModel):
    """Rows of a shared core table that point at a document by res_model and
    res_id (followers, ratings): those about a BAOM record are visible only to
    whoever may read that record's chatter, whatever their groups.

    A global record rule ``[('baom_record_visible', '=', True)]`` on the
    inheriting model applies the fence; the access comes from the BAOM record's
    own ACLs and rules, so the two never drift apart.
    """

    _name = "baom.record.fence.mixin"
    _description = "Fence on shared rows about BAOM records"

    baom_record_visible = fields.Boolean(
        "Visible BAOM Record",
        compute="_compute_baom_record_visible",
        search="_search_baom_record_visible",
        help="False on a row about a BAOM record the current user may not read.",
    )

    @api.depends("res_model", "res_id")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_baom_record_visible(self):
        fenced = self._get_baom_fenced_models()
        visible_ids = {model_name: () for model_name in fenced}
        for model_name, operation in fenced.items():
            ids = {
                row.res_id for row in self if row.res_model == model_name and row.res_id
            }
            if ids:
                query = self._get_baom_visible_query(model_name, operation, ids)
                if query is not None:
                    visible_ids[model_name] = set(query.get_result_ids())
        for row in self:
            row.baom_record_visible = (
                row.res_model not in fenced or row.res_id in visible_ids[row.res_model]
            )

    def _search_baom_record_visible(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        wanted = {bool(v) for v in value}
        if operator == "not in":
            wanted = {True, False} - wanted
        if len(wanted) != 1:
            return Domain.TRUE if wanted else Domain.FALSE
        fenced = self._get_baom_fenced_models()
        visible = Domain("res_model", "not in", list(fenced))
        for model_name, operation in fenced.items():
            if self._get_baom_visible_query(model_name, operation) is not None:
                visible |= Domain("res_model", "=", model_name) & Domain.custom(
                    to_sql=self._get_baom_visible_res_id_sql(model_name, operation)
                )
        return visible if True in wanted else ~visible

    def _get_baom_visible_res_id_sql(self, model_name, operation):
        # A correlated EXISTS probes the record by its primary key for each
        # row; "res_id IN (subquery)" within an OR would make PostgreSQL hash
        # every record the user may see, on every search (tens of ms at 50k
        # cases, even to show one chatter's followers).
        def to_sql(model, alias, query):
            records = self._get_baom_visible_query(model_name, operation)
            records.add_where(
                SQL(
                    "%s = %s",
                    SQL.identifier(records.table, "id"),
                    model._field_to_sql(alias, "res_id", query),
                )
            )
            return SQL("EXISTS(%s)", records.select(SQL("1")))

        return to_sql

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _get_baom_fenced_models(self):
        """{model: the access on its records that reading their chatter needs}"""
        return {"baom.beneficiary": "read", "baom.household": "read"}

    @api.model
    def _get_baom_visible_query(self, model_name, operation, ids=None):
        """Query of the records of ``model_name`` the current user may access
        for ``operation`` (among ``ids``), or None if the ACLs refuse it."""
        # Record rules evaluate the fence in sudo mode: check as the user.
        Model = self.env(su=False)[model_name].with_context(active_test=False)
        if not Model.has_access(operation):
            return None
        domain = self.env(su=False)["ir.rule"]._compute_domain(model_name, operation)
        if ids is not None:
            domain &= Domain("id", "in", list(ids))
        return Model.sudo()._search(domain)
