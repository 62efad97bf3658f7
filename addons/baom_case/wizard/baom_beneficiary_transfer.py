from odoo import api, fields, models


class BaomBeneficiaryTransfer(models.TransientModel):
    _inherit = "baom.beneficiary.transfer"

    case_ids = fields.Many2many(
        "baom.case",
        string="Open Cases Moving Too",
        compute="_compute_case_ids",
        help="Closed cases stay with the office that worked them, so that its "
        "statistics do not change.",
    )

    @api.depends("beneficiary_id", "member_ids")
    def _compute_case_ids(self):
        for wizard in self:
            wizard.case_ids = self.env["baom.case"].search(
                [
                    (
                        "beneficiary_id",
                        "in",
                        (wizard.beneficiary_id | wizard.member_ids).ids,
                    ),
                    ("is_closed", "=", False),
                ]
            )

    def _get_open_cases(self, people):
        """Every open case of the people who move, archived ones included."""
        return (
            self.env["baom.case"]
            .sudo()
            .with_context(active_test=False)
            .search([("beneficiary_id", "in", people.ids), ("is_closed", "=", False)])
        )

    def _check_transfer_access(self, people, household):
        res = super()._check_transfer_access(people, household)
        self._get_open_cases(people).sudo(False).check_access("write")
        return res

    def _transfer(self, source, people, household):
        cases = self._get_open_cases(people)
        res = super()._transfer(source, people, household)
        destination = self.office_id
        # The receiving office's officer takes the cases over; superuser mode
        # as for the people (see the parent method).
        officer = destination.officer_ids[:1] or destination.backup_officer_id
        cases.with_context(tracking_disable=True).write(
            {"office_id": destination.id, "user_id": officer.id}
        )
        self._hand_over(source, cases)
        return res

    def _notify_transfer(self, source, people, household):
        res = super()._notify_transfer(source, people, household)
        body = self._get_transfer_body(source)
        # A logged note: the transfer is no news about the case itself.
        cases = self._get_open_cases(people)
        cases._message_log_batch(dict.fromkeys(cases.ids, body))
        return res
