import base64

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.baom_case.models.baom_case import OFFICER_GROUPS

STAFF_GROUPS = (
    "baom_base.group_baom_officer,baom_base.group_baom_supervisor,base.group_system"
)


class BaomCase(models.Model):
    _name = "baom.case"
    _inherit = ["baom.case", "portal.mixin"]

    # The token opens the person's file without an account: officers only
    # (a supervisor reading the pseudonymous case must not get it).
    access_token = fields.Char(groups=OFFICER_GROUPS)
    # The person reads their case through the portal page, which shows the
    # officer's first name only: the staff fields stay out of RPC reads.
    user_id = fields.Many2one(groups=STAFF_GROUPS)
    office_officer_ids = fields.Many2many(groups=STAFF_GROUPS)
    office_backup_officer_id = fields.Many2one(groups=STAFF_GROUPS)
    beneficiary_is_verified = fields.Boolean(
        related="beneficiary_id.is_verified", groups=OFFICER_GROUPS
    )

    def _compute_access_url(self):
        for case in self:
            case.access_url = f"/my/cases/{case.id}"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _create_online_request(self, person_values, case_values, lang=None):
        """The public request form: an unverified person and a case in the
        first stage of the chosen office, the consent given online today,
        and an activity for the officer. Runs as superuser (the caller
        validated every value); returns the case."""
        self = self.sudo()
        person = (
            self.env["baom.beneficiary"]
            # the contact created for the person speaks their language
            .with_context(mail_create_nolog=True, lang=lang or self.env.lang)
            .create(
                dict(
                    person_values,
                    is_verified=False,
                    consent_channel="online",
                    consent_date=fields.Date.context_today(self),
                    consent_user_id=self.env.ref("base.public_user").id,
                )
            )
        )
        case = self.with_context(mail_create_nolog=True).create(
            dict(
                case_values,
                beneficiary_id=person.id,
                office_id=person.office_id.id,
                channel="online",
                stage_id=self.env["baom.case.stage"].search([], limit=1).id,
            )
        )
        case._portal_ensure_token()
        lang_name = dict(self.env["res.lang"].get_installed()).get(lang, lang or "")
        case._message_log(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                self.env._(
                    "Request filed online. The person gave their consent on the "
                    "form (law 09-08) on %(date)s; their identity is not verified "
                    "yet.",
                    date=fields.Date.to_string(person.consent_date),
                ),
                self.env._("Preferred language: %(lang)s", lang=lang_name),
            )
        )
        case.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Online request: check who is asking"),
            note=self.env._(
                "A request was filed on the public form. Call or meet the "
                "person, check whether the office already knows them (merge "
                "the files if so), then mark the file as verified."
            ),
            user_id=case.user_id.id or self.env.ref("base.user_admin").id,
        )
        return case

    def _get_portal_follow_url(self):
        """Absolute link that opens this case, and only it, without an account."""
        self.ensure_one()
        case = self.sudo()
        return case.get_base_url() + case.get_portal_url()

    def _get_portal_officer_first_name(self):
        """What the person may know of their officer: the first name only."""
        self.ensure_one()
        name = (self.sudo().user_id.name or "").strip()
        return name.split()[0] if name else ""

    def _portal_receive_document(self, line, file_name, content):
        """The person sent a missing document online: only the file lands on
        its checklist line (received date and status follow from it), and the
        officer in charge is told. The caller checked the visitor's access to
        the case (record rules or token)."""
        self.ensure_one()
        case = self.sudo()
        line = line.sudo()
        if line.case_id != case or case.is_closed:
            raise UserError(
                self.env._("This document cannot be sent for this case anymore.")
            )
        line.write({"file": base64.b64encode(content), "file_name": file_name})
        case._message_log(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Document %(document)s sent online by the person.",
                document=line.name,
            )
        )
        case.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._(
                "Check the document sent online: %(document)s", document=line.name
            ),
            user_id=case.user_id.id or self.env.ref("base.user_admin").id,
        )
