import datetime

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.baom_base.tools.selections import NOT_RECORDED


class BaomIndicator(models.Model):
    """The network's referral indicators, computed where the referrals live."""

    _inherit = "baom.indicator"

    measure = fields.Selection(
        selection_add=[
            ("referrals_sent", "Referrals sent"),
            ("referrals_answered", "Referrals answered"),
            ("referrals_successful", "Referrals successful"),
        ],
        ondelete={
            "referrals_sent": "cascade",
            "referrals_answered": "cascade",
            "referrals_successful": "cascade",
        },
    )

    @api.model
    def _get_measure_functions(self):
        return {
            **super()._get_measure_functions(),
            "referrals_sent": self._compute_referrals_sent,
            "referrals_answered": self._compute_referrals_answered,
            "referrals_successful": self._compute_referrals_successful,
        }

    @api.model
    def _referral_measure(self, office_ids, date_from, date_to, dimensions, value):
        """A count over the referrals sent in the period (cancelled ones left
        out, as in the referral statistics), broken down by what the case
        says of the person: a referral is dated when it was sent, its answer
        and outcome are counted with it when they come."""
        self.env["baom.referral"].flush_model()
        self.env["baom.case"].flush_model()
        source = SQL(
            """
            SELECT r.office_id, r.date_answered, r.outcome,
                   COALESCE(c.gender, %(none)s) AS gender,
                   COALESCE(c.profile, %(none)s) AS profile,
                   COALESCE(c.age_band, %(none)s) AS age_band,
                   c.nationality_id, nat.code AS nat_code,
                   fam.id AS need_family_id, fam.code AS fam_code
              FROM baom_referral r
              JOIN baom_case c ON c.id = r.case_id
         LEFT JOIN res_country nat ON nat.id = c.nationality_id
         LEFT JOIN baom_need_category need ON need.id = c.need_category_id
         LEFT JOIN baom_need_category fam
                ON fam.id = split_part(need.parent_path, '/', 1)::integer
             WHERE r.office_id = ANY(%(offices)s)
               AND r.state != 'cancelled'
               AND r.date_sent >= %(start)s AND r.date_sent < %(end)s
            """,
            none=NOT_RECORDED,
            offices=list(office_ids),
            start=datetime.datetime.combine(date_from, datetime.time.min),
            end=datetime.datetime.combine(date_to, datetime.time.min),
        )
        dimension_sql = self._get_dimension_sql()
        dimensions = [d for d in dimensions if d in dimension_sql]
        return self._grouping_query(source, dimension_sql, dimensions, value, value)

    @api.model
    @api.readonly
    def _compute_referrals_sent(self, office_ids, date_from, date_to, dimensions):
        return self._referral_measure(
            office_ids, date_from, date_to, dimensions, SQL("COUNT(*)")
        )

    @api.model
    @api.readonly
    def _compute_referrals_answered(self, office_ids, date_from, date_to, dimensions):
        return self._referral_measure(
            office_ids, date_from, date_to, dimensions, SQL("COUNT(date_answered)")
        )

    @api.model
    @api.readonly
    def _compute_referrals_successful(self, office_ids, date_from, date_to, dimensions):
        return self._referral_measure(
            office_ids,
            date_from,
            date_to,
            dimensions,
            SQL("COUNT(*) FILTER (WHERE outcome = 'successful')"),
        )
