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
