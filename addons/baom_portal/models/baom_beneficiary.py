from odoo import fields, models


class BaomBeneficiary(models.Model):
    _inherit = "baom.beneficiary"

    # Declared here, not in baom_base: only the public request form creates
    # people nobody has met yet, and the flag means nothing without it.
    is_verified = fields.Boolean(
        "Verified",
        default=True,
        copy=False,
        tracking=True,
        help="Unticked for a person who filed a request online: check who they "
        "are (or merge the file with the person already registered), then mark "
        "the file as verified.",
    )
    consent_channel = fields.Selection(
        [("office", "In the office"), ("online", "Online, on the request form")],
        "Consent Given",
        default="office",
        copy=False,
        tracking=True,
    )

    def action_verify(self):
        """The officer met or called the person and checked who they are."""
        self.write({"is_verified": True})
