import base64
import io
import zipfile

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .directory_common import BaomDirectoryCommon

SERVICE_FIELDS = (
    "name",
    "description",
    "eligibility",
    "application_process",
    "fees",
    "opening_hours",
    "area",
    "street",
    "street2",
    "city",
    "zip",
    "phone",
    "email",
    "website",
    "status",
    "verified_date",
)
PARTNER_FIELDS = ("name", "email", "website", "phone", "street", "city", "zip")


@tagged("post_install", "-at_install")
class TestHsdsExchange(BaomDirectoryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.services = cls.shared | cls.local_b
        cls.local_b.status = "temporarily_closed"

    def _snapshot(self, services):
        result = set()
        for service in services:
            values = tuple(str(service[field] or "") for field in SERVICE_FIELDS)
            partner = tuple(
                str(service.institution_id[field] or "") for field in PARTNER_FIELDS
            )
            result.add(
                (
                    values,
                    partner,
                    service.country_id.code,
                    tuple(sorted(service.need_category_ids.ids)),
                    tuple(sorted(service.document_type_ids.ids)),
                    tuple(sorted(service.language_ids.ids)),
                )
            )
        return result

    def _export(self, services):
        return services.with_user(self.network)._get_hsds_zip()

    def _import(self, data, user=None):
        wizard = (
            self.env["baom.hsds.import"]
            .with_user(user or self.network)
            .create({"file": base64.b64encode(data), "filename": "directory.zip"})
        )
        wizard.action_import()
        return wizard

    def _directory_count(self):
        return (
            self.env["baom.service"].with_context(active_test=False).search_count([]),
            self.env["res.partner"].with_context(active_test=False).search_count([]),
        )

    def test_export_through_the_wizard_gives_a_zip_of_hsds_files(self):
        wizard = self.env["baom.hsds.export"].with_user(self.officer_a).create({})
        wizard.action_export()
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.file))) as archive:
            names = set(archive.namelist())
            services = archive.read("service.csv").decode()
        self.assertLessEqual(
            {"organization.csv", "service.csv", "location.csv", "phone.csv"}, names
        )
        self.assertIn("schedule.csv", names)
        self.assertIn(self.shared.name, services)
        self.assertIn(self.local_a.name, services, "the officer's own local service")
        self.assertNotIn(self.local_b.name, services, "never another office's")

    def test_round_trip_into_an_empty_directory_gives_the_same_directory(self):
        before = self._snapshot(self.services)
        ids_before = set(self.services.mapped("hsds_id"))
        data = self._export(self.services)
        partners = self.services.institution_id
        self.services.unlink()
        self.local_a.unlink()
        partners.unlink()
        wizard = self._import(data)
        imported = self.env["baom.service"].search(
            [("hsds_id", "in", list(ids_before))]
        )
        self.assertEqual(len(imported), 2)
        self.assertEqual(self._snapshot(imported), before)
        self.assertEqual(wizard.created_count, 4, "2 institutions and 2 services")
        self.assertEqual(wizard.error_count, 0)
        self.assertTrue(
            all(service.office_ids == self.office_a.browse() for service in imported),
            "imported without an office: shared with the network",
        )

    def test_reimport_updates_and_never_duplicates(self):
        data = self._export(self.services)
        count = self._directory_count()
        self.shared.write({"phone": "+212000000000", "status": "inactive"})
        wizard = self._import(data)
        self.assertEqual(self._directory_count(), count, "nothing added")
        self.assertEqual(wizard.updated_count, 4)
        self.assertEqual(wizard.created_count, 0)
        self.assertEqual(self.shared.phone, "+212528000002", "restored from the file")
        self.assertEqual(self.shared.status, "active")
        self._import(data)
        self.assertEqual(self._directory_count(), count, "still nothing added")

    def test_malformed_zip_is_refused_with_a_clear_message_and_writes_nothing(self):
        count = self._directory_count()
        good = self._export(self.services)
        broken = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(good)) as source,
            zipfile.ZipFile(broken, "w") as target,
        ):
            for name in source.namelist():
                if name != "service.csv":
                    target.writestr(name, source.read(name))
        for data, words in (
            (b"not a zip at all", "not a zip"),
            (broken.getvalue(), "service.csv"),
        ):
            with self.subTest(words=words):
                with self.assertRaises(UserError) as error:
                    self._import(data)
                self.assertIn("Nothing was imported", str(error.exception))
                self.assertIn(words, str(error.exception))
                self.assertEqual(self._directory_count(), count)

    def test_bad_rows_are_reported_and_the_good_ones_imported(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(
                "organization.csv", "id,name\norg-1,Association Tadamoun\n"
            )
            archive.writestr(
                "service.csv",
                "id,organization_id,name,status\n"
                "srv-1,org-1,Accompaniment,active\n"
                "srv-2,org-404,Orphan,active\n"
                "srv-3,org-1,Odd,sleeping\n",
            )
        wizard = self._import(buffer.getvalue())
        report = {(line.file, line.line): line for line in wizard.line_ids}
        self.assertEqual(report["service.csv", 2].result, "created")
        self.assertEqual(report["service.csv", 3].result, "error")
        self.assertIn("org-404", report["service.csv", 3].message)
        self.assertEqual(report["service.csv", 4].result, "error")
        self.assertIn("sleeping", report["service.csv", 4].message)
        self.assertEqual(
            self.env["baom.service"].search_count(
                [("hsds_id", "in", ["srv-1", "srv-2", "srv-3"])]
            ),
            1,
        )

    def test_officer_cannot_import(self):
        with self.assertRaises(Exception) as error:
            self._import(self._export(self.services), user=self.officer_a)
        self.assertEqual(type(error.exception).__name__, "AccessError")

    def test_plain_user_cannot_import(self):
        for user in (self.internal, self.portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._import(self._export(self.services), user=user)

    def test_network_coordinator_keeps_institutions_never_people(self):
        Partner = self.env["res.partner"].with_user(self.network)
        institution = Partner.create({"name": "Association Amal", "is_company": True})
        institution.write({"phone": "+212528000009"})
        self.assertEqual(institution.phone, "+212528000009")
        contact = self.env["res.partner"].create(
            {"name": "Amal desk", "parent_id": institution.id}
        )
        contact.with_user(self.network).write({"email": "desk@amal.example"})
        person = self.env["res.partner"].create({"name": "Fatima Person"})
        denials = {
            "create a person": lambda: Partner.create({"name": "Someone"}),
            "edit a person": lambda: person.with_user(self.network).write(
                {"email": "x@example.com"}
            ),
            "edit the commune": lambda: self.env.company.partner_id.with_user(
                self.network
            ).write({"name": "Renamed"}),
            "delete an institution": lambda: institution.unlink(),
        }
        for what, action in denials.items():
            with self.subTest(what), self.assertRaises(AccessError):
                action()
        self.assertEqual(person.email, False)

    def test_officer_and_plain_user_cannot_create_institutions(self):
        for user in (self.officer_a, self.internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["res.partner"].with_user(user).create(
                    {"name": "Association Amal", "is_company": True}
                )

    def test_import_updates_an_institution_and_its_contacts_address(self):
        data = self._export(self.services)
        desk = self.env["res.partner"].create(
            {"name": "CNSS desk", "parent_id": self.cnss.id, "type": "contact"}
        )
        street = self.cnss.street
        self.cnss.street = "Old street"
        wizard = self._import(data)
        self.assertEqual(wizard.error_count, 0, wizard.line_ids.mapped("message"))
        self.assertEqual(self.cnss.street, street)
        self.assertEqual(desk.street, street, "the contact follows its institution")

    def test_import_never_overwrites_a_person(self):
        """An identifier carried by a person's contact: the row is refused and
        the person's contact stays as it was."""
        person = self.env["res.partner"].create(
            {"name": "Fatima Person", "baom_hsds_id": "org-person"}
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(
                "organization.csv", "id,name\norg-person,Association Tadamoun\n"
            )
            archive.writestr("service.csv", "id,organization_id,name,status\n")
        wizard = self._import(buffer.getvalue())
        self.assertEqual(wizard.line_ids.result, "error")
        self.assertEqual(person.name, "Fatima Person")
        self.assertFalse(person.is_company)
