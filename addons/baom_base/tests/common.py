from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, MissingError
from odoo.tests import HttpCase, TransactionCase, common, new_test_user

# What a refused operation raises: ACLs and record rules (MissingError when a
# rule hides the record). A business error (UserError, ValidationError) is not
# a denial: it propagates, so a "must not" cell never passes on a wrong fixture
# or on a check that happens to refuse the values rather than the user.
DENIED = (AccessError, MissingError)
VERBS = {"c": "create", "r": "read", "w": "write", "u": "delete"}


class BaomBaseCommon(TransactionCase):
    """Two offices, one user per role, and small builders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.officer_a = new_test_user(
            cls.env,
            "baom_officer_a",
            groups="baom_base.group_baom_officer",
            name="Officer A",
        )
        cls.officer_b = new_test_user(
            cls.env,
            "baom_officer_b",
            groups="baom_base.group_baom_officer",
            name="Officer B",
        )
        cls.backup_officer = new_test_user(
            cls.env,
            "baom_backup",
            groups="baom_base.group_baom_officer",
            name="Backup Officer",
        )
        cls.supervisor = new_test_user(
            cls.env,
            "baom_supervisor",
            groups="baom_base.group_baom_supervisor",
            name="Supervisor",
        )
        cls.network = new_test_user(
            cls.env,
            "baom_network",
            groups="baom_base.group_baom_network",
            name="Network",
        )
        cls.internal = new_test_user(
            cls.env, "baom_internal", groups="base.group_user", name="Commune clerk"
        )
        cls.admin = new_test_user(
            cls.env, "baom_admin", groups="base.group_system", name="IT admin"
        )
        cls.office_a = cls.env["baom.office"].create(
            {
                "name": "Office A",
                "code": "OFFA",
                "officer_ids": [(6, 0, cls.officer_a.ids)],
                "backup_officer_id": cls.backup_officer.id,
                "supervisor_ids": [(6, 0, cls.supervisor.ids)],
            }
        )
        cls.office_b = cls.env["baom.office"].create(
            {
                "name": "Office B",
                "code": "OFFB",
                "officer_ids": [(6, 0, cls.officer_b.ids)],
                "supervisor_ids": [(6, 0, cls.supervisor.ids)],
            }
        )
        cls.morocco = cls.env.ref("base.ma")
        cls.person_a = cls._new_beneficiary(
            cls.office_a,
            first_name="Fatima",
            last_name="Ait Brahim",
            name_ar="فاطمة آيت إبراهيم",
            phone="+212612345678",
            email="fatima@example.com",
        )
        cls.person_b = cls._new_beneficiary(
            cls.office_b,
            first_name="Mamadou",
            last_name="Diallo",
            gender="male",
            profile="tcn_transit",
        )

    @classmethod
    def _new_beneficiary(cls, office, **values):
        vals = {
            "first_name": "Khadija",
            "last_name": "Bouzid",
            "gender": "female",
            "birth_date": "1961-03-12",
            "nationality_id": cls.morocco.id,
            "profile": "rights_holder",
            "office_id": office.id,
            "consent_date": fields.Date.today(),
        }
        vals.update(values)
        return cls.env["baom.beneficiary"].create(vals)

    @classmethod
    def _new_household(cls, office, **values):
        return cls.env["baom.household"].create(
            dict({"name": "Family", "office_id": office.id}, **values)
        )

    def _count_queries(self, func):
        """SQL queries ``func`` runs, pending writes included (to show that a
        batch job's cost does not grow with the number of records)."""
        self.env.flush_all()
        self.env.cr.flush()
        start = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        self.env.cr.flush()
        return self.env.cr.sql_log_count - start

    @classmethod
    def _new_visit(cls, office, **values):
        return cls.env["baom.visit"].create(
            dict({"office_id": office.id, "channel": "walk_in"}, **values)
        )


class AccessMatrixMixin:
    """Perform every operation as every role on records of office A.

    Subclasses define ``_fixture(model)`` returning (record of office A, values
    to write, values to create in office A) and a ``users`` dict {role: user};
    ``_record_to_delete(model, record)`` may give another record of office A
    for the delete, when a business rule (not access) protects ``record``.
    """

    def _record_to_delete(self, model, record):
        return record

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
                    self._record_to_delete(model, record).with_user(user).unlink()
                    allowed = True
                self.env.flush_all()
            except DENIED:
                allowed = False
            savepoint.rollback()
        self.env.invalidate_all()
        return allowed

    def assertAccessMatrix(self, matrix):
        """Fail on any role x model x operation that differs from ``matrix``;
        a role missing from the matrix is a failure, never a skip."""
        for model, rights in matrix.items():
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


class BrowserCase(HttpCase):
    """HttpCase whose Chromium may take its time: a cold Debian Chromium can
    need more than Odoo's 10 s to open its devtools port on a busy 2-core
    machine, and Odoo then *skips* the browser test instead of failing it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(patch.object(common, "CHECK_BROWSER_ITERATIONS", 600))
