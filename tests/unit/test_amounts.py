import pytest
from baom_referral_tools import amounts


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "zéro dirham"),
        (1, "un dirham"),
        (21, "vingt et un dirhams"),
        (200, "deux cents dirhams"),
        (250000, "deux cent cinquante mille dirhams"),
        (1000000, "un million de dirhams"),
        (3000000, "trois millions de dirhams"),
        (0.5, "cinquante centimes"),
        (1.01, "un dirham et un centime"),
        (
            1234567.5,
            "un million deux cent trente-quatre mille cinq cent soixante-sept "
            "dirhams et cinquante centimes",
        ),
    ],
)
def test_french_amounts_in_dirhams(amount, words):
    assert amounts.amount_to_words(amount, "fr_FR") == words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "صفر درهم"),
        (1, "درهم واحد"),
        (2, "درهمان"),
        (3, "ثلاثة دراهم"),
        (11, "أحد عشر درهمًا"),
        (200, "مائتا درهم"),
        (2000, "ألفا درهم"),
        (2005, "ألفان وخمسة دراهم"),
        (3000, "ثلاثة آلاف درهم"),
        (11000, "أحد عشر ألف درهم"),
        (250000, "مائتان وخمسون ألف درهم"),
        (1000000, "مليون درهم"),
        (45000.25, "خمسة وأربعون ألف درهم وخمسة وعشرون سنتيمًا"),
        (
            1234567.5,
            "مليون ومائتان وأربعة وثلاثون ألفًا وخمسمائة وسبعة وستون درهمًا "
            "وخمسون سنتيمًا",
        ),
    ],
)
def test_arabic_amounts_in_dirhams(amount, words):
    assert amounts.amount_to_words(amount, "ar_001") == words


def test_arabic_numbers_are_separate_words():
    # num2words 0.5.10 writes "خمسمائةسبعة": every hundred stands apart here.
    assert amounts.arabic_number(567) == "خمسمائة وسبعة وستون"
    assert amounts.arabic_number(120000) == "مائة وعشرون ألفًا"


def test_amounts_round_half_up_to_the_centime():
    assert amounts.amount_to_words(10.005, "fr") == "dix dirhams et un centime"
    assert amounts.split_amount("99.999") == (100, 0)


def test_other_currencies():
    assert amounts.amount_to_words(2, "fr", "EUR") == "deux euros"
    assert amounts.amount_to_words(5, "fr", "XOF") == "cinq XOF"
    assert amounts.amount_to_words(5, "ar", "XOF") == "خمسة XOF"


def test_negative_amount_is_refused():
    with pytest.raises(ValueError):
        amounts.amount_to_words(-1, "fr")
