import datetime
import re

import phonenumbers
import pytest
from baom_base_tools import normalize
from baom_base_tools.normalize import (
    PROFILES,
    normalize_phone,
    parse_country,
    parse_date,
    parse_date_precision,
    parse_gender,
    parse_profile,
)

BIRTH = datetime.date(1961, 3, 12)


# ------------------------------------------------------------
# dates
# ------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "12/03/1961",
        "12-03-1961",
        "12.03.1961",
        "12 / 03 / 1961",
        "12/03/61",
        "1961-03-12",
        "1961/03/12",
        "1961-03-12 00:00:00",
        "1961-03-12T00:00:00",
        "19610312",
        "12031961",
        "١٢/٠٣/١٩٦١",
        "12 mars 1961",
        "12 Mars 1961",
        "12 mar. 1961",
        "12-mar-61",
        "12 March 1961",
        "March 12, 1961",
        "12 مارس 1961",
        "12 آذار 1961",
        22352,
        22352.0,
        22352.75,
        "22352",
        datetime.date(1961, 3, 12),
        datetime.datetime(1961, 3, 12, 14, 30),
    ],
)
def test_every_typed_date_form_parses_to_the_same_day(value):
    assert parse_date_precision(value) == (BIRTH, "day")


def test_first_of_the_month_in_french():
    assert parse_date("1er mars 1961") == datetime.date(1961, 3, 1)


def test_month_first_date_is_accepted_when_unambiguous():
    assert parse_date("03/25/1961") == datetime.date(1961, 3, 25)


def test_day_first_wins_when_ambiguous():
    assert parse_date("04/07/1980") == datetime.date(1980, 7, 4)


@pytest.mark.parametrize("value", ["1961", 1961, 1961.0, "vers 1961", "1961 ?"])
def test_year_alone_gives_first_of_january_flagged_partial(value):
    parsed = parse_date_precision(value)
    assert parsed == (datetime.date(1961, 1, 1), "year")
    assert parsed.partial
    assert normalize.is_year_only(value)


@pytest.mark.parametrize("value", ["mars 1961", "03/1961", "1961-03"])
def test_month_and_year_gives_first_of_month_flagged_partial(value):
    assert parse_date_precision(value) == (datetime.date(1961, 3, 1), "month")


def test_full_date_is_not_year_only():
    assert not normalize.is_year_only("12/03/1961")
    assert not parse_date_precision("12/03/1961").partial


def test_excel_1904_serial_uses_the_workbook_datemode():
    assert parse_date(20890, datemode=1) == BIRTH


def test_early_excel_serials_skip_the_phantom_leap_day():
    assert parse_date(59) == datetime.date(1900, 2, 28)
    assert parse_date(61) == datetime.date(1900, 3, 1)


@pytest.mark.parametrize("value", [None, "", "   ", "-", "néant", "N/A"])
def test_empty_date_cell_gives_none(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/1961", "Impossible date: '31/02/1961'"),
        ("13/13/1961", "Not a date: '13/13/1961'"),
        ("1800", "Date out of range (1900-2100): '1800'"),
        ("hier", "Not a date: 'hier'"),
        ("12 foo 1961", "Not a date: '12 foo 1961'"),
        (True, "Not a date: True"),
        (0, "Not a date: 0"),
        (-3, "Not a date: -3"),
        (60, "Not a date: 60"),
        (float("nan"), "Not a date: nan"),
        (99999999, "Date out of range: 99999999"),
        (datetime.time(10, 0), "Not a date: datetime.time(10, 0)"),
    ],
)
def test_bad_date_raises_a_message_naming_the_value(value, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        parse_date(value)


# ------------------------------------------------------------
# phones
# ------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "0612345678",
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "+212612345678",
        "+212 6 12 34 56 78",
        "+212 (0)6 12 34 56 78",
        "+212 0612345678",
        "00212 0612345678",
        "00212612345678",
        "212612345678",
        "٠٦١٢٣٤٥٦٧٨",
        "Tél : 06 12 34 56 78",
        612345678,
        612345678.0,
        "0612345678 / 0661234567",
        "0612345678 ou 0661234567",
    ],
)
def test_moroccan_mobile_in_every_form_gives_e164(value):
    assert normalize_phone(value) == "+212612345678"


def test_moroccan_landline_gives_e164():
    assert normalize_phone("0522-12-34-56") == "+212522123456"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("00336 12 34 56 78", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        (33612345678, "+33612345678"),
        ("0034 612 34 56 78", "+34612345678"),
        ("+39 312 345 6789", "+393123456789"),
        ("+1 514 555 0199", "+15145550199"),
        ("+221 77 123 45 67", "+221771234567"),
    ],
)
def test_foreign_phone_gives_e164(value, expected):
    assert normalize_phone(value) == expected


def test_national_number_of_another_region():
    assert normalize_phone("06 12 34 56 78", region="FR") == "+33612345678"


@pytest.mark.parametrize("value", [None, "", " ", "-", "néant"])
def test_empty_phone_cell_gives_none(value):
    assert normalize_phone(value) is None


@pytest.mark.parametrize("value", ["12345", "abc", "06123", "+212 1 23"])
def test_bad_phone_raises_a_message_naming_the_value(value):
    with pytest.raises(ValueError, match=re.escape(repr(value))):
        normalize_phone(value)


@pytest.mark.parametrize(
    "digits",
    # mobile, landline, VoIP, invalid prefixes: the fast path for 0XXXXXXXXX
    # must answer exactly what phonenumbers' own parsing answers.
    ["0612345678", "0712345678", "0522123456", "0892123456", "0112345678"]
    + ["0312345678", "0412345678", "0999999999", "0800123456", "0692345678"],
)
def test_moroccan_national_number_fast_path_agrees_with_phonenumbers(digits):
    number = phonenumbers.parse(digits, "MA")
    if phonenumbers.is_valid_number(number):
        expected = phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.E164
        )
        assert normalize_phone(digits) == expected
    else:
        with pytest.raises(ValueError, match=digits):
            normalize_phone(digits)


def _general_phone(value, region="MA"):
    """normalize_phone through phonenumbers' generic parsing only: what
    every fast path must answer."""
    if normalize._is_blank(value):
        return None
    digits = normalize._phone_text(value)
    if not digits:
        raise normalize.fail("not_a_phone", value)
    return normalize._phone_general(digits, value, region)


def _outcome(function, *args):
    """The result, or the error's code and message: what an import keeps."""
    try:
        return function(*args)
    except ValueError as error:
        return (getattr(error, "code", None), str(error))


PHONE_SHAPES = [
    "0612345678", "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78",
    " 0612345678 ", "06 12 34 56 78 ", "0612-345-678", "+212612345678",
    "+212 6 12 34 56 78", "+212-6-12-34-56-78", "00212612345678",
    "00212 6 12 34 56 78", "212612345678", "212 6 12 34 56 78", "+2120612345678",
    "612345678", "6 12 34 56 78", 612345678, 612345678.0, 212612345678,
    "0522123456", "05 22 12 34 56", "0800123456", "0892123456", "0592401234",
    "0112345678", "0312345678", "0999999999", "0683123456", "+212 1 23 45 67 89",
    "+212 512345678", "0612345", "06123456789", "+33 6 12 34 56 78",
    "0033612345678", "33612345678", "+34612345678", "+1 514 555 0199",
    "+221 77 123 45 67", "+", "0", "--", ".", "-0612345678", -612345678,
    "06 12 34 56 78 / 07 12 34 56 78", "٠٦١٢٣٤٥٦٧٨", "(0)6 12 34 56 78",
    "0612३४५६७८", "+212612३४५६७८",
]  # fmt: skip


@pytest.mark.parametrize("value", PHONE_SHAPES)
@pytest.mark.parametrize("region", ["MA", "FR"])
def test_phone_fast_paths_answer_what_phonenumbers_answers(value, region):
    assert _outcome(normalize_phone, value, region) == _outcome(
        _general_phone, value, region
    )


def test_moroccan_validity_is_phonenumbers_own_for_every_prefix():
    # Every 4-digit start of a national number (5xxx to 8xxx, where Morocco's
    # numbers are), with varied endings: valid or not, the compiled patterns
    # agree with phonenumbers.is_valid_number.
    valid = 0
    for start in range(5000, 9000):
        for ending in ("00000", "12345", "99999"):
            national = f"{start}{ending}"
            number = phonenumbers.PhoneNumber(
                country_code=212, national_number=int(national)
            )
            expected = phonenumbers.is_valid_number(number)
            assert normalize._is_valid_ma(national) == expected, national
            valid += expected
    assert 0 < valid < 12000


DATE_SHAPES = [
    "12/03/1961", "12-03-1961", "12.03.1961", "1/3/1961", "12/3/1961",
    "03/12/1961", "31/12/1961", "12/31/1961", "13/13/1961", "00/03/1961",
    "31/02/1970", "29/02/2000", "29/02/1900", "12/03/1899", "12/03/2101",
    "1961-03-12", "1961/03/12", "1961.3.12", "1961-02-30", "1961-13-01",
    "2099-12-31", "12/03/61", "12/03-1961", " 12/03/1961", "12/03/1961 ",
    "12 / 03 / 1961", "12/03/1961 10:30", "12/03/1961?", "vers 1961", "1961",
    "03/1961", "1961-03", "19610312", "12031961", "22352", "12 mars 1961",
    "١٢/٠٣/١٩٦١", "-", "",
]  # fmt: skip


@pytest.mark.parametrize("value", DATE_SHAPES)
@pytest.mark.parametrize("datemode", [0, 1])
def test_date_fast_path_answers_what_the_text_parser_answers(value, datemode):
    def general(text, mode):
        if normalize._is_blank(text):
            return None
        return normalize._from_text(text, mode)

    assert _outcome(parse_date_precision, value, datemode) == _outcome(
        general, value, datemode
    )


@pytest.mark.parametrize(
    ("value", "datemode", "expected"),
    [
        (datetime.datetime(1961, 3, 12, 10, 30), 0, (BIRTH, "day")),
        (BIRTH, 1, (BIRTH, "day")),
        (22352, 0, (BIRTH, "day")),
        (22352.5, 0, (BIRTH, "day")),
        (20890, 1, (BIRTH, "day")),
        (1961, 0, (datetime.date(1961, 1, 1), "year")),
        ("03/1961", 0, (datetime.date(1961, 3, 1), "month")),
        ("1961", 1, (datetime.date(1961, 1, 1), "year")),
    ],
)
def test_cells_outside_the_fast_path_keep_their_reading(value, datemode, expected):
    assert tuple(parse_date_precision(value, datemode)) == expected


# ------------------------------------------------------------
# gender
# ------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["F", "f", "Femme", "FEMME", "Féminin", "female", "Woman", "Mme", "أنثى", "انثى"],
)
def test_female_words_in_three_languages(value):
    assert parse_gender(value) == "female"


@pytest.mark.parametrize(
    "value", ["M", "m.", "H", "Homme", "Masculin", "male", "Man", "M.", "ذكر", "رجل"]
)
def test_male_words_in_three_languages(value):
    assert parse_gender(value) == "male"


def test_empty_gender_gives_none():
    assert parse_gender(None) is None
    assert parse_gender("  ") is None


def test_unknown_gender_raises_a_message_naming_the_value():
    with pytest.raises(ValueError, match="Unknown gender: 'X2'"):
        parse_gender("X2")


# ------------------------------------------------------------
# countries
# ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Maroc", "MA"),
        ("Morocco", "MA"),
        ("المغرب", "MA"),
        ("Marocaine", "MA"),
        ("Marocain(e)", "MA"),
        ("moroccan", "MA"),
        ("مغربية", "MA"),
        ("MA", "MA"),
        ("mar", "MA"),
        ("Sénégal", "SN"),
        ("senegalaise", "SN"),
        ("السنغال", "SN"),
        ("Côte d'Ivoire", "CI"),
        ("cote divoire", "CI"),
        ("Ivory Coast", "CI"),
        ("ساحل العاج", "CI"),
        ("RDC", "CD"),
        ("Congo-Brazzaville", "CG"),
        ("Syrie", "SY"),
        ("Syrian", "SY"),
        ("سوري", "SY"),
        ("Yémen", "YE"),
        ("اليمن", "YE"),
        ("Espagne", "ES"),
        ("espagnole", "ES"),
        ("إسبانيا", "ES"),
        ("la France", "FR"),
        ("Pays-Bas", "NL"),
        ("هولندا", "NL"),
        ("Allemagne", "DE"),
        ("Émirats arabes unis", "AE"),
        ("الإمارات", "AE"),
        ("Arabie saoudite", "SA"),
        ("USA", "US"),
        ("États-Unis", "US"),
        ("Canada", "CA"),
        ("Guinée", "GN"),
        ("Guinée-Bissau", "GW"),
        ("nigérienne", "NE"),
        ("nigériane", "NG"),
        ("Algérienne", "DZ"),
        ("الجزائر", "DZ"),
        ("Mali", "ML"),
        ("Malienne", "ML"),
        ("Cameroun", "CM"),
        ("Soudan", "SD"),
        ("Soudan du Sud", "SS"),
    ],
)
def test_country_names_codes_and_demonyms_in_three_languages(value, code):
    assert parse_country(value) == code


def test_any_known_two_letter_code_is_accepted():
    assert parse_country("jp") == "JP"


def test_extra_names_extend_the_table():
    extra = {"Japon": "JP", "اليابان": "jp"}
    assert parse_country("JAPON", extra) == "JP"
    assert parse_country("اليابان", extra) == "JP"
    assert parse_country("Maroc", extra) == "MA"


def test_extra_names_win_over_the_table():
    assert parse_country("Congo", {"Congo": "CD"}) == "CD"


def test_built_in_table_has_no_ambiguous_name():
    seen = {}
    tables = (normalize._COUNTRIES_EN, normalize._COUNTRIES_FR, normalize._COUNTRIES_AR)
    for table in tables:
        for code, name in normalize._table_names(table):
            key = normalize._lookup_key(name)
            assert seen.setdefault(key, code) == code, name
    assert len({code for code, _name in normalize._table_names(tables[0])}) >= 60


def test_empty_country_gives_none():
    assert parse_country("") is None


def test_unknown_country_raises_a_message_naming_the_value():
    with pytest.raises(ValueError, match="Unknown country: 'Atlantide'"):
        parse_country("Atlantide")


# ------------------------------------------------------------
# profiles
# ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "profile"),
    [
        ("MDM de passage", "mdm_visit"),
        ("MRE", "mdm_visit"),
        ("MRE de passage", "mdm_visit"),
        ("Marocain du monde", "mdm_visit"),
        ("Marocains résidant à l'étranger", "mdm_visit"),
        ("Moroccan abroad", "mdm_visit"),
        ("مغاربة العالم", "mdm_visit"),
        ("مغربي مقيم بالخارج", "mdm_visit"),
        ("Marocain de retour", "returnee"),
        ("Migrante de retour", "returnee"),
        ("MRE de retour", "returnee"),
        ("Returnee", "returnee"),
        ("مهاجر عائد", "returnee"),
        ("Ayant droit", "rights_holder"),
        ("ayants-droit", "rights_holder"),
        ("Veuve", "rights_holder"),
        ("Rights holder", "rights_holder"),
        ("ذوي الحقوق", "rights_holder"),
        ("RPT installé", "tcn_settled"),
        ("Ressortissant pays tiers installé", "tcn_settled"),
        ("Settled third-country national", "tcn_settled"),
        ("أجنبي مقيم", "tcn_settled"),
        ("RPT en transit", "tcn_transit"),
        ("In transit", "tcn_transit"),
        ("في وضعية عبور", "tcn_transit"),
        ("RPT déplacé", "tcn_displaced"),
        ("Displaced", "tcn_displaced"),
        ("نازح", "tcn_displaced"),
    ],
)
def test_profile_words_in_three_languages(value, profile):
    assert parse_profile(value) == profile


@pytest.mark.parametrize("key", PROFILES)
def test_profile_keys_are_accepted_as_is(key):
    assert parse_profile(key) == key


def test_empty_profile_gives_none():
    assert parse_profile(None) is None


def test_bare_rpt_is_ambiguous_between_the_three_tcn_profiles():
    with pytest.raises(
        normalize.AmbiguousValue, match="Ambiguous profile: 'RPT'"
    ) as error:
        parse_profile("RPT")
    assert error.value.candidates == ("tcn_settled", "tcn_transit", "tcn_displaced")


def test_unknown_profile_has_no_candidates():
    with pytest.raises(ValueError) as error:
        parse_profile("Touriste")
    assert not isinstance(error.value, normalize.AmbiguousValue)


def test_unknown_profile_raises_a_message_naming_the_value():
    with pytest.raises(ValueError, match="Unknown profile: 'Touriste'"):
        parse_profile("Touriste")


@pytest.mark.parametrize(
    ("parse", "value", "code"),
    [
        (parse_date, "31/02/1961", "impossible_date"),
        (parse_date, "hier", "not_a_date"),
        (parse_date, "1800", "out_of_range"),
        (parse_date, 99999999, "overflow"),
        (normalize_phone, "abc", "not_a_phone"),
        (normalize_phone, "06123", "invalid_phone"),
        (normalize.parse_gender, "X2", "unknown_gender"),
        (normalize.parse_country, "Atlantide", "unknown_country"),
        (normalize.parse_profile, "RPT", "ambiguous_profile"),
        (normalize.parse_profile, "Touriste", "unknown_profile"),
    ],
)
def test_every_problem_has_a_code_and_the_cell_for_translation(parse, value, code):
    with pytest.raises(normalize.ParseError) as error:
        parse(value)
    assert error.value.code == code
    assert code in normalize.MESSAGES
    assert error.value.params["value"] == str(value)
