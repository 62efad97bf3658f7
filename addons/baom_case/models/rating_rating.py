from odoo import api, fields, models


class RatingRating(models.Model):
    _inherit = "rating.rating"

    # Stored so that record rules can keep the ratings of a case (who rated,
    # what they wrote) within the case's office.
    baom_case_id = fields.Many2one(
        "baom.case",
        "BAOM Case",
        compute="_compute_baom_case_id",
        store=True,
        index="btree_not_null",
        ondelete="cascade",
    )

    @api.depends("res_model", "res_id")
    def _compute_baom_case_id(self):
        for rating in self:
            rating.baom_case_id = (
                rating.res_id if rating.res_model == "baom.case" else False
            )
