import base64
import itertools
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from ..tools import hsds
from .convention_common import BaomConventionCommon
from .directory_common import BaomDirectoryCommon
from .referral_common import BaomReferralCommon

SERIAL = itertools.count(1)


class QueryCountMixin:
    def _count(self, function, *args, **kwargs):
        """Queries of ``function``, caches cold and writes flushed."""
        self.env.invalidate_all()
        self.env.flush_all()
        self.env.cr.flush()
        start = self.env.cr.sql_log_count
        function(*args, **kwargs)
        self.env.flush_all()
        self.env.cr.flush()
        return self.env.cr.sql_log_count - start


@tagged("post_install", "-at_install")
class TestProcedureStepsBatch(QueryCountMixin, BaomDirectoryCommon):
    """Steps changed together are told in one note of their sheet."""

    def _notes(self):
        return self.env["mail.message"].search(
            [("model", "=", "baom.procedure"), ("res_id", "=", self.procedure.id)]
        )

    def _add_steps(self, count):
        names = [f"Step {next(SERIAL)}" for __ in range(count)]
        self.procedure.with_user(self.officer_a).write(
            {"step_ids": [(0, 0, {"name": name}) for name in names]}
        )
        return names

    def test_steps_added_together_make_one_note(self):
        before = self._notes()
        names = self._add_steps(3)
        note = self._notes() - before
        self.assertEqual(len(note), 1, "one note for the save, not one per step")
        for name in names:
            self.assertIn(f"Step added: {name}", str(note.body))
        self.assertEqual(note.author_id, self.officer_a.partner_id)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        steps = self.procedure.step_ids.filtered(lambda step: step.name in names)
        before = self._notes()
        steps.with_user(self.officer_a).unlink()
        note = self._notes() - before
        self.assertEqual(len(note), 1)
        for name in names:
            self.assertIn(f"Step removed: {name}", str(note.body))

    def test_step_queries_do_not_grow_with_the_steps(self):
        self._add_steps(1)  # warm the caches
        one = self._count(self._add_steps, 1)
        self.env.invalidate_all()
        with self.assertQueryCount(one):
            self._add_steps(3)

    def test_supervisor_still_cannot_change_steps(self):
        with self.assertRaises(Exception):  # noqa: B017 - any refusal
            self.procedure.with_user(self.supervisor).write(
                {"step_ids": [(0, 0, {"name": "Not mine"})]}
            )


@tagged("post_install", "-at_install")
class TestHsdsImportBatch(QueryCountMixin, BaomDirectoryCommon):
    """A package is imported with one search per referenced model and its
    new rows created in one batch, however many rows it has."""

    def _package(self, count, with_ids=False):
        organizations, services = [], []
        for __ in range(count):
            serial = next(SERIAL)
            org_id, service_id = f"org-batch-{serial}", f"srv-batch-{serial}"
            address = {
                "address_1": f"{serial} Avenue Hassan II",
                "city": "Agadir",
                "state_province": "Souss-Massa",
                "country": "MA",
            }
            organizations.append(
                {"id": org_id, "name": f"Association {serial}", "address": address}
            )
            services.append(
                {
                    "id": service_id,
                    "organization_id": org_id,
                    "name": f"Accompaniment {serial}",
                    "address": address,
                    "documents": [self.doc_passport.name, "Unknown paper"],
                    "needs": [("survivor_pension", "Survivor's pension")],
                    "languages": [(self.lang_ar.code, self.lang_ar.name)],
                }
            )
        data = hsds.write_zip(hsds.tables_from_directory(organizations, services))
        if with_ids:
            return data, [service["id"] for service in services]
        return data

    def _import(self, data):
        wizard = (
            self.env["baom.hsds.import"]
            .with_user(self.network)
            .create({"file": base64.b64encode(data), "filename": "directory.zip"})
        )
        wizard.action_import()
        return wizard

    def test_import_queries_do_not_grow_with_the_rows(self):
        self._import(self._package(1))  # warm the caches
        one = self._count(self._import, self._package(1))
        data = self._package(3)
        self.env.invalidate_all()
        with self.assertQueryCount(one):
            wizard = self._import(data)
        self.assertEqual(wizard.created_count, 6, "3 institutions, 3 services")
        self.assertEqual(wizard.error_count, 0)

    def test_batch_import_matches_each_row_as_before(self):
        wizard = self._import(self._package(2))
        services = self.env["baom.service"].search(
            [("hsds_id", "in", wizard.line_ids.mapped("identifier"))]
        )
        self.assertEqual(len(services), 2)
        for service in services:
            self.assertEqual(service.need_category_ids, self.need_pension)
            self.assertEqual(service.language_ids, self.lang_ar)
            self.assertEqual(service.document_type_ids, self.doc_passport)
            self.assertEqual(service.country_id, self.env.ref("base.ma"))
            self.assertEqual(service.institution_id.country_id.code, "MA")
        warnings = wizard.line_ids.filtered(lambda line: line.file == "service.csv")
        self.assertTrue(
            all("Unknown paper" in line.message for line in warnings),
            "the unknown document is reported on each row (capitals and all)",
        )

    def test_a_bad_new_row_is_reported_and_the_others_created(self):
        data, service_ids = self._package(3, with_ids=True)
        Service = type(self.env["baom.service"])
        original = Service.create

        def create(records, vals_list):
            # The second service is refused (as a constraint would).
            vals_list = [vals_list] if isinstance(vals_list, dict) else vals_list
            if any(vals.get("hsds_id") == service_ids[1] for vals in vals_list):
                raise ValueError("Refused row")
            return original(records, vals_list)

        with patch.object(Service, "create", create):
            wizard = self._import(data)
        results = {
            line.identifier: (line.result, line.message)
            for line in wizard.line_ids
            if line.file == "service.csv"
        }
        self.assertEqual(results[service_ids[1]], ("error", "Refused row"))
        for hsds_id in (service_ids[0], service_ids[2]):
            self.assertEqual(results[hsds_id][0], "created")
        self.assertEqual(
            self.env["baom.service"].search_count([("hsds_id", "in", service_ids)]),
            2,
            "the good rows are kept",
        )


@tagged("post_install", "-at_install", "baom_convention")
class TestConventionRenewalBatch(QueryCountMixin, BaomConventionCommon):
    """Tacit renewals are written once per new end date, their notes in one
    batch."""

    def _tacit(self, count, **values):
        return self.env["baom.convention"].concat(
            *(
                self._new_convention(
                    self.office_a,
                    name=f"Tacit {next(SERIAL)}",
                    **dict(
                        {
                            "date_end": "2026-03-31",
                            "renewal": "tacit",
                            "renewal_months": 12,
                            "state": "active",
                        },
                        **values,
                    ),
                )
                for __ in range(count)
            )
        )

    @freeze_time("2026-04-01")
    def test_renewal_queries_do_not_grow_with_the_conventions(self):
        Convention = self.env["baom.convention"]
        self._tacit(1)
        Convention._renew_tacit(fields.Date.today())  # warm the caches
        self._tacit(1)
        one = self._count(Convention._renew_tacit, fields.Date.today())
        conventions = self._tacit(3)
        self.env.invalidate_all()
        with self.assertQueryCount(one):
            renewed = Convention._renew_tacit(fields.Date.today())
        self.assertEqual(renewed, conventions)
        for convention in conventions:
            self.assertEqual(str(convention.date_end), "2027-03-31")
            self.assertIn(
                "tacitly renewed until 2027-03-31", str(convention.message_ids[0].body)
            )

    @freeze_time("2026-04-01")
    def test_each_convention_gets_its_own_end_date(self):
        yearly = self._tacit(2)
        half_yearly = self._tacit(1, renewal_months=6)
        self.env["baom.convention"]._cron_convention_deadlines()
        self.assertEqual(set(yearly.mapped("date_end")), {yearly[0].date_end})
        self.assertEqual(str(yearly[0].date_end), "2027-03-31")
        self.assertEqual(str(half_yearly.date_end), "2026-09-30")
        self.assertIn("2026-09-30", str(half_yearly.message_ids[0].body))


@tagged("post_install", "-at_install")
class TestReferralDoneBatch(QueryCountMixin, BaomReferralCommon):
    """Referrals closed together are written once per group of identical
    values, each case told once."""

    def _sent(self, count, **values):
        referrals = self.env["baom.referral"]
        for __ in range(count):
            case = self._new_case(self.person_a, title=f"Case {next(SERIAL)}")
            referral = self._new_referral(case, consent_share=True, **values)
            referral.with_user(self.officer_a).action_send()
            referrals |= referral
        return referrals

    def test_done_queries_do_not_grow_with_the_referrals(self):
        self._sent(1).with_user(self.officer_a).action_done()  # warm the caches
        one = self._count(self._sent(1).with_user(self.officer_a).action_done)
        referrals = self._sent(3)
        self.env.invalidate_all()
        with self.assertQueryCount(one):
            referrals.with_user(self.officer_a).action_done()
        self.assertEqual(set(referrals.mapped("state")), {"done"})
        self.assertEqual(set(referrals.mapped("outcome")), {"successful"})
        self.assertTrue(all(referrals.mapped("date_answered")))
        for referral in referrals:
            self.assertIn(
                f"Referral {referral.name}", str(referral.case_id.message_ids[0].body)
            )

    def test_done_keeps_each_referral_s_own_answer_and_outcome(self):
        answered, fresh = self._sent(1), self._sent(1)
        answered.sudo().write(
            {
                "date_answered": "2026-01-02 10:00:00",
                "outcome": "not_successful",
                "reason_not_successful": "beneficiary_refused",
            }
        )
        (answered | fresh).with_user(self.officer_a).action_done()
        self.assertEqual(str(answered.date_answered), "2026-01-02 10:00:00")
        self.assertEqual(answered.outcome, "not_successful", "its outcome is kept")
        self.assertEqual(fresh.outcome, "successful")
        self.assertTrue(fresh.date_answered)
