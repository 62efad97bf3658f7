from odoo.tests import TransactionCase, new_test_user, tagged

from .common import BrowserCase

# Runs in the officer's browser: the Arabic interface must be laid out right to
# left (the stylesheets turned by rtlcss), not only flagged as Arabic.
RIGHT_TO_LEFT_CHECK = """
const navbar = document.querySelector(".o_main_navbar");
const apps = navbar.querySelector(".o_navbar_apps_menu");
const systray = navbar.querySelector(".o_menu_systray");
const width = document.documentElement.clientWidth;
const direction = getComputedStyle(navbar).direction;
if (!document.body.classList.contains("o_rtl") || direction !== "rtl") {
    throw new Error(`the page is not right to left (direction: ${direction})`);
}
if (apps.getBoundingClientRect().left < width / 2) {
    throw new Error("the apps menu should stand at the right edge in Arabic");
}
if (systray.getBoundingClientRect().right > width / 2) {
    throw new Error("the systray should stand at the left edge in Arabic");
}
console.log("test successful");
"""


@tagged("post_install", "-at_install", "baom_base")
class TestBaomLanguages(TransactionCase):
    def test_french_and_arabic_installed_with_their_translations(self):
        """What the demo database runs at install, run here on any database:
        French and Arabic active, every module's translations loaded, and
        officers can work in either."""
        Lang = self.env["res.lang"].with_context(active_test=False)
        if not self.env["ir.module.module"]._get("baom_base").demo:
            # Installing the addons into an existing database leaves its
            # languages to the administrator (the README says how to add them).
            self.assertFalse(
                Lang.search(
                    [("code", "in", ["fr_FR", "ar_001"]), ("active", "=", True)]
                ),
                "no language is installed behind their back",
            )
        languages = self.env["res.lang"]._install_baom_languages()
        self.assertEqual(sorted(languages.mapped("code")), ["ar_001", "fr_FR"])
        self.assertTrue(all(languages.mapped("active")), "both languages active")
        # Translations of the installed modules are loaded, not only the language.
        menu = self.env.ref("base.menu_administration")
        self.assertEqual(menu.with_context(lang="fr_FR").name, "Paramètres")
        self.assertEqual(menu.with_context(lang="ar_001").name, "الإعدادات")
        need = self.env.ref("baom_base.baom_need_category_survivor_pension")
        self.assertEqual(
            need.with_context(lang="fr_FR").display_name,
            "Droits sociaux / Pension de réversion",
        )
        officers = {
            code: new_test_user(
                self.env,
                f"baom_lang_officer_{code}",
                groups="baom_base.group_baom_officer",
                lang=code,
            )
            for code in ("fr_FR", "ar_001")
        }
        for code, officer in officers.items():
            with self.subTest(code):
                self.assertEqual(officer.lang, code)
                # What the officer's requests run with: their own language.
                context = officer.with_user(officer).context_get()
                self.assertEqual(context["lang"], code)
                self.assertEqual(
                    need.with_user(officer).with_context(**context).name,
                    {"fr_FR": "Pension de réversion", "ar_001": "معاش المتوفى عنهم"}[
                        code
                    ],
                )


@tagged("post_install", "-at_install", "baom_base")
class TestHomeAction(TransactionCase):
    def test_officers_and_supervisors_land_on_their_offices(self):
        dashboard = self.env.ref("baom_base.baom_office_action_dashboard")
        officer = new_test_user(
            self.env, "baom_home_officer", groups="baom_base.group_baom_officer"
        )
        supervisor = new_test_user(
            self.env, "baom_home_supervisor", groups="baom_base.group_baom_supervisor"
        )
        self.assertEqual(officer.action_id.id, dashboard.id)
        self.assertEqual(supervisor.action_id.id, dashboard.id)

    def test_a_chosen_home_action_is_kept(self):
        clerk = new_test_user(self.env, "baom_home_clerk", groups="base.group_user")
        self.assertFalse(clerk.action_id, "no BAOM group, no BAOM home")
        own_home = self.env.ref("base.action_res_users")
        clerk.action_id = own_home.id
        clerk.group_ids |= self.env.ref("baom_base.group_baom_officer")
        self.assertEqual(clerk.action_id.id, own_home.id)


@tagged("post_install", "-at_install", "baom_base")
class TestArabicRightToLeft(BrowserCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.officer = new_test_user(
            cls.env,
            "baom_arabic_officer",
            groups="baom_base.group_baom_officer",
            lang="ar_001",
        )
        cls.env["baom.office"].create(
            {"name": "Office RTL", "code": "RTL", "officer_ids": cls.officer.ids}
        )

    def test_arabic_dashboard_is_laid_out_right_to_left(self):
        self.browser_js(
            "/odoo/action-baom_base.baom_office_action_dashboard",
            RIGHT_TO_LEFT_CHECK,
            ready="!!document.querySelector('.o_kanban_view .o_kanban_record')",
            login=self.officer.login,
        )


@tagged("post_install", "-at_install", "baom_base")
class TestShippedTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("fr_FR", "ar_001"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(
            ["baom_base"], ["fr_FR", "ar_001"], overwrite=True
        )

    def test_need_categories_read_in_the_user_language(self):
        need = self.env.ref("baom_base.baom_need_category_survivor_pension")
        self.assertEqual(
            need.with_context(lang="fr_FR").display_name,
            "Droits sociaux / Pension de réversion",
        )
        arabic = need.with_context(lang="ar_001").display_name
        self.assertTrue(arabic.startswith("الحقوق الاجتماعية / "), arabic)
        self.assertEqual(need.display_name, "Social rights / Survivor's pension")

    def test_need_categories_are_found_by_their_french_name(self):
        Need = self.env["baom.need.category"].with_context(lang="fr_FR")
        found = Need.name_search("réversion")
        self.assertIn(
            self.env.ref("baom_base.baom_need_category_survivor_pension").id,
            [need_id for need_id, _name in found],
        )


@tagged("post_install", "-at_install", "baom_base")
class TestArabicReportText(TransactionCase):
    """wkhtmltopdf neither wraps an Arabic paragraph nor measures a mark glued
    to an Arabic word: printed reports give it each word and mark apart."""

    def _render(self, text, direction, **values):
        return str(
            self.env["ir.qweb"]._render(
                "baom_base.report_baom_text",
                {"text": text, "direction": direction, **values},
            )
        )

    def test_right_to_left_text_is_printed_word_by_word(self):
        self.assertEqual(
            self._render("أي معطيات شخصية. (AMO)", "rtl"),
            "<span>أي</span> <span>معطيات</span> <span>شخصية</span><span>.</span> "
            "<span>(</span><span>AMO</span><span>)</span>",
        )

    def test_lines_stay_lines_only_when_asked(self):
        self.assertEqual(
            self._render("من الاثنين\nإلى الجمعة", "rtl", keep_lines=True),
            "<span>من</span> <span>الاثنين</span><br/><span>إلى</span> "
            "<span>الجمعة</span>",
        )
        self.assertNotIn("<br", self._render("من الاثنين\nإلى الجمعة", "rtl"))

    def test_left_to_right_text_is_printed_as_it_is(self):
        text = "Figures count people, not names: <no markup>."
        self.assertEqual(
            self._render(text, "ltr"),
            "Figures count people, not names: &lt;no markup&gt;.",
        )
        self.assertIn("&lt;no</span>", self._render("<no markup>", "rtl"))
