import datetime

import pytest
from baom_base_tools import rows


def test_row_with_every_column_is_normalised():
    facts = rows.parse_row(
        {
            "last_name": "  OUBELLA ",
            "first_name": "aicha",
            "gender": "Femme",
            "birth_date": "12/03/1961",
            "nationality": "Marocaine",
            "phone": "06 12 34 50 01",
            "profile": "Ayant droit",
            "outcome": "Orientée vers la CNSS",
            "visit_date": "2025-07-05",
        }
    )
    assert (facts.first_name, facts.last_name) == ("Aicha", "Oubella")
    assert facts.gender == "female"
    assert facts.birth_date == datetime.date(1961, 3, 12)
    assert facts.nationality == "MA"
    assert facts.phone == "+212612345001"
    assert facts.profile == "rights_holder"
    assert facts.outcome == "referred"
    assert facts.visit_date == datetime.date(2025, 7, 5)


def test_arabic_only_row_keeps_the_arabic_name():
    facts = rows.parse_row(
        {"name_ar": "امبارك أوبلا", "birth_date": 1948, "profile": "MRE"}
    )
    assert facts.name_ar == "امبارك أوبلا"
    assert not (facts.first_name or facts.last_name)
    assert facts.birth_date_partial


def test_arabic_text_in_a_latin_name_column_moves_to_name_ar():
    facts = rows.parse_row({"last_name": "أوبلا", "profile": "returnee"})
    assert facts.name_ar == "أوبلا"
    assert facts.last_name == ""


def test_full_name_column_is_kept_whole():
    facts = rows.parse_row({"full_name": "ait brahim fatima", "profile": "returnee"})
    assert facts.last_name == "Ait Brahim Fatima"


def test_default_profile_fills_empty_type():
    facts = rows.parse_row({"first_name": "Said"}, default_profile="returnee")
    assert facts.profile == "returnee"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"gender": "F", "profile": "returnee"}, "No name"),
        ({"first_name": "Said"}, "No beneficiary type"),
        (
            {"first_name": "Said", "profile": "returnee", "birth_date": "31/02/1970"},
            "date",
        ),
        ({"first_name": "Said", "profile": "returnee", "email": "said@"}, "e-mail"),
        ({"first_name": "Said", "profile": "returnee", "gender": "X?"}, "gender"),
    ],
)
def test_bad_rows_are_rejected_with_a_reason(fields, reason):
    with pytest.raises(ValueError, match=reason):
        rows.parse_row(fields)


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Dossier ouvert", "case_opened"),
        ("Orienté vers ANAPEC", "referred"),
        ("Information donnée", "information"),
        ("توجيه إلى الضمان الاجتماعي", "referred"),
        (None, None),
    ],
)
def test_outcome_words(text, outcome):
    assert rows.parse_outcome(text) == outcome


def test_shared_cache_gives_the_same_facts_and_errors_on_every_row():
    cache = {}
    good = {
        "first_name": "Said",
        "profile": "returnee",
        "visit_date": "12/03/2025",
        "outcome": "Orienté vers ANAPEC",
    }
    first = rows.parse_row(good, cache=cache)
    again = rows.parse_row(dict(good, first_name="Aicha"), cache=cache)
    assert again.visit_date == first.visit_date == datetime.date(2025, 3, 12)
    assert again.outcome == first.outcome == "referred"
    assert rows.parse_row(good) == first
    bad = dict(good, visit_date="31/02/2025")
    for _attempt in range(2):
        # A remembered refusal is still a refusal, with its reason.
        with pytest.raises(ValueError, match="31/02/2025"):
            rows.parse_row(bad, cache=cache)
