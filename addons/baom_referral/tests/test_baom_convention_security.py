from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.baom_base.tests.common import AccessMatrixMixin

from .convention_common import BaomConventionCommon

# Expected rights on the records of office A's convention: role -> operations.
# "officer"/"backup" work in office A, "other_officer" in office B only, the
# supervisor supervises A and B. Anything not listed must be refused.
CONVENTION = {
    "officer": "r",
    "backup": "r",
    "other_officer": "",
    "supervisor": "r",
    "network": "crwu",
    "internal": "",
    "portal": "",
    "admin": "crwu",
}
MATRIX = {
    "baom.convention": CONVENTION,
    "baom.convention.funding": CONVENTION,
    # The responsible (here the network coordinator) completes it; officers
    # of the office read it.
    "baom.convention.obligation": CONVENTION,
}


@tagged("post_install", "-at_install", "baom_security", "baom_convention")
class TestConventionSecurity(AccessMatrixMixin, BaomConventionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "officer": cls.officer_a,
            "backup": cls.backup_officer,
            "other_officer": cls.officer_b,
            "supervisor": cls.supervisor,
            "network": cls.network,
            "internal": cls.internal,
            "portal": cls.portal,
            "admin": cls.admin,
        }

    def _fixture(self, model):
        if model == "baom.convention":
            return (
                self.convention_a,
                {"name": "Renamed", "date_end": "2028-12-31"},
                {"name": "New", "office_id": self.office_a.id},
            )
        if model == "baom.convention.funding":
            return (
                self.funding_a,
                {"amount": 1000},
                {
                    "convention_id": self.convention_a.id,
                    "partner_id": self.md.id,
                    "year": 2027,
                    "amount": 5,
                },
            )
        return (
            self.obligation_a,
            {"description": "Changed", "date_due": "2026-09-30"},
            {
                "convention_id": self.convention_a.id,
                "partner_id": self.md.id,
                "description": "New",
            },
        )

    def test_access_matrix(self):
        self.assertAccessMatrix(MATRIX)

    def test_officer_sees_own_office_and_commune_conventions_only(self):
        Convention = self.env["baom.convention"].with_user(self.officer_b)
        visible = Convention.search([("name", "!=", False)])
        self.assertIn(self.convention_b, visible)
        self.assertIn(self.convention_commune, visible, "the commune's own")
        self.assertNotIn(self.convention_a, visible, "another office's")
        self.assertNotIn(self.convention_c, visible)

    def test_supervisor_reads_supervised_offices_only(self):
        visible = self.env["baom.convention"].with_user(self.supervisor).search([])
        self.assertIn(self.convention_a, visible)
        self.assertIn(self.convention_b, visible)
        self.assertNotIn(self.convention_c, visible, "office C is not supervised")

    def test_other_company_conventions_stay_hidden(self):
        other = self.env["res.company"].create({"name": "Commune de Tiznit"})
        convention = self._new_convention(
            self.env["baom.office"], name="Tiznit", company_id=other.id
        )
        self.assertNotIn(
            convention, self.env["baom.convention"].with_user(self.officer_a).search([])
        )
        self.assertIn(
            convention, self.env["baom.convention"].with_user(self.network).search([])
        )

    def test_no_leak_through_search_read_group_name_search_and_export(self):
        export = self.env.ref("base.group_allow_export")
        self.officer_b.group_ids = [(4, export.id)]
        Convention = self.env["baom.convention"].with_user(self.officer_b)
        Obligation = self.env["baom.convention.obligation"].with_user(self.officer_b)
        names = [name for __, name in Convention.name_search("Founding")]
        self.assertIn("Founding B", names)
        self.assertNotIn("Founding A", names, "name_search of another office")
        groups = Convention.formatted_read_group([], ["office_id"], ["__count"])
        self.assertNotIn(
            self.office_a.id,
            [group["office_id"] and group["office_id"][0] for group in groups],
            "no group of office A",
        )
        self._new_obligation(self.convention_b, description="Provide an office")
        rows = Obligation.search([]).export_data(["description"])["datas"]
        self.assertIn(["Provide an office"], rows)
        self.assertNotIn(["Train the officer"], rows, "export of another office")
        with self.assertRaises(AccessError):
            self.convention_a.with_user(self.officer_b).read(["name"])
        with self.assertRaises(AccessError):
            self.convention_a.with_user(self.officer_b).export_data(["purpose"])
        for user in (self.portal, self.internal):
            with self.subTest(user=user.login):
                for method, args in (
                    ("search", [[]]),
                    ("name_search", ["Founding"]),
                    ("formatted_read_group", [[], ["office_id"], ["__count"]]),
                ):
                    with self.assertRaises(AccessError, msg=f"{user.login} {method}"):
                        getattr(self.env["baom.convention"].with_user(user), method)(
                            *args
                        )
                with self.assertRaises(AccessError):
                    self.convention_a.with_user(user).read(["name"])

    def test_report_of_another_office_is_refused(self):
        report = self.env["report.baom_referral.report_baom_convention"]
        with self.assertRaises(AccessError):
            report.with_user(self.officer_b)._get_report_values(self.convention_a.ids)
