from markupsafe import Markup

from odoo import api, fields, models


class BaomProcedure(models.Model):
    """A procedure sheet: how to get something done for a need, step by step.

    It replaces the Word guide the network hands out and the officers'
    questions on their phones. Every officer reads the sheets and corrects
    them in place; each change (fields and steps) is written in the chatter,
    where the network coordinator, following the sheet, reviews it.
    """

    _name = "baom.procedure"
    _description = "BAOM Procedure Sheet"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    need_category_id = fields.Many2one(
        "baom.need.category", "Need", index=True, tracking=True
    )
    summary = fields.Text(
        translate=True, tracking=True, help="Who it is for and what it obtains."
    )
    step_ids = fields.One2many("baom.procedure.step", "procedure_id", "Steps")
    step_count = fields.Integer(compute="_compute_step_count")
    document_type_ids = fields.Many2many(
        "baom.document.type", string="Documents", tracking=True
    )
    service_ids = fields.Many2many(
        "baom.service", string="Services Involved", tracking=True
    )
    legal_references = fields.Text(
        translate=True,
        tracking=True,
        help="Laws, decrees, bilateral conventions and circulars the procedure "
        "rests on.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "baom_procedure_attachment_rel",
        "procedure_id",
        "attachment_id",
        string="Forms and Guides",
        help="Forms to fill in, official notices, the network's guides.",
    )

    @api.depends("step_ids")
    def _compute_step_count(self):
        for procedure in self:
            procedure.step_count = len(procedure.step_ids)

    @api.model
    def _post_step_notes(self, notes):
        """Steps are lines: their changes are told in the sheet's chatter,
        one note per sheet (a line per step), all sheets in one batch.
        ``notes`` is ``{procedure: [text]}``."""
        notes = {procedure: texts for procedure, texts in notes.items() if texts}
        if not notes:
            return
        procedures = self.browse([procedure.id for procedure in notes])
        # The sheets the user changes steps of: they may write them.
        procedures.check_access("write")
        procedures._message_log_batch(
            {
                procedure.id: Markup("").join(
                    Markup("<p>%s</p>") % text for text in texts
                )
                for procedure, texts in notes.items()
            }
        )


class BaomProcedureStep(models.Model):
    """One step of a procedure sheet, in order."""

    _name = "baom.procedure.step"
    _description = "BAOM Procedure Step"
    _order = "procedure_id, sequence, id"

    procedure_id = fields.Many2one(
        "baom.procedure", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char("Step", required=True, translate=True)
    description = fields.Text(translate=True)
    service_id = fields.Many2one("baom.service", "Where")
    document_type_ids = fields.Many2many("baom.document.type", string="Documents")

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        self._post_notes(
            steps,
            lambda step: self.env._("Step added: %(step)s", step=step.name),
        )
        return steps

    def write(self, vals):
        logged = {"name", "description", "service_id", "document_type_ids"}
        if not logged & set(vals):
            return super().write(vals)
        before = {step: step.name for step in self}
        result = super().write(vals)
        self._post_notes(
            self,
            lambda step: (
                self.env._(
                    "Step changed: %(old)s → %(new)s",
                    old=before[step],
                    new=self._describe(step),
                )
                if before[step] != step.name
                else self.env._("Step changed: %(step)s", step=self._describe(step))
            ),
        )
        return result

    def unlink(self):
        self._post_notes(
            self,
            lambda step: self.env._("Step removed: %(step)s", step=step.name),
        )
        return super().unlink()

    @api.model
    def _post_notes(self, steps, describe):
        """One chatter note per sheet for all its steps changed at once."""
        notes = {}
        for step in steps:
            notes.setdefault(step.procedure_id, []).append(describe(step))
        self.env["baom.procedure"]._post_step_notes(notes)

    @api.model
    def _describe(self, step):
        parts = [step.name]
        if step.description:
            parts.append(step.description)
        if step.service_id:
            parts.append(step.service_id.display_name)
        return " - ".join(parts)
