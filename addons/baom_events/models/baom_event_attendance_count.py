from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.baom_base.tools.selections import (
    GENDER_REPORT_SELECTION,
    NOT_RECORDED,
    PROFILE_REPORT_SELECTION,
)


class BaomEventAttendanceCount(models.Model):
    """A head count entered after an event, for crowds that never register."""

    _name = "baom.event.attendance.count"
    _description = "BAOM Event Head Count"
    _order = "event_id, id"

    event_id = fields.Many2one(
        "event.event", required=True, index=True, ondelete="cascade"
    )
    baom_office_id = fields.Many2one(
        related="event_id.baom_office_id", string="BAOM Office", store=True, index=True
    )
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    gender = fields.Selection(
        GENDER_REPORT_SELECTION, required=True, default=NOT_RECORDED
    )
    profile = fields.Selection(
        PROFILE_REPORT_SELECTION, required=True, default=NOT_RECORDED
    )
    count = fields.Integer("People", required=True, default=1)

    @api.constrains("count")
    def _check_count(self):
        if any(line.count < 0 for line in self):
            raise ValidationError(self.env._("A head count cannot be negative."))
