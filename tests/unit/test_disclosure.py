from baom_case_tools.disclosure import margins, suppress, suppress_breakdowns


def _published(table, hidden):
    return {key: value for key, value in margins(table).items() if key not in hidden}


def _recoverable(table, hidden):
    """Hidden keys an attacker gets back by subtracting published cells of a
    row or column from its published margin (repeated until nothing new)."""
    values = margins(table)
    rows = {row for row, _col in table} | {None}
    cols = {col for _row, col in table} | {None}
    groups = [[(r, c) for c in cols if (r, c) in values] for r in rows]
    groups += [[(r, c) for r in rows if (r, c) in values] for c in cols]
    known = set(values) - set(hidden)
    found = set()
    progress = True
    while progress:
        progress = False
        for group in groups:
            unknown = [key for key in group if key not in known]
            if len(unknown) == 1:
                known.add(unknown[0])
                found.add(unknown[0])
                progress = True
    return found


# Gender x profile, as a snapshot publishes it.
TABLE = {
    ("female", "returnee"): 12,
    ("female", "tcn_transit"): 2,
    ("female", "rights_holder"): 9,
    ("male", "returnee"): 15,
    ("male", "tcn_transit"): 8,
    ("male", "rights_holder"): 11,
}


def test_primary_only_leaks_and_secondary_closes_it():
    primary_only = {("female", "tcn_transit"): "primary"}
    # The naive suppression: the female total minus the two other cells
    # gives the hidden 2 back.
    assert ("female", "tcn_transit") in _recoverable(TABLE, primary_only)
    hidden = suppress(TABLE, 5)
    assert hidden[("female", "tcn_transit")] == "primary"
    assert "secondary" in hidden.values()
    assert not _recoverable(TABLE, hidden)


def test_no_row_or_column_has_a_single_hidden_cell():
    hidden = suppress(TABLE, 5)
    values = margins(TABLE)
    for row in ["female", "male", None]:
        line = [key for key in values if key[0] == row]
        assert sum(key in hidden for key in line) != 1, row
    for col in ["returnee", "tcn_transit", "rights_holder", None]:
        line = [key for key in values if key[1] == col]
        assert sum(key in hidden for key in line) != 1, col


def test_secondary_hides_the_smallest_inner_cell():
    hidden = suppress(TABLE, 5)
    # Row "female": 9 (rights_holder) is its smallest other cell; column
    # "tcn_transit": 8 (male).
    assert hidden[("female", "rights_holder")] == "secondary"
    assert hidden[("male", "tcn_transit")] == "secondary"
    # Then column rights_holder and row male each have one hidden cell too.
    assert hidden[("male", "rights_holder")] == "secondary"
    assert ("female", None) not in hidden
    assert (None, None) not in hidden


def test_nothing_below_k_nothing_hidden():
    table = {("a", "x"): 5, ("a", "y"): 6, ("b", "x"): 7, ("b", "y"): 50}
    assert suppress(table, 5) == {}


def test_zeros_published_unless_disclosive():
    table = {("a", "x"): 0, ("a", "y"): 20, ("b", "x"): 10, ("b", "y"): 30}
    assert suppress(table, 5) == {}
    hidden = suppress(table, 5, zeros_disclosive=True)
    assert hidden[("a", "x")] == "primary"
    assert not _recoverable(table, hidden)
    assert all(key in hidden for key in [("a", "y"), ("b", "x")])


def test_small_margin_is_suppressed_with_its_row():
    table = {("a", "x"): 1, ("a", "y"): 2, ("b", "x"): 20, ("b", "y"): 30}
    hidden = suppress(table, 5)
    # Row "a": both cells and its total 3 are below k.
    assert hidden[("a", "x")] == hidden[("a", "y")] == "primary"
    assert hidden[("a", None)] == "primary"
    # Columns x and y each have one hidden cell: the b cells are hidden too,
    # else 21 - 20 gives back the 1.
    assert ("b", "x") in hidden and ("b", "y") in hidden
    assert not _recoverable(table, hidden)
    published = _published(table, hidden)
    assert published[(None, None)] == 53


def test_grand_total_below_k_hides_everything_non_zero():
    table = {("a", "x"): 1, ("a", "y"): 0, ("b", "x"): 2, ("b", "y"): 0}
    hidden = suppress(table, 5)
    assert hidden[(None, None)] == "primary"
    assert hidden[("a", "x")] == hidden[("b", "x")] == "primary"
    assert not _recoverable(table, hidden)


def test_breakdowns_share_the_total():
    hidden = suppress_breakdowns(
        {
            "gender": {"female": 3, "male": 17},
            "profile": {"returnee": 10, "tcn_transit": 10},
        },
        20,
        5,
    )
    # 20 - 17 would give the 3 back: the 17 goes too; profile untouched.
    assert hidden == {("gender", "female"): "primary", ("gender", "male"): "secondary"}


def test_breakdowns_hidden_total_spreads_to_every_breakdown():
    hidden = suppress_breakdowns(
        {"gender": {"female": 2, "male": 2}, "profile": {"returnee": 4}}, 4, 5
    )
    assert hidden[None] == "primary"
    assert hidden[("profile", "returnee")] == "primary"
    assert hidden[("gender", "female")] == "primary"
