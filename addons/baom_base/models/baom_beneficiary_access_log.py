from odoo import fields, models


class BaomBeneficiaryAccessLog(models.Model):
    """Who opened which file, and when ("who viewed what")."""

    _name = "baom.beneficiary.access.log"
    _description = "BAOM Beneficiary Access Log"
    _order = "access_date desc, id desc"
    _log_access = False

    beneficiary_id = fields.Many2one(
        "baom.beneficiary", required=True, index=True, ondelete="cascade", readonly=True
    )
    office_id = fields.Many2one(
        related="beneficiary_id.office_id", store=True, index=True
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True)
    user_id = fields.Many2one(
        "res.users", "Opened By", required=True, readonly=True, ondelete="restrict"
    )
    access_date = fields.Datetime(
        "Opened On", required=True, readonly=True, default=fields.Datetime.now
    )
    access_type = fields.Selection(
        [
            ("form", "Form"),
            ("export", "Export"),
            ("report", "Report"),
            ("api", "API"),
            ("merge", "Merge"),
            ("transfer", "Transfer"),
        ],
        required=True,
        readonly=True,
        default="form",
    )
