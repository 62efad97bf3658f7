from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import BaomEventsCommon


@tagged("post_install", "-at_install")
class TestCoachingMission(BaomEventsCommon):
    def _plan(self, **values):
        vals = {
            "office_id": self.office_a.id,
            "date": "2027-04-02",
            "mission_type": "office_visit",
        }
        vals.update(values)
        return self.env["baom.coaching.mission"].with_user(self.network).create(vals)

    def test_coordinator_plans_and_reports(self):
        mission = self._plan(
            need_category_ids=[
                (6, 0, self.env.ref("baom_base.baom_need_category_pension").ids)
            ],
            topics="Summer peak",
        )
        self.assertEqual(mission.state, "planned")
        self.assertEqual(mission.coach_id, self.network, "The coordinator coaches")
        mission.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Send the pension checklist",
            user_id=self.officer_a.id,
        )
        mission.write({"report": "<p>Three files reviewed.</p>"})
        mission.action_done()
        self.assertEqual(mission.state, "done")
        self.assertIn("Office visit", mission.display_name)
        self.assertEqual(
            mission.with_user(self.officer_a).activity_ids.summary,
            "Send the pension checklist",
            "The follow-up action reaches the office",
        )

    def test_done_mission_cannot_be_cancelled(self):
        mission = self._plan()
        mission.action_done()
        with self.assertRaisesRegex(UserError, "already done"):
            mission.action_cancel()
        self.assertEqual(mission.state, "done")

    def test_cancelled_mission_can_be_planned_again(self):
        mission = self._plan()
        mission.action_cancel()
        with self.assertRaisesRegex(UserError, "cancelled mission"):
            mission.action_done()
        mission.action_plan()
        self.assertEqual(mission.state, "planned")

    def test_negative_duration_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._plan(duration=-1)

    def test_office_reads_its_missions_only(self):
        mine = self._plan()
        other = self._plan(office_id=self.office_b.id)
        Mission = self.env["baom.coaching.mission"]
        self.assertEqual(Mission.with_user(self.officer_a).search([]), mine)
        self.assertEqual(Mission.with_user(self.supervisor).search([]), mine)
        self.assertEqual(Mission.with_user(self.officer_b).search([]), other)
