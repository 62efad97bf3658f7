from odoo import api, fields, models, tools
from odoo.tools import SQL

from odoo.addons.baom_base.tools.selections import (
    GENDER_REPORT_SELECTION,
    NOT_RECORDED,
    PROFILE_REPORT_SELECTION,
)

from ..models.baom_referral import (
    OUTCOME_SELECTION,
    REASON_NOT_SUCCESSFUL_SELECTION,
    REFERRAL_STATE_SELECTION,
    REFUSAL_REASON_SELECTION,
)

# Measures whose aggregate is a median rather than the field's average.
MEDIAN_FIELDS = ("answer_days_median",)


class BaomReferralReport(models.Model):
    """Referrals without anyone in them: how each institution answers.

    One row per referral, dated when it was sent (created, for drafts). No
    column names a person or holds the reason, so the network coordinator
    reads it for every office and tells an institution, figures in hand, how
    it answers. Rates are averages of 0/100 per row, so that a pivot shows
    them for any grouping; answer time has an average and a median.
    """

    _name = "baom.referral.report"
    _description = "BAOM Referral Statistics"
    _auto = False
    _order = "date desc"
    _rec_name = "date"

    date = fields.Datetime(readonly=True, help="When the referral was sent.")
    office_id = fields.Many2one("baom.office", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    institution_id = fields.Many2one("res.partner", readonly=True)
    service_id = fields.Many2one("baom.service", readonly=True)
    need_category_id = fields.Many2one("baom.need.category", "Need", readonly=True)
    state = fields.Selection(REFERRAL_STATE_SELECTION, readonly=True)
    refusal_reason = fields.Selection(REFUSAL_REASON_SELECTION, readonly=True)
    outcome = fields.Selection(OUTCOME_SELECTION, readonly=True)
    reason_not_successful = fields.Selection(
        REASON_NOT_SUCCESSFUL_SELECTION, readonly=True
    )
    gender = fields.Selection(GENDER_REPORT_SELECTION, readonly=True)
    profile = fields.Selection(PROFILE_REPORT_SELECTION, readonly=True)
    # measures
    referral_count = fields.Integer("Referrals", readonly=True)
    sent_count = fields.Integer("Sent", readonly=True)
    answered_count = fields.Integer("Answered", readonly=True)
    accepted_count = fields.Integer("Accepted", readonly=True)
    refused_count = fields.Integer("Refused", readonly=True)
    expired_count = fields.Integer("Expired", readonly=True)
    successful_count = fields.Integer("Successful", readonly=True)
    answer_rate = fields.Float(
        "Answer Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Share of the sent referrals the institution answered.",
    )
    success_rate = fields.Float(
        "Success Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Share of the referrals with an outcome that were successful.",
    )
    answer_days = fields.Float(
        "Answer Time (days, average)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
    )
    answer_days_median = fields.Float(
        "Answer Time (days, median)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
    )

    def _search(self, domain, *args, **kwargs):
        # The view reads these tables directly: write pending changes first.
        self.env["baom.referral"].flush_model()
        self.env["baom.case"].flush_model()
        return super()._search(domain, *args, **kwargs)

    def _read_group_select(self, aggregate_spec, query):
        fname, _property, func = aggregate_spec.partition(":")
        if fname in MEDIAN_FIELDS and func in ("avg", "median"):
            self._check_field_access(self._fields[fname], "read")
            return SQL(
                "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %s)",
                self._field_to_sql(self._table, fname, query),
            )
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def _get_figures(self, domain=()):
        """Count, answer rate, median answer time and success rate of the
        referrals matching ``domain`` (the figures shown to an institution)."""
        [(count, sent, answered, median, success)] = self._read_group(
            list(domain),
            aggregates=[
                "referral_count:sum",
                "sent_count:sum",
                "answered_count:sum",
                "answer_days_median:median",
                "success_rate:avg",
            ],
        )
        return {
            "count": count or 0,
            "sent": sent or 0,
            "answered": answered or 0,
            "answer_rate": (100.0 * answered / sent) if sent else None,
            "median_answer_days": median,
            "success_rate": success,
        }

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                SELECT r.id,
                       COALESCE(r.date_sent, r.create_date) AS date,
                       r.office_id,
                       r.company_id,
                       r.institution_id,
                       r.service_id,
                       c.need_category_id,
                       r.state,
                       r.refusal_reason,
                       r.outcome,
                       r.reason_not_successful,
                       COALESCE(c.gender, %(none)s) AS gender,
                       COALESCE(c.profile, %(none)s) AS profile,
                       1 AS referral_count,
                       CASE WHEN r.date_sent IS NOT NULL THEN 1 ELSE 0 END
                           AS sent_count,
                       CASE WHEN r.date_answered IS NOT NULL THEN 1 ELSE 0 END
                           AS answered_count,
                       CASE WHEN r.state IN ('accepted', 'done') THEN 1 ELSE 0 END
                           AS accepted_count,
                       CASE WHEN r.state = 'refused' THEN 1 ELSE 0 END
                           AS refused_count,
                       CASE WHEN r.state = 'expired' THEN 1 ELSE 0 END
                           AS expired_count,
                       CASE WHEN r.outcome = 'successful' THEN 1 ELSE 0 END
                           AS successful_count,
                       CASE WHEN r.date_sent IS NULL THEN NULL
                            WHEN r.date_answered IS NOT NULL THEN 100.0
                            ELSE 0.0 END AS answer_rate,
                       CASE WHEN r.outcome IS NULL THEN NULL
                            WHEN r.outcome = 'successful' THEN 100.0
                            ELSE 0.0 END AS success_rate,
                       EXTRACT(EPOCH FROM r.date_answered - r.date_sent) / 86400.0
                           AS answer_days,
                       EXTRACT(EPOCH FROM r.date_answered - r.date_sent) / 86400.0
                           AS answer_days_median
                  FROM baom_referral r
                  JOIN baom_case c ON c.id = r.case_id
                 WHERE r.state != 'cancelled'
                )
                """,
                table=SQL.identifier(self._table),
                none=NOT_RECORDED,
            )
        )
