from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BaomNeedCategory(models.Model):
    """Hierarchical taxonomy of needs, shared by the whole network."""

    _name = "baom.need.category"
    _description = "BAOM Need Category"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _rec_names_search = ["complete_name", "name"]
    _order = "complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True
    )
    code = fields.Char()
    parent_id = fields.Many2one(
        "baom.need.category", "Parent Category", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("baom.need.category", "parent_id", "Sub-categories")
    description = fields.Text(translate=True)
    document_type_ids = fields.Many2many(
        "baom.document.type",
        string="Usual Documents",
        help="Documents an administration usually asks for in this kind of request.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "The need code must be unique.")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = (
                    f"{category.parent_id.complete_name} / {category.name}"
                )
            else:
                category.complete_name = category.name

    @api.depends_context("lang")
    @api.depends("name", "parent_id")
    def _compute_display_name(self):
        # complete_name is stored once, in English, for ordering; people read
        # the path in their own language. The path is built from the names, not
        # from the parent's display_name: a parent computed in the same batch
        # would still read as False.
        for category in self:
            names = []
            current = category
            while current:
                names.append(current.name)
                current = current.parent_id
            category.display_name = " / ".join(reversed(names))

    @api.constrains("parent_id")
    def _check_category_recursion(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("You cannot create recursive need categories.")
            )
