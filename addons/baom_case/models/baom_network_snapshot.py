import datetime
import json
import logging
import re

import requests
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.baom_base.tools.pg_arrays import array_param

from ..tools.disclosure import suppress_breakdowns
from .baom_indicator import DIMENSION_SELECTION

_logger = logging.getLogger(__name__)

SCHEMA = "baom.network.snapshot"
SCHEMA_VERSION = 1
SNAPSHOT_ROUTE = "/baom/network/snapshot"
# A snapshot has a few hundred cells; the hub refuses anything far larger.
MAX_CELLS = 20000
MAX_PAYLOAD_BYTES = 4 * 1024 * 1024
DIMENSIONS = tuple(key for key, _label in DIMENSION_SELECTION)
SEND_TIMEOUT = 30
# Back-off after a failed push: 5, 10, 20 minutes... at most a day.
RETRY_MINUTES = 5
RETRY_MAX_MINUTES = 24 * 60


class BaomNetworkSnapshot(models.Model):
    """One office x one month of every indicator, disclosure control applied
    before it leaves the office: what the network receives, never a person."""

    _name = "baom.network.snapshot"
    _description = "BAOM Network Snapshot"
    _order = "period_start desc, office_id"

    name = fields.Char(compute="_compute_name", store=True)
    office_id = fields.Many2one("baom.office", required=True, index=True)
    company_id = fields.Many2one(related="office_id.company_id", store=True)
    office_code = fields.Char(
        help="Code of the office on the instance that computed the snapshot."
    )
    region_id = fields.Many2one(
        "res.country.state",
        help="The office's region when the snapshot was computed (or as the "
        "sending instance gave it).",
    )
    period_start = fields.Date(
        "Month", required=True, help="First day of the month covered."
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("computed", "Computed"),
            ("sent", "Sent"),
            ("received", "Received"),
        ],
        default="draft",
        required=True,
        index=True,
    )
    source = fields.Selection(
        [("local", "This instance"), ("received", "Received")],
        default="local",
        required=True,
    )
    instance_uuid = fields.Char(
        "Instance",
        default=lambda self: self._get_instance_uuid(),
        required=True,
        help="Database UUID of the instance that computed the snapshot.",
    )
    line_ids = fields.One2many("baom.network.snapshot.line", "snapshot_id", "Cells")
    line_count = fields.Integer(compute="_compute_line_count")
    k = fields.Integer(
        "Threshold k",
        default=lambda self: self._get_default_k(),
        required=True,
        help="Counts strictly between 0 and k are hidden.",
    )
    zeros_disclosive = fields.Boolean(
        default=lambda self: self._get_default_zeros_disclosive(),
        help="Hide zero counts too.",
    )
    computed_date = fields.Datetime("Computed On", readonly=True)
    # push to the hub
    sent_date = fields.Datetime("Sent On", readonly=True)
    send_attempts = fields.Integer(readonly=True)
    next_send_date = fields.Datetime("Next Attempt", readonly=True)
    hub_answer = fields.Text(readonly=True)
    # provenance on the hub
    received_date = fields.Datetime("Received On", readonly=True)
    received_user_id = fields.Many2one("res.users", "Received From", readonly=True)
    received_key_name = fields.Char("API Key", readonly=True)
    received_channel = fields.Selection(
        [("push", "Pushed to the hub"), ("file", "Imported from a file")],
        readonly=True,
    )

    _office_period_uniq = models.Constraint(
        "UNIQUE(source, instance_uuid, office_id, period_start)",
        "There is already a snapshot of this office for this month.",
    )

    @api.depends("office_id", "office_code", "period_start")
    def _compute_name(self):
        for snapshot in self:
            period = snapshot.period_start and snapshot.period_start.strftime("%Y-%m")
            code = snapshot.office_code or snapshot.office_id.code or ""
            snapshot.name = f"{code} {period or ''}".strip()

    def _compute_line_count(self):
        counts = dict(
            self.env["baom.network.snapshot.line"]._read_group(
                [("snapshot_id", "in", self.ids)], ["snapshot_id"], ["__count"]
            )
        )
        for snapshot in self:
            snapshot.line_count = counts.get(snapshot, 0)

    @api.constrains("period_start")
    def _check_period_start(self):
        for snapshot in self:
            if snapshot.period_start.day != 1:
                raise ValidationError(
                    self.env._("A snapshot covers a month: its start is the 1st.")
                )

    @api.constrains("k")
    def _check_k(self):
        for snapshot in self:
            if snapshot.k < 1:
                raise ValidationError(self.env._("The threshold k is at least 1."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("office_id") and not vals.get("office_code"):
                vals["office_code"] = (
                    self.env["baom.office"].browse(vals["office_id"]).sudo().code
                )
            if vals.get("office_id") and "region_id" not in vals:
                vals["region_id"] = (
                    self.env["baom.office"]
                    .browse(vals["office_id"])
                    .sudo()
                    .region_id.id
                )
        return super().create(vals_list)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_compute(self):
        """(Re)compute the cells from the live data: recomputing replaces."""
        self.check_access("write")
        for snapshot in self:
            if snapshot.source != "local":
                raise UserError(
                    self.env._(
                        "Snapshot %(name)s was received from another instance: "
                        "only that instance can recompute it.",
                        name=snapshot.name,
                    )
                )
        Line = self.env["baom.network.snapshot.line"].sudo()
        Line.search([("snapshot_id", "in", self.ids)]).unlink()
        # The region the office has now (it may have moved since the last run).
        for region, snapshots in (
            self.sudo().grouped(lambda snapshot: snapshot.office_id.region_id).items()
        ):
            snapshots.write({"region_id": region.id})
        # All the snapshots of a month in one query per indicator, their
        # cells created in one batch.
        Line.create(
            [
                dict(cell, snapshot_id=snapshot.id)
                for snapshot, cells in self._compute_cells_by_snapshot().items()
                for cell in cells
            ]
        )
        self.sudo().write(
            {
                "state": "computed",
                "computed_date": fields.Datetime.now(),
                "send_attempts": 0,
                "next_send_date": False,
                "hub_answer": False,
            }
        )
        return True

    def action_send(self):
        """Push now (the cron does it too, with retries)."""
        self.check_access("write")
        url, key = self._get_hub_settings()
        if not url or not key:
            raise UserError(
                self.env._(
                    "Set the network hub's address and API key in the BAOM "
                    "settings first."
                )
            )
        for snapshot in self.filtered(lambda s: s.state in ("computed", "sent")):
            snapshot.sudo()._send_to_hub(url, key)
        return True

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/baom/network/snapshot/{self.id}/download",
            "target": "download",
        }

    def action_view_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "baom.network.snapshot.line",
            "view_mode": "list,pivot",
            "domain": [("snapshot_id", "=", self.id)],
            "context": {"search_default_group_indicator": 1},
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _get_instance_uuid(self):
        return self.env["ir.config_parameter"].sudo().get_param("database.uuid")

    @api.model
    def _get_default_k(self):
        value = (
            self.env["ir.config_parameter"].sudo().get_param("baom_case.network_k", "5")
        )
        try:
            return max(1, int(value))
        except ValueError:
            return 5

    @api.model
    def _get_default_zeros_disclosive(self):
        return bool(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("baom_case.network_zeros_disclosive")
        )

    @api.model
    def _get_hub_settings(self):
        params = self.env["ir.config_parameter"].sudo()
        return (
            (params.get_param("baom_case.network_hub_url") or "").strip(),
            (params.get_param("baom_case.network_hub_api_key") or "").strip(),
        )

    @api.model
    def _get_or_create(self, offices, period_start):
        """The local snapshots of ``offices`` for the month, created if missing."""
        existing = self.search(
            [
                ("source", "=", "local"),
                ("instance_uuid", "=", self._get_instance_uuid()),
                ("office_id", "in", offices.ids),
                ("period_start", "=", period_start),
            ]
        )
        missing = offices - existing.office_id
        return existing | self.create(
            [
                {"office_id": office.id, "period_start": period_start}
                for office in missing
            ]
        )

    @api.readonly
    def _compute_cells(self):
        """Every indicator x disaggregation cell of this snapshot, suppressed."""
        self.ensure_one()
        return self._compute_cells_by_snapshot()[self]

    @api.readonly
    def _compute_cells_by_snapshot(self):
        """``{snapshot: cells}``: the snapshots of one month are computed
        together, one query per indicator for all their offices (GROUP BY
        office), each then suppressed with its own threshold."""
        Indicator = self.env["baom.indicator"].sudo()
        indicators = Indicator.search([("measure", "!=", False)])
        dimension_values = {}
        result = {}
        for period_start, snapshots in self.grouped("period_start").items():
            date_to = period_start + relativedelta(months=1)
            results = indicators._compute_values(
                snapshots.office_id, period_start, date_to
            )
            rows_by_office = {}
            for indicator, rows in results.items():
                for row in rows:
                    rows_by_office.setdefault((indicator, row[0]), []).append(row)
            for snapshot in snapshots:
                cells = []
                for indicator in results:
                    dimensions = indicator._get_dimensions()
                    for dimension in dimensions:
                        if dimension not in dimension_values:
                            dimension_values[dimension] = (
                                Indicator._get_dimension_values(dimension)
                            )
                    cells += snapshot._get_indicator_cells(
                        indicator,
                        dimensions,
                        dimension_values,
                        rows_by_office.get((indicator, snapshot.office_id.id), []),
                    )
                result[snapshot] = cells
        return result

    def _get_indicator_cells(self, indicator, dimensions, dimension_values, rows):
        """The cells of one indicator of this snapshot from its office's
        ``rows``, suppressed with the snapshot's threshold."""
        self.ensure_one()
        values = {("total", "total"): (None, 0)}
        for dimension in dimensions:
            for key in dimension_values[dimension]:
                values[(dimension, key)] = (None, 0)
        for _office, dimension, key, value, base in rows:
            values[(dimension, key)] = (value, base)
        # Counts publish 0 where nothing happened; an average has no value.
        is_count = indicator.unit in ("people", "cases", "count")
        breakdowns = {}
        for (dimension, key), (_value, base) in values.items():
            if dimension != "total":
                breakdowns.setdefault(dimension, {})[key] = base
        hidden = suppress_breakdowns(
            breakdowns,
            values[("total", "total")][1],
            self.k,
            zeros_disclosive=self.zeros_disclosive,
        )
        cells = []
        for (dimension, key), (value, _base) in values.items():
            reason = hidden.get(None if dimension == "total" else (dimension, key))
            if value is None and is_count:
                value = 0
            cells.append(
                {
                    "indicator_code": indicator.code,
                    "dimension": dimension,
                    "dimension_value": key,
                    "value": False if reason or value is None else value,
                    "suppressed": bool(reason),
                    "suppression_reason": reason or False,
                }
            )
        return cells

    def _prepare_payload(self):
        """The versioned JSON the hub accepts (and the file carries)."""
        self.ensure_one()
        return {
            "schema": SCHEMA,
            "version": SCHEMA_VERSION,
            "instance": self.instance_uuid,
            "office": {
                "code": self.office_code,
                "name": self.office_id.sudo().name,
                # since 2026-12, optional: older instances send no region
                "region": self._prepare_region(self.region_id),
            },
            "period": self.period_start.isoformat(),
            "k": self.k,
            "zeros_disclosive": self.zeros_disclosive,
            "computed_at": fields.Datetime.to_string(self.computed_date)
            if self.computed_date
            else None,
            "cells": [
                {
                    "indicator": line.indicator_code,
                    "dimension": line.dimension,
                    "dimension_value": line.dimension_value,
                    "value": None if line.suppressed else line.value,
                    "suppressed": line.suppressed,
                    "reason": line.suppression_reason or None,
                }
                for line in self.line_ids
            ],
        }

    @api.model
    def _prepare_region(self, region):
        """The region as the payload carries it: ISO 3166-2 code and name."""
        if not region:
            return None
        return {
            "code": f"{region.country_id.code}-{region.code}",
            "name": region.name,
        }

    def _send_to_hub(self, url, key):
        """One attempt; on failure the next one waits longer. The hub
        replaces on resend, so an answer lost on the way costs a resend,
        never a duplicate."""
        self.ensure_one()
        endpoint = url.rstrip("/") + SNAPSHOT_ROUTE
        now = fields.Datetime.now()
        try:
            response = requests.post(
                endpoint,
                data=json.dumps(self._prepare_payload()),
                headers={
                    "Authorization": f"Bearer {key}",
                    "Content-Type": "application/json",
                },
                timeout=SEND_TIMEOUT,
            )
            answer = response.text[:2000]
            ok = response.status_code == 200
        except requests.RequestException as error:
            answer = self.env._("Hub unreachable: %(error)s", error=str(error)[:500])
            ok = False
        if ok:
            self.write(
                {
                    "state": "sent",
                    "sent_date": now,
                    "hub_answer": answer,
                    "next_send_date": False,
                }
            )
            return True
        attempts = self.send_attempts + 1
        delay = min(RETRY_MINUTES * 2 ** (attempts - 1), RETRY_MAX_MINUTES)
        self.write(
            {
                "send_attempts": attempts,
                "next_send_date": now + datetime.timedelta(minutes=delay),
                "hub_answer": answer,
            }
        )
        _logger.info("Snapshot %s not accepted by the hub: %s", self.name, answer)
        return False

    # ------------------------------------------------------------
    # HUB
    # ------------------------------------------------------------

    @api.model
    def _validate_payload(self, payload):
        """Raise ValidationError (a clear message) on anything malformed."""

        def fail(message):
            raise ValidationError(message)

        if not isinstance(payload, dict):
            fail(self.env._("The snapshot must be a JSON object."))
        if payload.get("schema") != SCHEMA:
            fail(self.env._("Unknown schema: expected %(schema)s.", schema=SCHEMA))
        if payload.get("version") != SCHEMA_VERSION:
            fail(
                self.env._(
                    "Unknown schema version %(version)s: this hub reads %(ours)s.",
                    version=payload.get("version"),
                    ours=SCHEMA_VERSION,
                )
            )
        instance = payload.get("instance")
        if not isinstance(instance, str) or not 0 < len(instance) <= 64:
            fail(self.env._("The instance UUID is missing or invalid."))
        office = payload.get("office")
        if (
            not isinstance(office, dict)
            or not isinstance(office.get("code"), str)
            or not 0 < len(office["code"]) <= 32
            or not isinstance(office.get("name", ""), str)
        ):
            fail(self.env._("The office code is missing or invalid."))
        region = office.get("region")
        if region is not None and (
            not isinstance(region, dict)
            or not isinstance(region.get("code"), str)
            or not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", region["code"])
            or not isinstance(region.get("name", ""), str)
        ):
            fail(self.env._("The office's region is invalid."))
        period = payload.get("period")
        if not isinstance(period, str) or not re.fullmatch(r"\d{4}-\d{2}-01", period):
            fail(
                self.env._("The period must be the first day of a month (YYYY-MM-01).")
            )
        try:
            datetime.date.fromisoformat(period)
        except ValueError:
            fail(
                self.env._("The period must be the first day of a month (YYYY-MM-01).")
            )
        k = payload.get("k")
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            fail(self.env._("The threshold k must be a positive integer."))
        self._validate_cells(payload.get("cells"))

    @api.model
    def _validate_cells(self, cells):
        def fail(message):
            raise ValidationError(message)

        if not isinstance(cells, list) or len(cells) > MAX_CELLS:
            fail(
                self.env._(
                    "The cells must be a list of at most %(max)s cells.", max=MAX_CELLS
                )
            )
        seen = set()
        for cell in cells:
            if not isinstance(cell, dict):
                fail(self.env._("Each cell must be a JSON object."))
            code, dimension = cell.get("indicator"), cell.get("dimension")
            key, value = cell.get("dimension_value"), cell.get("value")
            if not isinstance(code, str) or not 0 < len(code) <= 64:
                fail(self.env._("A cell has no indicator code."))
            if dimension not in DIMENSIONS:
                fail(
                    self.env._(
                        "Unknown dimension %(dimension)s.",
                        dimension=str(dimension)[:64],
                    )
                )
            if not isinstance(key, str) or not 0 < len(key) <= 64:
                fail(self.env._("A cell has no dimension value."))
            if (code, dimension, key) in seen:
                fail(
                    self.env._(
                        "Cell %(code)s / %(dimension)s / %(value)s appears twice.",
                        code=code,
                        dimension=dimension,
                        value=key,
                    )
                )
            seen.add((code, dimension, key))
            suppressed = cell.get("suppressed")
            if not isinstance(suppressed, bool):
                fail(self.env._("A cell must say whether it is suppressed."))
            if suppressed:
                if value is not None:
                    fail(self.env._("A suppressed cell must not carry its value."))
                if cell.get("reason") not in ("primary", "secondary"):
                    fail(
                        self.env._(
                            "A suppressed cell must say why (primary or secondary)."
                        )
                    )
            elif value is not None and (
                not isinstance(value, int | float) or isinstance(value, bool)
            ):
                fail(self.env._("A cell value must be a number."))

    @api.model
    def _ingest_payload(self, payload, channel="push", key_name=None):
        """Upsert a received snapshot by (instance, office, month): a resend
        replaces the previous cells. Validates first: a bad payload writes
        nothing. Returns ``(snapshot, replaced)``."""
        self._validate_payload(payload)
        office = self._get_hub_office(payload["office"])
        period = datetime.date.fromisoformat(payload["period"])
        snapshot = self.search(
            [
                ("source", "=", "received"),
                ("instance_uuid", "=", payload["instance"]),
                ("office_id", "=", office.id),
                ("period_start", "=", period),
            ]
        )
        region = self._get_hub_region(payload["office"].get("region"))
        values = {
            "office_code": payload["office"]["code"],
            # an older instance sends no region: the hub's office has one
            "region_id": (region or office.sudo().region_id).id,
            "k": payload["k"],
            "zeros_disclosive": bool(payload.get("zeros_disclosive")),
            "state": "received",
            "received_date": fields.Datetime.now(),
            "received_user_id": self.env.uid,
            "received_key_name": key_name,
            "received_channel": channel,
        }
        replaced = bool(snapshot)
        if snapshot:
            self._delete_lines(snapshot)
            snapshot.write(values)
        else:
            snapshot = self.create(
                dict(
                    values,
                    source="received",
                    instance_uuid=payload["instance"],
                    office_id=office.id,
                    period_start=period,
                )
            )
        self._insert_lines(snapshot, payload["cells"])
        return snapshot, replaced

    @api.model
    def _delete_lines(self, snapshot):
        """Drop a snapshot's cells before a resend replaces them: one DELETE,
        once the current user is known to be allowed to delete each of them."""
        Line = self.env["baom.network.snapshot.line"]
        Line.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM baom_network_snapshot_line WHERE snapshot_id = %s",
                snapshot.id,
            )
        )
        Line.browse([row[0] for row in self.env.cr.fetchall()])._check_access_in_sql(
            "unlink"
        )
        self.env.cr.execute(
            SQL(
                "DELETE FROM baom_network_snapshot_line WHERE snapshot_id = %s",
                snapshot.id,
            )
        )
        Line.invalidate_model()
        snapshot.invalidate_recordset(["line_ids"])

    @api.model
    def _insert_lines(self, snapshot, cells):
        """Write a received snapshot's cells in one INSERT of a few arrays:
        the hub takes in thousands of cells per minute, and neither the ORM's
        per-record create nor a statement with one parameter per value keeps
        up. The indicator is found in the same statement. The access rights
        and record rules of the cells are then checked as for an ORM create:
        a refusal raises, and the caller's transaction writes nothing."""
        Line = self.env["baom.network.snapshot.line"]
        Line.check_access("create")
        if not cells:
            return
        self.env.flush_all()
        hidden = [cell["suppressed"] for cell in cells]
        self.env.cr.execute(
            SQL(
                """INSERT INTO baom_network_snapshot_line (
                    snapshot_id, office_id, region_id, period_start, source,
                    indicator_code, indicator_id, dimension, dimension_value,
                    value, suppressed, suppression_reason,
                    suppressed_count, published_count
                )
                SELECT %s, %s, %s, %s, %s,
                       cell.code, indicator.id, cell.dimension, cell.key,
                       CASE WHEN cell.hidden THEN NULL ELSE cell.value END,
                       cell.hidden,
                       CASE WHEN cell.hidden THEN cell.reason END,
                       cell.hidden::int, (NOT cell.hidden)::int
                  FROM unnest(
                        %s::varchar[], %s::varchar[], %s::varchar[],
                        %s::numeric[], %s::boolean[], %s::varchar[]
                       ) AS cell(code, dimension, key, value, hidden, reason)
                  LEFT JOIN baom_indicator indicator ON indicator.code = cell.code
             RETURNING id""",
                snapshot.id,
                snapshot.office_id.id,
                snapshot.region_id.id or None,
                snapshot.period_start,
                snapshot.source,
                array_param([cell["indicator"] for cell in cells]),
                array_param([cell["dimension"] for cell in cells]),
                array_param([cell["dimension_value"] for cell in cells]),
                array_param([cell.get("value") for cell in cells]),
                array_param(hidden),
                array_param([cell.get("reason") for cell in cells]),
            )
        )
        Line.browse([row[0] for row in self.env.cr.fetchall()])._check_access_in_sql(
            "create"
        )
        snapshot.invalidate_recordset(["line_ids"])

    @api.model
    def _get_hub_region(self, region_values):
        """The region of an ISO 3166-2 code (``MA-09``), if the hub knows it."""
        States = self.env["res.country.state"].sudo()
        country_code, _sep, code = (region_values or {}).get("code", "").partition("-")
        # The network's offices are Moroccan: any other code is not a region.
        if country_code != "MA":
            return States
        return States.search(
            [("country_id", "=", self.env.ref("base.ma").id), ("code", "=", code)],
            limit=1,
        )

    @api.model
    def _get_hub_office(self, office_values):
        """The hub's office of that code, created (without anyone) if new, as
        the network coordinator who sends or imports the snapshot."""
        Office = self.env["baom.office"].with_context(active_test=False)
        office = Office.sudo().search([("code", "=", office_values["code"])], limit=1)
        if not office:
            office = Office.create(
                {
                    "name": office_values.get("name") or office_values["code"],
                    "code": office_values["code"],
                    "region_id": self._get_hub_region(office_values.get("region")).id,
                }
            )
        return office

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_compute_snapshots(self):
        """Monthly: last month's snapshot of every office run here."""
        first = fields.Date.context_today(self).replace(day=1)
        offices = self.env["baom.office"].search([("officer_ids", "!=", False)])
        snapshots = self._get_or_create(offices, first - relativedelta(months=1))
        # One month for every office: computed together (one query per
        # indicator), its lines created in one batch, committed once.
        snapshots.action_compute()
        if self.env.context.get("ir_cron_progress_id"):
            self.env["ir.cron"]._commit_progress(len(snapshots), remaining=0)

    @api.model
    def _cron_send_snapshots(self):
        """Push computed snapshots whose turn has come; each outcome is
        committed before the next, so a crash loses no answer."""
        url, key = self._get_hub_settings()
        if not url or not key:
            return
        now = fields.Datetime.now()
        snapshots = self.search(
            [
                ("source", "=", "local"),
                ("state", "=", "computed"),
                "|",
                ("next_send_date", "=", False),
                ("next_send_date", "<=", now),
            ],
            order="next_send_date, id",
        )
        self._run_batch(snapshots, lambda snapshot: snapshot._send_to_hub(url, key))

    def _run_batch(self, snapshots, function):
        """``function`` on each snapshot; under the cron, each outcome is
        committed before the next (a crash loses no hub answer)."""
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        for index, snapshot in enumerate(snapshots):
            function(snapshot)
            if in_cron and not self.env["ir.cron"]._commit_progress(
                1, remaining=len(snapshots) - index - 1
            ):
                break
