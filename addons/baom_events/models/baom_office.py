from odoo import fields, models

from .event_event import OUTREACH_FIELDS


class BaomOffice(models.Model):
    _inherit = "baom.office"

    def _get_baom_event_outreach(self, date_from, date_to):
        """What the office's events of a period brought, as plain figures
        (no person): the extension point for the activity report and the
        statistics, which may call it when baom_events is installed."""
        self.ensure_one()
        return self._get_baom_event_outreach_by_office(date_from, date_to)[self]

    def _get_baom_event_outreach_by_office(self, date_from, date_to):
        """``{office: figures}`` of ``_get_baom_event_outreach`` for all these
        offices, in the same fixed number of queries whatever their number."""
        events = (
            self.env["event.event"]
            .sudo()
            .search(
                [
                    ("baom_office_id", "in", self.ids),
                    # As the event_outreach indicator: trainings reach officers.
                    "|",
                    ("event_type_id", "=", False),
                    ("event_type_id.baom_is_training", "=", False),
                    ("date_begin", ">=", fields.Datetime.to_datetime(date_from)),
                    (
                        "date_begin",
                        "<",
                        fields.Datetime.to_datetime(
                            fields.Date.add(fields.Date.to_date(date_to), days=1)
                        ),
                    ),
                ]
            )
        )
        figures = events._get_baom_outreach_figures()
        by_office = events.grouped("baom_office_id")
        result = {}
        for office in self:
            office_events = by_office.get(office, events.browse())
            totals = {
                key: sum(figures[event.id].get(key, 0) for event in office_events)
                for key in OUTREACH_FIELDS
            }
            totals["event_count"] = len(office_events)
            result[office] = totals
        return result
