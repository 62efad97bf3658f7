from odoo import api, models


class BaomRecordFenceMixin(models.AbstractModel):
    _inherit = "baom.record.fence.mixin"

    @api.model
    def _get_baom_fenced_models(self):
        # A case's chatter needs the officers' write access, so that
        # supervisors, who read the pseudonymous case, never see who follows
        # or rated it (see baom.case._mail_get_operation_for_mail_message_operation).
        return {**super()._get_baom_fenced_models(), "baom.case": "write"}
