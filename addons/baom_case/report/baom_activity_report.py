import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import format_date

from odoo.addons.baom_base.tools.selections import GENDERS

from ..tools import periods

GENDER_COLUMNS = (*GENDERS, False)


class ReportBaomActivity(models.AbstractModel):
    """The yearly activity report (bilan annuel) of one office.

    Every figure comes from the pseudonymous statistics model through
    ``_read_group``: a fixed number of queries whatever the volume, and the
    statistics' record rules decide who may print which office.
    """

    _name = "report.baom_case.report_baom_activity"
    _description = "BAOM Activity Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        offices = self.env["baom.office"].browse(data.get("office_id") or docids)
        date_from, date_to = self._get_period(data)
        self._check_office_access(offices)
        previous_from, previous_to = periods.previous_period(date_from, date_to)
        reports = []
        for office in offices:
            current = self._get_figures(office, date_from, date_to)
            previous = self._get_figures(office, previous_from, previous_to)
            reports.append(
                {
                    "office": office,
                    "current": current,
                    "previous": previous,
                    "comparison": self._get_comparison(current, previous),
                    "by_profile_people": self._get_breakdown(
                        office, date_from, date_to, "visit", "profile", "people_count"
                    ),
                    "by_profile_cases": self._get_breakdown(
                        office, date_from, date_to, "case", "profile"
                    ),
                    "by_need": self._get_breakdown(
                        office, date_from, date_to, "case", "need_category_id"
                    ),
                    "by_age": self._get_breakdown(
                        office, date_from, date_to, "case", "age_band"
                    ),
                    "by_outcome": self._get_breakdown(
                        office, date_from, date_to, "closed", "outcome"
                    ),
                    "by_month": self._get_months(office, date_from, date_to),
                }
            )
        lang = self.env.lang or "en_US"
        return {
            "doc_ids": offices.ids,
            "doc_model": "baom.office",
            "docs": offices,
            "reports": reports,
            "date_from": date_from,
            "date_to": date_to,
            "previous_from": previous_from,
            "previous_to": previous_to,
            "lang": lang,
            "direction": self.env["res.lang"]._get_data(code=lang).get("direction")
            or ("rtl" if lang.startswith("ar") else "ltr"),
            "format_date": lambda value, pattern=False: format_date(
                self.env, value, date_format=pattern
            ),
        }

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    @api.model
    def _get_period(self, data):
        today = fields.Date.context_today(self)
        date_from = fields.Date.to_date(data.get("date_from")) or today.replace(
            month=1, day=1
        )
        date_to = fields.Date.to_date(data.get("date_to")) or today.replace(
            month=12, day=31
        )
        return date_from, date_to

    @api.model
    def _check_office_access(self, offices):
        # No access to the statistics (network, other staff): no report.
        self.env["baom.case.report"].check_access("read")
        user = self.env.user
        if user.has_group("base.group_system"):
            return
        for office in offices.sudo():
            allowed = (
                office.officer_ids | office.backup_officer_id | office.supervisor_ids
            )
            if user not in allowed:
                raise AccessError(
                    self.env._(
                        "Only the officers and supervisors of %(office)s can print "
                        "its activity report.",
                        office=office.name,
                    )
                )

    @api.model
    def _get_domains(self, office, date_from, date_to):
        start = datetime.datetime.combine(date_from, datetime.time.min)
        end = datetime.datetime.combine(
            date_to + datetime.timedelta(days=1), datetime.time.min
        )
        office_domain = [("office_id", "=", office.id)]
        return {
            "visit": office_domain
            + [
                ("record_type", "=", "visit"),
                ("date", ">=", start),
                ("date", "<", end),
            ],
            "case": office_domain
            + [("record_type", "=", "case"), ("date", ">=", start), ("date", "<", end)],
            "closed": office_domain
            + [
                ("record_type", "=", "case"),
                ("date_closed", ">=", start),
                ("date_closed", "<", end),
            ],
            "open_at_end": office_domain
            + [
                ("record_type", "=", "case"),
                ("date", "<", end),
                "|",
                ("date_closed", "=", False),
                ("date_closed", ">=", end),
            ],
        }

    @api.model
    def _get_figures(self, office, date_from, date_to):
        Report = self.env["baom.case.report"]
        domains = self._get_domains(office, date_from, date_to)
        [(people, entries)] = Report._read_group(
            domains["visit"], [], ["people_count:sum", "visit_count:sum"]
        )
        [(opened,)] = Report._read_group(domains["case"], [], ["__count"])
        [(closed, resolved, days, rating, rated, satisfied)] = Report._read_group(
            domains["closed"],
            [],
            [
                "__count",
                "resolved_count:sum",
                "resolution_days:avg",
                "rating:avg",
                "rated_count:sum",
                "satisfied_count:sum",
            ],
        )
        [(open_at_end,)] = Report._read_group(domains["open_at_end"], [], ["__count"])
        return {
            "people": people or 0,
            "entries": entries or 0,
            "opened": opened,
            "closed": closed,
            "resolved": resolved or 0,
            "open_at_end": open_at_end,
            "resolution_days": round(days, 1) if closed else None,
            "rating": round(rating, 2) if rated else None,
            "rated": rated or 0,
            "satisfaction": round(satisfied * 100.0 / rated) if rated else None,
        }

    @api.model
    def _get_comparison(self, current, previous):
        keys = ("people", "opened", "closed", "resolved", "resolution_days", "rating")
        return {
            key: periods.evolution(current[key] or 0, previous[key] or 0)
            for key in keys
        }

    @api.model
    def _get_breakdown(self, office, date_from, date_to, kind, groupby, measure=None):
        """Rows ``{label, female, male, unknown, total}``, largest first."""
        Report = self.env["baom.case.report"]
        domain = self._get_domains(office, date_from, date_to)[kind]
        aggregate = f"{measure}:sum" if measure else "__count"
        field = Report._fields[groupby]
        labels = (
            dict(field._description_selection(self.env))
            if field.type == "selection"
            else {}
        )
        rows = {}
        for value, gender, count in Report._read_group(
            domain, [groupby, "gender"], [aggregate]
        ):
            if field.type == "many2one":
                key, label = value.id, value.display_name
            else:
                key, label = value, labels.get(value)
            row = rows.setdefault(
                key,
                {
                    "label": label or self.env._("Not recorded"),
                    "female": 0,
                    "male": 0,
                    "unknown": 0,
                    "total": 0,
                },
            )
            row[gender if gender in GENDER_COLUMNS[:2] else "unknown"] += count or 0
            row["total"] += count or 0
        return sorted(rows.values(), key=lambda r: (-r["total"], r["label"]))

    @api.model
    def _get_months(self, office, date_from, date_to):
        Report = self.env["baom.case.report"]
        domains = self._get_domains(office, date_from, date_to)
        people = dict(
            Report._read_group(domains["visit"], ["date:month"], ["people_count:sum"])
        )
        opened = dict(Report._read_group(domains["case"], ["date:month"], ["__count"]))
        closed = dict(
            Report._read_group(domains["closed"], ["date_closed:month"], ["__count"])
        )
        months = sorted(set(people) | set(opened) | set(closed))
        return [
            {
                "month": format_date(self.env, month, date_format="MMMM y"),
                "people": people.get(month, 0),
                "opened": opened.get(month, 0),
                "closed": closed.get(month, 0),
            }
            for month in months
        ]
