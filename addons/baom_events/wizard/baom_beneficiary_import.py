from odoo import models


class BaomBeneficiaryImport(models.TransientModel):
    _inherit = "baom.beneficiary.import"

    def _computed_visit_values(self, person, values):
        computed = super()._computed_visit_values(person, values)
        if values.get("channel") != "event":
            # What the visit computes for a visit not made at an event: given,
            # the ORM does not build a new record per visit to precompute it.
            computed["event_id"] = False
        return computed
