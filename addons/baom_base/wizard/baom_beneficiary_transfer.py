from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, plaintext2html


class BaomBeneficiaryTransfer(models.TransientModel):
    """Move a person's file to another office of the commune, with a trace."""

    _name = "baom.beneficiary.transfer"
    _description = "BAOM Beneficiary Transfer"

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "baom.beneficiary" and context.get(
            "active_id"
        ):
            values.setdefault("beneficiary_id", context["active_id"])
        return values

    beneficiary_id = fields.Many2one(
        "baom.beneficiary", "Person", required=True, readonly=True
    )
    source_office_id = fields.Many2one(
        related="beneficiary_id.office_id", string="From Office", compute_sudo=False
    )
    company_id = fields.Many2one(
        related="beneficiary_id.company_id", compute_sudo=False
    )
    office_id = fields.Many2one(
        "baom.office",
        "To Office",
        required=True,
        domain="[('id', '!=', source_office_id), ('company_id', '=', company_id)]",
        help="An office of the same commune. A file never leaves the commune "
        "by a transfer: another commune is another data controller.",
    )
    reason = fields.Text(
        required=True,
        help="Why the person now depends on the other office (a move, a "
        "closer office, a request...). The receiving office reads it.",
    )
    consent = fields.Boolean(
        "The person agrees",
        help="The person agreed that their file, and their household's, now "
        "goes to the receiving office.",
    )
    consent_date = fields.Date(
        "Agreed On", required=True, default=fields.Date.context_today
    )
    household_id = fields.Many2one(
        related="beneficiary_id.household_id", compute_sudo=False
    )
    include_household = fields.Boolean(
        "Move the Household",
        compute="_compute_include_household",
        compute_sudo=False,
        store=True,
        readonly=False,
        help="The household moves with all its members (listed below) and its "
        "members living abroad. Otherwise the person leaves the household, "
        "which stays with its office.",
    )
    member_ids = fields.Many2many(
        "baom.beneficiary",
        string="Members Moving Too",
        compute="_compute_member_ids",
    )

    @api.depends("beneficiary_id")
    def _compute_include_household(self):
        for wizard in self:
            wizard.include_household = bool(wizard.beneficiary_id.household_id)

    @api.depends("beneficiary_id", "include_household")
    def _compute_member_ids(self):
        for wizard in self:
            household = wizard.include_household and wizard.household_id
            wizard.member_ids = (
                household.member_ids - wizard.beneficiary_id if household else False
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._check_beneficiary_access()
        return wizards

    def write(self, vals):
        result = super().write(vals)
        if "beneficiary_id" in vals:
            self._check_beneficiary_access()
        return result

    def _check_beneficiary_access(self):
        # Also the wizard's fields are read as the user (compute_sudo=False),
        # so that it never shows anything of a person the user cannot see.
        self.beneficiary_id.check_access("write")

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_transfer(self):
        self.ensure_one()
        person = self.beneficiary_id
        # Read as the user: a person they cannot see stops here.
        person.check_access("write")
        self._check_transfer()
        people, household = self._get_moving_records()
        self._check_transfer_access(people, household)
        source = person.office_id
        self._transfer(source, people, household)
        self._notify_transfer(source, people, household)
        return self._get_done_action()

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _check_transfer(self):
        """Refuse, before anything moves, a transfer that would lose the trace."""
        person = self.beneficiary_id
        destination = self.office_id
        if person.is_anonymized or not person.active:
            raise UserError(
                self.env._("Only an active, named file can be transferred.")
            )
        if not (self.reason or "").strip():
            raise UserError(
                self.env._(
                    "Write the reason of the transfer: the receiving office reads it."
                )
            )
        if not self.consent or not self.consent_date:
            raise UserError(
                self.env._(
                    "%(name)s must agree to the transfer before the file goes to "
                    "another office: explain which office will hold it and why, "
                    "then tick the box and fill in the date.",
                    name=person.name,
                )
            )
        if self.consent_date > fields.Date.context_today(self):
            raise UserError(self.env._("The consent date cannot be in the future."))
        if not destination.active or destination == person.office_id:
            raise UserError(
                self.env._("Choose another, active office to receive the file.")
            )
        if destination.company_id != person.company_id:
            raise UserError(
                self.env._(
                    "A file can only be transferred to an office of the same commune."
                )
            )
        destination.check_access("read")

    def _get_moving_records(self):
        """The people and the household that move together."""
        person = self.beneficiary_id
        household = self.include_household and person.household_id
        # Archived members (merged duplicates) keep their household: they go too.
        people = person
        if household:
            people |= household.with_context(active_test=False).member_ids
        return people, household or person.household_id.browse()

    def _check_transfer_access(self, people, household):
        """The user must be allowed to change every record that moves."""
        people.check_access("write")
        household.check_access("write")

    def _transfer(self, source, people, household):
        """Move the records.

        Runs in superuser mode on purpose, after the access checks above:
        the receiving office is not the user's, and only superuser mode gets
        through the guard on office changes (see baom.transfer.mixin). This
        is an internal business method, never a route.
        """
        destination = self.office_id
        people_sudo = people.sudo().with_context(tracking_disable=True)
        household_sudo = household.sudo().with_context(tracking_disable=True)
        if household_sudo:
            # A household and its members always share an office: detach the
            # members, move the household, move them, then attach them again.
            people_sudo.write({"household_id": False})
            household_sudo.write({"office_id": destination.id})
            people_sudo.write({"office_id": destination.id})
            people_sudo.write({"household_id": household_sudo.id})
        else:
            people_sudo.write(
                {
                    "office_id": destination.id,
                    "household_id": False,
                    "household_relation": False,
                }
            )
        self._hand_over(source, people)
        self._hand_over(source, household)

    def _hand_over(self, source, records):
        """The people of the old office stop following the moved records and
        their planned activities go to the receiving office's officer."""
        destination = self.office_id
        staying = destination.officer_ids | destination.backup_officer_id
        leaving = (source.officer_ids | source.backup_officer_id) - staying
        new_officer = destination.officer_ids[:1] or destination.backup_officer_id
        records = records.sudo()
        if not records:
            return
        if leaving:
            records.message_unsubscribe(partner_ids=leaving.partner_id.ids)
        if "activity_ids" in records._fields and new_officer:
            records.activity_ids.filtered(lambda a: a.user_id not in staying).write(
                {"user_id": new_officer.id}
            )

    def _get_transfer_summary(self, source):
        return self.env._(
            "Transferred from %(from_office)s to %(to_office)s.",
            from_office=source.display_name,
            to_office=self.office_id.display_name,
        )

    def _get_transfer_body(self, source):
        """The trace: who, from where to where, why, with whose consent."""
        return Markup(
            "<p>%(summary)s</p><p><b>%(label)s</b></p>%(reason)s<p>%(consent)s</p>"
        ) % {
            "summary": self._get_transfer_summary(source),
            "label": self.env._("Reason:"),
            "reason": plaintext2html(self.reason.strip()),
            "consent": self.env._(
                "The person agreed to the transfer on %(date)s.",
                date=format_date(self.env, self.consent_date),
            ),
        }

    def _notify_transfer(self, source, people, household):
        """Chatters, the access log and the receiving officers."""
        body = self._get_transfer_body(source)
        for records in (people.sudo(), household.sudo()):
            records._message_log_batch(dict.fromkeys(records.ids, body))
        self.env["baom.beneficiary.access.log"]._log(people, "transfer")
        destination = self.office_id
        officers = destination.officer_ids | destination.backup_officer_id
        person = self.beneficiary_id.sudo()
        summary = self.env._(
            "File received from %(from_office)s", from_office=source.display_name
        )
        # The note stays short: it may reach the officer by e-mail, while the
        # reason (often sensitive) stays in the file's chatter.
        note = Markup("<p>%s</p><p>%s</p>") % (
            self._get_transfer_summary(source),
            self.env._(
                "The reason and the person's consent are recorded in the file's "
                "chatter."
            ),
        )
        for officer in officers:
            person.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=note,
                user_id=officer.id,
            )

    def _get_done_action(self):
        """The file has left the user's offices: back to the registry."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_base.baom_beneficiary_action"
        )
        action["target"] = "main"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(name)s was transferred to %(to_office)s.",
                    name=self.beneficiary_id.sudo().name,
                    to_office=self.office_id.display_name,
                ),
                "next": action,
            },
        }
