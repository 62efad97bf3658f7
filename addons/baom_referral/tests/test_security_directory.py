from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.baom_base.tests.common import DENIED, AccessMatrixMixin

from .directory_common import BaomDirectoryCommon

# Rights on the records of office A (c)reate (r)ead (w)rite (u)nlink.
# "officer" works in office A, "other_officer" in office B only, "supervisor"
# supervises both. Anything not listed must be refused.
LOCAL_MATRIX = {
    "baom.service": {
        "officer": "crw",
        "other_officer": "",
        "supervisor": "r",
        "network": "crwu",
        "internal": "",
        "portal": "",
        "admin": "crwu",
    },
    "baom.procedure": {
        "officer": "rw",
        "other_officer": "rw",
        "supervisor": "r",
        "network": "crwu",
        "internal": "",
        "portal": "",
        "admin": "crwu",
    },
    "baom.procedure.step": {
        "officer": "crwu",
        "other_officer": "crwu",
        "supervisor": "r",
        "network": "crwu",
        "internal": "",
        "portal": "",
        "admin": "crwu",
    },
}
# The services the network shares: officers read, only the network edits.
SHARED_MATRIX = {
    "baom.service": {
        "officer": "r",
        "other_officer": "r",
        "supervisor": "r",
        "network": "crwu",
        "internal": "",
        "portal": "",
        "admin": "crwu",
    },
}


@tagged("post_install", "-at_install", "baom_security")
class TestDirectorySecurity(AccessMatrixMixin, BaomDirectoryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "officer": cls.officer_a,
            "other_officer": cls.officer_b,
            "supervisor": cls.supervisor,
            "network": cls.network,
            "internal": cls.internal,
            "portal": cls.portal,
            "admin": cls.admin,
        }
        cls.shared_scope = False

    def _fixture(self, model):
        if model == "baom.service" and self.shared_scope:
            return (
                self.shared,
                {"phone": "+212528999999"},
                {
                    "name": "New shared",
                    "institution_id": self.cnss.id,
                    "office_ids": [(5, 0, 0)],
                },
            )
        return {
            "baom.service": (
                self.local_a,
                {"phone": "+212528999999"},
                {
                    "name": "New local",
                    "institution_id": self.cnss.id,
                    "office_ids": [(6, 0, self.office_a.ids)],
                },
            ),
            "baom.procedure": (
                self.procedure,
                {"legal_references": "Decree 2.25.1"},
                {"name": "Another sheet"},
            ),
            "baom.procedure.step": (
                self.procedure.step_ids,
                {"description": "Bring copies"},
                {"procedure_id": self.procedure.id, "name": "Call the fund"},
            ),
        }[model]

    def test_access_matrix_local_services_and_procedures(self):
        self.assertAccessMatrix(LOCAL_MATRIX)

    def test_access_matrix_shared_services(self):
        self.shared_scope = True
        self.assertAccessMatrix(SHARED_MATRIX)

    def test_other_office_finds_no_trace_of_a_local_service(self):
        Service = self.env["baom.service"].with_user(self.officer_b)
        name = self.local_a.name
        self.assertFalse(Service.search([("name", "=", name)]))
        self.assertFalse(Service.name_search(name))
        counts = dict(Service._read_group([], ["institution_id"], ["__count"]))
        self.assertEqual(
            counts.get(self.anapec), 1, "Only office B's own local service counts"
        )
        self.officer_b.group_ids += self.env.ref("base.group_allow_export")
        try:
            exported = self.local_a.with_user(self.officer_b).export_data(["name"])
        except DENIED:
            exported = None
        self.assertIsNone(exported, "Not even by exporting it by id")
        self.assertEqual(self.cnss.with_user(self.officer_b).baom_service_count, 1)
        self.assertEqual(
            self.anapec.with_user(self.officer_b).baom_service_count,
            1,
            "The partner's smart button counts what the officer sees",
        )

    def test_officer_cannot_promote_a_local_service(self):
        with self.assertRaises(AccessError):
            self.local_a.with_user(self.officer_a).action_promote_to_network()
        self.assertEqual(self.local_a.office_ids, self.office_a)

    def test_portal_and_public_see_nothing_of_the_guide(self):
        public = self.env.ref("base.public_user")
        for user in (self.portal, public):
            for record in (self.shared, self.procedure):
                with self.subTest(user=user.login, model=record._name):
                    with self.assertRaises(AccessError):
                        record.with_user(user).read(["name"])
                    with self.assertRaises(AccessError):
                        self.env[record._name].with_user(user).search_count([])
