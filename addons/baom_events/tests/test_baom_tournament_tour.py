from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.baom_base.tests.common import BrowserCase


@tagged("post_install", "-at_install", "baom_events")
class TestTournamentTour(BrowserCase):
    def test_officer_enters_a_result_and_the_standings_change(self):
        officer = new_test_user(
            self.env,
            "baom_tour_organiser",
            groups="baom_base.group_baom_officer,event.group_event_user",
            name="Tour Organiser",
        )
        office = self.env["baom.office"].create(
            {"name": "Office Cup", "code": "CUP", "officer_ids": [(6, 0, officer.ids)]}
        )
        event = self.env["event.event"].create(
            {
                "name": "Friendship cup",
                "baom_office_id": office.id,
                "date_begin": "2027-08-07 09:00:00",
                "date_end": "2027-08-07 18:00:00",
            }
        )
        tournament = self.env["baom.tournament"].create(
            {
                "name": "Friendship cup",
                "event_id": event.id,
                "format": "round_robin",
                "team_ids": [
                    Command.create({"name": "Sahel United", "seed": 1}),
                    Command.create({"name": "Atlas Stars", "seed": 2}),
                ],
            }
        )
        tournament.action_generate_schedule()
        match = tournament.match_ids
        self.assertEqual(match.home_team_id.name, "Sahel United")
        self.start_tour(
            f"/odoo/action-baom_events.baom_tournament_action/{tournament.id}",
            "baom_tournament_result_tour",
            login=officer.login,
        )
        self.assertEqual(match.state, "played", "entering the score played the match")
        self.assertEqual((match.home_score, match.away_score), (3, 1))
        self.assertEqual(tournament.get_standings()[0]["team"].name, "Sahel United")
