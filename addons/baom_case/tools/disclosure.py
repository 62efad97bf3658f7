"""Statistical disclosure control of the network snapshots (plain Python).

A published count below the threshold ``k`` could point at a person (two
Guinean women over 60 received in Argana in March): it is hidden, the
*primary* suppression. Hiding it alone is not enough when the totals are
published: the total minus the other cells of its row gives it back. The
*secondary* suppression hides, in every row or column with exactly one hidden
cell, a second one (the smallest published cell, inner cells before totals),
until no row or column has exactly one hidden cell. Nothing is estimated or
perturbed: a cell is published as it is, or hidden with its reason.
"""

PRIMARY = "primary"
SECONDARY = "secondary"


def _is_disclosive(value, k, zeros_disclosive):
    if value is None:
        return False
    if value == 0:
        return zeros_disclosive
    return 0 < value < k


def _sort_key(key):
    # Keys mix None (the margins) with strings or numbers: order them stably.
    return tuple((part is None, str(part)) for part in key)


def _complete(groups, values, hidden):
    """Secondary suppression over ``groups`` (lists of keys that add up):
    until no group has exactly one hidden key, hide one more in each such
    group: the smallest published non-zero value, inner keys (listed first in
    each group) before margins, then a zero."""
    changed = True
    while changed:
        changed = False
        for group in groups:
            if sum(1 for key in group if key in hidden) != 1:
                continue
            candidates = [key for key in group if key not in hidden]
            if not candidates:
                continue
            position = {key: index for index, key in enumerate(group)}
            # Non-zero first (a zero next to a hidden cell protects little),
            # then the smallest value, then inner cells before the margin.
            candidate = min(
                candidates,
                key=lambda key: (
                    not values[key],
                    values[key],
                    position[key],
                    _sort_key(key) if isinstance(key, tuple) else (str(key),),
                ),
            )
            hidden[candidate] = SECONDARY
            changed = True
    return hidden


def margins(table):
    """``table`` and its margins ``(row, None)``, ``(None, col)``, ``(None, None)``."""
    full = dict(table)
    for (row, col), value in table.items():
        full[(row, None)] = full.get((row, None), 0) + value
        full[(None, col)] = full.get((None, col), 0) + value
        full[(None, None)] = full.get((None, None), 0) + value
    if not table:
        full[(None, None)] = 0
    return full


def suppress(table, k, zeros_disclosive=False):
    """Cells to hide in a two-way table of counts and its margins.

    :param table: ``{(row, col): count}``, the inner cells of the table.
    :param k: counts strictly between 0 and ``k`` are disclosive.
    :param zeros_disclosive: whether a zero count is disclosive too (a zero
        says "nobody of this group came", which can itself be sensitive).
    :return: ``{key: 'primary' | 'secondary'}`` for each hidden key, keys
        being inner cells ``(row, col)`` and margins ``(row, None)``,
        ``(None, col)`` and ``(None, None)``. After hiding, no row or column
        (margins included) has exactly one hidden cell.
    """
    values = margins(table)
    rows = sorted({row for row, _col in table}, key=lambda v: (str(v),))
    cols = sorted({col for _row, col in table}, key=lambda v: (str(v),))
    hidden = {
        key: PRIMARY
        for key, value in values.items()
        if _is_disclosive(value, k, zeros_disclosive)
    }
    groups = []
    for row in [*rows, None]:
        groups.append(
            [(row, col) for col in cols if (row, col) in values] + [(row, None)]
        )
    for col in [*cols, None]:
        groups.append(
            [(row, col) for row in rows if (row, col) in values] + [(None, col)]
        )
    return _complete(groups, values, hidden)


def suppress_breakdowns(breakdowns, total, k, zeros_disclosive=False):
    """Cells to hide among one-way breakdowns of the same total.

    A snapshot publishes, per indicator, its total and its breakdown by
    gender, by profile, by age band...: each breakdown adds up to the total,
    so each is a row whose margin is the (shared) total.

    :param breakdowns: ``{dimension: {value: count}}``.
    :param total: the count all breakdowns add up to.
    :return: ``{(dimension, value): reason}``, with key ``None`` for the
        total when it is hidden.
    """
    values = {None: total}
    groups = []
    for dimension, counts in breakdowns.items():
        keys = [(dimension, value) for value in sorted(counts, key=str)]
        values.update({(dimension, value): counts[value] for value in counts})
        groups.append([*keys, None])
    hidden = {
        key: PRIMARY
        for key, value in values.items()
        if _is_disclosive(value, k, zeros_disclosive)
    }
    return _complete(groups, values, hidden)
