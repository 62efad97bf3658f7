from odoo import models


class MailFollowers(models.Model):
    # Following a BAOM record tells that its partner is a beneficiary or a
    # relative: the fence keeps followers within the record's office.
    _name = "mail.followers"
    _inherit = ["mail.followers", "baom.record.fence.mixin"]
