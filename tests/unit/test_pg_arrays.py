"""Array literals of the bulk inserts: every value reads back as given.

The reading side is PostgreSQL's ``array_in`` for a one-dimensional array,
written out below from its documented rules (quoted elements, backslash
escapes, unquoted ``NULL``); the Odoo suite checks the same values against
the server itself (``test_bulk_create``).
"""

import datetime
import random
from decimal import Decimal

from baom_base_tools.pg_arrays import array_literal, array_param


def _read_literal(literal):
    """Elements of a one-dimensional PostgreSQL array literal, as text
    (``None`` for NULL), by the rules of ``array_in``."""
    assert literal[0] == "{" and literal[-1] == "}"
    body = literal[1:-1]
    items, position = [], 0
    if not body:
        return items
    while True:
        if body[position] == '"':
            position += 1
            text = []
            while body[position] != '"':
                if body[position] == "\\":
                    position += 1
                text.append(body[position])
                position += 1
            position += 1
            items.append("".join(text))
        else:
            end = body.find(",", position)
            end = len(body) if end == -1 else end
            word = body[position:end]
            assert word and not set(word) & set('"\\{} '), word
            items.append(None if word.upper() == "NULL" else word)
            position = end
        if position == len(body):
            return items
        assert body[position] == ","
        position += 1


def test_plain_values_read_back_as_their_text():
    values = [
        1,
        None,
        -7,
        True,
        False,
        2.5,
        Decimal("10.20"),
        datetime.date(2025, 3, 1),
        datetime.datetime(2025, 3, 1, 12, 0, 5),
    ]
    assert _read_literal(array_literal(values)) == [
        "1",
        None,
        "-7",
        "t",
        "f",
        "2.5",
        "10.20",
        "2025-03-01",
        "2025-03-01 12:00:05",
    ]


def test_strings_that_look_like_syntax_stay_strings():
    values = [
        "NULL",
        "null",
        "",
        " ",
        'Aïcha "Ina" Diallo',
        "C:\\dossier\\",
        "{a,b}",
        "a, b",
        "محمد",
        "\\",
        '"',
        "line\nbreak\ttab",
    ]
    assert _read_literal(array_literal(values)) == values


def test_random_strings_round_trip():
    alphabet = "ab ,{}\"\\'NUL\n\téü، م"
    rng = random.Random(3)
    values = [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        for _ in range(2000)
    ]
    assert _read_literal(array_literal(values)) == values


def test_empty_list_is_the_empty_array():
    assert array_literal([]) == "{}"
    assert array_param([]) == "{}"


def test_values_it_does_not_write_are_passed_as_the_list():
    values = ["a", b"\x00binary", None]
    assert array_literal(values) is None
    assert array_param(values) is values
    # Not an int: its str() would not be what the column's input expects.
    assert array_literal([object()]) is None
