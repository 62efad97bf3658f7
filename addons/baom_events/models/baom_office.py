from odoo import fields, models


class BaomOffice(models.Model):
    _inherit = "baom.office"

    def _get_baom_event_outreach(self, date_from, date_to):
        """What the office's events of a period brought, as plain figures
        (no person): the extension point for the activity report and the
        statistics, which may call it when baom_events is installed."""
        self.ensure_one()
        events = (
            self.env["event.event"]
            .sudo()
            .search(
                [
                    ("baom_office_id", "=", self.id),
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
        totals = {
            key: sum(values.get(key, 0) for values in figures.values())
            for key in (
                "baom_headcount",
                "baom_reached_count",
                "baom_reached_female_count",
                "baom_reached_male_count",
                "baom_visit_count",
                "baom_visit_people_count",
                "baom_case_count",
            )
        }
        totals["event_count"] = len(events)
        return totals
