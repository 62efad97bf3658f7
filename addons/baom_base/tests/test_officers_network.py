from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import BaomBaseCommon


@tagged("post_install", "-at_install", "baom_officers_network")
class TestOfficersNetwork(BaomBaseCommon):
    """The officers' network channel: who is in it, and no beneficiary there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel = cls.env.ref("baom_base.discuss_channel_officers_network")

    def _members(self):
        return self.channel.sudo().channel_member_ids.partner_id

    def _new_officer(self, login):
        return new_test_user(
            self.env, login, groups="baom_base.group_baom_officer", name=login.title()
        )

    # ------------------------------------------------------------
    # MEMBERSHIP
    # ------------------------------------------------------------

    def test_officers_and_coordinator_are_members(self):
        members = self._members()
        for user in (self.officer_a, self.officer_b, self.backup_officer, self.network):
            self.assertIn(user.partner_id, members, f"{user.name} must be a member")
        for user in (self.supervisor, self.internal, self.admin):
            self.assertNotIn(
                user.partner_id, members, f"{user.name} must not be a member"
            )

    def test_officer_joins_when_assigned_and_leaves_when_removed(self):
        newcomer = self._new_officer("baom_newcomer")
        self.assertNotIn(
            newcomer.partner_id,
            self._members(),
            "An officer without an office is not in the network yet",
        )
        self.office_a.write({"officer_ids": [Command.link(newcomer.id)]})
        self.assertIn(newcomer.partner_id, self._members())
        self.office_a.write({"officer_ids": [Command.unlink(newcomer.id)]})
        self.assertNotIn(newcomer.partner_id, self._members())

    def test_officer_of_two_offices_stays_while_one_remains(self):
        self.office_b.write({"officer_ids": [Command.link(self.officer_a.id)]})
        self.office_a.write({"officer_ids": [Command.unlink(self.officer_a.id)]})
        self.assertIn(
            self.officer_a.partner_id,
            self._members(),
            "Still officer of office B: stays in the network",
        )
        self.office_b.write({"officer_ids": [Command.unlink(self.officer_a.id)]})
        self.assertNotIn(self.officer_a.partner_id, self._members())

    def test_backup_officer_follows_the_office(self):
        self.office_a.backup_officer_id = False
        self.assertNotIn(self.backup_officer.partner_id, self._members())
        self.office_b.backup_officer_id = self.backup_officer
        self.assertIn(self.backup_officer.partner_id, self._members())

    def test_batch_of_offices_and_officers(self):
        officers = [self._new_officer(f"baom_batch_{index}") for index in range(4)]
        offices = self.env["baom.office"].create(
            [
                {
                    "name": f"Batch office {index}",
                    "code": f"BATCH{index}",
                    "officer_ids": [Command.set([officers[index].id])],
                }
                for index in range(3)
            ]
        )
        members = self._members()
        for officer in officers[:3]:
            self.assertIn(officer.partner_id, members)
        self.assertNotIn(officers[3].partner_id, members)
        # One write over the three offices: swap every officer for the fourth.
        offices.write({"officer_ids": [Command.set([officers[3].id])]})
        members = self._members()
        self.assertIn(officers[3].partner_id, members)
        for officer in officers[:3]:
            self.assertNotIn(officer.partner_id, members)

    def test_archived_or_deleted_office_releases_its_officers(self):
        newcomer = self._new_officer("baom_archived_office")
        office = self.env["baom.office"].create(
            {"name": "Closing", "code": "CLOSE", "officer_ids": [(6, 0, newcomer.ids)]}
        )
        self.assertIn(newcomer.partner_id, self._members())
        office.action_archive()
        self.assertNotIn(newcomer.partner_id, self._members())
        office.action_unarchive()
        self.assertIn(newcomer.partner_id, self._members())
        office.unlink()
        self.assertNotIn(newcomer.partner_id, self._members())

    def test_coordinator_group_grants_and_revokes(self):
        user = new_test_user(
            self.env, "baom_future_coordinator", groups="base.group_user"
        )
        self.assertNotIn(user.partner_id, self._members())
        network_group = self.env.ref("baom_base.group_baom_network")
        user.write({"group_ids": [Command.link(network_group.id)]})
        self.assertIn(user.partner_id, self._members())
        user.write({"group_ids": [Command.unlink(network_group.id)]})
        self.assertNotIn(user.partner_id, self._members())

    def test_officer_who_loses_the_group_or_is_archived_leaves(self):
        officer_group = self.env.ref("baom_base.group_baom_officer")
        self.office_a.write({"officer_ids": [Command.link(self.officer_b.id)]})
        self.officer_b.write({"group_ids": [Command.unlink(officer_group.id)]})
        self.assertNotIn(self.officer_b.partner_id, self._members())
        self.officer_a.action_archive()
        self.assertNotIn(self.officer_a.partner_id, self._members())

    def test_resync_is_idempotent_and_repairs(self):
        self.channel.sudo().channel_member_ids.filtered(
            lambda member: member.partner_id == self.officer_a.partner_id
        ).unlink()
        users = self.env["res.users"]
        users._sync_baom_officers_network_all()
        users._sync_baom_officers_network_all()
        members = self.channel.sudo().channel_member_ids
        self.assertIn(self.officer_a.partner_id, members.partner_id)
        self.assertEqual(
            len(members), len(members.partner_id), "No member twice after two syncs"
        )

    # ------------------------------------------------------------
    # WHO CAN READ IT
    # ------------------------------------------------------------

    def test_only_officers_and_coordinator_read_the_channel(self):
        for user in (self.officer_a, self.network):
            channel = self.channel.with_user(user)
            self.assertTrue(channel.name, f"{user.name} reads the channel")
        for user in (self.supervisor, self.internal):
            with self.assertRaises(AccessError, msg=f"{user.name} must not read it"):
                self.channel.with_user(user).read(["name"])
            self.assertFalse(
                self.env["discuss.channel"]
                .with_user(user)
                .search([("id", "=", self.channel.id)]),
                f"{user.name} must not find the channel",
            )

    def test_channel_says_no_personal_data(self):
        self.assertIn("No personal data", self.channel.description)
        self.assertIn("Pas de données personnelles", self.channel.description)

    # ------------------------------------------------------------
    # NO BENEFICIARY IN THE CHANNEL
    # ------------------------------------------------------------

    def test_mention_suggestions_never_offer_a_beneficiary(self):
        partner = self.person_a.partner_id
        self.assertTrue(partner, "The person has a contact partner to leak")
        Partner = self.env["res.partner"].with_user(self.officer_a)
        self.assertIn(
            partner.id,
            [
                data["id"]
                for data in Partner.get_mention_suggestions("Fatima")["res.partner"]
            ],
            "Outside the channel, Odoo's generic suggestion finds the contact "
            "(the probe must be able to see a leak)",
        )
        found = Partner.get_mention_suggestions_from_channel(
            self.channel.id, "Fatima"
        ).get("res.partner", [])
        self.assertNotIn(partner.id, [data["id"] for data in found])
        found = Partner.search_for_channel_invite("Fatima", channel_id=self.channel.id)
        self.assertNotIn(partner.id, found["partner_ids"])

    def test_mentioned_beneficiary_is_neither_linked_nor_notified(self):
        partner = self.person_a.partner_id
        message = (
            self.channel.with_user(self.officer_a)
            .with_context(tracking_disable=False)
            .message_post(
                body="Meeting on Friday",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=[partner.id, self.officer_b.partner_id.id],
            )
        )
        self.assertEqual(message.partner_ids, self.officer_b.partner_id)
        self.assertFalse(
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("mail_message_id", "=", message.id),
                    ("res_partner_id", "=", partner.id),
                ]
            ),
            "The beneficiary's contact must not be notified",
        )

    def test_beneficiary_guest_or_outsider_cannot_be_added(self):
        for partner in (self.person_a.partner_id, self.internal.partner_id):
            with self.assertRaises(ValidationError, msg=partner.name):
                self.channel.with_user(self.officer_a).add_members(
                    partner_ids=partner.ids
                )
        guest = self.env["mail.guest"].create({"name": "Visitor"})
        with self.assertRaises(ValidationError):
            self.channel.sudo().add_members(guest_ids=guest.ids)
        self.assertNotIn(self.person_a.partner_id, self._members())

    def test_officer_may_leave_and_is_added_back_by_the_next_change(self):
        self.channel.with_user(self.officer_a).action_unfollow()
        self.assertNotIn(self.officer_a.partner_id, self._members())
        self.office_a.write({"officer_ids": [Command.link(self.officer_a.id)]})
        self.assertIn(self.officer_a.partner_id, self._members())
