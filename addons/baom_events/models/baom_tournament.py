import datetime
import random

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import tournament as engine

TIE_BREAKER_SELECTION = [
    (engine.POINTS, "Points"),
    (engine.GOAL_DIFFERENCE, "Goal difference"),
    (engine.GOALS_FOR, "Goals scored"),
    (engine.H2H_POINTS, "Head-to-head points"),
    (engine.H2H_GOAL_DIFFERENCE, "Head-to-head goal difference"),
    (engine.H2H_GOALS_FOR, "Head-to-head goals scored"),
    (engine.FAIR_PLAY, "Fair play"),
    (engine.LOTS, "Drawing of lots"),
]
PHASE_SELECTION = [
    ("group", "Group stage"),
    ("round_of_16", "Round of 16"),
    ("quarter_final", "Quarter-final"),
    ("semi_final", "Semi-final"),
    ("final", "Final"),
    ("third_place", "Third-place match"),
]
KNOCKOUT_PHASES = ("round_of_16", "quarter_final", "semi_final", "final")


class BaomTournament(models.Model):
    _name = "baom.tournament"
    _description = "BAOM Tournament"
    _order = "id desc"

    def _default_tie_breakers(self):
        return [
            fields.Command.create({"sequence": index, "criterion": key})
            for index, key in enumerate(engine.FIFA_TIE_BREAKERS)
        ]

    def _default_pitch_names(self):
        return self.env._("Pitch 1, Pitch 2")

    name = fields.Char(required=True)
    event_id = fields.Many2one(
        "event.event",
        required=True,
        index=True,
        ondelete="cascade",
    )
    office_id = fields.Many2one(
        related="event_id.baom_office_id", store=True, index="btree_not_null"
    )
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    is_published = fields.Boolean(
        "Published",
        help="Shows the fixtures, scores and standings on a public web page "
        "(team names and scores only).",
    )
    website_url = fields.Char("Public page", compute="_compute_website_url")
    # rules
    format = fields.Selection(
        [
            ("round_robin", "Round robin"),
            ("groups_knockout", "Groups then knockout"),
            ("knockout", "Knockout"),
        ],
        required=True,
        default="groups_knockout",
    )
    group_count = fields.Integer("Groups", default=2)
    win_points = fields.Integer("Points for a win", default=3)
    draw_points = fields.Integer("Points for a draw", default=1)
    loss_points = fields.Integer("Points for a loss", default=0)
    forfeit_goals = fields.Integer(
        "Score awarded on forfeit",
        default=3,
        help="The team that did not forfeit wins by this score to 0.",
    )
    tie_breaker_ids = fields.One2many(
        "baom.tournament.tie.breaker",
        "tournament_id",
        "Tie-breakers",
        default=lambda self: self._default_tie_breakers(),
        copy=True,
    )
    draw_seed = fields.Integer(
        "Draw number",
        default=lambda self: random.randint(1, 999999),
        copy=False,
        help="Decides the group draw and the drawing of lots, so that the same "
        "tournament always gets the same outcome.",
    )
    # pitches and time slots
    first_kickoff = fields.Datetime("First kick-off")
    match_duration = fields.Integer("Match duration (minutes)", default=40)
    break_duration = fields.Integer("Break between matches (minutes)", default=10)
    min_rest = fields.Integer(
        "Minimum rest of a team (minutes)",
        default=30,
        help="Time a team rests between the end of a match and its next kick-off.",
    )
    pitch_names = fields.Char(
        "Pitches",
        default=lambda self: self._default_pitch_names(),
        help="Names of the pitches available, separated by commas.",
    )
    # teams and matches
    team_ids = fields.One2many("baom.tournament.team", "tournament_id", "Teams")
    match_ids = fields.One2many("baom.tournament.match", "tournament_id", "Matches")
    team_count = fields.Integer(compute="_compute_counts")
    match_count = fields.Integer(compute="_compute_counts")
    played_count = fields.Integer("Matches played", compute="_compute_counts")
    standings_html = fields.Html(
        "Standings", compute="_compute_standings_html", sanitize=False
    )

    _check_points = models.Constraint(
        "CHECK(win_points >= draw_points AND draw_points >= loss_points)",
        "A win must earn at least the points of a draw, and a draw those of a loss.",
    )
    _check_durations = models.Constraint(
        "CHECK(match_duration > 0 AND break_duration >= 0 AND min_rest >= 0 "
        "AND group_count > 0 AND forfeit_goals >= 0)",
        "Match duration and groups must be positive; breaks, rests and the "
        "forfeit score cannot be negative.",
    )

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    def _compute_website_url(self):
        for tournament in self:
            tournament.website_url = (
                f"/baom/tournament/{tournament.id}" if tournament.id else False
            )

    @api.depends("team_ids", "match_ids.state")
    def _compute_counts(self):
        for tournament in self:
            tournament.team_count = len(tournament.team_ids)
            tournament.match_count = len(tournament.match_ids)
            tournament.played_count = len(
                tournament.match_ids.filtered(lambda match: match.is_decided)
            )

    @api.depends(
        "team_ids.group",
        "match_ids.state",
        "match_ids.home_score",
        "match_ids.away_score",
        "tie_breaker_ids.criterion",
        "tie_breaker_ids.sequence",
        "win_points",
        "draw_points",
        "loss_points",
    )
    def _compute_standings_html(self):
        for tournament in self:
            # In a form being edited the records are new: show the saved table.
            record = tournament._origin if tournament._origin else tournament
            tournament.standings_html = (
                record._render_standings_html() if record.id else False
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.onchange("event_id")
    def _onchange_event_id(self):
        if self.event_id:
            if not self.name:
                self.name = self.event_id.name
            if not self.first_kickoff:
                self.first_kickoff = self.event_id.date_begin

    def write(self, vals):
        result = super().write(vals)
        if "event_id" in vals:
            # Moving a tournament to another event must not hand it to an
            # office the user does not work for: check the rules afterwards.
            self.check_access("write")
        return result

    @api.constrains("tie_breaker_ids")
    def _check_tie_breakers(self):
        for tournament in self:
            criteria = tournament.tie_breaker_ids.mapped("criterion")
            if len(criteria) != len(set(criteria)):
                raise ValidationError(
                    self.env._(
                        "Tournament %(name)s: each tie-breaker may appear only once.",
                        name=tournament.name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_generate_schedule(self):
        """Draw the groups and create the first matches, placed on pitches.

        Idempotent: a schedule without results is simply rebuilt the same
        way; once a result exists it is refused (``reset=True`` in the
        context, the *Reset* button, starts over and deletes the results).
        """
        for tournament in self:
            tournament._generate_schedule(reset=self.env.context.get("reset"))
        return True

    def action_reset_schedule(self):
        return self.with_context(reset=True).action_generate_schedule()

    def action_advance(self):
        """Fill the next knockout round from the results of the current one."""
        for tournament in self:
            tournament._advance()
        return True

    def action_open_public_page(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self.website_url,
            "target": "new",
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _tie_breaker_keys(self):
        self.ensure_one()
        return self.tie_breaker_ids.sorted(
            lambda line: (line.sequence, line.id)
        ).mapped("criterion") or list(engine.FIFA_TIE_BREAKERS)

    def _pitches(self):
        names = [
            name.strip() for name in (self.pitch_names or "").split(",") if name.strip()
        ]
        return names or [self.env._("Pitch 1")]

    def _kickoff(self):
        return self.first_kickoff or self.event_id.date_begin or fields.Datetime.now()

    def _check_can_schedule(self, reset):
        played = self.match_ids.filtered(lambda match: match.state != "scheduled")
        if played and not reset:
            raise UserError(
                self.env._(
                    "Tournament %(name)s already has %(count)s results: the "
                    "schedule cannot be generated again without losing them. "
                    "Use Reset schedule to start over.",
                    name=self.name,
                    count=len(played),
                )
            )
        teams = self.team_ids
        if len(teams) < 2:
            raise UserError(
                self.env._(
                    "Tournament %(name)s needs at least two teams.", name=self.name
                )
            )
        if self.format == "knockout" and not _power_of_two(len(teams)):
            raise UserError(
                self.env._(
                    "A knockout needs 2, 4, 8 or 16 teams; tournament %(name)s "
                    "has %(count)s. Choose groups then knockout instead.",
                    name=self.name,
                    count=len(teams),
                )
            )
        if self.format == "groups_knockout":
            qualified = 2 * self.group_count if self.group_count > 1 else 2
            if (
                not _power_of_two(qualified)
                or qualified > 16
                or len(teams) < 2 * self.group_count
            ):
                raise UserError(
                    self.env._(
                        "Groups then knockout: the two best of each group go "
                        "through, so 1, 2, 4 or 8 groups of at least two teams "
                        "are needed (tournament %(name)s: %(groups)s groups, "
                        "%(count)s teams).",
                        name=self.name,
                        groups=self.group_count,
                        count=len(teams),
                    )
                )

    def _generate_schedule(self, reset=False):
        self.ensure_one()
        self._check_can_schedule(reset)
        self.match_ids.unlink()
        teams = self.team_ids.sorted(lambda team: (team.seed or 0, team.id))
        pairs = []  # (values, (home, away))
        if self.format == "knockout":
            teams.write({"group": False})
            phase = engine.knockout_phase(len(teams))
            for position, (home, away) in enumerate(
                engine.knockout_first_round(teams.ids), start=1
            ):
                pairs.append(
                    (
                        {"round": 1, "phase": phase, "bracket_position": position},
                        (home, away),
                    )
                )
        else:
            group_count = self.group_count if self.format == "groups_knockout" else 1
            groups = engine.draw_groups(teams.ids, group_count, seed=self.draw_seed)
            manual = {team.group for team in teams}
            if group_count > 1 and False not in manual and len(manual) == group_count:
                # Groups set by hand (or by the previous draw) are kept.
                groups = {
                    name: teams.filtered(lambda team, n=name: team.group == n).ids
                    for name in sorted(manual)
                }
            Team = self.env["baom.tournament.team"]
            for name, member_ids in groups.items():
                Team.browse(member_ids).write(
                    {"group": name if self.format == "groups_knockout" else False}
                )
            schedules = {
                name: engine.round_robin(member_ids)
                for name, member_ids in groups.items()
            }
            # Round 1 of every group, then round 2...: groups progress together.
            for number in range(max(len(rounds) for rounds in schedules.values())):
                for name, rounds in schedules.items():
                    if number >= len(rounds):
                        continue
                    for home, away in rounds[number]:
                        pairs.append(
                            (
                                {
                                    "round": number + 1,
                                    "phase": "group",
                                    "group": (
                                        name
                                        if self.format == "groups_knockout"
                                        else False
                                    ),
                                },
                                (home, away),
                            )
                        )
        self._create_matches(pairs)

    def _create_matches(self, pairs, not_before=None):
        placed = engine.place_matches(
            [pair for _values, pair in pairs],
            self._pitches(),
            self._kickoff(),
            self.match_duration,
            pause=self.break_duration,
            min_rest=self.min_rest,
            not_before={index: not_before for index in range(len(pairs))}
            if not_before
            else None,
        )
        return self.env["baom.tournament.match"].create(
            [
                {
                    **values,
                    "tournament_id": self.id,
                    "home_team_id": home,
                    "away_team_id": away,
                    "start": start,
                    "pitch": pitch,
                }
                for (values, _pair), (home, away, start, pitch) in zip(
                    pairs, placed, strict=True
                )
            ]
        )

    def _advance(self):
        self.ensure_one()
        matches = self.match_ids
        if not matches:
            raise UserError(
                self.env._(
                    "Tournament %(name)s has no schedule yet: generate it first.",
                    name=self.name,
                )
            )
        pending = matches.filtered(lambda match: not match.is_decided)
        if pending:
            raise UserError(
                self.env._(
                    "Tournament %(name)s: %(count)s matches of the current round "
                    "have no result yet.",
                    name=self.name,
                    count=len(pending),
                )
            )
        knockout = matches.filtered(lambda match: match.phase != "group")
        if not knockout:
            if self.format != "groups_knockout":
                raise UserError(
                    self.env._(
                        "Tournament %(name)s is over: a round robin has no "
                        "knockout round.",
                        name=self.name,
                    )
                )
            return self._create_knockout_from_groups()
        last_round = max(knockout.mapped("round"))
        current = knockout.filtered(
            lambda match: match.round == last_round and match.phase != "third_place"
        ).sorted("bracket_position")
        if current[:1].phase == "final":
            raise UserError(
                self.env._(
                    "Tournament %(name)s is over: the final has been played.",
                    name=self.name,
                )
            )
        winners = [match.winner_id.id for match in current]
        phase = engine.knockout_phase(len(winners))
        pairs = [
            (
                {"round": last_round + 1, "phase": phase, "bracket_position": index},
                pair,
            )
            for index, pair in enumerate(engine.next_round(winners), start=1)
        ]
        if phase == "final":
            # The third-place match opens the last slot; the final closes it.
            losers = tuple(match.loser_id.id for match in current)
            self._create_matches(
                [
                    (
                        {
                            "round": last_round + 1,
                            "phase": "third_place",
                            "bracket_position": 0,
                        },
                        losers,
                    )
                ],
                not_before=self._next_slot_start(),
            )
        return self._create_matches(pairs, not_before=self._next_slot_start())

    def _create_knockout_from_groups(self):
        positions = {}
        for group in sorted(set(self.team_ids.mapped("group")) - {False}):
            for row in self.get_standings(group=group):
                positions[(row["rank_position"], group)] = row["team"].id
        groups = sorted({group for _rank, group in positions})
        pairs = []
        first_round = engine.knockout_from_groups(groups)
        phase = engine.knockout_phase(len(first_round) * 2)
        group_rounds = max(self.match_ids.mapped("round") or [0])
        for index, (home, away) in enumerate(first_round, start=1):
            pairs.append(
                (
                    {
                        "round": group_rounds + 1,
                        "phase": phase,
                        "bracket_position": index,
                    },
                    (positions[home], positions[away]),
                )
            )
        return self._create_matches(pairs, not_before=self._next_slot_start())

    def _next_slot_start(self):
        """First kick-off after every scheduled match, rest included."""
        last = max(self.match_ids.mapped("start"), default=False)
        if not last:
            return None
        return last + datetime.timedelta(
            minutes=self.match_duration + max(self.break_duration, self.min_rest)
        )

    def _results_for_engine(self, matches):
        results = []
        for match in matches.filtered(lambda match: match.is_decided):
            home_goals, away_goals = match._counted_score()
            results.append(
                {
                    "home": match.home_team_id.id,
                    "away": match.away_team_id.id,
                    "home_goals": home_goals,
                    "away_goals": away_goals,
                    "home_fair_play": match.home_fair_play,
                    "away_fair_play": match.away_fair_play,
                }
            )
        return results

    def get_standings(self, group=None):
        """Ranked rows of the whole tournament or of one group.

        Same dicts as ``tools.tournament.standings``, with ``team`` a
        ``baom.tournament.team`` record, ``reason`` a translated sentence,
        ``reason_key`` the engine's key and ``rank_position`` the position
        (1, 2, 3...) even when teams share a rank.
        """
        self.ensure_one()
        teams = self.team_ids
        matches = self.match_ids.filtered(lambda match: match.phase == "group")
        if group:
            teams = teams.filtered(lambda team: team.group == group)
            matches = matches.filtered(lambda match: match.group == group)
        rows = engine.standings(
            teams.ids,
            self._results_for_engine(matches),
            self._tie_breaker_keys(),
            win_points=self.win_points,
            draw_points=self.draw_points,
            loss_points=self.loss_points,
            seed=self.draw_seed,
        )
        Team = self.env["baom.tournament.team"]
        for position, row in enumerate(rows, start=1):
            row["team"] = Team.browse(row["team"])
            row["reason_key"] = row["reason"]
            row["reason"] = self._reason_label(row["reason"])
            row["rank_position"] = position
        return rows

    def _reason_label(self, key):
        if not key:
            return ""
        if key == engine.TIED:
            return self.env._("level on every tie-breaker")
        labels = {
            engine.POINTS: self.env._("ahead on points"),
            engine.GOAL_DIFFERENCE: self.env._("ahead on goal difference"),
            engine.GOALS_FOR: self.env._("ahead on goals scored"),
            engine.H2H_POINTS: self.env._("ahead on head-to-head points"),
            engine.H2H_GOAL_DIFFERENCE: self.env._(
                "ahead on head-to-head goal difference"
            ),
            engine.H2H_GOALS_FOR: self.env._("ahead on head-to-head goals scored"),
            engine.FAIR_PLAY: self.env._("ahead on fair play"),
            engine.LOTS: self.env._("ahead by drawing of lots"),
        }
        return labels[key]

    def _standings_groups(self):
        """``[(group label, rows)]``: one table per group, or one for all."""
        self.ensure_one()
        if self.format == "knockout":
            return []
        groups = sorted(set(self.team_ids.mapped("group")) - {False})
        if not groups:
            return [("", self.get_standings())]
        return [
            (self.env._("Group %(group)s", group=group), self.get_standings(group))
            for group in groups
        ]

    def _standings_tables(self):
        """Standings as plain values (team names, no records): for the form,
        the printed report and the public page alike."""
        keys = (
            "rank",
            "played",
            "won",
            "drawn",
            "lost",
            "goals_for",
            "goals_against",
            "goal_difference",
            "points",
            "reason",
        )
        tables = []
        for label, rows in self._standings_groups():
            started = any(row["played"] for row in rows)
            tables.append(
                (
                    label,
                    [
                        {key: row[key] for key in keys}
                        | {
                            "team": row["team"].name,
                            # Before the first result, no tie-breaker speaks.
                            "reason": row["reason"] if started else "",
                        }
                        for row in rows
                    ],
                )
            )
        return tables

    def _render_standings_html(self):
        if not self.team_ids:
            return False
        return self.env["ir.qweb"]._render(
            "baom_events.baom_tournament_standings_table",
            {"tables": self._standings_tables()},
        )

    def _phase_label(self, phase):
        selection = self.env["baom.tournament.match"]._fields["phase"]
        return dict(selection._description_selection(self.env)).get(phase, "")

    def _bracket(self):
        """Knockout rounds in order: ``[(phase label, [match values])]``."""
        knockout = self.match_ids.filtered(lambda match: match.phase != "group")
        rounds = []
        for number in sorted(set(knockout.mapped("round"))):
            matches = knockout.filtered(lambda match, n=number: match.round == n)
            for phase in sorted(
                set(matches.mapped("phase")), key=lambda key: key == "final"
            ):
                rounds.append(
                    (
                        self._phase_label(phase),
                        [
                            match._public_values()
                            for match in matches.filtered(
                                lambda match, p=phase: match.phase == p
                            ).sorted("bracket_position")
                        ],
                    )
                )
        return rounds

    def _public_values(self):
        """What the public page and the printed sheets show: team names,
        scores, kick-offs and pitches; no person."""
        self.ensure_one()
        tournament = self.sudo()
        matches = tournament.match_ids.sorted(
            lambda match: (match.start or fields.Datetime.now(), match.id)
        )
        return {
            "tournament_name": tournament.name,
            "event_name": tournament.event_id.name,
            "event_date": tournament.event_id.date_begin,
            "tables": tournament._standings_tables(),
            "bracket": tournament._bracket(),
            "matches": [match._public_values() for match in matches],
        }

    def _record_results(self, results):
        """Enter results given as ``(home name, away name, values)``: used by
        the demo data, whose matches only exist once the schedule is drawn."""
        self.ensure_one()
        for home, away, values in results:
            match = self.match_ids.filtered(
                lambda match, h=home, a=away: (
                    (
                        match.home_team_id.name,
                        match.away_team_id.name,
                    )
                    in ((h, a), (a, h))
                )
            )[:1]
            if match.home_team_id.name != home:
                values = {
                    key.replace("home_", "_x_")
                    .replace("away_", "home_")
                    .replace("_x_", "away_"): value
                    for key, value in values.items()
                }
            match.write(values)
        return True


def _power_of_two(number):
    return number >= 2 and not number & (number - 1)


class BaomTournamentTieBreaker(models.Model):
    _name = "baom.tournament.tie.breaker"
    _description = "BAOM Tournament Tie-breaker"
    _order = "sequence, id"

    tournament_id = fields.Many2one(
        "baom.tournament", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    criterion = fields.Selection(TIE_BREAKER_SELECTION, required=True)
