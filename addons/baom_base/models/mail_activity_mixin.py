from odoo import models


class MailActivityMixin(models.AbstractModel):
    _inherit = "mail.activity.mixin"

    def _baom_schedule_per_user(self, act_type_xmlid, users=None, **values):
        """Schedule the same activity on these records, in one batch per user.

        ``users`` maps each record to the user who gets its activity (default:
        its ``user_id``); records without one are skipped. Activities are
        created quietly (no assignment e-mail per record): a busy office would
        otherwise get one e-mail per file every morning.
        """
        users = users or (lambda record: record.user_id)
        for user, records in (
            self.filtered(users)
            .with_context(mail_activity_quick_update=True)
            .grouped(users)
            .items()
        ):
            records.activity_schedule(act_type_xmlid, user_id=user.id, **values)
        return self
