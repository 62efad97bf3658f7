from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import names


class BaomBeneficiaryMerge(models.TransientModel):
    """Merge files of one person into one, losing nothing."""

    _name = "baom.beneficiary.merge"
    _description = "BAOM Beneficiary Merge"

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        active_ids = self.env.context.get("active_ids") or []
        if self.env.context.get("active_model") == "baom.beneficiary" and active_ids:
            values.setdefault("beneficiary_ids", [(6, 0, active_ids)])
            values.setdefault("target_id", active_ids[0])
        return values

    beneficiary_ids = fields.Many2many("baom.beneficiary", string="Files to Merge")
    target_id = fields.Many2one(
        "baom.beneficiary",
        "File to Keep",
        required=True,
        domain="[('id', 'in', beneficiary_ids)]",
    )
    score = fields.Integer("Likeness", compute="_compute_score")

    @api.depends("beneficiary_ids", "target_id")
    def _compute_score(self):
        for wizard in self:
            others = wizard.beneficiary_ids - wizard.target_id
            wizard.score = (
                min(
                    names.match_score(wizard.target_id._to_person(), o._to_person())[0]
                    for o in others
                )
                if wizard.target_id and others
                else 0
            )

    def action_merge(self):
        self.ensure_one()
        target = self.target_id
        sources = self.beneficiary_ids - target
        if not sources:
            raise UserError(self.env._("Choose at least two files to merge."))
        if (sources | target).office_id != target.office_id:
            raise UserError(self.env._("Only files of the same office can be merged."))
        (sources | target).check_access("write")
        target._merge_from(sources)
        return {
            "type": "ir.actions.act_window",
            "res_model": "baom.beneficiary",
            "res_id": target.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
