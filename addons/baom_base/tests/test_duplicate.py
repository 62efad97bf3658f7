from odoo.tests import Form, tagged

from .common import BaomBaseCommon


@tagged("post_install", "-at_install")
class TestDuplicateWarning(BaomBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mohamed = cls._new_beneficiary(
            cls.office_a,
            first_name="Mohamed",
            last_name="Ait Ouahmane",
            gender="male",
            birth_date="1958-06-01",
        )

    def _draft(self, user, office, **values):
        form = Form(self.env["baom.beneficiary"].with_user(user))
        form.office_id = office
        for name, value in values.items():
            setattr(form, name, value)
        return form

    def test_variant_spelling_same_birth_date_warns(self):
        form = self._draft(
            self.officer_a,
            self.office_a,
            first_name="Mohammed",
            last_name="Aït Ouahmane",
            birth_date="1958-06-01",
        )
        self.assertIn(self.mohamed, form.duplicate_ids)

    def test_arabic_script_same_birth_date_warns(self):
        form = self._draft(
            self.officer_a,
            self.office_a,
            name_ar="محمد آيت واحمان",
            birth_date="1958-06-01",
        )
        self.assertIn(self.mohamed, form.duplicate_ids)

    def test_same_name_other_birth_date_does_not_warn(self):
        form = self._draft(
            self.officer_a,
            self.office_a,
            first_name="Mohamed",
            last_name="Ait Ouahmane",
            birth_date="1990-01-01",
        )
        self.assertNotIn(self.mohamed, form.duplicate_ids)

    def test_never_looks_in_another_office(self):
        form = self._draft(
            self.officer_b,
            self.office_b,
            first_name="Mohamed",
            last_name="Ait Ouahmane",
            birth_date="1958-06-01",
        )
        self.assertFalse(
            form.duplicate_ids, "Office B must not learn that office A knows him"
        )

    def test_name_search_understands_transliteration(self):
        Beneficiary = self.env["baom.beneficiary"].with_user(self.officer_a)
        for query in ("Mohammed", "Muhammad", "محمد", "ouahmane"):
            with self.subTest(query=query):
                self.assertIn(
                    self.mohamed.id,
                    [r[0] for r in Beneficiary.name_search(query)],
                )
