from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import BaomBaseCommon

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
    # Office A has people: even an administrator must archive it, not delete it.
    "baom.office": {
        "officer": "r",
        "backup": "r",
        "other_officer": "r",
        "supervisor": "r",
        "network": "crw",
        "internal": "",
        "admin": "crw",
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
DENIED = (AccessError, UserError, ValidationError)
VERBS = {"c": "create", "r": "read", "w": "write", "u": "delete"}


@tagged("post_install", "-at_install", "baom_security")
class TestSecurityMatrix(BaomBaseCommon):
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

    def _allowed(self, user, model, operation):
        record, write_vals, create_vals = self._fixture(model)
        with self.env.cr.savepoint() as savepoint:
            try:
                if operation == "r":
                    found = (
                        self.env[model].with_user(user).search([("id", "=", record.id)])
                    )
                    record.with_user(user).read(list(write_vals))
                    allowed = found == record
                elif operation == "w":
                    record.with_user(user).write(write_vals)
                    allowed = True
                elif operation == "c":
                    self.env[model].with_user(user).create(create_vals)
                    allowed = True
                else:
                    record.with_user(user).unlink()
                    allowed = True
                self.env.flush_all()
            except DENIED:
                allowed = False
            savepoint.rollback()
        self.env.invalidate_all()
        return allowed

    def test_access_matrix(self):
        for model, rights in MATRIX.items():
            for role, user in self.users.items():
                self.assertIn(role, rights, f"{model}: no expectation for {role}")
                for operation in "crwu":
                    expected = operation in rights[role]
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            self._allowed(user, model, operation),
                            expected,
                            f"{role} {'should' if expected else 'must not'} be able "
                            f"to {VERBS[operation]} {model} of office A",
                        )

    def test_supervisor_gets_access_error_not_empty_list(self):
        for model in ("baom.beneficiary", "baom.household", "baom.visit"):
            for user in (self.supervisor, self.network, self.internal):
                with self.subTest(model=model, user=user.login):
                    with self.assertRaises(
                        AccessError, msg=f"{user.login} must get an error on {model}"
                    ):
                        self.env[model].with_user(user).search([])
