from odoo import api, fields, models


class BaomBeneficiary(models.Model):
    _inherit = "baom.beneficiary"

    case_ids = fields.One2many("baom.case", "beneficiary_id", "Cases")
    case_count = fields.Integer(compute="_compute_case_count")

    def _compute_case_count(self):
        counts = dict(
            self.env["baom.case"]
            .with_context(active_test=False)
            ._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for person in self:
            person.case_count = counts.get(person._origin, 0)

    @api.model_create_multi
    def create(self, vals_list):
        people = super().create(vals_list)
        # Registered from an e-mail request: link the request to the new file.
        case_id = self.env.context.get("baom_case_link_id")
        if case_id and len(people) == 1:
            case = self.env["baom.case"].browse(case_id).exists()
            if case and not case.beneficiary_id and case.office_id == people.office_id:
                case.write({"beneficiary_id": people.id, "email_from": False})
        return people

    def action_open_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_case.baom_case_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {
            "default_beneficiary_id": self.id,
            "default_office_id": self.office_id.id,
            "search_default_open": 0,
        }
        return action

    def action_new_case(self):
        """Open a case for this person (quick from the file)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Case"),
            "res_model": "baom.case",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_beneficiary_id": self.id,
                "default_office_id": self.office_id.id,
            },
        }

    def _after_anonymize(self):
        """Cases keep their pseudonymous facts for statistics; what they say
        about the person goes: texts, chatter, attachments, documents, rating
        comments."""
        res = super()._after_anonymize()
        cases = (
            self.env["baom.case"]
            .sudo()
            .with_context(active_test=False, tracking_disable=True)
            .search([("beneficiary_id", "in", self.ids)])
        )
        if not cases:
            return res
        cases.with_context(baom_case_system_update=True).write(
            {
                "title": False,
                "description": False,
                "confidential_note": False,
                "email_from": False,
            }
        )
        self.env["mail.message"].sudo().search(
            [("model", "=", "baom.case"), ("res_id", "in", cases.ids)]
        ).unlink()
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", "baom.case"), ("res_id", "in", cases.ids)]
        ).unlink()
        cases.document_ids.write({"file": False, "file_name": False, "note": False})
        cases.activity_ids.unlink()
        cases.message_follower_ids.unlink()
        cases.rating_ids.write({"feedback": False})
        return res
