from odoo import fields, models


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
