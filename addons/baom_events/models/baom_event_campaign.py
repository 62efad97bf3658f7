import datetime
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Campaign days happen in Morocco: 09:00–17:00 local time.
CAMPAIGN_TZ = "Africa/Casablanca"
CAMPAIGN_HOURS = (9, 17)


class BaomEventCampaign(models.Model):
    """A yearly wave of events across the network (e.g. the 10 August)."""

    _name = "baom.event.campaign"
    _description = "BAOM Event Campaign"
    _inherit = ["mail.thread"]
    _order = "year desc, date desc, id desc"

    def _default_event_type_id(self):
        return self.env.ref(
            "baom_events.event_type_national_day", raise_if_not_found=False
        )

    name = fields.Char(required=True, translate=True, tracking=True)
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
    )
    date = fields.Date(required=True, tracking=True)
    event_type_id = fields.Many2one(
        "event.type",
        "Template",
        required=True,
        default=lambda self: self._default_event_type_id(),
        help="Type, description and mail schedulers of the events generated.",
    )
    office_ids = fields.Many2many(
        "baom.office", string="Participating Offices", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    budget_total = fields.Monetary("Total Budget", tracking=True)
    activity_plan_id = fields.Many2one(
        "mail.activity.plan",
        "Checklist",
        domain="[('res_model', '=', 'event.event')]",
        help="Activities scheduled on each office's event when it is generated "
        "(deadlines counted from the campaign date).",
    )
    note = fields.Html("Instructions")
    event_ids = fields.One2many("event.event", "baom_campaign_id", "Events")
    # the national picture
    event_count = fields.Integer(compute="_compute_figures")
    unplanned_office_ids = fields.Many2many(
        "baom.office",
        string="Offices Without Event",
        compute="_compute_figures",
    )
    budget_requested = fields.Monetary(compute="_compute_figures")
    budget_granted = fields.Monetary(compute="_compute_figures")
    registration_count = fields.Integer("Registrations", compute="_compute_figures")
    reached_count = fields.Integer("People Reached", compute="_compute_figures")
    visit_count = fields.Integer("Visits That Followed", compute="_compute_figures")
    case_count = fields.Integer("Cases That Followed", compute="_compute_figures")

    @api.constrains("budget_total", "year", "date")
    def _check_values(self):
        for campaign in self:
            if campaign.budget_total < 0:
                raise ValidationError(self.env._("A budget cannot be negative."))
            if campaign.date and campaign.date.year != campaign.year:
                raise ValidationError(
                    self.env._(
                        "The campaign date %(date)s is not in the year %(year)s.",
                        date=campaign.date,
                        year=campaign.year,
                    )
                )

    @api.depends(
        "event_ids",
        "office_ids",
        "event_ids.baom_office_id",
        "event_ids.baom_budget_requested",
        "event_ids.baom_budget_granted",
    )
    def _compute_figures(self):
        events = self.with_context(active_test=False).event_ids
        figures = events._get_baom_outreach_figures()
        registrations = dict(
            self.env["event.registration"]
            .sudo()
            ._read_group(
                [("event_id", "in", events.ids), ("state", "in", ("open", "done"))],
                ["event_id"],
                ["__count"],
            )
        )
        for campaign in self:
            mine = events.filtered(lambda e, c=campaign: e.baom_campaign_id == c)
            campaign.event_count = len(mine)
            campaign.unplanned_office_ids = campaign.office_ids - mine.baom_office_id
            campaign.budget_requested = sum(mine.mapped("baom_budget_requested"))
            campaign.budget_granted = sum(mine.mapped("baom_budget_granted"))
            campaign.registration_count = sum(registrations.get(e, 0) for e in mine)
            campaign.reached_count = sum(
                figures[e.id]["baom_reached_count"] for e in mine if e.id in figures
            )
            campaign.visit_count = sum(
                figures[e.id]["baom_visit_count"] for e in mine if e.id in figures
            )
            campaign.case_count = sum(
                figures[e.id]["baom_case_count"] for e in mine if e.id in figures
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_generate_events(self):
        """One draft event per participating office; offices that already have
        their event (even archived) get nothing new, so it can run again."""
        self.check_access("write")
        Event = self.env["event.event"]
        created = Event
        for campaign in self:
            if not campaign.office_ids:
                raise UserError(
                    self.env._(
                        "Choose the participating offices of %(campaign)s first.",
                        campaign=campaign.name,
                    )
                )
            planned = (
                Event.with_context(active_test=False)
                .sudo()
                .search([("baom_campaign_id", "=", campaign.id)])
                .baom_office_id
            )
            offices = campaign.office_ids - planned
            if not offices:
                continue
            events = Event.create(
                [campaign._prepare_event_values(office) for office in offices]
            )
            campaign._schedule_checklist(events)
            created |= events
        return created

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "baom_events.event_event_action_baom"
        )
        action["domain"] = [("baom_campaign_id", "=", self.id)]
        action["context"] = {"default_baom_campaign_id": self.id}
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _get_event_datetimes(self):
        self.ensure_one()
        tz = ZoneInfo(CAMPAIGN_TZ)
        begin, end = (
            datetime.datetime.combine(self.date, datetime.time(hour), tzinfo=tz)
            .astimezone(datetime.UTC)
            .replace(tzinfo=None)
            for hour in CAMPAIGN_HOURS
        )
        return begin, end

    def _prepare_event_values(self, office):
        self.ensure_one()
        begin, end = self._get_event_datetimes()
        values = {
            "name": f"{self.name} – {office.name}",
            "baom_campaign_id": self.id,
            "baom_office_id": office.id,
            "event_type_id": self.event_type_id.id,
            "date_begin": begin,
            "date_end": end,
            "date_tz": CAMPAIGN_TZ,
            "company_id": office.company_id.id,
        }
        if office.officer_ids:
            values["user_id"] = office.officer_ids[:1].id
        return values

    def _schedule_checklist(self, events):
        """The campaign's checklist as activities of each office's event."""
        self.ensure_one()
        for template in self.activity_plan_id.template_ids:
            responsible = {
                event: template._determine_responsible(
                    event.user_id or self.env.user, event
                )["responsible"]
                or self.env.user
                for event in events
            }
            # One batch per template and responsible, whatever the number of
            # offices (activity_schedule on the recordset, quietly).
            events._baom_schedule_per_user(
                "",
                users=responsible.get,
                activity_type_id=template.activity_type_id.id,
                summary=template.summary,
                note=template.note,
                date_deadline=template._get_date_deadline(self.date),
            )
