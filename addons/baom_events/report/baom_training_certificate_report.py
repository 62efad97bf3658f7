from odoo import api, models


class ReportBaomTrainingCertificate(models.AbstractModel):
    _name = "report.baom_events.report_baom_training_certificate"
    _description = "BAOM Training Certificate Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        certificates = self.env["baom.training.certificate"].browse(docids)
        # Printed as the current user: the certificate rules decide who may.
        certificates.check_access("read")
        letterhead_in_body = self.env["ir.actions.report"]._baom_letterhead_in_body()
        return {
            "doc_ids": certificates.ids,
            "doc_model": "baom.training.certificate",
            "docs": certificates,
            "letterhead_in_body": letterhead_in_body,
            "data_report_margin_top": 12 if letterhead_in_body else None,
            "data_report_header_spacing": 0 if letterhead_in_body else None,
        }
