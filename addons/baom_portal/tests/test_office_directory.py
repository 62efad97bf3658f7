from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOfficeDirectory(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env,
            "tiznit_officer",
            groups="baom_base.group_baom_officer",
            name="Rachida Amzil",
            email="rachida.amzil@example.com",
        )
        cls.backup = new_test_user(
            cls.env,
            "tiznit_backup",
            groups="baom_base.group_baom_officer",
            name="Youssef Ouali",
        )
        cls.supervisor = new_test_user(
            cls.env,
            "tiznit_supervisor",
            groups="baom_base.group_baom_supervisor",
            name="Karim Bennani",
        )
        cls.language = cls.env["baom.language"].search([], limit=1)
        cls.profile = cls.env["baom.profile"].search([], limit=1)
        cls.office = cls.env["baom.office"].create(
            {
                "name": "BAOM Tiznit Test",
                "code": "TIZT",
                "commune": "Tiznit",
                "phone": "+212528000000",
                "email": "baom.tiznit@example.com",
                "opening_hours": "Mon-Fri 8:30-16:30",
                "language_ids": [(6, 0, cls.language.ids)],
                "profile_ids": [(6, 0, cls.profile.ids)],
                "officer_ids": [(6, 0, cls.officer.ids)],
                "backup_officer_id": cls.backup.id,
                "supervisor_ids": [(6, 0, cls.supervisor.ids)],
                "note": "<p>Internal: difficult file pending</p>",
            }
        )

    def _directory(self):
        response = self.url_open("/baom/offices")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_visitor_finds_where_and_when_to_go(self):
        page = self._directory()
        # Names of the shared lists are shown in the page's language.
        lang = page.split('<html lang="')[1].split('"')[0].replace("-", "_")
        for shown in (
            "BAOM Tiznit Test",
            "Tiznit",
            "Mon-Fri 8:30-16:30",
            "+212528000000",
            "baom.tiznit@example.com",
            self.language.with_context(lang=lang).name,
            self.profile.with_context(lang=lang).name,
        ):
            self.assertIn(shown, page, f"A visitor needs {shown!r}")

    def test_directory_never_names_a_person(self):
        page = self._directory()
        self.assertIn("BAOM Tiznit Test", page)
        for hidden in (
            "Rachida Amzil",
            "rachida.amzil@example.com",
            "Youssef Ouali",
            "Karim Bennani",
            "difficult file pending",
        ):
            self.assertNotIn(hidden, page, f"The public page must not show {hidden!r}")

    def test_archived_office_is_not_listed(self):
        open_office = self.env["baom.office"].create(
            {"name": "BAOM Sidi Ifni Test", "code": "SIFT"}
        )
        self.office.action_archive()
        page = self._directory()
        self.assertIn(open_office.name, page)
        self.assertNotIn("BAOM Tiznit Test", page, "A closed office is not listed")

    def test_no_open_office_says_so(self):
        self.env["baom.office"].search([]).action_archive()
        self.assertIn("o_baom_no_office", self._directory())

    def test_office_text_is_shown_as_text(self):
        self.office.name = "BAOM <b>Tiznit</b>"
        page = self._directory()
        self.assertIn("BAOM &lt;b&gt;Tiznit&lt;/b&gt;", page)
        self.assertNotIn("<b>Tiznit</b>", page)

    def test_logged_in_user_sees_the_same_directory(self):
        portal = new_test_user(self.env, "tiznit_portal", groups="base.group_portal")
        self.authenticate(portal.login, portal.login)
        page = self._directory()
        self.assertIn("BAOM Tiznit Test", page)
        self.assertNotIn("Rachida Amzil", page)

    def test_offices_stay_unreadable_outside_the_page(self):
        """The page reads offices with sudo; the public and portal users must
        not reach them (nor their staff) through the ORM or RPC."""
        portal = new_test_user(self.env, "tiznit_portal2", groups="base.group_portal")
        for user in (self.env.ref("base.public_user"), portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["baom.office"].with_user(user).search_read(
                    [], ["name", "officer_ids"]
                )

    def test_directory_search_by_commune_and_language(self):
        other = self.env["baom.office"].create(
            {"name": "BAOM Sidi Ifni Test", "code": "SIFT", "commune": "Sidi Ifni"}
        )
        page = self.url_open("/baom/offices?search=tiznit").text
        self.assertIn("BAOM Tiznit Test", page)
        self.assertNotIn(other.name, page)
        page = self.url_open(f"/baom/offices?language={self.language.id}").text
        self.assertIn("BAOM Tiznit Test", page)
        self.assertNotIn(other.name, page, "Sidi Ifni speaks no listed language")
        self.assertIn("openstreetmap.org/search", page, "A map link per office")
        self.assertIn(f"/baom/request?office_id={self.office.id}", page)


@tagged("post_install", "-at_install")
class TestServiceGuide(HttpCase):
    def test_guide_lists_active_services_and_no_person(self):
        institution = self.env["res.partner"].create(
            {"name": "CNSS Agadir Test", "is_company": True}
        )
        Service = self.env["baom.service"]
        Service.create(
            {
                "name": "Survivor's pension Test",
                "institution_id": institution.id,
                "phone": "+212528840000",
                "opening_hours": "Mon-Fri 8:30-16:30",
            }
        )
        Service.create(
            {
                "name": "Closed service Test",
                "institution_id": institution.id,
                "status": "defunct",
            }
        )
        response = self.url_open("/baom/guide")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Survivor&#39;s pension Test", page)
        self.assertIn("+212528840000", page)
        self.assertNotIn("Closed service Test", page, "Only published services")
        self.assertNotIn(
            "Closed service Test", self.url_open("/baom/guide?search=closed").text
        )

    def test_guide_hides_services_local_to_an_office(self):
        office = self.env["baom.office"].create(
            {"name": "BAOM Guide Test", "code": "GDT"}
        )
        institution = self.env["res.partner"].create(
            {"name": "Local association Test", "is_company": True}
        )
        self.env["baom.service"].create(
            {
                "name": "Local literacy class Test",
                "institution_id": institution.id,
                "office_ids": office.ids,
            }
        )
        self.assertNotIn("Local literacy class Test", self.url_open("/baom/guide").text)
