from odoo import api, models
from odoo.fields import Domain

# Statuses a guide prints: a closed door is worth knowing about.
GUIDE_STATUSES = ("active", "temporarily_closed")


class ReportBaomServiceGuide(models.AbstractModel):
    """The printable referencing guide of an office: services by need."""

    _name = "report.baom_referral.report_baom_service_guide"
    _description = "BAOM Referencing Guide"

    @api.model
    def _get_report_values(self, docids, data=None):
        offices = self.env["baom.office"].browse(docids)
        lang = self.env.lang or "en_US"
        direction = self.env["res.lang"]._get_data(code=lang).get("direction") or (
            "rtl" if lang.startswith("ar") else "ltr"
        )
        guides = [
            {"office": office, "sections": self._get_sections(office)}
            for office in offices
        ]
        letterhead_in_body = self.env["ir.actions.report"]._baom_letterhead_in_body()
        return {
            "doc_ids": offices.ids,
            "doc_model": "baom.office",
            "docs": offices,
            "guides": guides,
            "lang": lang,
            "direction": direction,
            "company": offices[:1].company_id or self.env.company,
            "letterhead_in_body": letterhead_in_body,
            "data_report_margin_top": 12 if letterhead_in_body else None,
            "data_report_header_spacing": 0 if letterhead_in_body else None,
        }

    @api.model
    def _get_sections(self, office):
        """[(need title, services)] of the services the office uses, read as
        the current user (the record rules decide what an officer prints)."""
        services = self.env["baom.service"].search(
            Domain("status", "in", GUIDE_STATUSES)
            & (Domain("office_ids", "=", False) | Domain("office_ids", "in", office.id))
        )
        by_need = {}
        others = self.env["baom.service"]
        for service in services:
            if not service.need_category_ids:
                others |= service
            for need in service.need_category_ids:
                by_need.setdefault(need, self.env["baom.service"])
                by_need[need] |= service
        titles = {need: self._get_need_title(need) for need in by_need}
        sections = [
            (titles[need], by_need[need].sorted("display_name"))
            for need in sorted(by_need, key=lambda n: titles[n].lower())
        ]
        if others:
            sections.append((self.env._("Other services"), others))
        return sections

    @api.model
    def _get_need_title(self, need):
        """ "Parent / Child" in the reader's language, from the stored path (the
        need's display name misses its parent when both are computed in one
        batch)."""
        ids = [int(part) for part in (need.parent_path or "").split("/") if part]
        path = need.browse(ids) if ids else need
        return " / ".join(path.mapped("name"))
