from odoo import api, fields, models

# Who lands on the office dashboard rather than in Discuss after logging in.
HOME_ACTION_GROUPS = (
    "baom_base.group_baom_officer",
    "baom_base.group_baom_supervisor",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    # Read by the record rules of the case models: a plain "office in (ids)"
    # lets PostgreSQL use the office index, where the equivalent path through
    # the office's officers scans every open case of every office. The rule
    # cache is cleared whenever an office's people change (see baom.office).
    baom_officer_office_ids = fields.Many2many(
        "baom.office",
        string="BAOM Offices (Officer)",
        compute="_compute_baom_office_ids",
        compute_sudo=True,
        help="Offices where the user is officer or backup officer.",
    )
    baom_supervisor_office_ids = fields.Many2many(
        "baom.office",
        string="BAOM Offices (Supervisor)",
        compute="_compute_baom_office_ids",
        compute_sudo=True,
        help="Offices the user supervises.",
    )

    def _compute_baom_office_ids(self):
        Office = self.env["baom.office"].with_context(active_test=False)
        for user in self:
            user.baom_officer_office_ids = Office.search(
                [
                    "|",
                    ("officer_ids", "in", user.ids),
                    ("backup_officer_id", "in", user.ids),
                ]
            )
            user.baom_supervisor_office_ids = Office.search(
                [("supervisor_ids", "in", user.ids)]
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._set_baom_home_action()
        users._sync_baom_officers_network()
        return users

    def write(self, vals):
        result = super().write(vals)
        if "group_ids" in vals:
            self._set_baom_home_action()
        if {"group_ids", "active", "share"} & set(vals):
            self._sync_baom_officers_network()
        return result

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _set_baom_home_action(self):
        """Officers and supervisors start on their offices; a home action the
        user (or an administrator) already chose is kept."""
        action = self.env.ref(
            "baom_base.baom_office_action_dashboard", raise_if_not_found=False
        )
        groups = self.env["res.groups"]
        for xmlid in HOME_ACTION_GROUPS:
            groups |= self.env.ref(xmlid, raise_if_not_found=False) or groups
        if not action or not groups:
            return
        users = self.filtered(
            lambda user: not user.action_id and user.all_group_ids & groups
        )
        if users:
            users.sudo().write({"action_id": action.id})

    def _get_baom_officers_network_users(self):
        """Those of these users who belong in the officers' network: active
        internal users who are officer (or backup officer) of an active office,
        or network coordinators."""
        users = self.filtered(lambda user: user.active and not user.share)
        if not users:
            return users
        network_group = self.env.ref("baom_base.group_baom_network")
        channel_group = self.env.ref("baom_base.group_baom_officers_network")
        offices = (
            self.env["baom.office"]
            .sudo()
            .with_context(active_test=True)
            .search(
                [
                    "|",
                    ("officer_ids", "in", users.ids),
                    ("backup_officer_id", "in", users.ids),
                ]
            )
        )
        officers = offices.officer_ids | offices.backup_officer_id
        return users.filtered(
            lambda user: (
                channel_group in user.all_group_ids
                and (user in officers or network_group in user.all_group_ids)
            )
        )

    def _sync_baom_officers_network(self):
        """Join these users to the officers' network channel, or make them leave
        it, as their offices and groups now say."""
        channel = self.env.ref(
            "baom_base.discuss_channel_officers_network", raise_if_not_found=False
        )
        if not channel or not self:
            return
        # sudo: members of a channel are managed by the office's settings, not by
        # the user who assigns officers (an administrator or the coordinator).
        channel = channel.sudo()
        users = self.sudo()
        expected = users._get_baom_officers_network_users()
        members = (
            self.env["discuss.channel.member"]
            .sudo()
            .search(
                [
                    ("channel_id", "=", channel.id),
                    ("partner_id", "in", users.partner_id.ids),
                ]
            )
        )
        to_add = expected.partner_id - members.partner_id
        if to_add:
            channel._add_members(partners=to_add, post_joined_message=False)
        for partner in (users - expected).partner_id & members.partner_id:
            channel._action_unfollow(partner=partner, post_leave_message=False)

    @api.model
    def _sync_baom_officers_network_all(self):
        """Put the channel in step with every user (module install or update)."""
        self.sudo().search([("share", "=", False)])._sync_baom_officers_network()
        channel = self.env.ref(
            "baom_base.discuss_channel_officers_network", raise_if_not_found=False
        )
        if channel:
            # Members that are not users any more (archived, or a partner added
            # by hand) leave as well.
            strays = channel.sudo().channel_member_ids.filtered(
                lambda member: not member.partner_id.user_ids
            )
            for member in strays:
                channel.sudo()._action_unfollow(
                    partner=member.partner_id,
                    guest=member.guest_id,
                    post_leave_message=False,
                )
