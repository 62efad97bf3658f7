from odoo import api, fields, models


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    # Following a case tells that its partner is a beneficiary: stored so that
    # record rules keep the followers of a case within its office.
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
        for follower in self:
            follower.baom_case_id = (
                follower.res_id if follower.res_model == "baom.case" else False
            )
