import json
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from .common import BaomCaseCommon


@tagged("post_install", "-at_install", "baom_case")
class TestStatisticsOnReplica(HttpCase, BaomCaseCommon):
    """The statistics pivot and the activity report only read: Odoo runs them
    on a read-only cursor (the replica when db_replica_host is set), without
    falling back to the primary."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_known_dataset()

    def _spy(self, model, method):
        """Record whether ``model.method`` ran on a read-only cursor."""
        cls = self.registry[model]
        original = getattr(cls, method)
        seen = []

        def spy(records, *args, **kwargs):
            seen.append(records.env.cr.readonly)
            return original(records, *args, **kwargs)

        return patch.object(cls, method, spy), seen

    def test_pivot_runs_on_a_read_only_cursor(self):
        self.authenticate("baom_supervisor", "baom_supervisor")
        spy, seen = self._spy("baom.case.report", "_read_grouping_sets")
        with spy, self.assertNoLogs("odoo.http", "WARNING"):
            result = self.make_jsonrpc_request(
                "/web/dataset/call_kw/baom.case.report/formatted_read_grouping_sets",
                {
                    "model": "baom.case.report",
                    "method": "formatted_read_grouping_sets",
                    "args": [],
                    "kwargs": {
                        "domain": [("office_id", "=", self.office_a.id)],
                        "grouping_sets": [[], ["gender"]],
                        "aggregates": ["people_count:sum", "case_count:sum"],
                    },
                },
            )
        self.assertEqual(seen, [True], "The pivot must be served read-only")
        [[total], _by_gender] = result
        cases = self.env["baom.case"].search_count(
            [("office_id", "=", self.office_a.id)]
        )
        self.assertEqual(
            (total["people_count:sum"], total["case_count:sum"]), (4, cases)
        )

    def test_activity_report_runs_on_a_read_only_cursor(self):
        self.authenticate("baom_officer_a", "baom_officer_a")
        spy, seen = self._spy(
            "report.baom_case.report_baom_activity", "_get_report_values"
        )
        options = json.dumps(
            {
                "office_id": self.office_a.id,
                "date_from": "2025-01-01",
                "date_to": "2025-12-31",
            }
        )
        with spy, self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(
                f"/report/html/baom_case.report_baom_activity/{self.office_a.id}",
                params={"options": options},
            )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(seen, [True], "The report must be computed read-only")
        self.assertIn(self.office_a.name, response.text)
