from collections import defaultdict

from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _inaccessible_comodel_records(self, model_and_ids, operation):
        if operation != "read":
            yield from super()._inaccessible_comodel_records(model_and_ids, operation)
            return
        # Attachments of a BAOM record describe a person: reading them needs
        # the access its chatter needs (write on cases: officers only), the
        # same fence as its followers and ratings.
        fenced = self.env["baom.record.fence.mixin"]._get_baom_fenced_models()
        by_operation = defaultdict(dict)
        for model, ids in model_and_ids.items():
            by_operation[fenced.get(model, "read")][model] = ids
        for model_operation, models_ids in by_operation.items():
            yield from super()._inaccessible_comodel_records(
                models_ids, model_operation
            )
