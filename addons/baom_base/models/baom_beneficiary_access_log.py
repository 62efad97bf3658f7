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
    # Kept in step with the access-log work of the same issue (same keys).
    access_type = fields.Selection(
        [
            ("form", "Opened"),
            ("export", "Exported"),
            ("report", "Printed"),
            ("api", "Read by another application"),
            ("merge", "Merged"),
            ("transfer", "Transferred"),
        ],
        "Access",
        default="form",
        required=True,
        readonly=True,
    )
    access_date = fields.Datetime(
        "Opened On", required=True, readonly=True, default=fields.Datetime.now
    )
