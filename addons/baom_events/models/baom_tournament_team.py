from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Players and captains are attendees of the event: what identifies them stays
# on their registration, readable by the officers of the office and event
# administrators only, not by the network coordinator (whose event rights are
# for trainings) nor by supervisors.
REGISTRATION_GROUPS = "baom_base.group_baom_officer,event.group_event_manager"


class BaomTournamentTeam(models.Model):
    _name = "baom.tournament.team"
    _description = "BAOM Tournament Team"
    _order = "tournament_id, group, seed, name, id"

    tournament_id = fields.Many2one(
        "baom.tournament", required=True, index=True, ondelete="cascade"
    )
    event_id = fields.Many2one(related="tournament_id.event_id")
    office_id = fields.Many2one(related="tournament_id.office_id", store=True)
    name = fields.Char(required=True)
    group = fields.Char(
        help="Filled by the draw when the schedule is generated (A, B...)."
    )
    seed = fields.Integer(
        "Seeding",
        default=10,
        help="Strongest teams first: seeded teams are drawn into different groups.",
    )
    community = fields.Char(
        "Community / origin",
        help="Neighbourhood, association or community the team represents.",
    )
    # people (personal data of the event's attendees)
    captain_registration_id = fields.Many2one(
        "event.registration",
        "Captain",
        groups=REGISTRATION_GROUPS,
        domain="[('event_id', '=', event_id)]",
        help="The captain's registration to the event: how to reach the team.",
    )
    player_registration_ids = fields.Many2many(
        "event.registration",
        "baom_tournament_team_player_rel",
        "team_id",
        "registration_id",
        "Players",
        groups=REGISTRATION_GROUPS,
        domain="[('event_id', '=', event_id)]",
    )
    # figures (no personal data: what indicators count)
    player_count = fields.Integer(
        "Number of players", compute="_compute_player_figures"
    )
    female_count = fields.Integer("Women", compute="_compute_player_figures")
    male_count = fields.Integer("Men", compute="_compute_player_figures")
    minor_count = fields.Integer("Minors", compute="_compute_player_figures")

    _name_uniq = models.Constraint(
        "UNIQUE(tournament_id, name)",
        "Two teams of a tournament cannot have the same name.",
    )

    @api.depends(
        "player_registration_ids.baom_gender", "player_registration_ids.baom_is_minor"
    )
    def _compute_player_figures(self):
        # Counting is not reading: every reader of the team gets the figures.
        for team, team_sudo in zip(self, self.sudo(), strict=True):
            players = team_sudo.player_registration_ids
            team.player_count = len(players)
            team.female_count = len(
                players.filtered(lambda reg: reg.baom_gender == "female")
            )
            team.male_count = len(
                players.filtered(lambda reg: reg.baom_gender == "male")
            )
            team.minor_count = len(players.filtered("baom_is_minor"))

    @api.constrains("player_registration_ids", "captain_registration_id")
    def _check_players(self):
        for team in self.sudo():
            people = team.player_registration_ids | team.captain_registration_id
            strangers = people.filtered(lambda reg, t=team: reg.event_id != t.event_id)
            if strangers:
                raise ValidationError(
                    self.env._(
                        "Team %(team)s: %(names)s did not register to the event "
                        "of the tournament.",
                        team=team.name,
                        names=", ".join(strangers.mapped("name")),
                    )
                )
            minors = team.player_registration_ids.filtered(
                lambda reg: reg.baom_is_minor and not reg.baom_guardian_consent
            )
            if minors:
                raise ValidationError(
                    self.env._(
                        "Team %(team)s: %(names)s are minors; record their "
                        "guardian's consent on their registration first.",
                        team=team.name,
                        names=", ".join(minors.mapped("name")),
                    )
                )
