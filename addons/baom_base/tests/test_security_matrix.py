from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AccessMatrixMixin, BaomBaseCommon

# Expected rights on records of office A, written once: role -> operations allowed.
# "officer" works in office A, "backup" is its backup officer, "other_officer"
# works in office B only. Anything not listed must be refused.
PERSONAL = {
    "officer": "crw",
    "backup": "crw",
    "other_officer": "",
    "supervisor": "",
    "network": "",
    "internal": "",
    "admin": "crwu",
}
MATRIX = {
    "baom.beneficiary": PERSONAL,
    "baom.household": PERSONAL,
    "baom.visit": PERSONAL,
    "baom.household.abroad.member": dict(PERSONAL, officer="crwu", backup="crwu"),
    "baom.beneficiary.access.log": {
        "officer": "r",
        "backup": "r",
        "other_officer": "",
        "supervisor": "",
        "network": "",
        "internal": "",
        "admin": "ru",
    },
    # Only an administrator may delete an office, and only an empty one: an
    # office with people must be archived (test_visit, a business refusal).
    "baom.office": {
        "officer": "r",
        "backup": "r",
        "other_officer": "r",
        "supervisor": "r",
        "network": "crw",
        "internal": "",
        "admin": "crwu",
    },
    "baom.need.category": {
        "officer": "r",
        "backup": "r",
        "other_officer": "r",
        "supervisor": "r",
        "network": "crwu",
        "internal": "r",
        "admin": "crwu",
    },
}


@tagged("post_install", "-at_install", "baom_security")
class TestSecurityMatrix(AccessMatrixMixin, BaomBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.household_a = cls._new_household(cls.office_a, name="Family Ait Brahim")
        cls.abroad_a = cls.env["baom.household.abroad.member"].create(
            {
                "household_id": cls.household_a.id,
                "name": "Rachid Ait Brahim",
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        cls.visit_a = cls._new_visit(cls.office_a, beneficiary_id=cls.person_a.id)
        cls.log_a = cls.env["baom.beneficiary.access.log"].create(
            {"beneficiary_id": cls.person_a.id, "user_id": cls.officer_a.id}
        )
        cls.category = cls.env.ref("baom_base.baom_need_category_pension")
        cls.empty_office = cls.env["baom.office"].create(
            {
                "name": "Office E",
                "code": "OFFE",
                "officer_ids": [(6, 0, cls.officer_a.ids)],
                "backup_officer_id": cls.backup_officer.id,
                "supervisor_ids": [(6, 0, cls.supervisor.ids)],
            }
        )
        cls.users = {
            "officer": cls.officer_a,
            "backup": cls.backup_officer,
            "other_officer": cls.officer_b,
            "supervisor": cls.supervisor,
            "network": cls.network,
            "internal": cls.internal,
            "admin": cls.admin,
        }

    def _fixture(self, model):
        """(record of office A, values for write, values for create in office A)."""
        today = "2026-01-15"
        return {
            "baom.beneficiary": (
                self.person_a,
                {"note": "<p>updated</p>"},
                {
                    "first_name": "New",
                    "last_name": "Person",
                    "profile": "returnee",
                    "office_id": self.office_a.id,
                    "consent_date": today,
                },
            ),
            "baom.household": (
                self.household_a,
                {"address": "Douar Tamaait"},
                {"name": "Family X", "office_id": self.office_a.id},
            ),
            "baom.visit": (
                self.visit_a,
                {"duration": 0.5},
                {"office_id": self.office_a.id, "gender": "female"},
            ),
            "baom.household.abroad.member": (
                self.abroad_a,
                {"city": "Lyon"},
                {
                    "household_id": self.household_a.id,
                    "name": "Said",
                    "country_id": self.env.ref("base.es").id,
                },
            ),
            "baom.beneficiary.access.log": (
                self.log_a,
                {"access_date": "2026-01-01 10:00:00"},
                {"beneficiary_id": self.person_a.id, "user_id": self.officer_a.id},
            ),
            "baom.office": (
                self.office_a,
                {"opening_hours": "Mornings"},
                {"name": "Office Z", "code": "OFFZ"},
            ),
            "baom.need.category": (
                self.category,
                {"description": "Updated"},
                {"name": "New need"},
            ),
        }[model]

    def _record_to_delete(self, model, record):
        # Office A holds people: deleting it is refused by a business rule for
        # everyone; rights are checked on an office with the same members.
        return self.empty_office if model == "baom.office" else record

    def test_access_matrix(self):
        self.assertAccessMatrix(MATRIX)

    def test_supervisor_gets_access_error_not_empty_list(self):
        for model in ("baom.beneficiary", "baom.household", "baom.visit"):
            for user in (self.supervisor, self.network, self.internal):
                with self.subTest(model=model, user=user.login):
                    with self.assertRaises(
                        AccessError, msg=f"{user.login} must get an error on {model}"
                    ):
                        self.env[model].with_user(user).search([])
