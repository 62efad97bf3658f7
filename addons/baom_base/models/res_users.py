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
        return users

    def write(self, vals):
        result = super().write(vals)
        if "group_ids" in vals:
            self._set_baom_home_action()
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
