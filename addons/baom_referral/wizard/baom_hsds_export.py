import base64

from odoo import fields, models


class BaomHsdsExport(models.TransientModel):
    """The referencing guide as an Open Referral HSDS 3.0 zip of CSV files."""

    _name = "baom.hsds.export"
    _description = "BAOM Open Referral Export"

    include_archived = fields.Boolean(
        "Include Archived Services",
        help="Also export the services archived in the guide.",
    )
    file = fields.Binary(readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    def action_export(self):
        self.ensure_one()
        states = (True, False) if self.include_archived else (True,)
        services = self.env["baom.service"].search([("active", "in", states)])
        data = services._get_hsds_zip()
        self.write(
            {
                "file": base64.b64encode(data),
                "filename": f"baom-directory-{fields.Date.context_today(self)}.zip",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
