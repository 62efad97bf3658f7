from odoo import fields, models


class BaomOffice(models.Model):
    _inherit = "baom.office"

    referral_sequence_id = fields.Many2one(
        "ir.sequence",
        "Referral Reference Sequence",
        readonly=True,
        copy=False,
        help="Created with the office's first referral: CODE/REF/year/number.",
    )

    def _get_referral_sequence(self):
        """The office's own referral numbering, created on first use (as
        for cases)."""
        self.ensure_one()
        if not self.referral_sequence_id:
            self.sudo().referral_sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Referrals of %(office)s", office=self.code),
                        "implementation": "no_gap",
                        "prefix": f"{self.code}/REF/%(range_year)s/",
                        "padding": 4,
                        "use_date_range": True,
                        "company_id": self.company_id.id,
                    }
                )
            )
        return self.referral_sequence_id.sudo()
