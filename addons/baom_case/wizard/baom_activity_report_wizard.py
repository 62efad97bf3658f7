from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BaomActivityReportWizard(models.TransientModel):
    """Choose the office, the period and the language of the activity report."""

    _name = "baom.activity.report.wizard"
    _description = "BAOM Activity Report Wizard"

    def _default_office_id(self):
        offices = self.env["baom.office"]
        return offices._get_my_offices()[:1] or offices.search(
            [("supervisor_ids", "in", self.env.uid)], limit=1
        )

    def _default_date_from(self):
        return fields.Date.context_today(self).replace(month=1, day=1)

    def _default_date_to(self):
        return fields.Date.context_today(self).replace(month=12, day=31)

    @api.model
    def _get_office_domain(self):
        if self.env.user.has_group("base.group_system"):
            return []
        uid = self.env.uid
        return [
            "|",
            "|",
            ("officer_ids", "in", uid),
            ("backup_officer_id", "=", uid),
            ("supervisor_ids", "in", uid),
        ]

    @api.model
    def _get_languages(self):
        return self.env["res.lang"].get_installed()

    office_id = fields.Many2one(
        "baom.office",
        required=True,
        default=lambda self: self._default_office_id(),
        domain=lambda self: self._get_office_domain(),
    )
    date_from = fields.Date(
        "From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(
        "To", required=True, default=lambda self: self._default_date_to()
    )
    lang = fields.Selection(
        _get_languages,
        "Language",
        required=True,
        default=lambda self: self.env.lang or self.env.user.lang or "en_US",
        help="French or Arabic (right to left) once these languages are "
        "installed in Settings.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The period ends before it starts."))

    def action_print(self):
        self.ensure_one()
        data = {
            "office_id": self.office_id.id,
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
        }
        return (
            self.env.ref("baom_case.action_report_baom_activity")
            .with_context(lang=self.lang)
            .report_action(self.office_id, data=data)
        )
