"""Tournament scheduling and standings, without Odoo.

Teams are any hashable, sortable identifiers (record ids in the addon, names in
tests). Everything here is deterministic: the draw of groups and the drawing of
lots take a ``seed``, so that a test (or a re-run) gets the same outcome.

Translations: the ``reason`` of a standings row is a KEY (a tie-breaker key,
``TIED`` or ``""`` for the last team), never English text; the Odoo model turns
it into a translated sentence ("ahead on head-to-head goal difference").
"""

import datetime
import random

POINTS = "points"
GOAL_DIFFERENCE = "goal_difference"
GOALS_FOR = "goals_for"
H2H_POINTS = "head_to_head_points"
H2H_GOAL_DIFFERENCE = "head_to_head_goal_difference"
H2H_GOALS_FOR = "head_to_head_goals_for"
FAIR_PLAY = "fair_play"
LOTS = "lots"

TIE_BREAKERS = (
    POINTS,
    GOAL_DIFFERENCE,
    GOALS_FOR,
    H2H_POINTS,
    H2H_GOAL_DIFFERENCE,
    H2H_GOALS_FOR,
    FAIR_PLAY,
    LOTS,
)
# FIFA World Cup group stage (regulations 2022, art. 13): overall points, goal
# difference and goals, then the same among the tied teams, fair play, lots.
FIFA_TIE_BREAKERS = list(TIE_BREAKERS)
HEAD_TO_HEAD = (H2H_POINTS, H2H_GOAL_DIFFERENCE, H2H_GOALS_FOR)

# Reason of two teams level on every configured criterion.
TIED = "tied"

# Knockout phases by the number of teams still in.
KNOCKOUT_PHASES = {16: "round_of_16", 8: "quarter_final", 4: "semi_final", 2: "final"}


# ------------------------------------------------------------
# Round robin
# ------------------------------------------------------------


def round_robin(team_ids):
    """Rounds of a single round robin by the circle method.

    Each round is a list of ``(home, away)`` pairs; with an odd number of
    teams the team paired with the bye is simply absent from that round. The
    first seat stays fixed while the others rotate; home and away alternate:
    with an odd count every team alternates strictly, with an even count a team
    never plays more than two home (or away) matches in a row, and every team
    plays at home in half of its matches (at most one apart).
    """
    teams = list(team_ids)
    if len(set(teams)) != len(teams):
        raise ValueError("A team appears twice in the round robin.")
    if len(teams) < 2:
        return []
    if len(teams) % 2:
        # The bye takes the fixed seat: every team then alternates strictly.
        teams.insert(0, None)
    count = len(teams)
    rounds = []
    for number in range(count - 1):
        pairs = []
        for index in range(count // 2):
            first, second = teams[index], teams[count - 1 - index]
            # The fixed team alternates round by round; in the other pairs,
            # the side of the circle alternates with the pair's position.
            swap = number % 2 if index == 0 else index % 2
            if swap:
                first, second = second, first
            if first is not None and second is not None:
                pairs.append((first, second))
        rounds.append(pairs)
        teams = [teams[0], teams[-1], *teams[1:-1]]
    return rounds


# ------------------------------------------------------------
# Standings
# ------------------------------------------------------------


def _empty_row(team):
    return {
        "team": team,
        "played": 0,
        "won": 0,
        "drawn": 0,
        "lost": 0,
        "goals_for": 0,
        "goals_against": 0,
        "goal_difference": 0,
        "points": 0,
        "fair_play": 0,
    }


def _table(teams, results, points):
    """Rows of ``teams`` counting only the results between two of them."""
    win_points, draw_points, loss_points = points
    rows = {team: _empty_row(team) for team in teams}
    for result in results:
        home, away = result["home"], result["away"]
        if home not in rows or away not in rows:
            continue
        home_goals, away_goals = result["home_goals"], result["away_goals"]
        sides = (
            (rows[home], home_goals, away_goals, result.get("home_fair_play") or 0),
            (rows[away], away_goals, home_goals, result.get("away_fair_play") or 0),
        )
        for row, scored, conceded, fair_play in sides:
            row["played"] += 1
            row["goals_for"] += scored
            row["goals_against"] += conceded
            row["goal_difference"] += scored - conceded
            row["fair_play"] += fair_play
            if scored > conceded:
                row["won"] += 1
                row["points"] += win_points
            elif scored == conceded:
                row["drawn"] += 1
                row["points"] += draw_points
            else:
                row["lost"] += 1
                row["points"] += loss_points
    return rows


def _sort_key(team):
    return (type(team).__name__, team)


def _check_standings_input(teams, results, tie_breakers):
    if len(set(teams)) != len(teams):
        raise ValueError("A team appears twice in the standings.")
    unknown = [key for key in tie_breakers if key not in TIE_BREAKERS]
    if unknown:
        raise ValueError(f"Unknown tie-breakers: {', '.join(map(str, unknown))}")
    known = set(teams)
    for result in results:
        if result["home"] not in known or result["away"] not in known:
            raise ValueError("A result involves a team outside the standings.")
        if result["home_goals"] < 0 or result["away_goals"] < 0:
            raise ValueError("A score cannot be negative.")


def standings(
    team_ids,
    results,
    tie_breakers=None,
    win_points=3,
    draw_points=1,
    loss_points=0,
    seed=0,
):
    """Ranked table of a group.

    :param results: dicts ``home, away, home_goals, away_goals`` and
        optionally ``home_fair_play, away_fair_play``: the disciplinary points
        of each side. Fewer is better, whether given as FIFA deductions
        (-1 a yellow card, -3/-4 a red: negative numbers) or as penalty
        points (positive numbers): teams are compared on their absolute total.
    :param tie_breakers: ordered keys of ``TIE_BREAKERS`` (FIFA's by default).
        Head-to-head criteria count only the matches between the teams still
        tied, and are applied again to a smaller group of teams still tied
        (FIFA, UEFA). ``lots`` draws the remaining order from ``seed``.
    :return: rows ``team, played, won, drawn, lost, goals_for, goals_against,
        goal_difference, points, rank, reason``, best first. ``reason`` is the
        key of the criterion that puts the team ahead of the next one,
        ``TIED`` when nothing separates them (they share the rank) and ``""``
        for the last team.
    """
    teams = list(team_ids)
    tie_breakers = list(FIFA_TIE_BREAKERS if tie_breakers is None else tie_breakers)
    _check_standings_input(teams, results, tie_breakers)
    points = (win_points, draw_points, loss_points)
    overall = _table(teams, results, points)

    def criterion_values(block, key):
        if key in (POINTS, GOAL_DIFFERENCE, GOALS_FOR):
            return {team: overall[team][key] for team in block}
        if key == FAIR_PLAY:
            return {team: -abs(overall[team]["fair_play"]) for team in block}
        if key in HEAD_TO_HEAD:
            mini = _table(block, results, points)
            field = {
                H2H_POINTS: "points",
                H2H_GOAL_DIFFERENCE: "goal_difference",
                H2H_GOALS_FOR: "goals_for",
            }[key]
            return {team: mini[team][field] for team in block}
        # Lots: a draw that depends only on the seed and on who is tied.
        ordered = sorted(block, key=_sort_key)
        rng = random.Random(f"{seed}:{ordered!r}")
        drawn = ordered[:]
        rng.shuffle(drawn)
        return {team: -drawn.index(team) for team in block}

    def resolve(block):
        """(ordered teams, labels of the boundaries between them)."""
        if len(block) == 1:
            return block, []
        for key in tie_breakers:
            values = criterion_values(block, key)
            levels = sorted(set(values.values()), reverse=True)
            if len(levels) == 1:
                continue
            ordered, labels = [], []
            for level in levels:
                # A smaller group of tied teams starts again from the first
                # criterion: the overall ones are equal anyway, the
                # head-to-head ones now count only the matches among them.
                sub_order, sub_labels = resolve(
                    [team for team in block if values[team] == level]
                )
                if ordered:
                    labels.append(key)
                ordered += sub_order
                labels += sub_labels
            return ordered, labels
        return block, [TIED] * (len(block) - 1)

    ordered, labels = resolve(sorted(teams, key=_sort_key))
    rows = []
    for position, team in enumerate(ordered):
        row = dict(overall[team])
        del row["fair_play"]
        if position and labels[position - 1] == TIED:
            row["rank"] = rows[-1]["rank"]
        else:
            row["rank"] = position + 1
        row["reason"] = labels[position] if position < len(labels) else ""
        rows.append(row)
    return rows


# ------------------------------------------------------------
# Groups and knockout
# ------------------------------------------------------------


def group_names(count):
    """A, B, C... (then A2, B2... beyond 26, which no commune needs)."""
    return [
        chr(ord("A") + index % 26) + (str(index // 26 + 1) if index >= 26 else "")
        for index in range(count)
    ]


def draw_groups(team_ids, group_count, seed=0):
    """Groups drawn with seeding: ``team_ids`` strongest first.

    Teams are cut into pots of ``group_count`` (the first pot holds the seeded
    heads of group); each pot is shuffled from ``seed`` and dealt one team per
    group, so two seeded teams never meet in the group stage.
    :return: ``{group name: [teams]}``, groups differing by one team at most.
    """
    teams = list(team_ids)
    if group_count < 1:
        raise ValueError("A tournament needs at least one group.")
    if len(set(teams)) != len(teams):
        raise ValueError("A team appears twice in the draw.")
    names = group_names(group_count)
    groups = {name: [] for name in names}
    rng = random.Random(f"draw:{seed}")
    for start in range(0, len(teams), group_count):
        pot = teams[start : start + group_count]
        rng.shuffle(pot)
        for name, team in zip(names, pot, strict=False):
            groups[name].append(team)
    return groups


def knockout_from_groups(names, qualifiers=2):
    """First knockout round from group positions: ``[((1, "A"), (2, "B")), ...]``.

    Group winners meet runners-up of the paired group (1A-2B, 1B-2A, 1C-2D...);
    the two teams of a group are put in opposite halves of the bracket so they
    can meet again only in the final.
    """
    names = list(names)
    if qualifiers == 1:
        positions = [(1, name) for name in names]
        return knockout_first_round(positions)
    if qualifiers != 2:
        raise ValueError("One or two teams qualify from each group.")
    if len(names) == 1:
        return [((1, names[0]), (2, names[0]))]
    if len(names) % 2:
        raise ValueError("Groups are paired: their number must be even.")
    top, bottom = [], []
    for index in range(0, len(names), 2):
        first, second = names[index], names[index + 1]
        top.append(((1, first), (2, second)))
        bottom.append(((1, second), (2, first)))
    return top + bottom


def _bracket_order(size):
    """Seed numbers (1-based) in bracket order: 1, 8, 4, 5, 2, 7, 3, 6 for 8."""
    order = [1]
    while len(order) < size:
        total = len(order) * 2 + 1
        order = [seed for pair in ((s, total - s) for s in order) for seed in pair]
    return order


def knockout_first_round(team_ids):
    """Pairs of a knockout draw, ``team_ids`` best seed first (1 v 8, 4 v 5...).

    The number of teams must be a power of two (2, 4, 8, 16...).
    """
    teams = list(team_ids)
    size = len(teams)
    if size < 2 or size & (size - 1):
        raise ValueError("A knockout needs 2, 4, 8 or 16 teams.")
    order = _bracket_order(size)
    return [
        (teams[order[index] - 1], teams[order[index + 1] - 1])
        for index in range(0, size, 2)
    ]


def knockout_phase(team_count):
    """Phase key of a knockout round played by ``team_count`` teams."""
    try:
        return KNOCKOUT_PHASES[team_count]
    except KeyError:
        raise ValueError("A knockout round has 2, 4, 8 or 16 teams.") from None


def next_round(winners):
    """Pairs of the next round: winners of consecutive matches meet."""
    winners = list(winners)
    if len(winners) % 2:
        raise ValueError("A knockout round needs an even number of winners.")
    return [(winners[index], winners[index + 1]) for index in range(0, len(winners), 2)]


# ------------------------------------------------------------
# Pitches and time slots
# ------------------------------------------------------------


def place_matches(
    matches, pitches, first_kickoff, duration, pause=0, min_rest=0, not_before=None
):
    """Put matches on pitches and time slots, in the given order.

    Slots follow each other every ``duration + pause`` minutes from
    ``first_kickoff`` (a datetime). A match takes the earliest slot where a
    pitch is free, neither team already plays, and each team has rested at
    least ``min_rest`` minutes since the end of its previous match. A match
    never starts before the slot of a match listed before it that shares a
    team (rounds stay in order). ``not_before`` optionally maps a match index
    to the earliest datetime it may start (a knockout round after the groups).

    :return: ``[(home, away, start, pitch), ...]`` in the order of ``matches``.
    """
    pitches = list(pitches)
    if not pitches:
        raise ValueError("At least one pitch is needed.")
    if duration <= 0:
        raise ValueError("A match lasts a positive number of minutes.")
    if pause < 0 or min_rest < 0:
        raise ValueError("Breaks and rests cannot be negative.")
    step = datetime.timedelta(minutes=duration + pause)
    length = datetime.timedelta(minutes=duration)
    rest = datetime.timedelta(minutes=min_rest)
    not_before = not_before or {}
    busy_pitches = {}  # slot -> pitches used
    busy_teams = {}  # slot -> teams playing
    team_end = {}  # team -> end of its last placed match
    placed = []
    for index, (home, away) in enumerate(matches):
        slot = 0
        earliest = max(
            [team_end[team] + rest for team in (home, away) if team in team_end]
            + [not_before.get(index, first_kickoff)]
        )
        while first_kickoff + slot * step < earliest:
            slot += 1
        while (
            len(busy_pitches.get(slot, ())) >= len(pitches)
            or home in busy_teams.get(slot, ())
            or away in busy_teams.get(slot, ())
        ):
            slot += 1
        start = first_kickoff + slot * step
        pitch = next(p for p in pitches if p not in busy_pitches.get(slot, ()))
        busy_pitches.setdefault(slot, []).append(pitch)
        busy_teams.setdefault(slot, set()).update((home, away))
        for team in (home, away):
            team_end[team] = max(team_end.get(team, start), start + length)
        placed.append((home, away, start, pitch))
    return placed
