from odoo.tests import tagged

from .directory_common import BaomDirectoryCommon


@tagged("post_install", "-at_install")
class TestProcedure(BaomDirectoryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The chatter is what is under test here.
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.procedure = cls.procedure.with_env(cls.env)

    def _notes(self):
        return self.procedure.message_ids.mapped(
            lambda message: (
                str(message.body)
                + " ".join(
                    str(value.new_value_char or value.new_value_text or "")
                    for value in message.tracking_value_ids
                )
            )
        )

    def test_officer_edit_is_tracked_in_the_chatter(self):
        # Hooks left by the set-up (as the superuser) would author the message.
        self.env.cr.precommit.clear()
        self.procedure.with_user(self.officer_b).write(
            {"legal_references": "Franco-Moroccan convention of 9 July 1965"}
        )
        self.env.cr.flush()
        message = self.procedure.message_ids[:1]
        self.assertEqual(message.author_id, self.officer_b.partner_id)
        self.assertEqual(message.tracking_value_ids.field_id.name, "legal_references")

    def test_step_changes_are_told_in_the_chatter(self):
        sheet = self.procedure.with_user(self.officer_a)
        sheet.write({"step_ids": [(0, 0, {"name": "Send the life certificate"})]})
        step = sheet.step_ids.filtered(lambda s: s.name == "Send the life certificate")
        step.write({"name": "Send the life certificate every year"})
        sheet.write({"step_ids": [(2, step.id)]})
        notes = " | ".join(self._notes())
        self.assertIn("Step added: Send the life certificate", notes)
        self.assertIn("every year", notes)
        self.assertIn("Step removed: Send the life certificate every year", notes)

    def test_every_officer_reads_every_sheet(self):
        for user in (self.officer_a, self.officer_b, self.supervisor):
            with self.subTest(user=user.login):
                self.assertIn(
                    self.procedure,
                    self.env["baom.procedure"].with_user(user).search([]),
                )
