import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import format_date

from odoo.addons.baom_base.tools.selections import GENDERS, NOT_RECORDED

from ..tools import charts, periods

# Columns of the gender-disaggregated tables: a gender missing on the record
# is counted under "not_recorded", as in the statistics.
GENDER_COLUMNS = (*GENDERS, NOT_RECORDED)


class ReportBaomActivity(models.AbstractModel):
    """The yearly activity report (bilan annuel) of one office or more.

    Every figure comes from the pseudonymous statistics model through
    ``_read_group`` grouped by office: a fixed number of queries whatever the
    volume and the number of offices printed, and the
    statistics' record rules decide who may print which office.
    """

    _name = "report.baom_case.report_baom_activity"
    _description = "BAOM Activity Report"

    # Only reads: printed through Odoo's read-only report routes, it runs on
    # the reporting replica when db_replica_host is set (docs/deployment.md).
    @api.model
    @api.readonly
    def _get_report_values(self, docids, data=None):
        data = data or {}
        offices = self.env["baom.office"].browse(data.get("office_id") or docids)
        date_from, date_to = self._get_period(data)
        self._check_office_access(offices)
        previous_from, previous_to = periods.previous_period(date_from, date_to)
        lang = self.env.lang or "en_US"
        direction = self.env["res.lang"]._get_data(code=lang).get("direction") or (
            "rtl" if lang.startswith("ar") else "ltr"
        )
        rtl = direction == "rtl"
        # One query per section for all the offices printed (GROUP BY
        # office), whatever their number.
        current = self._get_figures(offices, date_from, date_to)
        previous = self._get_figures(offices, previous_from, previous_to)
        breakdowns = {
            key: self._get_breakdown(offices, date_from, date_to, *spec)
            for key, spec in (
                ("by_profile_people", ("visit", "profile", "people_count")),
                ("by_profile_cases", ("case", "profile")),
                ("by_need", ("case", "need_category_id")),
                ("by_age", ("case", "age_band")),
                ("by_outcome", ("closed", "outcome")),
            )
        }
        months = self._get_months(offices, date_from, date_to)
        reports = []
        for office in offices:
            by_need = breakdowns["by_need"][office]
            by_outcome = breakdowns["by_outcome"][office]
            by_month = months[office]
            reports.append(
                {
                    "office": office,
                    "current": current[office],
                    "previous": previous[office],
                    "comparison": self._get_comparison(
                        current[office], previous[office]
                    ),
                    **{key: rows[office] for key, rows in breakdowns.items()},
                    "by_month": by_month,
                    "charts": self._get_charts(by_month, by_outcome, by_need, rtl),
                }
            )
        company = offices[:1].company_id or self.env.company
        letterhead_in_body = self.env["ir.actions.report"]._baom_letterhead_in_body()
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
            "direction": direction,
            "company": company,
            # Debian's wkhtmltopdf (unpatched Qt) prints no header or footer:
            # the letterhead then goes in the body, page numbers are stamped
            # on the PDF afterwards (see ir.actions.report).
            "letterhead_in_body": letterhead_in_body,
            # No header to leave room for: the page starts near the top.
            "data_report_margin_top": 12 if letterhead_in_body else None,
            "data_report_header_spacing": 0 if letterhead_in_body else None,
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
    def _get_domains(self, offices, date_from, date_to):
        start = datetime.datetime.combine(date_from, datetime.time.min)
        end = datetime.datetime.combine(
            date_to + datetime.timedelta(days=1), datetime.time.min
        )
        office_domain = [("office_id", "in", offices.ids)]
        return {
            "visit": office_domain
            + [
                ("record_type", "=", "visit"),
                ("date", ">=", start),
                ("date", "<", end),
            ],
            "case": office_domain
            + [("record_type", "=", "case"), ("date", ">=", start), ("date", "<", end)],
            # Closures are the statistics' closure rows, dated when closed.
            "closed": office_domain
            + [
                ("record_type", "=", "closure"),
                ("date", ">=", start),
                ("date", "<", end),
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
    def _get_figures(self, offices, date_from, date_to):
        """``{office: key figures}``, one query per figure for all offices."""
        Report = self.env["baom.case.report"]
        domains = self._get_domains(offices, date_from, date_to)
        visits = {
            office: (people, entries)
            for office, people, entries in Report._read_group(
                domains["visit"],
                ["office_id"],
                ["people_count:sum", "visit_count:sum"],
            )
        }
        opened = dict(Report._read_group(domains["case"], ["office_id"], ["__count"]))
        closures = {
            office: values
            for office, *values in Report._read_group(
                domains["closed"],
                ["office_id"],
                [
                    "__count",
                    "resolved_count:sum",
                    "resolution_days:avg",
                    "rating:avg",
                    "rated_count:sum",
                    "satisfied_count:sum",
                ],
            )
        }
        open_at_end = dict(
            Report._read_group(domains["open_at_end"], ["office_id"], ["__count"])
        )
        result = {}
        for office in offices:
            people, entries = visits.get(office, (0, 0))
            closed, resolved, days, rating, rated, satisfied = closures.get(
                office, (0, 0, None, None, 0, 0)
            )
            result[office] = {
                "people": people or 0,
                "entries": entries or 0,
                "opened": opened.get(office, 0),
                "closed": closed,
                "resolved": resolved or 0,
                "open_at_end": open_at_end.get(office, 0),
                "resolution_days": round(days, 1) if closed else None,
                "rating": round(rating, 2) if rated else None,
                "rated": rated or 0,
                "satisfaction": round(satisfied * 100.0 / rated) if rated else None,
            }
        return result

    @api.model
    def _get_comparison(self, current, previous):
        """Per key figure: ``{difference, percent, direction}`` (arrows in the PDF)."""
        comparison = {}
        for key in current:
            if current[key] is None or previous[key] is None:
                # An average with nothing to average (no case closed, no
                # rating) in one of the periods: nothing to compare.
                comparison[key] = None
                continue
            difference, percent, direction = periods.change(current[key], previous[key])
            comparison[key] = {
                "difference": difference,
                "percent": percent,
                "direction": direction,
            }
        return comparison

    @api.model
    def _get_breakdown(self, offices, date_from, date_to, kind, groupby, measure=None):
        """``{office: rows}``, rows ``{label, female, male, not_recorded,
        total}``, largest first; one query for all offices."""
        Report = self.env["baom.case.report"]
        domain = self._get_domains(offices, date_from, date_to)[kind]
        aggregate = f"{measure}:sum" if measure else "__count"
        field = Report._fields[groupby]
        labels = (
            dict(field._description_selection(self.env))
            if field.type == "selection"
            else {}
        )
        rows = {office: {} for office in offices}
        for office, value, gender, count in Report._read_group(
            domain, ["office_id", groupby, "gender"], [aggregate]
        ):
            if field.type == "many2one":
                key, label = value.id, value.display_name
            else:
                key, label = value, labels.get(value)
            row = rows[office].setdefault(
                key,
                {
                    "label": label or self.env._("Not recorded"),
                    **dict.fromkeys(GENDER_COLUMNS, 0),
                    "total": 0,
                },
            )
            row[gender if gender in GENDER_COLUMNS else NOT_RECORDED] += count or 0
            row["total"] += count or 0
        return {
            office: sorted(
                office_rows.values(), key=lambda r: (-r["total"], r["label"])
            )
            for office, office_rows in rows.items()
        }

    @api.model
    def _get_months(self, offices, date_from, date_to):
        """``{office: rows}``, a row per month of the period, months without
        activity included (0); one query per figure for all offices."""
        Report = self.env["baom.case.report"]
        domains = self._get_domains(offices, date_from, date_to)
        people = {}
        for office, month, gender, count in Report._read_group(
            domains["visit"],
            ["office_id", "date:month", "gender"],
            ["people_count:sum"],
        ):
            key = gender if gender in GENDER_COLUMNS else NOT_RECORDED
            people.setdefault((office, month.date()), {})[key] = count or 0
        opened = {
            (office, month.date()): count
            for office, month, count in Report._read_group(
                domains["case"], ["office_id", "date:month"], ["__count"]
            )
        }
        # Closures count in the month they were closed, as in the statistics.
        closed = {
            (office, month.date()): count
            for office, month, count in Report._read_group(
                domains["closed"], ["office_id", "date:month"], ["__count"]
            )
        }
        result = {office: [] for office in offices}
        for month in periods.months_between(date_from, date_to):
            labels = {
                "month": format_date(self.env, month, date_format="MMMM y"),
                "short": format_date(self.env, month, date_format="MMM"),
            }
            for office in offices:
                received = people.get((office, month), {})
                result[office].append(
                    {
                        **labels,
                        "people": sum(received.values()),
                        "women": received.get("female", 0),
                        "men": received.get("male", 0),
                        "opened": opened.get((office, month), 0),
                        "closed": closed.get((office, month), 0),
                    }
                )
        return result

    @api.model
    def _get_charts(self, by_month, by_outcome, by_need, rtl):
        """Inline SVG charts (no network resource, drawn by wkhtmltopdf)."""
        women, men = self.env._("Women"), self.env._("Men")
        return {
            "people": Markup(
                charts.column_chart(
                    [row["short"] for row in by_month],
                    [
                        (women, [row["women"] for row in by_month], None),
                        (men, [row["men"] for row in by_month], None),
                    ],
                    title=self.env._("People received per month"),
                    rtl=rtl,
                )
            ),
            "outcome": Markup(
                charts.bar_chart(
                    [row["label"] for row in by_outcome],
                    [row["total"] for row in by_outcome],
                    title=self.env._("Cases closed, by outcome"),
                    rtl=rtl,
                )
            )
            if by_outcome
            else False,
            "need": Markup(
                charts.bar_chart(
                    [row["label"] for row in by_need[:10]],
                    [row["total"] for row in by_need[:10]],
                    title=self.env._("Cases opened, by need"),
                    rtl=rtl,
                    colour=charts.PALETTE[3],
                )
            )
            if by_need
            else False,
        }
