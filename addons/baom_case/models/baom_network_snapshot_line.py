from odoo import api, fields, models

from .baom_indicator import DIMENSION_SELECTION


class BaomNetworkSnapshotLine(models.Model):
    """One published cell: an indicator's value for one value of one
    disaggregation (or its total), or the mark that it is hidden and why.

    The consolidated dashboard's pivot groups the cells first (indicator,
    office, month, value...) and computes its grouping sets over these
    groups (``baom.pregrouped.mixin``): over ten million cells, the plain
    ``GROUP BY`` runs in parallel where ``GROUPING SETS`` do not. A hidden
    cell's empty value is left out of both sums alike: a group of hidden
    cells alone still sums to nothing, never to 0.
    """

    _name = "baom.network.snapshot.line"
    _inherit = ["baom.pregrouped.mixin", "baom.bulk.create.mixin"]
    _description = "BAOM Network Snapshot Cell"
    _order = "snapshot_id, indicator_code, dimension, dimension_value"
    _rec_name = "indicator_code"
    # Who and when live on the snapshot (received from which key, when): the
    # cells need no create/write columns, whose two foreign keys to res.users
    # were a third of the hub's insert time.
    _log_access = False

    snapshot_id = fields.Many2one(
        "baom.network.snapshot", required=True, ondelete="cascade", index=True
    )
    indicator_code = fields.Char(required=True)
    indicator_id = fields.Many2one(
        "baom.indicator",
        compute="_compute_indicator_id",
        store=True,
        help="Empty when this instance does not know the code.",
    )
    dimension = fields.Selection(DIMENSION_SELECTION, required=True)
    dimension_value = fields.Char(required=True)
    value = fields.Float(
        digits=(16, 2), help="Empty when the cell is suppressed: never estimated."
    )
    suppressed = fields.Boolean()
    suppression_reason = fields.Selection(
        [
            ("primary", "Below the threshold"),
            ("secondary", "Would reveal another hidden cell"),
        ]
    )
    # copies of the snapshot's keys, for the consolidated pivot; the company
    # is not stored (one foreign key less per cell): the multi-company rule
    # searches it through the office
    office_id = fields.Many2one(related="snapshot_id.office_id", store=True, index=True)
    company_id = fields.Many2one(related="office_id.company_id")
    region_id = fields.Many2one(related="snapshot_id.region_id", store=True)
    period_start = fields.Date("Month", related="snapshot_id.period_start", store=True)
    source = fields.Selection(related="snapshot_id.source", store=True)
    suppressed_count = fields.Integer(
        "Hidden Cells", compute="_compute_counts", store=True
    )
    published_count = fields.Integer(
        "Published Cells", compute="_compute_counts", store=True
    )

    # The dashboard opens on the totals by indicator; this index holds every
    # column the pivot reads for them (an index-only scan), and only the totals
    # (one cell in ~30), so the hub's insert barely pays for it.
    _pivot_totals_idx = models.Index(
        "(indicator_id, office_id, period_start) "
        "INCLUDE (region_id, source, value, suppressed_count) "
        "WHERE dimension = 'total'"
    )

    @api.depends("indicator_code")
    def _compute_indicator_id(self):
        codes = set(self.mapped("indicator_code"))
        indicators = {
            indicator.code: indicator
            for indicator in self.env["baom.indicator"]
            .sudo()
            .with_context(active_test=False)
            .search([("code", "in", list(codes))])
        }
        for line in self:
            line.indicator_id = indicators.get(line.indicator_code, False)

    @api.depends("suppressed")
    def _compute_counts(self):
        for line in self:
            line.suppressed_count = 1 if line.suppressed else 0
            line.published_count = 0 if line.suppressed else 1
