from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

FUNDER_SELECTION = [
    ("commune", "Commune"),
    ("md", "Migrations & Développement"),
    ("other", "Other"),
]
DEFAULT_FOLLOWUP_DAYS = 30
# Figures of "what the event brought" (aggregates only, never a person).
OUTREACH_FIELDS = [
    "baom_headcount",
    "baom_reached_count",
    "baom_reached_female_count",
    "baom_reached_male_count",
    "baom_visit_count",
    "baom_visit_people_count",
    "baom_visit_female_count",
    "baom_visit_male_count",
    "baom_case_count",
    "baom_case_female_count",
    "baom_case_male_count",
]


class EventEvent(models.Model):
    _inherit = "event.event"

    baom_office_id = fields.Many2one(
        "baom.office",
        "BAOM Office",
        index="btree_not_null",
        help="The reception office that organises or takes part in the event.",
    )
    baom_audience_profile_ids = fields.Many2many(
        "baom.profile",
        string="Publics Targeted",
        help="The publics the event is meant to reach.",
    )
    baom_partner_ids = fields.Many2many(
        "res.partner",
        "event_event_baom_partner_rel",
        "event_id",
        "partner_id",
        string="Co-organisers",
        help="Associations, institutions or services organising the event with "
        "the office.",
    )
    baom_campaign_id = fields.Many2one(
        "baom.event.campaign",
        "Campaign",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="The yearly campaign (e.g. 10 August) this event belongs to.",
    )
    baom_is_training = fields.Boolean(related="event_type_id.baom_is_training")
    # budget
    baom_currency_id = fields.Many2one(
        related="company_id.currency_id", string="BAOM Currency"
    )
    baom_budget_requested = fields.Monetary(
        "Budget Requested", currency_field="baom_currency_id"
    )
    baom_budget_granted = fields.Monetary(
        "Budget Granted", currency_field="baom_currency_id"
    )
    baom_funder = fields.Selection(FUNDER_SELECTION, "Funded By")
    baom_funder_note = fields.Char(
        "Other Funder",
        help="Who funds the event when it is neither the commune nor M&D.",
    )
    # outreach: head counts entered after the event
    baom_attendance_count_ids = fields.One2many(
        "baom.event.attendance.count", "event_id", "Head Counts"
    )
    # what the event brought (computed in a fixed number of queries)
    baom_headcount = fields.Integer("Head Count", compute="_compute_baom_outreach")
    baom_reached_count = fields.Integer(
        "People Reached",
        compute="_compute_baom_outreach",
        help="Head counts entered after the event plus registrations attended.",
    )
    baom_reached_female_count = fields.Integer(
        "Women Reached", compute="_compute_baom_outreach"
    )
    baom_reached_male_count = fields.Integer(
        "Men Reached", compute="_compute_baom_outreach"
    )
    baom_visit_count = fields.Integer(
        "Visits That Followed",
        compute="_compute_baom_outreach",
        help="Reception register entries naming this event, from its start to the "
        "end of the follow-up period (see Settings).",
    )
    baom_visit_people_count = fields.Integer(
        "People Received", compute="_compute_baom_outreach"
    )
    baom_visit_female_count = fields.Integer(
        "Visits, Women", compute="_compute_baom_outreach"
    )
    baom_visit_male_count = fields.Integer(
        "Visits, Men", compute="_compute_baom_outreach"
    )
    baom_case_count = fields.Integer(
        "Cases That Followed",
        compute="_compute_baom_outreach",
        help="Cases opened, within the follow-up period, for people whose visit "
        "names this event.",
    )
    baom_case_female_count = fields.Integer(
        "Cases, Women", compute="_compute_baom_outreach"
    )
    baom_case_male_count = fields.Integer(
        "Cases, Men", compute="_compute_baom_outreach"
    )
    # trainings
    baom_survey_id = fields.Many2one(
        "survey.survey",
        "Certification Survey",
        domain=[("certification", "=", True)],
        help="Optional test sent to the attendees: the certificate then requires "
        "attendance and a passed test.",
    )
    baom_certificate_ids = fields.One2many(
        "baom.training.certificate",
        "event_id",
        "Certificates",
        # The commune's event staff (no BAOM role) open every event form.
        groups="baom_base.group_baom_officer,baom_base.group_baom_supervisor,"
        "baom_base.group_baom_network,base.group_system",
    )
    baom_certificate_count = fields.Integer(
        "Certificates Issued", compute="_compute_baom_certificate_count"
    )

    @api.constrains("baom_budget_requested", "baom_budget_granted")
    def _check_baom_budget(self):
        for event in self:
            if event.baom_budget_requested < 0 or event.baom_budget_granted < 0:
                raise ValidationError(self.env._("A budget cannot be negative."))

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.model
    def _get_baom_followup_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("baom_events.followup_days", DEFAULT_FOLLOWUP_DAYS)
        )
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return DEFAULT_FOLLOWUP_DAYS

    def _compute_baom_outreach(self):
        """Aggregates only, computed for all events at once: the figures are
        counts, never people, so supervisors and the network read them too."""
        figures = self._get_baom_outreach_figures()
        for event in self:
            values = figures.get(event.id, {})
            for field_name in OUTREACH_FIELDS:
                event[field_name] = values.get(field_name, 0)

    def _get_baom_outreach_figures(self):
        """{event id: {field name: value}} in a fixed number of queries."""
        events = self.filtered("id")
        result = defaultdict(lambda: defaultdict(int))
        if not events:
            return result
        ids = tuple(events.ids)
        Count = self.env["baom.event.attendance.count"].sudo()
        for event, gender, total in Count._read_group(
            [("event_id", "in", ids)], ["event_id", "gender"], ["count:sum"]
        ):
            figures = result[event.id]
            figures["baom_headcount"] += total
            figures["baom_reached_count"] += total
            if gender in ("female", "male"):
                figures[f"baom_reached_{gender}_count"] += total
        Registration = self.env["event.registration"].sudo()
        for event, attended in Registration._read_group(
            [("event_id", "in", ids), ("state", "=", "done")],
            ["event_id"],
            ["__count"],
        ):
            result[event.id]["baom_reached_count"] += attended
        days = self._get_baom_followup_days()
        self.env["baom.visit"].flush_model(
            ["event_id", "visit_date", "gender", "people_count", "active"]
        )
        self.flush_model(["date_begin", "date_end"])
        self.env.cr.execute(
            SQL(
                """
                SELECT v.event_id, v.gender, COUNT(*), SUM(v.people_count)
                  FROM baom_visit v
                  JOIN event_event e ON e.id = v.event_id
                 WHERE v.event_id IN %(ids)s
                   AND v.active
                   AND v.visit_date >= e.date_begin
                   AND v.visit_date < e.date_end + make_interval(days => %(days)s)
              GROUP BY v.event_id, v.gender
                """,
                ids=ids,
                days=days,
            )
        )
        for event_id, gender, count, people in self.env.cr.fetchall():
            figures = result[event_id]
            figures["baom_visit_count"] += count
            figures["baom_visit_people_count"] += people or 0
            if gender in ("female", "male"):
                figures[f"baom_visit_{gender}_count"] += count
        # Cases live in baom_case, which events do not need: counted when the
        # case pipeline is installed, through its table, never its people.
        if "baom.case" in self.env:
            self.env["baom.case"].flush_model(
                ["beneficiary_id", "gender", "date_open", "active"]
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT v.event_id, c.gender, COUNT(DISTINCT c.id)
                      FROM baom_case c
                      JOIN baom_visit v ON v.beneficiary_id = c.beneficiary_id
                      JOIN event_event e ON e.id = v.event_id
                     WHERE v.event_id IN %(ids)s
                       AND v.active
                       AND c.active
                       AND c.date_open >= e.date_begin
                       AND c.date_open < e.date_end + make_interval(days => %(days)s)
                  GROUP BY v.event_id, c.gender
                    """,
                    ids=ids,
                    days=days,
                )
            )
            for event_id, gender, count in self.env.cr.fetchall():
                figures = result[event_id]
                figures["baom_case_count"] += count
                if gender in ("female", "male"):
                    figures[f"baom_case_{gender}_count"] += count
        return result

    def _compute_baom_certificate_count(self):
        counts = dict(
            self.env["baom.training.certificate"]
            .sudo()
            ._read_group([("event_id", "in", self.ids)], ["event_id"], ["__count"])
        )
        for event in self:
            event.baom_certificate_count = counts.get(event, 0)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_baom_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_base.baom_visit_action"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {
            "default_event_id": self.id,
            "default_channel": "event",
        }
        return action

    def action_baom_send_certification(self):
        """Open Odoo's survey invitation for the attendees of the training."""
        self.ensure_one()
        if not self.baom_survey_id:
            raise UserError(
                self.env._("Choose the certification survey of the training first.")
            )
        attendees = self._get_baom_attendees()
        if not attendees:
            raise UserError(
                self.env._(
                    "Nobody has attended the training yet: mark the attendance "
                    "of each session first."
                )
            )
        action = self.baom_survey_id.action_send_survey()
        action["context"] = dict(
            action.get("context") or {},
            default_partner_ids=attendees.ids,
        )
        return action

    def action_baom_issue_certificates(self):
        """Issue a certificate to each officer who attended every session and,
        when the training has a certification survey, passed it."""
        certificates = self.env["baom.training.certificate"]
        for event in self:
            if not event.baom_is_training:
                raise UserError(
                    self.env._(
                        "Certificates are issued for officer trainings only "
                        "(%(event)s is not one).",
                        event=event.display_name,
                    )
                )
            eligible = event._get_baom_certificate_partners()
            already = event.baom_certificate_ids.partner_id
            registrations = event.registration_ids.filtered(
                lambda reg, eligible=eligible, already=already: (
                    reg.partner_id in eligible - already and reg.state == "done"
                )
            )
            values = []
            seen = self.env["res.partner"]
            for registration in registrations:
                if registration.partner_id in seen:
                    continue
                seen |= registration.partner_id
                values.append(
                    {
                        "event_id": event.id,
                        "registration_id": registration.id,
                        "partner_id": registration.partner_id.id,
                    }
                )
            certificates |= certificates.create(values)
        return certificates

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _get_baom_attendees(self):
        """Partners who attended every session of the event."""
        self.ensure_one()
        Registration = self.env["event.registration"].sudo()
        done = Registration._read_group(
            [
                ("event_id", "=", self.id),
                ("state", "=", "done"),
                ("partner_id", "!=", False),
            ],
            ["partner_id"],
            ["event_slot_id:count_distinct"],
        )
        sessions = len(self.event_slot_ids) if self.is_multi_slots else 0
        return self.env["res.partner"].union(
            *(partner for partner, slots in done if slots >= sessions)
        )

    def _get_baom_certificate_partners(self):
        """Attendees who passed the certification survey (if any)."""
        self.ensure_one()
        attendees = self._get_baom_attendees()
        if not self.baom_survey_id or not attendees:
            return attendees
        passed = (
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [
                    ("survey_id", "=", self.baom_survey_id.id),
                    ("partner_id", "in", attendees.ids),
                    ("scoring_success", "=", True),
                    ("test_entry", "=", False),
                ],
                ["partner_id"],
            )
        )
        return self.env["res.partner"].union(*(partner for (partner,) in passed))
