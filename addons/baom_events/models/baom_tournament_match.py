from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .baom_tournament import PHASE_SELECTION

# Fair-play deductions per card (FIFA): the fewer, the better.
YELLOW_CARD_POINTS = -1
RED_CARD_POINTS = -3


class BaomTournamentMatch(models.Model):
    _name = "baom.tournament.match"
    _description = "BAOM Tournament Match"
    _order = "tournament_id, start, round, bracket_position, id"

    tournament_id = fields.Many2one(
        "baom.tournament", required=True, index=True, ondelete="cascade"
    )
    office_id = fields.Many2one(related="tournament_id.office_id", store=True)
    round = fields.Integer(default=1)
    group = fields.Char()
    phase = fields.Selection(PHASE_SELECTION, required=True, default="group")
    bracket_position = fields.Integer(
        help="Order of the match in its knockout round: winners of matches 1 "
        "and 2 meet in the next round."
    )
    start = fields.Datetime("Kick-off")
    pitch = fields.Char()
    home_team_id = fields.Many2one(
        "baom.tournament.team",
        "Home team",
        required=True,
        ondelete="cascade",
        domain="[('tournament_id', '=', tournament_id)]",
    )
    away_team_id = fields.Many2one(
        "baom.tournament.team",
        "Away team",
        required=True,
        ondelete="cascade",
        domain="[('tournament_id', '=', tournament_id)]",
    )
    # result
    state = fields.Selection(
        [("scheduled", "Scheduled"), ("played", "Played"), ("forfeit", "Forfeit")],
        required=True,
        default="scheduled",
    )
    home_score = fields.Integer()
    away_score = fields.Integer()
    forfeit_team_id = fields.Many2one(
        "baom.tournament.team",
        "Forfeited by",
        domain="[('id', 'in', [home_team_id, away_team_id])]",
    )
    home_yellow_cards = fields.Integer("Home yellow cards")
    home_red_cards = fields.Integer("Home red cards")
    away_yellow_cards = fields.Integer("Away yellow cards")
    away_red_cards = fields.Integer("Away red cards")
    has_shootout = fields.Boolean("Penalty shoot-out")
    home_penalties = fields.Integer("Home penalties")
    away_penalties = fields.Integer("Away penalties")
    # derived
    is_decided = fields.Boolean(compute="_compute_is_decided", store=True)
    home_fair_play = fields.Integer(compute="_compute_fair_play")
    away_fair_play = fields.Integer(compute="_compute_fair_play")
    winner_id = fields.Many2one("baom.tournament.team", compute="_compute_winner")
    loser_id = fields.Many2one("baom.tournament.team", compute="_compute_winner")
    score_display = fields.Char("Score", compute="_compute_score_display")

    @api.depends("state")
    def _compute_is_decided(self):
        for match in self:
            match.is_decided = match.state in ("played", "forfeit")

    @api.depends(
        "home_yellow_cards", "home_red_cards", "away_yellow_cards", "away_red_cards"
    )
    def _compute_fair_play(self):
        for match in self:
            match.home_fair_play = (
                match.home_yellow_cards * YELLOW_CARD_POINTS
                + match.home_red_cards * RED_CARD_POINTS
            )
            match.away_fair_play = (
                match.away_yellow_cards * YELLOW_CARD_POINTS
                + match.away_red_cards * RED_CARD_POINTS
            )

    @api.depends(
        "state",
        "home_score",
        "away_score",
        "forfeit_team_id",
        "has_shootout",
        "home_penalties",
        "away_penalties",
    )
    def _compute_winner(self):
        for match in self:
            winner = match.env["baom.tournament.team"]
            if match.is_decided:
                home_goals, away_goals = match._counted_score()
                if match.has_shootout and home_goals == away_goals:
                    home_goals, away_goals = match.home_penalties, match.away_penalties
                if home_goals > away_goals:
                    winner = match.home_team_id
                elif away_goals > home_goals:
                    winner = match.away_team_id
            match.winner_id = winner
            match.loser_id = (
                (match.home_team_id | match.away_team_id) - winner if winner else False
            )

    @api.depends(
        "state",
        "home_score",
        "away_score",
        "forfeit_team_id",
        "has_shootout",
        "home_penalties",
        "away_penalties",
    )
    def _compute_score_display(self):
        for match in self:
            if not match.is_decided:
                match.score_display = "-"
                continue
            home_goals, away_goals = match._counted_score()
            score = f"{home_goals} - {away_goals}"
            if match.state == "forfeit":
                score = self.env._("%(score)s (forfeit)", score=score)
            elif match.has_shootout:
                score = self.env._(
                    "%(score)s (%(home)s - %(away)s on penalties)",
                    score=score,
                    home=match.home_penalties,
                    away=match.away_penalties,
                )
            match.score_display = score

    @api.constrains(
        "state",
        "home_score",
        "away_score",
        "home_team_id",
        "away_team_id",
        "forfeit_team_id",
        "has_shootout",
        "home_penalties",
        "away_penalties",
        "home_yellow_cards",
        "home_red_cards",
        "away_yellow_cards",
        "away_red_cards",
    )
    def _check_result(self):
        for match in self:
            error = match._result_error()
            if error:
                raise ValidationError(error)

    def _result_error(self):
        """The reason a result cannot be recorded, in the user's language."""
        self.ensure_one()
        teams = self.env._(
            "%(home)s - %(away)s",
            home=self.home_team_id.name,
            away=self.away_team_id.name,
        )
        if self.home_team_id == self.away_team_id:
            return self.env._(
                "A team cannot play against itself (%(team)s).", team=teams
            )
        if (
            self.home_team_id.tournament_id != self.tournament_id
            or self.away_team_id.tournament_id != self.tournament_id
        ):
            return self.env._(
                "Match %(match)s: both teams must belong to the tournament.",
                match=teams,
            )
        counts = (
            self.home_score,
            self.away_score,
            self.home_penalties,
            self.away_penalties,
            self.home_yellow_cards,
            self.home_red_cards,
            self.away_yellow_cards,
            self.away_red_cards,
        )
        if any(count < 0 for count in counts):
            return self.env._(
                "Match %(match)s: scores, penalties and cards cannot be negative.",
                match=teams,
            )
        if self.state == "forfeit" and self.forfeit_team_id not in (
            self.home_team_id | self.away_team_id
        ):
            return self.env._("Match %(match)s: say which team forfeited.", match=teams)
        if self.state == "played" and self.phase != "group":
            level = self.home_score == self.away_score
            if level and not self.has_shootout:
                return self.env._(
                    "Match %(match)s is a knockout match: a draw (%(home)s - "
                    "%(away)s) needs a penalty shoot-out to decide who goes "
                    "through.",
                    match=teams,
                    home=self.home_score,
                    away=self.away_score,
                )
            if level and self.home_penalties == self.away_penalties:
                return self.env._(
                    "Match %(match)s: the penalty shoot-out must have a winner.",
                    match=teams,
                )
            if not level and self.has_shootout:
                return self.env._(
                    "Match %(match)s: a shoot-out only follows a draw.", match=teams
                )
        if self.has_shootout and self.phase == "group":
            return self.env._(
                "Match %(match)s: group matches have no penalty shoot-out.",
                match=teams,
            )
        return ""

    def write(self, vals):
        # Entering a score records the match as played.
        if (
            {"home_score", "away_score"} & set(vals)
            and "state" not in vals
            and all(match.state == "scheduled" for match in self)
        ):
            vals = dict(vals, state="played")
        return super().write(vals)

    def _compute_display_name(self):
        for match in self:
            match.display_name = self.env._(
                "%(home)s - %(away)s",
                home=match.home_team_id.name or "?",
                away=match.away_team_id.name or "?",
            )

    def _public_values(self):
        self.ensure_one()
        return {
            "phase": (
                self.env._("Group %(group)s", group=self.group)
                if self.group
                else self.tournament_id._phase_label(self.phase)
            ),
            "group": self.group or "",
            "start": self._start_display(),
            "pitch": self.pitch or "",
            "home": self.home_team_id.name,
            "away": self.away_team_id.name,
            "score": self.score_display,
            "state": self.state,
            "winner": self.winner_id.name or "",
        }

    def _start_display(self):
        """Kick-off in the event's time zone, as players read it on the pitch."""
        if not self.start:
            return ""
        tz = self.tournament_id.event_id.date_tz or self.env.user.tz or "UTC"
        local = fields.Datetime.context_timestamp(self.with_context(tz=tz), self.start)
        return local.strftime("%d/%m/%Y %H:%M")

    def _counted_score(self):
        """Goals that count: the real score, or the forfeit score."""
        self.ensure_one()
        if self.state != "forfeit":
            return self.home_score, self.away_score
        goals = self.tournament_id.forfeit_goals
        if self.forfeit_team_id == self.home_team_id:
            return 0, goals
        return goals, 0
