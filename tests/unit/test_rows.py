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


def test_row_without_a_name_is_rejected_with_a_reason():
    with pytest.raises(ValueError, match="No name"):
        rows.parse_row({"gender": "F", "profile": "returnee", "phone": "0612345001"})


def test_bare_rpt_is_uncertain_with_its_three_candidates():
    facts = rows.parse_row({"first_name": "Said", "profile": "RPT"})
    assert facts.profile is None, "No default type: the caller must give one"
    (entry,) = facts.uncertain
    assert (entry.field, entry.raw, entry.key) == ("profile", "RPT", "rpt")
    assert set(entry.candidates) == {"tcn_settled", "tcn_transit", "tcn_displaced"}
    assert entry.answer is None


def test_uncertain_profile_falls_back_to_the_default_type():
    facts = rows.parse_row(
        {"first_name": "Said", "profile": "RPT"}, default_profile="tcn_settled"
    )
    assert facts.profile == "tcn_settled"
    assert facts.uncertain[0].answer is None, "Still to review"


def test_officer_answer_resolves_the_value_in_any_spelling():
    answers = {"profile": {"rpt": "tcn_transit"}, "nationality": {"guinee c": "GN"}}
    facts = rows.parse_row(
        {"first_name": "Said", "profile": " rpt ", "nationality": "Guinée C"},
        default_profile="returnee",
        answers=answers,
    )
    assert (facts.profile, facts.nationality) == ("tcn_transit", "GN")
    assert [entry.answer for entry in facts.uncertain] == ["tcn_transit", "GN"]


def test_no_type_and_no_default_leaves_the_profile_to_the_caller():
    facts = rows.parse_row({"first_name": "Said"})
    assert facts.profile is None
    assert not facts.uncertain, "An empty cell is not an uncertain value"


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"birth_date": "31/02/1970"}, "birth_date", "date"),
        ({"visit_date": "demain"}, "visit_date", "date"),
        ({"email": "said@"}, "email", "e-mail"),
        ({"phone": "12"}, "phone", "phone"),
        ({"gender": "X?"}, "gender", "gender"),
        ({"nationality": "Atlantide"}, "nationality", "country"),
    ],
)
def test_unreadable_cell_is_left_empty_for_review_not_rejected(fields, field, reason):
    facts = rows.parse_row(dict(fields, first_name="Said", profile="returnee"))
    (entry,) = facts.uncertain
    assert entry.field == field
    assert reason in entry.reason.lower()
    assert entry.candidates == ()
    assert getattr(facts, field) is None
    assert facts.first_name == "Said"


def test_answer_for_a_date_is_ignored():
    facts = rows.parse_row(
        {"first_name": "Said", "birth_date": "31/02/1970"},
        answers={"birth_date": {"31/02/1970": "1970-02-28"}},
    )
    assert facts.birth_date is None
    assert facts.uncertain[0].answer is None


def test_tally_counts_each_distinct_value_once_with_its_rows():
    tally = rows.UncertainTally()
    cache = {}
    for profile, gender in [
        ("RPT", "F"),
        ("rpt", "??"),
        ("RPT ", "F"),
        ("Migrant", "??"),
        ("Retour", "F"),
    ]:
        facts = rows.parse_row(
            {"first_name": "Said", "profile": profile, "gender": gender}, cache=cache
        )
        tally.add(facts.uncertain)
    summary = [
        (entry.field, entry.key, entry.raw, count) for entry, count in tally.items()
    ]
    assert summary == [
        ("profile", "rpt", "RPT", 3),
        ("gender", "??", "??", 2),
        ("profile", "migrant", "Migrant", 1),
    ]
    assert len(tally) == 3


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
        # A remembered unreadable date is still left for review, with its reason.
        facts = rows.parse_row(bad, cache=cache)
        assert facts.visit_date is None
        [doubt] = facts.uncertain
        assert doubt.field == "visit_date"
        assert "31/02/2025" in doubt.reason


def test_year_only_birth_date_is_flagged_as_such():
    facts = rows.parse_row({"first_name": "Awa", "birth_date": "1990"})
    assert facts.birth_date == datetime.date(1990, 1, 1)
    assert facts.birth_year_only
    month = rows.parse_row({"first_name": "Awa", "birth_date": "mars 1990"})
    assert month.birth_date_partial and not month.birth_year_only


def test_future_birth_date_is_left_empty_and_uncertain():
    facts = rows.parse_row(
        {"first_name": "Nadia", "birth_date": "01/01/2090"},
        today=datetime.date(2026, 3, 1),
    )
    assert facts.birth_date is None
    (entry,) = facts.uncertain
    assert (entry.field, entry.raw, entry.code) == (
        "birth_date",
        "01/01/2090",
        "future_date",
    )
    assert dict(entry.params) == {"value": "01/01/2090"}


def test_uncertain_cell_carries_a_code_to_translate():
    facts = rows.parse_row(
        {"first_name": "Said", "birth_date": "31/02/1970", "email": "said@"}
    )
    codes = {entry.field: entry.code for entry in facts.uncertain}
    assert codes == {"birth_date": "impossible_date", "email": "invalid_email"}
    assert "Impossible date" in facts.uncertain[0].reason, "English for logs"
