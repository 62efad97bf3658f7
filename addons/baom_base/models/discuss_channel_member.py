from odoo import api, models
from odoo.exceptions import ValidationError


class DiscussChannelMember(models.Model):
    _inherit = "discuss.channel.member"

    @api.constrains("partner_id", "guest_id", "channel_id")
    def _check_baom_officers_network_member(self):
        """Only users of the channel's group may be in the officers' network: a
        beneficiary's contact, a guest or a portal user would otherwise be listed,
        mentioned and notified there."""
        channel = self.env.ref(
            "baom_base.discuss_channel_officers_network", raise_if_not_found=False
        )
        if not channel:
            return
        for member in self.sudo():
            if channel not in (member.channel_id | member.channel_id.parent_channel_id):
                continue
            users = member.partner_id.user_ids.filtered(
                lambda user: (
                    not user.share and channel.group_public_id in user.all_group_ids
                )
            )
            if not users:
                raise ValidationError(
                    self.env._(
                        "Only BAOM officers and network coordinators can be members "
                        "of the channel %(channel)s.",
                        channel=channel.sudo().name,
                    )
                )
