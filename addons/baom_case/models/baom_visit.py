from odoo import api, fields, models

from ..tools import periods
from .baom_case import AGE_BAND_SELECTION


class BaomVisit(models.Model):
    _inherit = "baom.visit"

    # Copied from the person like gender and profile, so that the statistics
    # read the register without joining the registry (and keep these facts
    # once the person is anonymised).
    age_band = fields.Selection(
        AGE_BAND_SELECTION,
        compute="_compute_statistics_facts",
        store=True,
        help="Age of the person on the day of the visit.",
    )
    nationality_id = fields.Many2one(
        "res.country", compute="_compute_statistics_facts", store=True
    )

    @api.depends(
        "beneficiary_id.birth_date",
        "beneficiary_id.birth_year_only",
        "beneficiary_id.birth_band",
        "beneficiary_id.nationality_id",
        "visit_date",
    )
    def _compute_statistics_facts(self):
        for visit in self:
            person = visit.beneficiary_id
            if not person:
                visit.age_band = visit.nationality_id = False
                continue
            visit.nationality_id = person.nationality_id
            on_date = (visit.visit_date or fields.Datetime.now()).date()
            age = periods.age_at(person.birth_date, on_date, person.birth_year_only)
            if age is None and visit.age_band:
                continue
            visit.age_band = self._age_band_on(person, visit.visit_date)

    @api.model
    def _age_band_on(self, person, visit_date):
        """The person's age band on the day of a visit (birth date, else the
        birth decade)."""
        on_date = (visit_date or fields.Datetime.now()).date()
        age = periods.age_at(person.birth_date, on_date, person.birth_year_only)
        if age is None:
            age = periods.age_from_band(person.birth_band, on_date)
        return periods.age_band(age)
