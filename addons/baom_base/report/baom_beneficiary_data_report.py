from odoo import api, models


class ReportBaomBeneficiaryData(models.AbstractModel):
    _name = "report.baom_base.baom_beneficiary_data_report"
    _description = "BAOM Personal Data Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        people = self.env["baom.beneficiary"].browse(docids)
        # Reading as the current user: the office rule decides who may print.
        people.check_access("read")
        letterhead_in_body = self.env["ir.actions.report"]._baom_letterhead_in_body()
        return {
            "doc_ids": people.ids,
            "doc_model": "baom.beneficiary",
            "docs": people,
            "access_logs": self.env["baom.beneficiary.access.log"].search(
                [("beneficiary_id", "in", people.ids)]
            ),
            # Same layout as every BAOM report (see the activity report).
            "letterhead_in_body": letterhead_in_body,
            "data_report_margin_top": 12 if letterhead_in_body else None,
            "data_report_header_spacing": 0 if letterhead_in_body else None,
        }
