"""Tournament scheduler and standings, checked against hand-computed tables."""

import datetime
import itertools
from collections import Counter

import pytest
from baom_events_tools import tournament
from baom_events_tools.tournament import (
    FIFA_TIE_BREAKERS,
    TIED,
    draw_groups,
    knockout_first_round,
    knockout_from_groups,
    knockout_phase,
    next_round,
    place_matches,
    round_robin,
    standings,
)

# UEFA's order (head-to-head first), the other order a federation may choose.
UEFA = [
    "points",
    "head_to_head_points",
    "head_to_head_goal_difference",
    "head_to_head_goals_for",
    "goal_difference",
    "goals_for",
    "fair_play",
    "lots",
]
KEYS = [
    "team",
    "played",
    "won",
    "drawn",
    "lost",
    "goals_for",
    "goals_against",
    "goal_difference",
    "points",
    "rank",
    "reason",
]


def result(home, away, home_goals, away_goals, home_fair_play=0, away_fair_play=0):
    return {
        "home": home,
        "away": away,
        "home_goals": home_goals,
        "away_goals": away_goals,
        "home_fair_play": home_fair_play,
        "away_fair_play": away_fair_play,
    }


def table(rows):
    """Rows as tuples in the order of KEYS, easy to compare with a table."""
    return [tuple(row[key] for key in KEYS) for row in rows]


# ------------------------------------------------------------
# round_robin
# ------------------------------------------------------------


@pytest.mark.parametrize("count", range(2, 13))
def test_round_robin_every_pair_meets_once_and_nobody_plays_twice_a_round(count):
    teams = list(range(1, count + 1))
    rounds = round_robin(teams)
    assert len(rounds) == (count if count % 2 else count - 1)
    pairs = [frozenset(pair) for matches in rounds for pair in matches]
    assert len(pairs) == len(set(pairs)) == count * (count - 1) // 2
    for matches in rounds:
        playing = [team for pair in matches for team in pair]
        assert len(playing) == len(set(playing)), "no team twice in a round"
        assert None not in playing, "a bye is simply absent"
        # With an odd count exactly one team rests each round.
        assert len(playing) == count - count % 2


@pytest.mark.parametrize("count", range(2, 13))
def test_round_robin_alternates_home_and_away(count):
    rounds = round_robin(range(count))
    home = Counter(pair[0] for matches in rounds for pair in matches)
    away = Counter(pair[1] for matches in rounds for pair in matches)
    sequences = {team: "" for team in range(count)}
    for matches in rounds:
        for first, second in matches:
            sequences[first] += "H"
            sequences[second] += "A"
    for team in range(count):
        assert abs(home[team] - away[team]) <= 1, f"team {team} is balanced"
        longest = max(
            len(list(run)) for _key, run in itertools.groupby(sequences[team])
        )
        # Odd counts alternate strictly; even counts allow the unavoidable
        # two in a row (n - 2 "breaks" is the minimum of a round robin).
        assert longest <= (1 if count % 2 else 2), sequences[team]


def test_round_robin_of_four_is_the_circle_method():
    assert round_robin(["A", "B", "C", "D"]) == [
        [("A", "D"), ("C", "B")],
        [("C", "A"), ("B", "D")],
        [("A", "B"), ("D", "C")],
    ]


def test_round_robin_three_teams_one_rests_each_round():
    assert round_robin(["A", "B", "C"]) == [
        [("B", "A")],
        [("A", "C")],
        [("C", "B")],
    ]


def test_round_robin_refuses_a_team_twice_and_handles_tiny_groups():
    with pytest.raises(ValueError):
        round_robin([1, 2, 1])
    assert round_robin([1]) == []
    assert round_robin([]) == []


# ------------------------------------------------------------
# standings
# ------------------------------------------------------------


def test_standings_plain_table_ranked_on_points():
    results = [
        result("A", "B", 2, 0),
        result("C", "D", 1, 1),
        result("A", "C", 1, 1),
        result("B", "D", 3, 0),
        result("D", "A", 0, 4),
        result("B", "C", 1, 0),
    ]
    rows = standings(["A", "B", "C", "D"], results, FIFA_TIE_BREAKERS)
    assert table(rows) == [
        ("A", 3, 2, 1, 0, 7, 1, 6, 7, 1, "points"),
        ("B", 3, 2, 0, 1, 4, 2, 2, 6, 2, "points"),
        ("C", 3, 0, 2, 1, 2, 3, -1, 2, 3, "points"),
        ("D", 3, 0, 1, 2, 1, 8, -7, 1, 4, ""),
    ]


def test_standings_three_way_tie_resolved_by_head_to_head_fifa_order():
    # All four teams finish on 4 points and a goal difference of 0; D scored
    # 4, the others 2. Among A, B, C: A 4 points, B 3, C 1.
    results = [
        result("A", "B", 1, 0),
        result("A", "C", 0, 0),
        result("B", "C", 1, 0),
        result("D", "A", 2, 1),
        result("B", "D", 1, 1),
        result("C", "D", 2, 1),
    ]
    rows = standings(["A", "B", "C", "D"], results, FIFA_TIE_BREAKERS)
    assert table(rows) == [
        ("D", 3, 1, 1, 1, 4, 4, 0, 4, 1, "goals_for"),
        ("A", 3, 1, 1, 1, 2, 2, 0, 4, 2, "head_to_head_points"),
        ("B", 3, 1, 1, 1, 2, 2, 0, 4, 3, "head_to_head_points"),
        ("C", 3, 1, 1, 1, 2, 2, 0, 4, 4, ""),
    ]


# A, B and C on 7 points. Head to head A beat both (6 points), B and C drew
# (1 each). B lost to A by one goal, C by three; overall C has the better
# goal difference (+4 against +1).
FIVE = ["A", "B", "C", "D", "E"]
FIVE_RESULTS = [
    result("A", "B", 1, 0),
    result("A", "C", 3, 0),
    result("A", "D", 0, 0),
    result("E", "A", 1, 0),
    result("B", "C", 1, 1),
    result("B", "D", 1, 0),
    result("B", "E", 1, 0),
    result("C", "D", 4, 0),
    result("C", "E", 3, 0),
    result("D", "E", 0, 0),
]


def test_standings_head_to_head_reapplied_to_the_teams_still_tied():
    rows = standings(FIVE, FIVE_RESULTS, UEFA)
    # Among A, B, C the mini-table puts B (-1) above C (-3); but once A is
    # out, B and C are level on their own match (1-1): the head-to-head
    # criteria start again between the two, then goal difference decides.
    assert table(rows) == [
        ("A", 4, 2, 1, 1, 4, 1, 3, 7, 1, "head_to_head_points"),
        ("C", 4, 2, 1, 1, 8, 4, 4, 7, 2, "goal_difference"),
        ("B", 4, 2, 1, 1, 3, 2, 1, 7, 3, "points"),
        ("E", 4, 1, 1, 2, 1, 4, -3, 4, 4, "points"),
        ("D", 4, 0, 2, 2, 0, 5, -5, 2, 5, ""),
    ]


def test_standings_same_results_in_fifa_order_goal_difference_first():
    rows = standings(FIVE, FIVE_RESULTS, FIFA_TIE_BREAKERS)
    assert [(row["team"], row["reason"]) for row in rows] == [
        ("C", "goal_difference"),
        ("A", "goal_difference"),
        ("B", "points"),
        ("E", "points"),
        ("D", ""),
    ]


def test_standings_fair_play_separates_teams_level_on_everything_else():
    # A and B drew 1-1 and both beat C 2-0: level on every count, head to
    # head included. A collected three fair-play deductions, B one.
    results = [
        result("A", "B", 1, 1, home_fair_play=-1, away_fair_play=-1),
        result("A", "C", 2, 0, home_fair_play=-2),
        result("B", "C", 2, 0),
    ]
    rows = standings(["A", "B", "C"], results, FIFA_TIE_BREAKERS)
    assert table(rows) == [
        ("B", 2, 1, 1, 0, 3, 1, 2, 4, 1, "fair_play"),
        ("A", 2, 1, 1, 0, 3, 1, 2, 4, 2, "points"),
        ("C", 2, 0, 0, 2, 0, 4, -4, 0, 3, ""),
    ]


def test_standings_fair_play_as_positive_penalty_points_same_outcome():
    results = [
        result("A", "B", 1, 1, home_fair_play=1, away_fair_play=1),
        result("A", "C", 2, 0, home_fair_play=2),
        result("B", "C", 2, 0),
    ]
    rows = standings(["A", "B", "C"], results, FIFA_TIE_BREAKERS)
    assert [row["team"] for row in rows] == ["B", "A", "C"]


def test_standings_without_lots_teams_level_on_everything_share_the_rank():
    results = [result("A", "B", 0, 0)]
    rows = standings(["A", "B", "C"], results, ["points", "goal_difference"])
    assert [(row["team"], row["rank"], row["reason"]) for row in rows] == [
        ("A", 1, TIED),
        ("B", 1, "points"),
        ("C", 3, ""),
    ]
    assert rows[2]["played"] == 0


def test_standings_lots_are_deterministic_for_a_seed():
    teams = [1, 2, 3, 4]
    orders = set()
    for seed in range(12):
        first = [
            row["team"] for row in standings(teams, [], ["points", "lots"], seed=seed)
        ]
        again = [
            row["team"] for row in standings(teams, [], ["points", "lots"], seed=seed)
        ]
        assert first == again, "the same seed draws the same lots"
        rows = standings(teams, [], ["lots"], seed=seed)
        assert [row["rank"] for row in rows] == [1, 2, 3, 4]
        assert [row["reason"] for row in rows] == ["lots", "lots", "lots", ""]
        orders.add(tuple(first))
    assert len(orders) > 1, "lots really draw"


def test_standings_lots_do_not_depend_on_the_order_teams_are_given():
    forward = standings([1, 2, 3], [], ["lots"], seed=7)
    backward = standings([3, 2, 1], [], ["lots"], seed=7)
    assert [row["team"] for row in forward] == [row["team"] for row in backward]


def test_standings_points_per_result_are_configurable():
    results = [result("A", "B", 1, 0), result("A", "C", 0, 0), result("B", "C", 0, 0)]
    rows = standings(["A", "B", "C"], results, ["points"], win_points=2, loss_points=0)
    assert [(row["team"], row["points"]) for row in rows] == [
        ("A", 3),
        ("C", 2),
        ("B", 1),
    ]


def test_standings_refuses_bad_input_with_a_message():
    with pytest.raises(ValueError, match="Unknown tie-breakers"):
        standings(["A", "B"], [], ["points", "height"])
    with pytest.raises(ValueError, match="negative"):
        standings(["A", "B"], [result("A", "B", -1, 0)], ["points"])
    with pytest.raises(ValueError, match="outside"):
        standings(["A", "B"], [result("A", "Z", 1, 0)], ["points"])


def test_standings_default_is_fifa():
    assert standings(FIVE, FIVE_RESULTS, None) == standings(
        FIVE, FIVE_RESULTS, FIFA_TIE_BREAKERS
    )
    assert FIFA_TIE_BREAKERS == list(tournament.TIE_BREAKERS)


# ------------------------------------------------------------
# groups, bracket
# ------------------------------------------------------------


def test_draw_groups_keeps_seeded_teams_apart_and_is_reproducible():
    teams = [f"T{number}" for number in range(1, 9)]  # T1, T2 are the seeds
    groups = draw_groups(teams, 2, seed=3)
    assert sorted(groups) == ["A", "B"]
    assert all(len(members) == 4 for members in groups.values())
    assert sorted(itertools.chain(*groups.values())) == sorted(teams)
    assert {groups["A"][0], groups["B"][0]} == {"T1", "T2"}, "one seed per group"
    assert draw_groups(teams, 2, seed=3) == groups
    draws = {tuple(draw_groups(teams, 2, seed=seed)["A"]) for seed in range(10)}
    assert len(draws) > 1


def test_draw_groups_uneven_counts_differ_by_one_at_most():
    groups = draw_groups(list(range(10)), 3)
    assert sorted(len(members) for members in groups.values()) == [3, 3, 4]
    with pytest.raises(ValueError):
        draw_groups([1, 2], 0)


def test_knockout_from_two_groups_crosses_winners_and_runners_up():
    assert knockout_from_groups(["A", "B"]) == [
        ((1, "A"), (2, "B")),
        ((1, "B"), (2, "A")),
    ]


def test_knockout_from_four_groups_keeps_a_group_in_opposite_halves():
    assert knockout_from_groups(["A", "B", "C", "D"]) == [
        ((1, "A"), (2, "B")),
        ((1, "C"), (2, "D")),
        ((1, "B"), (2, "A")),
        ((1, "D"), (2, "C")),
    ]
    with pytest.raises(ValueError):
        knockout_from_groups(["A", "B", "C"])


def test_knockout_first_round_seeds_best_against_weakest():
    assert knockout_first_round([1, 2, 3, 4, 5, 6, 7, 8]) == [
        (1, 8),
        (4, 5),
        (2, 7),
        (3, 6),
    ]
    assert knockout_first_round([1, 2, 3, 4]) == [(1, 4), (2, 3)]
    with pytest.raises(ValueError):
        knockout_first_round([1, 2, 3])


def test_knockout_phases_and_next_round():
    assert knockout_phase(8) == "quarter_final"
    assert knockout_phase(2) == "final"
    with pytest.raises(ValueError):
        knockout_phase(6)
    assert next_round(["W1", "W2", "W3", "W4"]) == [("W1", "W2"), ("W3", "W4")]


# ------------------------------------------------------------
# pitches and slots
# ------------------------------------------------------------

KICKOFF = datetime.datetime(2023, 8, 12, 9, 0)


def at(hour, minute=0):
    return KICKOFF.replace(hour=hour, minute=minute)


def test_place_matches_fills_pitches_then_next_slot():
    rounds = round_robin(["A", "B", "C", "D"])
    matches = [pair for pairs in rounds for pair in pairs]
    placed = place_matches(matches, ["Pitch 1", "Pitch 2"], KICKOFF, 40, pause=10)
    assert placed == [
        ("A", "D", at(9), "Pitch 1"),
        ("C", "B", at(9), "Pitch 2"),
        ("C", "A", at(9, 50), "Pitch 1"),
        ("B", "D", at(9, 50), "Pitch 2"),
        ("A", "B", at(10, 40), "Pitch 1"),
        ("D", "C", at(10, 40), "Pitch 2"),
    ]


def test_place_matches_respects_the_minimum_rest():
    matches = [("A", "B"), ("C", "D"), ("A", "C"), ("B", "D")]
    # 40 min matches every 50 min on one pitch, 60 min of rest required.
    placed = place_matches(matches, ["P"], KICKOFF, 40, pause=10, min_rest=60)
    assert [start for _h, _a, start, _p in placed] == [
        at(9),
        at(9, 50),
        at(11, 30),  # A rested since 9:40, but C played until 10:30
        at(12, 20),  # D could play at 11:30, the only pitch is taken
    ]
    ends = {}
    for home, away, start, _pitch in placed:
        for team in (home, away):
            if team in ends:
                assert start - ends[team] >= datetime.timedelta(minutes=60)
            ends[team] = start + datetime.timedelta(minutes=40)


def test_place_matches_never_overlaps_a_team_or_a_pitch():
    teams = list(range(7))
    matches = [pair for pairs in round_robin(teams) for pair in pairs]
    placed = place_matches(matches, ["1", "2", "3"], KICKOFF, 30, pause=5, min_rest=20)
    slots = Counter((start, pitch) for _h, _a, start, pitch in placed)
    assert max(slots.values()) == 1, "one match per pitch and slot"
    playing = Counter(
        (start, team) for home, away, start, _p in placed for team in (home, away)
    )
    assert max(playing.values()) == 1, "no team plays twice at once"
    assert len(placed) == 21


def test_place_matches_not_before_a_given_time():
    placed = place_matches(
        [("A", "B")], ["P"], KICKOFF, 40, pause=10, not_before={0: at(14)}
    )
    assert placed == [("A", "B", at(14, 0), "P")]


def test_place_matches_refuses_impossible_settings():
    with pytest.raises(ValueError):
        place_matches([("A", "B")], [], KICKOFF, 40)
    with pytest.raises(ValueError):
        place_matches([("A", "B")], ["P"], KICKOFF, 0)
