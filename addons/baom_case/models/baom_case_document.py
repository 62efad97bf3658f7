from odoo import api, fields, models


class BaomCaseDocument(models.Model):
    """A line of a case's documents checklist: asked for, received, filed."""

    _name = "baom.case.document"
    _inherit = ["baom.bulk.create.mixin"]
    _description = "BAOM Case Document"
    _order = "case_id, sequence, id"
    _check_company_auto = True

    case_id = fields.Many2one(
        "baom.case", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    document_type_id = fields.Many2one(
        "baom.document.type", ondelete="restrict", index=True
    )
    name = fields.Char(
        "Document",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    is_received = fields.Boolean(
        "Received",
        compute="_compute_is_received",
        store=True,
        readonly=False,
        precompute=True,
        help="Ticked automatically when a file is attached; tick it by hand for "
        "a paper document kept in the office.",
    )
    date_received = fields.Date(
        "Received On",
        compute="_compute_date_received",
        store=True,
        readonly=False,
        precompute=True,
    )
    file = fields.Binary(attachment=True, copy=False)
    file_name = fields.Char()
    note = fields.Char()

    @api.depends("document_type_id")
    def _compute_name(self):
        for line in self:
            if line.document_type_id:
                line.name = line.document_type_id.name

    @api.depends("file")
    def _compute_is_received(self):
        for line in self:
            if line.file:
                line.is_received = True

    @api.depends("is_received")
    def _compute_date_received(self):
        today = fields.Date.context_today(self)
        for line in self:
            if not line.is_received:
                line.date_received = False
            elif not line.date_received:
                line.date_received = today
