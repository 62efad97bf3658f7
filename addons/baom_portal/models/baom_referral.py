import datetime

from odoo import api, fields, models

from odoo.addons.baom_referral.models.baom_referral import OFFICER_GROUPS


class BaomReferral(models.Model):
    _inherit = "baom.referral"

    # The token opens the shared data without an account: officers only.
    access_token = fields.Char(groups=OFFICER_GROUPS)

    def _get_token_expiry(self):
        """When the link e-mailed to the institution stops opening the referral."""
        self.ensure_one()
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("baom_portal.referral_token_days", 30)
            or 30
        )
        sent = self.sudo().date_sent
        return sent + datetime.timedelta(days=days) if sent else False

    def _is_token_expired(self):
        expiry = self._get_token_expiry()
        return not expiry or expiry < fields.Datetime.now()

    @api.model
    def _get_thread_with_access(
        self, thread_id, *, hash=None, pid=None, token=None, **kwargs
    ):
        # The portal chatter accepts the e-mailed links too: not once expired.
        if token or hash:
            referral = self.browse(thread_id).sudo().exists()
            if referral and referral._is_token_expired():
                token = hash = pid = None
        return super()._get_thread_with_access(
            thread_id, hash=hash, pid=pid, token=token, **kwargs
        )
