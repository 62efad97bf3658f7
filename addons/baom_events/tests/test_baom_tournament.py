from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.baom_base.tests.common import AccessMatrixMixin, BaomBaseCommon

TEAMS = [
    "Lions",
    "Teranga",
    "Elephants",
    "Eagles",
    "Returnees",
    "Syli",
    "Indomitables",
    "Workers",
]


class TournamentCommon(BaomBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        event_user = cls.env.ref("event.group_event_user")
        (cls.officer_a | cls.officer_b).write(
            {"group_ids": [Command.link(event_user.id)]}
        )
        cls.event_a = cls._new_event(cls.office_a, "Fraternity cup A")
        cls.event_b = cls._new_event(cls.office_b, "Fraternity cup B")

    @classmethod
    def _new_event(cls, office, name):
        return cls.env["event.event"].create(
            {
                "name": name,
                "baom_office_id": office.id,
                "date_begin": "2027-08-07 09:00:00",
                "date_end": "2027-08-08 18:00:00",
                "date_tz": "Africa/Casablanca",
            }
        )

    @classmethod
    def _new_tournament(cls, event=None, teams=tuple(TEAMS), **values):
        event = event or cls.event_a
        return cls.env["baom.tournament"].create(
            {
                "name": f"Cup of {event.name}",
                "event_id": event.id,
                "first_kickoff": "2027-08-07 09:00:00",
                "draw_seed": 7,
                "team_ids": [
                    Command.create({"name": name, "seed": index})
                    for index, name in enumerate(teams, start=1)
                ],
                **values,
            }
        )

    def _team(self, tournament, name):
        return tournament.team_ids.filtered(lambda team: team.name == name)

    def _play(self, matches, home=1, away=0, **values):
        for match in matches:
            match.write({"home_score": home, "away_score": away, **values})

    def _play_knockout_round(self, tournament):
        current = tournament.match_ids.filtered(
            lambda match: match.phase != "group" and match.state == "scheduled"
        )
        self._play(current, 2, 1)
        return current


@tagged("post_install", "-at_install", "baom_events")
class TestTournamentSchedule(TournamentCommon):
    def test_groups_are_drawn_with_seeds_apart_and_every_group_plays_itself(self):
        tournament = self._new_tournament()
        tournament.action_generate_schedule()
        groups = {
            group: tournament.team_ids.filtered(lambda team, g=group: team.group == g)
            for group in ("A", "B")
        }
        self.assertEqual([len(teams) for teams in groups.values()], [4, 4])
        self.assertNotEqual(
            self._team(tournament, "Lions").group,
            self._team(tournament, "Teranga").group,
            "the two seeded teams are drawn into different groups",
        )
        matches = tournament.match_ids
        self.assertEqual(len(matches), 12, "two groups of four: 6 matches each")
        self.assertEqual(set(matches.mapped("phase")), {"group"})
        for match in matches:
            self.assertEqual(match.home_team_id.group, match.group)
            self.assertEqual(match.away_team_id.group, match.group)
        pairs = {frozenset((m.home_team_id.id, m.away_team_id.id)) for m in matches}
        self.assertEqual(len(pairs), 12, "each pair meets once")

    def test_groups_set_by_hand_are_kept(self):
        tournament = self._new_tournament()
        for index, team in enumerate(tournament.team_ids):
            team.group = "A" if index < 4 else "B"
        tournament.action_generate_schedule()
        self.assertEqual(
            tournament.team_ids.filtered(lambda team: team.group == "A").mapped("name"),
            TEAMS[:4],
        )
        self.assertEqual(len(tournament.match_ids), 12)

    def test_matches_are_placed_without_overlap_and_with_rest(self):
        tournament = self._new_tournament(min_rest=30, pitch_names="North, South")
        tournament.action_generate_schedule()
        slots = [(match.start, match.pitch) for match in tournament.match_ids]
        self.assertEqual(len(slots), len(set(slots)), "one match per pitch and slot")
        self.assertEqual(set(tournament.match_ids.mapped("pitch")), {"North", "South"})
        for team in tournament.team_ids:
            starts = sorted(
                tournament.match_ids.filtered(
                    lambda match, t=team: t in (match.home_team_id | match.away_team_id)
                ).mapped("start")
            )
            for before, after in zip(starts, starts[1:], strict=False):
                gap = (after - before).total_seconds() / 60
                self.assertGreaterEqual(
                    gap, 40 + 30, f"{team.name} rests 30 minutes after 40 minutes"
                )

    def test_generating_twice_without_results_gives_the_same_schedule(self):
        tournament = self._new_tournament()
        tournament.action_generate_schedule()

        def schedule():
            return sorted(
                (m.home_team_id.name, m.away_team_id.name, str(m.start), m.pitch)
                for m in tournament.match_ids
            )

        first = schedule()
        tournament.action_generate_schedule()
        self.assertEqual(schedule(), first)
        self.assertEqual(len(tournament.match_ids), 12, "nothing twice")

    def test_regenerating_after_results_is_refused_unless_reset(self):
        tournament = self._new_tournament()
        tournament.action_generate_schedule()
        match = tournament.match_ids[0]
        match.write({"home_score": 2, "away_score": 0})
        with self.assertRaisesRegex(UserError, "already has 1 results"):
            tournament.action_generate_schedule()
        self.assertEqual(match.state, "played", "the result is kept")
        self.assertEqual(match.home_score, 2)
        tournament.action_reset_schedule()
        self.assertFalse(match.exists(), "reset starts over")
        self.assertEqual(len(tournament.match_ids), 12)
        self.assertFalse(tournament.match_ids.filtered("is_decided"))

    def test_round_robin_of_five_gives_each_team_a_bye(self):
        tournament = self._new_tournament(teams=TEAMS[:5], format="round_robin")
        tournament.action_generate_schedule()
        self.assertEqual(len(tournament.match_ids), 10)
        self.assertEqual(set(tournament.match_ids.mapped("round")), {1, 2, 3, 4, 5})
        self.assertFalse(any(tournament.team_ids.mapped("group")))
        for number in range(1, 6):
            playing = tournament.match_ids.filtered(
                lambda match, n=number: match.round == n
            )
            teams = playing.home_team_id | playing.away_team_id
            self.assertEqual(len(teams), 4, "one team rests each round")
        with self.assertRaisesRegex(UserError, "round robin has no knockout"):
            self._play(tournament.match_ids)
            tournament.action_advance()

    def test_knockout_needs_a_power_of_two(self):
        tournament = self._new_tournament(teams=TEAMS[:6], format="knockout")
        with self.assertRaisesRegex(UserError, "2, 4, 8 or 16 teams"):
            tournament.action_generate_schedule()
        self.assertFalse(tournament.match_ids)

    def test_knockout_pairs_best_seed_with_weakest(self):
        tournament = self._new_tournament(format="knockout")
        tournament.action_generate_schedule()
        pairs = [
            (m.home_team_id.name, m.away_team_id.name)
            for m in tournament.match_ids.sorted("bracket_position")
        ]
        self.assertEqual(
            pairs,
            [
                ("Lions", "Workers"),
                ("Eagles", "Returnees"),
                ("Teranga", "Indomitables"),
                ("Elephants", "Syli"),
            ],
        )
        self.assertEqual(set(tournament.match_ids.mapped("phase")), {"quarter_final"})


@tagged("post_install", "-at_install", "baom_events")
class TestTournamentResults(TournamentCommon):
    def test_results_make_the_standings_with_a_reason(self):
        tournament = self._new_tournament(teams=TEAMS[:3], format="round_robin")
        tournament.action_generate_schedule()
        lions, teranga, elephants = (
            self._team(tournament, name) for name in ("Lions", "Teranga", "Elephants")
        )
        for match in tournament.match_ids:
            teams = match.home_team_id | match.away_team_id
            if teams == lions | teranga:
                # A draw, Lions collect a red card.
                red = (
                    "home_red_cards"
                    if match.home_team_id == lions
                    else "away_red_cards"
                )
                match.write({"home_score": 1, "away_score": 1, red: 1})
            else:
                other = (
                    match.home_team_id
                    if match.away_team_id == elephants
                    else match.away_team_id
                )
                # Lions and Teranga both beat Elephants 2-0.
                match.write(
                    {
                        "home_score": 2 if match.home_team_id == other else 0,
                        "away_score": 2 if match.away_team_id == other else 0,
                    }
                )
        rows = tournament.get_standings()
        self.assertEqual([row["team"] for row in rows], [teranga, lions, elephants])
        self.assertEqual(rows[0]["team"]._name, "baom.tournament.team")
        self.assertEqual(
            [(row["points"], row["goal_difference"], row["rank"]) for row in rows],
            [(4, 2, 1), (4, 2, 2), (0, -4, 3)],
        )
        self.assertEqual(rows[0]["reason"], "ahead on fair play")
        self.assertEqual(rows[1]["reason"], "ahead on points")
        self.assertIn("Teranga", tournament.standings_html)

    def test_points_for_a_win_are_configurable(self):
        tournament = self._new_tournament(
            teams=TEAMS[:3], format="round_robin", win_points=2
        )
        tournament.action_generate_schedule()
        self._play(tournament.match_ids, 1, 0)
        rows = tournament.get_standings()
        # Three teams, each wins its home match: 2 points each, a win's worth.
        self.assertEqual([row["points"] for row in rows], [2, 2, 2])

    def test_group_standings_only_count_the_group(self):
        tournament = self._new_tournament()
        tournament.action_generate_schedule()
        self._play(tournament.match_ids.filtered(lambda m: m.group == "A"), 3, 0)
        rows_a = tournament.get_standings(group="A")
        rows_b = tournament.get_standings(group="B")
        self.assertEqual(len(rows_a), 4)
        self.assertEqual({row["team"].group for row in rows_a}, {"A"})
        self.assertEqual({row["played"] for row in rows_a}, {3})
        self.assertEqual({row["played"] for row in rows_b}, {0})

    def test_forfeit_counts_as_a_win_by_the_forfeit_score(self):
        tournament = self._new_tournament(teams=TEAMS[:2], format="round_robin")
        tournament.action_generate_schedule()
        match = tournament.match_ids
        with self.assertRaisesRegex(ValidationError, "say which team forfeited"):
            match.write({"state": "forfeit"})
        match.write({"state": "forfeit", "forfeit_team_id": match.home_team_id.id})
        self.assertEqual(match.winner_id, match.away_team_id)
        self.assertEqual(match.score_display, "0 - 3 (forfeit)")
        rows = tournament.get_standings()
        self.assertEqual(rows[0]["team"], match.away_team_id)
        self.assertEqual(rows[0]["goals_for"], 3)

    def test_negative_scores_are_refused_and_nothing_is_lost(self):
        tournament = self._new_tournament(teams=TEAMS[:2], format="round_robin")
        tournament.action_generate_schedule()
        match = tournament.match_ids
        match.write({"home_score": 2, "away_score": 1})
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            with self.env.cr.savepoint():
                match.write({"home_score": -1})
        match.invalidate_recordset()
        self.assertEqual((match.home_score, match.away_score), (2, 1))
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            with self.env.cr.savepoint():
                match.write({"away_yellow_cards": -2})

    def test_knockout_draw_needs_a_shootout(self):
        tournament = self._new_tournament(teams=TEAMS[:2], format="knockout")
        tournament.action_generate_schedule()
        final = tournament.match_ids
        self.assertEqual(final.phase, "final")
        with self.assertRaisesRegex(ValidationError, "needs a penalty shoot-out"):
            with self.env.cr.savepoint():
                final.write({"home_score": 1, "away_score": 1})
        with self.assertRaisesRegex(ValidationError, "must have a winner"):
            with self.env.cr.savepoint():
                final.write(
                    {
                        "home_score": 1,
                        "away_score": 1,
                        "has_shootout": True,
                        "home_penalties": 4,
                        "away_penalties": 4,
                    }
                )
        final.write(
            {
                "home_score": 1,
                "away_score": 1,
                "has_shootout": True,
                "home_penalties": 3,
                "away_penalties": 5,
            }
        )
        self.assertEqual(final.winner_id, final.away_team_id)
        self.assertEqual(final.score_display, "1 - 1 (3 - 5 on penalties)")

    def test_group_matches_have_no_shootout(self):
        tournament = self._new_tournament(teams=TEAMS[:2], format="round_robin")
        tournament.action_generate_schedule()
        with self.assertRaisesRegex(ValidationError, "no penalty shoot-out"):
            tournament.match_ids.write(
                {"home_score": 0, "away_score": 0, "has_shootout": True}
            )

    def test_a_minor_plays_only_with_guardian_consent(self):
        tournament = self._new_tournament(teams=TEAMS[:2], format="round_robin")
        team = tournament.team_ids[0]
        Registration = self.env["event.registration"]
        adult, minor = Registration.create(
            [
                {"event_id": self.event_a.id, "name": "Awa", "baom_gender": "female"},
                {
                    "event_id": self.event_a.id,
                    "name": "Ibrahima",
                    "baom_gender": "male",
                    "baom_is_minor": True,
                },
            ]
        )
        with self.assertRaisesRegex(ValidationError, "guardian's consent"):
            with self.env.cr.savepoint():
                team.player_registration_ids = adult | minor
        minor.baom_guardian_consent = True
        team.player_registration_ids = adult | minor
        self.assertEqual(
            (team.player_count, team.female_count, team.male_count, team.minor_count),
            (2, 1, 1, 1),
        )
        stranger = Registration.create({"event_id": self.event_b.id, "name": "Yao"})
        with self.assertRaisesRegex(ValidationError, "did not register"):
            team.captain_registration_id = stranger


@tagged("post_install", "-at_install", "baom_events")
class TestTournamentAdvance(TournamentCommon):
    def test_groups_then_semi_finals_then_final_and_third_place(self):
        tournament = self._new_tournament()
        tournament.action_generate_schedule()
        with self.assertRaisesRegex(UserError, "12 matches of the current round"):
            tournament.action_advance()
        self._play(tournament.match_ids, 2, 0)
        group_end = max(tournament.match_ids.mapped("start"))
        tournament.action_advance()
        semis = tournament.match_ids.filtered(lambda m: m.phase == "semi_final")
        self.assertEqual(len(semis), 2)
        first = {
            group: tournament.get_standings(group=group)[0]["team"] for group in "AB"
        }
        second = {
            group: tournament.get_standings(group=group)[1]["team"] for group in "AB"
        }
        self.assertEqual(
            [
                (m.home_team_id, m.away_team_id)
                for m in semis.sorted("bracket_position")
            ],
            [(first["A"], second["B"]), (first["B"], second["A"])],
            "1A-2B, 1B-2A",
        )
        self.assertTrue(all(m.start > group_end for m in semis))
        # Advancing again before the semis are played is refused.
        with self.assertRaisesRegex(UserError, "2 matches of the current round"):
            tournament.action_advance()
        semis[0].write({"home_score": 1, "away_score": 0})
        semis[1].write(
            {
                "home_score": 0,
                "away_score": 0,
                "has_shootout": True,
                "home_penalties": 2,
                "away_penalties": 4,
            }
        )
        tournament.action_advance()
        final = tournament.match_ids.filtered(lambda m: m.phase == "final")
        third = tournament.match_ids.filtered(lambda m: m.phase == "third_place")
        self.assertEqual(final.home_team_id, semis[0].home_team_id)
        self.assertEqual(final.away_team_id, semis[1].away_team_id, "shoot-out winner")
        self.assertEqual(
            third.home_team_id | third.away_team_id,
            semis[0].away_team_id | semis[1].home_team_id,
        )
        self.assertLess(third.start, final.start, "third place is played first")
        self._play(final | third, 3, 1)
        with self.assertRaisesRegex(UserError, "the final has been played"):
            tournament.action_advance()

    def test_knockout_of_eight_advances_round_by_round(self):
        tournament = self._new_tournament(format="knockout")
        tournament.action_generate_schedule()
        self._play_knockout_round(tournament)
        tournament.action_advance()
        semis = tournament.match_ids.filtered(lambda m: m.phase == "semi_final")
        self.assertEqual(
            semis.sorted("bracket_position").mapped("home_team_id.name"),
            ["Lions", "Teranga"],
            "winners of quarter-finals 1 and 2 meet",
        )
        self.assertEqual(
            semis.sorted("bracket_position").mapped("away_team_id.name"),
            ["Eagles", "Elephants"],
        )


@tagged("post_install", "-at_install", "baom_events")
class TestTournamentSecurity(AccessMatrixMixin, TournamentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, "baom_portal_user", groups="base.group_portal"
        )
        cls.tournament = cls._new_tournament(teams=TEAMS[:4])
        cls.tournament.action_generate_schedule()
        cls.registration = cls.env["event.registration"].create(
            {"event_id": cls.event_a.id, "name": "Moussa Captain", "email": "m@x.ma"}
        )
        cls.tournament.team_ids[0].captain_registration_id = cls.registration
        cls.users = {
            "officer_a": cls.officer_a,
            "officer_b": cls.officer_b,
            "supervisor": cls.supervisor,
            "network": cls.network,
            "internal": cls.internal,
            "portal": cls.portal,
            "admin": cls.admin,
        }

    def _fixture(self, model):
        tournament = self.tournament
        if model == "baom.tournament":
            return (
                tournament,
                {"name": "Renamed cup"},
                {"name": "New cup", "event_id": self.event_a.id},
            )
        if model == "baom.tournament.team":
            return (
                tournament.team_ids[0],
                {"name": "Renamed team"},
                {"name": "New team", "tournament_id": tournament.id},
            )
        if model == "baom.tournament.match":
            teams = tournament.team_ids
            return (
                tournament.match_ids[0],
                {"pitch": "Annex"},
                {
                    "tournament_id": tournament.id,
                    "home_team_id": teams[0].id,
                    "away_team_id": teams[1].id,
                },
            )
        return (
            tournament.tie_breaker_ids[0],
            {"sequence": 99},
            {"tournament_id": tournament.id, "criterion": "points", "sequence": 1},
        )

    def test_access_matrix(self):
        rights = {
            "officer_a": "crwu",
            "officer_b": "",
            "supervisor": "r",
            "network": "r",
            "internal": "",
            "portal": "",
            "admin": "crwu",
        }
        self.assertAccessMatrix(
            {
                model: rights
                for model in (
                    "baom.tournament",
                    "baom.tournament.team",
                    "baom.tournament.match",
                )
            }
        )

    def test_other_office_sees_nothing_through_any_door(self):
        Tournament = self.env["baom.tournament"].with_user(self.officer_b)
        self.assertFalse(Tournament.search([]) & self.tournament)
        self.assertFalse(
            Tournament.name_search(self.tournament.name),
            "officer B finds no tournament of office A by name",
        )
        for user in (self.officer_b, self.internal, self.portal):
            with self.assertRaises(AccessError, msg=user.login):
                self.tournament.with_user(user).read(["name"])
        for user in (self.internal, self.portal):
            with self.assertRaises(AccessError, msg=f"{user.login} cannot search"):
                self.env["baom.tournament"].with_user(user).search([])
        Match = self.env["baom.tournament.match"].with_user(self.officer_b)
        groups = Match.read_group([], ["home_score:sum"], ["tournament_id"])
        self.assertFalse(
            [
                g
                for g in groups
                if g["tournament_id"] and g["tournament_id"][0] == self.tournament.id
            ],
            "read_group hides office A's matches",
        )

    def test_supervisor_and_network_read_figures_not_people(self):
        team = self.tournament.team_ids[0]
        for user in (self.supervisor, self.network):
            values = team.with_user(user).read(["name", "player_count", "group"])[0]
            self.assertEqual(values["name"], team.name)
            with self.assertRaises(AccessError, msg=f"{user.login}: captain"):
                team.with_user(user).read(["captain_registration_id"])
            with self.assertRaises(AccessError, msg=f"{user.login}: players"):
                team.with_user(user).read(["player_registration_ids"])
            with self.assertRaises(AccessError, msg=f"{user.login}: search_read"):
                team.with_user(user).search_read(
                    [("id", "=", team.id)], ["captain_registration_id"]
                )
            rows = self.tournament.with_user(user).get_standings(group=team.group)
            self.assertIn(team, [row["team"] for row in rows])

    def test_officer_reads_the_captain_of_their_team(self):
        team = self.tournament.team_ids[0].with_user(self.officer_a)
        self.assertEqual(team.captain_registration_id.name, "Moussa Captain")

    def test_officer_cannot_move_a_tournament_to_another_office(self):
        with self.assertRaises(AccessError):
            with self.env.cr.savepoint():
                self.tournament.with_user(self.officer_a).write(
                    {"event_id": self.event_b.id}
                )
                self.tournament.with_user(self.officer_a).flush_recordset()


@tagged("post_install", "-at_install", "baom_events")
class TestTournamentPublicPage(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        office = cls.env["baom.office"].create({"name": "Office P", "code": "OFFP"})
        cls.event = cls.env["event.event"].create(
            {
                "name": "Open day cup",
                "baom_office_id": office.id,
                "date_begin": "2027-08-07 09:00:00",
                "date_end": "2027-08-07 18:00:00",
            }
        )
        cls.tournament = cls.env["baom.tournament"].create(
            {
                "name": "Open day cup",
                "event_id": cls.event.id,
                "format": "round_robin",
                "team_ids": [
                    Command.create(
                        {"name": "Sahel United", "community": "Secret Street 4"}
                    ),
                    Command.create({"name": "Atlas Stars"}),
                ],
            }
        )
        cls.tournament.action_generate_schedule()
        captain = cls.env["event.registration"].create(
            {
                "event_id": cls.event.id,
                "name": "Ousmane Privatename",
                "email": "ousmane.private@example.com",
                "phone": "+212600000099",
            }
        )
        cls.tournament.team_ids[0].write(
            {
                "captain_registration_id": captain.id,
                "player_registration_ids": [Command.set(captain.ids)],
            }
        )
        cls.match = cls.tournament.match_ids
        cls.match.write({"home_score": 4, "away_score": 2})

    def test_unpublished_tournament_is_not_found(self):
        response = self.url_open(f"/baom/tournament/{self.tournament.id}")
        self.assertEqual(response.status_code, 404)
        response = self.url_open("/baom/tournament/999999")
        self.assertEqual(response.status_code, 404)

    def test_published_page_shows_teams_and_scores_only(self):
        self.tournament.is_published = True
        response = self.url_open(f"/baom/tournament/{self.tournament.id}")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Sahel United", page)
        self.assertIn("Atlas Stars", page)
        self.assertIn("4 - 2", page)
        for private in ("Privatename", "ousmane.private", "600000099", "Secret Street"):
            self.assertNotIn(private, page, f"the public page leaks {private}")
        # The standings are there: the winner has 3 points.
        winner = self.match.winner_id.name
        self.assertRegex(
            page, rf"{winner}</td>(\s*<td[^>]*>\d+</td>){{7}}\s*<td[^>]*>3</td>"
        )


@tagged("post_install", "-at_install", "baom_events")
class TestTournamentReport(TournamentCommon):
    def test_sheet_prints_schedule_standings_and_bracket_in_french_and_arabic(self):
        tournament = self._new_tournament()
        tournament.action_generate_schedule()
        self._play(tournament.match_ids, 2, 1)
        tournament.action_advance()
        Report = self.env["ir.actions.report"]
        for lang, direction in (("fr_FR", "ltr"), ("ar_001", "rtl")):
            self.env["res.lang"]._activate_lang(lang)
            report = Report.with_user(self.officer_a).with_context(
                lang=lang, force_report_rendering=True
            )
            html = report._render_qweb_html(
                "baom_events.baom_tournament_report_action", tournament.ids
            )[0].decode()
            self.assertIn(f'dir="{direction}"', html)
            for name in TEAMS:
                self.assertIn(name, html, f"{name} is on the sheet ({lang})")
            self.assertIn("2 - 1", html)
            self.assertIn("o_baom_bracket", html, "the semi-finals are drawn")
            with self.allow_pdf_render():
                pdf = report._render_qweb_pdf(
                    "baom_events.baom_tournament_report_action", tournament.ids
                )[0]
            self.assertTrue(pdf.startswith(b"%PDF"))

    def test_officer_of_another_office_cannot_print_the_sheet(self):
        tournament = self._new_tournament()
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.officer_b)._render_qweb_html(
                "baom_events.baom_tournament_report_action", tournament.ids
            )
