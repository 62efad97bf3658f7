from odoo import models

# Documents whose attachments describe a person: reading them needs write
# access on the document (officers), like their chatter.
STRICT_MODELS = ("baom.case",)


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _inaccessible_comodel_records(self, model_and_ids, operation):
        if operation != "read":
            yield from super()._inaccessible_comodel_records(model_and_ids, operation)
            return
        strict = {m: ids for m, ids in model_and_ids.items() if m in STRICT_MODELS}
        others = {m: ids for m, ids in model_and_ids.items() if m not in STRICT_MODELS}
        yield from super()._inaccessible_comodel_records(others, "read")
        yield from super()._inaccessible_comodel_records(strict, "write")
