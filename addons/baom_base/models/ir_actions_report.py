import io

from odoo import api, models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from odoo.addons.base.models.ir_actions_report import _wkhtml

# Every report of the suite lives in a baom_* addon.
BAOM_REPORT_PREFIX = "baom_"


def stamp_page_numbers(pdf_content):
    """Write "n / N" at the foot of every page of a PDF (bytes in, bytes out)."""
    from reportlab.lib import colors  # noqa: PLC0415 - heavy, used on print only
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    source = PdfFileReader(io.BytesIO(pdf_content), strict=False)
    count = source.getNumPages()
    packet = io.BytesIO()
    stamps = canvas.Canvas(packet)
    for index in range(count):
        page = source.getPage(index)
        width = float(abs(page.mediaBox.getWidth()))
        height = float(abs(page.mediaBox.getHeight()))
        stamps.setPageSize((width, height))
        stamps.setFont("Helvetica", 8)
        stamps.setFillColor(colors.grey)
        stamps.drawCentredString(width / 2, 18, f"{index + 1} / {count}")
        stamps.showPage()
    stamps.save()
    numbers = PdfFileReader(packet)
    result = PdfFileWriter()
    for index in range(count):
        page = source.getPage(index)
        page.mergePage(numbers.getPage(index))
        result.addPage(page)
    output = io.BytesIO()
    result.write(output)
    return output.getvalue()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _baom_letterhead_in_body(self):
        """True when wkhtmltopdf prints no header or footer (Debian's build,
        unpatched Qt): BAOM reports then carry the letterhead in their body and
        get their page numbers stamped after rendering."""
        return not _wkhtml().is_patched_qt

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        self._record_baom_consultation(report_ref, res_ids)
        content, content_type = super()._render_qweb_pdf(
            report_ref, res_ids=res_ids, data=data
        )
        report = self._get_report(report_ref)
        if (
            content_type == "pdf"
            and report.report_name.startswith(BAOM_REPORT_PREFIX)
            and self._baom_letterhead_in_body()
        ):
            content = stamp_page_numbers(content)
        return content, content_type

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
