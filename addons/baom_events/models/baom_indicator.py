import datetime

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.baom_base.tools.selections import NOT_RECORDED


class BaomIndicator(models.Model):
    """The network's event indicators, computed where the events live."""

    _inherit = "baom.indicator"

    measure = fields.Selection(
        selection_add=[
            ("event_outreach", "Event outreach"),
            ("trainings_completed", "Trainings completed"),
        ],
        ondelete={"event_outreach": "cascade", "trainings_completed": "cascade"},
    )

    @api.model
    def _get_measure_functions(self):
        return {
            **super()._get_measure_functions(),
            "event_outreach": self._compute_event_outreach,
            "trainings_completed": self._compute_trainings_completed,
        }

    @api.model
    @api.readonly
    def _compute_event_outreach(self, office_ids, date_from, date_to, dimensions):
        """People reached by the office's events that began in the period
        (trainings of officers left out): the head counts entered after the
        event plus the registrations marked as attended, as on the event
        form. Attendees who registered are not described: they count as
        not recorded in the breakdowns."""
        self.env["event.event"].flush_model()
        self.env["event.registration"].flush_model()
        self.env["baom.event.attendance.count"].flush_model()
        source = SQL(
            """
            WITH events AS (
                SELECT e.id, e.baom_office_id AS office_id
                  FROM event_event e
             LEFT JOIN event_type t ON t.id = e.event_type_id
                 WHERE e.active
                   AND e.baom_office_id = ANY(%(offices)s)
                   AND e.date_begin >= %(start)s AND e.date_begin < %(end)s
                   AND NOT COALESCE(t.baom_is_training, FALSE)
            )
            SELECT e.office_id, hc.gender, hc.profile, hc.count AS people
              FROM baom_event_attendance_count hc
              JOIN events e ON e.id = hc.event_id
            UNION ALL
            SELECT e.office_id, %(none)s, %(none)s, 1
              FROM event_registration reg
              JOIN events e ON e.id = reg.event_id
             WHERE reg.active AND reg.state = 'done'
            """,
            none=NOT_RECORDED,
            offices=list(office_ids),
            start=datetime.datetime.combine(date_from, datetime.time.min),
            end=datetime.datetime.combine(date_to, datetime.time.min),
        )
        dimension_sql = self._get_dimension_sql(("gender", "profile"))
        dimensions = [d for d in dimensions if d in dimension_sql]
        value = SQL("SUM(people)")
        return self._grouping_query(source, dimension_sql, dimensions, value, value)

    @api.model
    @api.readonly
    def _compute_trainings_completed(self, office_ids, date_from, date_to, dimensions):
        """Training certificates issued in the period to the office's
        officers (its backup officer included): one per officer and training."""
        self.env["baom.training.certificate"].flush_model()
        self.env["baom.office"].flush_model()
        source = SQL(
            """
            SELECT DISTINCT staff.office_id, cert.id
              FROM baom_training_certificate cert
              JOIN (
                    SELECT rel.office_id, rel.user_id
                      FROM baom_office_officer_rel rel
                     WHERE rel.office_id = ANY(%(offices)s)
                     UNION
                    SELECT o.id, o.backup_officer_id
                      FROM baom_office o
                     WHERE o.id = ANY(%(offices)s)
                       AND o.backup_officer_id IS NOT NULL
                   ) staff ON staff.user_id = cert.user_id
             WHERE cert.date_issued >= %(start)s AND cert.date_issued < %(end)s
            """,
            offices=list(office_ids),
            start=date_from,
            end=date_to,
        )
        value = SQL("COUNT(*)")
        return self._grouping_query(source, {}, [], value, value)
