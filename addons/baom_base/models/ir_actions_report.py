from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        self._record_baom_consultation(report_ref, res_ids)
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    def _render_qweb_html(self, report_ref, docids, data=None):
        self._record_baom_consultation(report_ref, docids)
        return super()._render_qweb_html(report_ref, docids, data=data)

    def _render_qweb_text(self, report_ref, docids, data=None):
        self._record_baom_consultation(report_ref, docids)
        return super()._render_qweb_text(report_ref, docids, data=data)

    def _record_baom_consultation(self, report_ref, res_ids):
        """Log a printed report of records carrying personal data.

        Any model implementing ``_get_consulted_beneficiaries`` (the models of
        ``baom.consultation.mixin``, or another addon's report model) is
        covered; logged before rendering so that a report listing
        consultations lists itself.
        """
        if not res_ids:
            return
        report_sudo = self._get_report(report_ref)
        records = self.env.get(report_sudo.model)
        if records is None or not hasattr(records, "_get_consulted_beneficiaries"):
            return
        ids = [res_ids] if isinstance(res_ids, int) else list(res_ids)
        self.env["baom.beneficiary.access.log"]._log(
            records.browse(ids)._get_consulted_beneficiaries(),
            "report",
            detail=report_sudo.name,
        )
