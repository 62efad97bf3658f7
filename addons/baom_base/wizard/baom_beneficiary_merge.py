import logging

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import SQL, mute_logger

from ..tools import names

_logger = logging.getLogger(__name__)

# Facts copied from a merged file when the kept file does not know them.
MERGED_FIELDS = (
    "first_name",
    "last_name",
    "name_ar",
    "gender",
    "birth_date",
    "nationality_id",
    "country_residence_id",
    "literacy",
    "id_document_type",
    "id_document_number",
    "phone",
    "email",
    "household_id",
    "household_relation",
    "partner_id",
)


class BaomBeneficiaryMerge(models.TransientModel):
    """Merge files of one person into one, losing nothing.

    Like core's partner merge, every record pointing at a merged file is found
    from the registry (many2one, many2many, reference and res_model/res_id
    fields) and re-pointed to the kept file; unlike it, merged files are
    archived, not deleted, and the access log keeps saying whose file was opened.
    """

    _name = "baom.beneficiary.merge"
    _description = "BAOM Beneficiary Merge"

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        active_ids = self.env.context.get("active_ids") or []
        if self.env.context.get("active_model") == "baom.beneficiary" and active_ids:
            values.setdefault("beneficiary_ids", [(6, 0, active_ids)])
            values.setdefault("target_id", active_ids[0])
        return values

    beneficiary_ids = fields.Many2many("baom.beneficiary", string="Files to Merge")
    target_id = fields.Many2one(
        "baom.beneficiary",
        "File to Keep",
        required=True,
        domain="[('id', 'in', beneficiary_ids)]",
    )
    score = fields.Integer("Likeness", compute="_compute_score")

    @api.depends("beneficiary_ids", "target_id")
    def _compute_score(self):
        for wizard in self:
            others = wizard.beneficiary_ids - wizard.target_id
            wizard.score = (
                min(
                    names.match_score(wizard.target_id._to_person(), o._to_person())[0]
                    for o in others
                )
                if wizard.target_id and others
                else 0
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_merge(self):
        self.ensure_one()
        target = self.target_id
        self._merge(self.beneficiary_ids - target, target)
        return {
            "type": "ir.actions.act_window",
            "res_model": "baom.beneficiary",
            "res_id": target.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _merge(self, sources, target):
        """Move everything pointing at ``sources`` onto ``target``, then archive
        them. The entry point for any caller: it checks access itself."""
        sources, target = sources.with_env(self.env), target.with_env(self.env)
        self._check_merge(sources, target)
        values = self._prepare_merged_values(sources, target)
        self._update_references(sources, target)
        sources.write({"active": False, "partner_id": False})
        target.write(values)
        self._log_merge_operation(sources, target)

    @api.model
    def _check_merge(self, sources, target):
        target.ensure_one()
        # Access first: someone who may not edit a file learns nothing about it.
        (sources | target).check_access("write")
        if not sources or target in sources:
            raise UserError(self.env._("Choose at least two files to merge."))
        others = sources.filtered(lambda source: source.office_id != target.office_id)
        if others:
            raise UserError(
                self.env._(
                    "Only files of the same office can be merged: %(files)s "
                    "belong to another office than %(file)s (%(office)s).",
                    files=", ".join(others.mapped("display_name")),
                    file=target.display_name,
                    office=target.office_id.display_name,
                )
            )
        if (sources | target).filtered("is_anonymized"):
            # Re-pointing an anonymised file's cases to a named person would
            # undo the anonymisation.
            raise UserError(self.env._("Anonymised files cannot be merged."))

    @api.model
    def _get_merge_excluded_models(self):
        """Models whose references to a merged file stay as they are: the access
        log says whose file was opened (an audit trail is never rewritten), and
        external ids name the record a data file created (it still exists,
        archived)."""
        return {"baom.beneficiary.access.log", "ir.model.data"}

    @api.model
    def _prepare_merged_values(self, sources, target):
        """What the kept file learns from the merged ones."""
        values = {}
        for name in MERGED_FIELDS:
            if not target[name]:
                donor = sources.filtered(name)[:1]
                if donor:
                    values[name] = donor._fields[name].convert_to_write(
                        donor[name], donor
                    )
        # Languages, vulnerabilities and any other list of the file are united.
        for name, field in target._fields.items():
            if field.type == "many2many" and field.store and not field.compute:
                added = sources[name] - target[name]
                if added:
                    values[name] = [Command.link(record.id) for record in added]
        notes = [target.note] + [source.note for source in sources]
        values["note"] = (
            Markup("").join(Markup(note) for note in notes if note) or False
        )
        # The earliest consent (with who recorded it) and the latest activity.
        first_consent = (
            (sources | target)
            .filtered("consent_date")
            .sorted(lambda person: (person.consent_date, person != target))[:1]
        )
        if first_consent:
            values["consent_date"] = first_consent.consent_date
            values["consent_user_id"] = first_consent.consent_user_id.id
        values["last_activity_date"] = max(
            (sources | target).mapped("last_activity_date")
        )
        return values

    @api.model
    def _update_references(self, sources, target):
        """Re-point to ``target`` every record of another model that points at
        ``sources`` (as superuser: the caller checked access to the files)."""
        model_name = target._name
        references = self._get_referencing_fields(model_name)
        for field in references["many2one"]:
            self._update_many2one(field, sources, target)
        self._update_many2many(references["many2many"], sources, target)
        for field in references["reference"]:
            self._update_reference(field, sources, target)
        for field, model_field in references["res_id"]:
            self._update_res_id(field, model_field, sources, target)

    @api.model
    def _get_referencing_fields(self, model_name):
        """Stored fields of persistent models that can hold a record of
        ``model_name``: {kind: fields}, kind in many2one, many2many, reference,
        and res_id ((field, field naming its model) pairs)."""
        excluded = self._get_merge_excluded_models()
        found = {"many2one": [], "many2many": [], "reference": [], "res_id": []}
        for name in self.env.registry:
            Model = self.env[name]
            if Model._abstract or Model._transient or not Model._auto:
                continue
            if name in excluded:
                continue
            for field in Model._fields.values():
                # Computed and related fields follow what they depend on.
                if not field.store or field.compute or field.inherited:
                    continue
                if field.type in ("many2one", "many2many"):
                    if field.comodel_name == model_name and not field.company_dependent:
                        found[field.type].append(field)
                elif field.type == "reference":
                    found["reference"].append(field)
                else:
                    model_field = self._get_res_model_field(Model, field)
                    if model_field:
                        found["res_id"].append((field, model_field))
        return found

    @api.model
    def _get_res_model_field(self, Model, field):
        """The field naming the model of a res_id-like field, if ``field`` is one:
        a many2one_reference, or an integer ``[prefix]res_id`` next to a
        ``[prefix]res_model`` or ``[prefix]model``."""
        if field.type == "many2one_reference":
            candidates = [field.model_field]
        elif field.type == "integer" and field.name.endswith("res_id"):
            prefix = field.name[: -len("res_id")]
            candidates = [f"{prefix}res_model", f"{prefix}model"]
        else:
            return None
        for name in candidates:
            model_field = Model._fields.get(name)
            if (
                model_field
                and model_field.type in ("char", "selection")
                and (model_field.store or model_field.related)
            ):
                return model_field
        return None

    @api.model
    def _update_many2one(self, field, sources, target):
        # Through the ORM: stored computes depending on the field follow, and
        # the referencing record's chatter tracks the change.
        records = (
            self.env[field.model_name]
            .sudo()
            .with_context(active_test=False)
            .search([(field.name, "in", sources.ids)])
        )
        if records:
            records.write({field.name: target.id})

    @api.model
    def _update_many2many(self, m2m_fields, sources, target):
        """Swap ``sources`` for ``target`` in many2many relation tables, without
        duplicating a row a record already has with ``target``."""
        done = set()
        self.env.flush_all()
        for field in m2m_fields:
            key = (field.relation, field.column2)
            if key in done:
                continue
            done.add(key)
            params = {
                "table": SQL.identifier(field.relation),
                "this": SQL.identifier(field.column1),
                "other": SQL.identifier(field.column2),
                "sources": tuple(sources.ids),
                "target": target.id,
            }
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO %(table)s (%(this)s, %(other)s)
                    SELECT DISTINCT rel.%(this)s, %(target)s
                      FROM %(table)s rel
                     WHERE rel.%(other)s IN %(sources)s
                       AND NOT EXISTS (
                           SELECT 1 FROM %(table)s kept
                            WHERE kept.%(this)s = rel.%(this)s
                              AND kept.%(other)s = %(target)s
                       )
                    """,
                    **params,
                )
            )
            self.env.cr.execute(
                SQL("DELETE FROM %(table)s WHERE %(other)s IN %(sources)s", **params)
            )
        if done:
            self.env.invalidate_all()

    @api.model
    def _update_reference(self, field, sources, target):
        records = (
            self.env[field.model_name]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    (
                        field.name,
                        "in",
                        [f"{source._name},{source.id}" for source in sources],
                    )
                ]
            )
        )
        if records:
            records.write({field.name: f"{target._name},{target.id}"})

    @api.model
    def _update_res_id(self, field, model_field, sources, target):
        records = (
            self.env[field.model_name]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    (model_field.name, "=", target._name),
                    (field.name, "in", sources.ids),
                ]
            )
        )
        if not records:
            return
        if not self._has_unique_index(records._table, field.name):
            records.write({field.name: target.id})
            return
        for record in records:
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    record.write({field.name: target.id})
                    record.flush_recordset()
            except psycopg2.IntegrityError:
                # The kept file already has the same row (a follower): this
                # one would only repeat it.
                record.invalidate_recordset()
                record.unlink()

    @api.model
    def _has_unique_index(self, table, column):
        """Whether a unique constraint or index of ``table`` covers ``column``."""
        self.env.cr.execute(
            SQL(
                """
                SELECT 1
                  FROM pg_index idx
                  JOIN pg_class tbl ON tbl.oid = idx.indrelid
                  JOIN pg_attribute att
                    ON att.attrelid = tbl.oid AND att.attnum = ANY(idx.indkey)
                 WHERE idx.indisunique
                   AND NOT idx.indisprimary
                   AND tbl.relname = %s
                   AND tbl.relnamespace = current_schema::regnamespace
                   AND att.attname = %s
                 LIMIT 1
                """,
                table,
                column,
            )
        )
        return bool(self.env.cr.rowcount)

    @api.model
    def _log_merge_operation(self, sources, target):
        """Who merged what into what: both chatters and the access log."""
        user = self.env.user.name
        links = Markup(", ").join(
            source._get_html_link(title=f"{source.display_name} (#{source.id})")
            for source in sources
        )
        target._message_log(
            body=self.env._(
                "Files %(files)s merged into this file by %(user)s.",
                files=links,
                user=user,
            )
        )
        kept = target._get_html_link(title=f"{target.display_name} (#{target.id})")
        body = self.env._("Merged into %(file)s by %(user)s.", file=kept, user=user)
        sources._message_log_batch(dict.fromkeys(sources.ids, body))
        self.env["baom.beneficiary.access.log"]._log(sources | target, "merge")
        _logger.info(
            "(uid = %s) merged the beneficiaries %s into %s",
            self.env.uid,
            sources.ids,
            target.id,
        )
