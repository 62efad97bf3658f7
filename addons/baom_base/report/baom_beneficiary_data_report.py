from odoo import api, models


class ReportBaomBeneficiaryData(models.AbstractModel):
    _name = "report.baom_base.baom_beneficiary_data_report"
    _description = "BAOM Personal Data Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        people = self.env["baom.beneficiary"].browse(docids)
        # Reading as the current user: the office rule decides who may print.
        people.check_access("read")
        return {
            "doc_ids": people.ids,
            "doc_model": "baom.beneficiary",
            "docs": people,
            "access_logs": self.env["baom.beneficiary.access.log"].search(
                [("beneficiary_id", "in", people.ids)]
            ),
        }
