from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MailActivityPlanTemplate(models.Model):
    _inherit = "mail.activity.plan.template"

    responsible_type = fields.Selection(
        selection_add=[("case_officer", "Officer in charge of the case")],
        ondelete={"case_officer": "set default"},
    )

    @api.constrains("plan_id", "responsible_type")
    def _check_responsible_case_officer(self):
        for template in self:
            if (
                template.responsible_type == "case_officer"
                and template.plan_id.res_model != "baom.case"
            ):
                raise ValidationError(
                    self.env._(
                        "The officer in charge can only be used in plans for "
                        "BAOM cases."
                    )
                )

    def _determine_responsible(self, on_demand_responsible, applied_on_record):
        if self.responsible_type != "case_officer":
            return super()._determine_responsible(
                on_demand_responsible, applied_on_record
            )
        responsible = applied_on_record.user_id or self.env.user
        return {"responsible": responsible, "error": False, "warning": False}
