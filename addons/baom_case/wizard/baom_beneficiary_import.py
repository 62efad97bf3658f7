import datetime

from odoo import models


class BaomBeneficiaryImport(models.TransientModel):
    _inherit = "baom.beneficiary.import"

    def _computed_visit_values(self, person, values):
        computed = super()._computed_visit_values(person, values)
        computed.update(
            nationality_id=person.nationality_id.id,
            age_band=self.env["baom.visit"]._age_band_on(person, values["visit_date"]),
        )
        return computed

    def _after_batch(self, batch, people_by_row, caches):
        """Rows whose outcome says a file was opened become cases.

        Re-importing the same row adds nothing: a case of the same person opened
        the same day for the same need is the same case.
        """
        super()._after_batch(batch, people_by_row, caches)
        wanted = [
            item
            for _kind, item in batch
            if item["facts"].outcome == "case_opened" and item["facts"].visit_date
        ]
        if not wanted:
            return
        existing = {
            (case.beneficiary_id.id, case.date_open.date(), case.need_category_id.id)
            for case in self.env["baom.case"]
            .with_context(active_test=False)
            .search_fetch(
                [("beneficiary_id", "in", list(set(people_by_row.values())))],
                ["beneficiary_id", "date_open", "need_category_id"],
            )
        }
        Case = self.env["baom.case"].with_context(tracking_disable=True)
        # Set here once for the batch, not once per case by create().
        stage = Case._default_stage_id()
        people = {
            person.id: person
            for person in self.env["baom.beneficiary"].browse(people_by_row.values())
        }
        values = []
        for item in wanted:
            facts = item["facts"]
            person_id = people_by_row[item["row"]]
            need = self._need_category(facts.need, caches)
            key = (person_id, facts.visit_date, need.id)
            if key in existing:
                continue
            existing.add(key)
            date_open = datetime.datetime.combine(facts.visit_date, datetime.time(12))
            values.append(
                {
                    "beneficiary_id": person_id,
                    "office_id": self.office_id.id,
                    "date_open": date_open,
                    "need_category_ids": [(6, 0, need.ids)],
                    # what the case computes from its needs, in the INSERT
                    "need_category_id": need.id,
                    "title": facts.need or False,
                    "stage_id": stage.id,
                    **Case._computed_create_values(
                        people[person_id], self.office_id, stage, date_open
                    ),
                }
            )
        references = self.office_id._next_case_references(
            [vals["date_open"].date() for vals in values]
        )
        for vals, reference in zip(values, references, strict=True):
            vals["name"] = reference
        Case._bulk_create(values)
