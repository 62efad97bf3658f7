from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import BaomBaseCommon

TRANSFER_HINT = "Use the Transfer action"


@tagged("post_install", "-at_install", "baom_transfer")
class TestTransfer(BaomBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.household = cls._new_household(cls.office_a, name="Family Ait Brahim")
        cls.person_a.write(
            {"household_id": cls.household.id, "household_relation": "head"}
        )
        cls.child = cls._new_beneficiary(
            cls.office_a,
            first_name="Yassine",
            last_name="Ait Brahim",
            gender="male",
            birth_date="2012-04-02",
            household_id=cls.household.id,
            household_relation="child",
        )
        cls.abroad = cls.env["baom.household.abroad.member"].create(
            {
                "household_id": cls.household.id,
                "name": "Brahim Ait Brahim",
                "relation": "spouse",
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        cls.visit = cls._new_visit(cls.office_a, beneficiary_id=cls.person_a.id)

    def _wizard(self, user, person=None, **values):
        person = person or self.person_a
        vals = {
            "beneficiary_id": person.id,
            "office_id": (
                self.office_a if person == self.person_b else self.office_b
            ).id,
            "reason": "Moved to the town of office B",
            "consent": True,
        }
        vals.update(values)
        return self.env["baom.beneficiary.transfer"].with_user(user).create(vals)

    def _assert_still_in_office_a(self):
        self.env.invalidate_all()
        moving = (
            self.person_a | self.child,
            self.household,
            self.abroad,
            self.visit,
        )
        for records in moving:
            self.assertEqual(
                records.office_id, self.office_a, f"{records} must not have moved"
            )

    # ------------------------------------------------------------
    # plain writes are refused
    # ------------------------------------------------------------

    def test_officer_cannot_move_records_by_writing_the_office(self):
        for record in (self.person_a, self.household, self.abroad, self.visit):
            with self.subTest(model=record._name):
                with self.assertRaises(UserError) as refusal:
                    record.with_user(self.officer_a).write(
                        {"office_id": self.office_b.id}
                    )
                self.assertIn(
                    "Transfer action", str(refusal.exception), "Says what to do"
                )
        self._assert_still_in_office_a()

    def test_administrator_also_goes_through_the_transfer(self):
        with self.assertRaisesRegex(UserError, TRANSFER_HINT):
            self.person_a.with_user(self.admin).write({"office_id": self.office_b.id})
        with self.assertRaisesRegex(UserError, TRANSFER_HINT):
            self.household.with_user(self.admin).office_id = self.office_b
        self._assert_still_in_office_a()

    def test_a_context_key_does_not_open_the_guard(self):
        person = self.person_a.with_user(self.officer_a).with_context(
            baom_transfer=True
        )
        with self.assertRaisesRegex(UserError, TRANSFER_HINT):
            person.write({"office_id": self.office_b.id})
        self._assert_still_in_office_a()

    def test_writing_the_same_office_again_is_harmless(self):
        person = self.person_a.with_user(self.officer_a)
        person.write({"office_id": self.office_a.id, "phone": "+212600000000"})
        self.assertEqual(person.phone, "+212600000000")

    def test_visit_refusal_says_visits_stay_in_their_register(self):
        with self.assertRaisesRegex(UserError, "stays in the register"):
            self.visit.with_user(self.officer_a).office_id = self.office_b

    # ------------------------------------------------------------
    # the wizard
    # ------------------------------------------------------------

    def test_wizard_lists_the_household_members_who_move(self):
        form = Form(
            self.env["baom.beneficiary.transfer"]
            .with_user(self.officer_a)
            .with_context(active_model="baom.beneficiary", active_id=self.person_a.id)
        )
        self.assertEqual(form.beneficiary_id, self.person_a)
        self.assertEqual(form.source_office_id, self.office_a)
        self.assertTrue(form.include_household, "On by default with a household")
        self.assertEqual(form.member_ids[:], self.child)
        # The officer's today, in the officer's time zone (around midnight
        # it is not the server's).
        self.assertEqual(
            form.consent_date,
            fields.Date.context_today(self.person_a.with_user(self.officer_a)),
        )
        form.include_household = False
        self.assertFalse(form.member_ids[:], "Nobody else moves")

    def test_transfer_moves_person_and_household_in_one_step(self):
        self._wizard(self.officer_a).action_transfer()
        self.env.invalidate_all()
        for record in (self.person_a, self.child, self.household, self.abroad):
            self.assertEqual(record.office_id, self.office_b, f"{record} moved")
        self.assertEqual(self.person_a.household_id, self.household)
        self.assertEqual(self.child.household_relation, "child", "Relations kept")
        self.assertEqual(
            self.visit.office_id,
            self.office_a,
            "A visit stays in the register of the office where it happened",
        )

    def test_transfer_without_household_leaves_it_behind(self):
        self._wizard(self.officer_a, include_household=False).action_transfer()
        self.assertEqual(self.person_a.office_id, self.office_b)
        self.assertFalse(self.person_a.household_id, "She left the household")
        self.assertEqual(self.household.office_id, self.office_a)
        self.assertEqual(self.child.office_id, self.office_a)
        self.assertEqual(self.household.member_ids, self.child)

    def test_reason_is_required(self):
        wizard = self._wizard(self.officer_a, reason="   ")
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_transfer()
        self._assert_still_in_office_a()

    def test_consent_is_required(self):
        wizard = self._wizard(self.officer_a, consent=False)
        with self.assertRaisesRegex(UserError, "must agree to the transfer"):
            wizard.action_transfer()
        self._assert_still_in_office_a()

    def test_consent_cannot_be_dated_in_the_future(self):
        tomorrow = fields.Date.add(fields.Date.context_today(self.person_a), days=1)
        wizard = self._wizard(self.officer_a, consent_date=tomorrow)
        with self.assertRaisesRegex(UserError, "future"):
            wizard.action_transfer()
        self._assert_still_in_office_a()

    def test_transfer_to_another_commune_is_refused(self):
        company = self.env["res.company"].create({"name": "Another commune"})
        office = self.env["baom.office"].create(
            {"name": "Office C", "code": "OFFC", "company_id": company.id}
        )
        self.admin.company_ids |= company
        wizard = self._wizard(self.admin, office_id=office.id)
        with self.assertRaisesRegex(UserError, "same commune"):
            wizard.with_context(
                allowed_company_ids=(self.env.company | company).ids
            ).action_transfer()
        self._assert_still_in_office_a()

    def test_receiving_officers_get_a_to_do(self):
        self.office_b.backup_officer_id = self.backup_officer
        self._wizard(self.officer_a).action_transfer()
        activities = self.person_a.activity_ids
        self.assertEqual(
            activities.user_id,
            self.officer_b | self.backup_officer,
            "Each officer of the receiving office is told",
        )
        self.assertIn("Office A", activities[0].summary)
        self.assertIn("Office B", str(activities[0].note))
        self.assertNotIn(
            "Moved to the town",
            str(activities[0].note),
            "The reason stays in the chatter, out of notification e-mails",
        )
        self.assertTrue(
            self.person_a.with_user(self.officer_b).activity_ids,
            "The receiving officer opens the activity",
        )

    def test_chatters_and_access_log_keep_the_trace(self):
        self._wizard(self.officer_a).action_transfer()
        for record in (self.person_a, self.child, self.household):
            note = record.message_ids[:1]
            self.assertIn("Moved to the town of office B", str(note.body))
            self.assertIn("Office A", str(note.body))
            self.assertIn("agreed to the transfer", str(note.body))
            self.assertEqual(note.author_id, self.officer_a.partner_id)
        logs = self.env["baom.beneficiary.access.log"].search(
            [("access_type", "=", "transfer")]
        )
        self.assertEqual(logs.beneficiary_id, self.person_a | self.child)
        self.assertEqual(logs.user_id, self.officer_a)

    def test_source_officer_loses_sight_and_receiving_officer_sees(self):
        self.person_a.message_subscribe(partner_ids=self.officer_a.partner_id.ids)
        self._wizard(self.officer_a).action_transfer()
        self.env.invalidate_all()
        Person = self.env["baom.beneficiary"]
        self.assertFalse(
            Person.with_user(self.officer_a).search([("id", "=", self.person_a.id)])
        )
        with self.assertRaises(AccessError, msg="Office A no longer reads her"):
            self.person_a.with_user(self.officer_a).read(["name"])
        with self.assertRaises(AccessError, msg="...nor her household"):
            self.household.with_user(self.officer_a).read(["name"])
        self.assertNotIn(
            self.officer_a.partner_id,
            self.person_a.message_partner_ids,
            "Office A's officer no longer receives news of the file",
        )
        self.assertEqual(
            Person.with_user(self.officer_b).search(
                [("household_id", "=", self.household.id)]
            ),
            self.person_a | self.child,
        )
        self.assertEqual(
            self.visit.with_user(self.officer_a).office_id,
            self.office_a,
            "Office A keeps its register line",
        )

    def test_officer_of_another_office_cannot_transfer(self):
        with self.assertRaises(AccessError):
            self._wizard(self.officer_b).action_transfer()
        self._assert_still_in_office_a()

    def test_wizard_shows_nothing_of_a_person_of_another_office(self):
        own = self._wizard(self.officer_b, person=self.person_b)
        with self.assertRaises(AccessError):
            own.write({"beneficiary_id": self.person_a.id})
        with self.assertRaises(AccessError):
            Form(
                self.env["baom.beneficiary.transfer"]
                .with_user(self.officer_b)
                .with_context(
                    active_model="baom.beneficiary", active_id=self.person_a.id
                )
            ).save()

    def test_supervisor_cannot_transfer(self):
        with self.assertRaises(AccessError):
            self._wizard(self.supervisor).action_transfer()
        self._assert_still_in_office_a()

    def test_transferred_file_can_be_merged_in_its_new_office(self):
        self._wizard(self.officer_a, include_household=False).action_transfer()
        twin = self._new_beneficiary(
            self.office_b, first_name="Fatema", last_name="Ait Brahim"
        )
        merge = (
            self.env["baom.beneficiary.merge"]
            .with_user(self.officer_b)
            .create(
                {
                    "beneficiary_ids": [(6, 0, (twin | self.person_a).ids)],
                    "target_id": twin.id,
                }
            )
        )
        merge.action_merge()
        self.assertEqual(self.visit.beneficiary_id, twin, "Her history follows")
        self.assertEqual(self.visit.office_id, self.office_a, "In A's register")

    def test_officer_cannot_link_a_visit_to_a_person_of_another_office(self):
        with self.assertRaisesRegex(
            ValidationError, "office that registered the person"
        ):
            self.visit.with_user(self.officer_a).beneficiary_id = self.person_b
