from odoo import api, models


class BaomRecordFenceMixin(models.AbstractModel):
    _inherit = "baom.record.fence.mixin"

    @api.model
    def _get_baom_fenced_models(self):
        # A referral's chatter describes the person, as a case's does.
        return {**super()._get_baom_fenced_models(), "baom.referral": "write"}
