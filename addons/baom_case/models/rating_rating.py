from odoo import models


class RatingRating(models.Model):
    # Who rated a case and what they wrote stay within the case's office:
    # other staff of the commune must not learn from Odoo's shared rating
    # table that someone is a beneficiary.
    _name = "rating.rating"
    _inherit = ["rating.rating", "baom.record.fence.mixin"]
