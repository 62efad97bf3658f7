from odoo import models
from odoo.exceptions import UserError


class BaomTransferMixin(models.AbstractModel):
    """Records of an office's file: their office changes only by a transfer."""

    _name = "baom.transfer.mixin"
    _description = "BAOM Office Change Only by Transfer"

    def write(self, vals):
        if "office_id" in vals and not self.env.su:
            self._check_office_unchanged(vals["office_id"])
        return super().write(vals)

    def _check_office_unchanged(self, office_id):
        """Refuse a plain write that moves a record to another office.

        Moving a person's file takes their consent and a reason, and must
        leave a trace: the transfer wizard checks the user's access, then
        moves the records in superuser mode (which a client cannot request,
        unlike a context key). Writing the same office again is harmless.
        """
        if any(record.office_id.id != (office_id or False) for record in self):
            raise UserError(self._get_office_change_error())

    def _get_office_change_error(self):
        return self.env._(
            "Use the Transfer action to move a person to another office: "
            "it records the reason and the person's consent."
        )
