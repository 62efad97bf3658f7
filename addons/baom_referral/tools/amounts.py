"""Amounts in words, as Moroccan administrative documents write them.

A convention states each sum in figures and in words ("arrêté à la somme de
deux cent cinquante mille dirhams"). French words come from ``num2words``;
num2words knows no dirham in French, and its Arabic numbers glue words
together in 0.5.10 (the release Odoo 19 pins on Python < 3.12, e.g.
"خمسمائةسبعة"), so the currency names and the Arabic numbers are written here,
with the agreement rules of Arabic counted nouns (تمييز العدد).
"""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

# French: (unit singular, unit plural, cent singular, cent plural).
FRENCH_CURRENCIES = {
    "MAD": ("dirham", "dirhams", "centime", "centimes"),
    "EUR": ("euro", "euros", "centime", "centimes"),
    "USD": ("dollar", "dollars", "cent", "cents"),
}

# Arabic counted noun forms: (singular, dual, plural for 3-10, accusative
# singular for 11-99), for the unit and for the hundredth.
ARABIC_CURRENCIES = {
    "MAD": (
        ("درهم", "درهمان", "دراهم", "درهمًا"),
        ("سنتيم", "سنتيمان", "سنتيمات", "سنتيمًا"),
    ),
    "EUR": (
        ("يورو", "يوروان", "يوروهات", "يورو"),
        ("سنتيم", "سنتيمان", "سنتيمات", "سنتيمًا"),
    ),
    "USD": (
        ("دولار", "دولاران", "دولارات", "دولارًا"),
        ("سنت", "سنتان", "سنتات", "سنتًا"),
    ),
}

_AR_UNITS = (
    "",
    "واحد",
    "اثنان",
    "ثلاثة",
    "أربعة",
    "خمسة",
    "ستة",
    "سبعة",
    "ثمانية",
    "تسعة",
)
_AR_TEENS = (
    "عشرة",
    "أحد عشر",
    "اثنا عشر",
    "ثلاثة عشر",
    "أربعة عشر",
    "خمسة عشر",
    "ستة عشر",
    "سبعة عشر",
    "ثمانية عشر",
    "تسعة عشر",
)
_AR_TENS = (
    "",
    "",
    "عشرون",
    "ثلاثون",
    "أربعون",
    "خمسون",
    "ستون",
    "سبعون",
    "ثمانون",
    "تسعون",
)
_AR_HUNDREDS = (
    "",
    "مائة",
    "مائتان",
    "ثلاثمائة",
    "أربعمائة",
    "خمسمائة",
    "ستمائة",
    "سبعمائة",
    "ثمانمائة",
    "تسعمائة",
)
_AR_SCALES = (
    (10**9, ("مليار", "ملياران", "مليارات", "مليارًا")),
    (10**6, ("مليون", "مليونان", "ملايين", "مليونًا")),
    (10**3, ("ألف", "ألفان", "آلاف", "ألفًا")),
)
_AR_AND = " و"


def split_amount(amount):
    """Return (units, hundredths) of a non-negative amount, rounded half up."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value < 0:
        raise ValueError("An amount in words cannot be negative.")
    units = int(value)
    return units, int((value - units) * 100)


def _arabic_below_thousand(number, construct=False):
    """Words of 1..999; ``construct``: followed by a counted noun, where
    ``مائتان`` loses its nun (مائتا ألف)."""
    hundreds, rest = divmod(number, 100)
    parts = []
    if hundreds:
        word = _AR_HUNDREDS[hundreds]
        if hundreds == 2 and construct and not rest:
            word = "مائتا"
        parts.append(word)
    if rest:
        if rest < 10:
            parts.append(_AR_UNITS[rest])
        elif rest < 20:
            parts.append(_AR_TEENS[rest - 10])
        else:
            tens, unit = divmod(rest, 10)
            parts.append(
                f"{_AR_UNITS[unit]}{_AR_AND}{_AR_TENS[tens]}"
                if unit
                else _AR_TENS[tens]
            )
    return _AR_AND.join(parts)


def _arabic_counted(number, forms, one_after=False, construct=False):
    """``number`` followed by the noun ``forms`` (singular, dual, plural,
    accusative), agreeing as Arabic counts: ألف، ألفان، ثلاثة آلاف، أحد عشر
    ألفًا، مائة ألف. ``one_after``: 1 is written "درهم واحد" rather than
    "درهم" alone; ``construct``: another noun follows (ألفا درهم, أحد عشر
    ألف درهم)."""
    singular, dual, plural, accusative = forms
    if number == 1:
        return f"{singular} واحد" if one_after else singular
    if number == 2:
        return dual[:-1] if construct else dual
    rest = number % 100
    if 3 <= rest <= 10:
        noun = plural
    elif 11 <= rest <= 99 and not construct:
        noun = accusative
    else:
        noun = singular
    return f"{arabic_number(number, construct=True)} {noun}"


def arabic_number(number, construct=False):
    """Cardinal number in Modern Standard Arabic words (nominative)."""
    if number < 0:
        raise ValueError("Only non-negative numbers have words here.")
    if number == 0:
        return "صفر"
    parts = []
    for scale, forms in _AR_SCALES:
        count, number = divmod(number, scale)
        if count:
            # The last scale word is in construct with a noun that follows.
            last = construct and not number
            parts.append(_arabic_counted(count, forms, construct=last))
    if number:
        parts.append(_arabic_below_thousand(number, construct=construct))
    return _AR_AND.join(parts)


def _french_units(number, singular, plural):
    words = num2words(number, lang="fr")
    if number <= 1:
        return f"{words} {singular}"
    # "un million de dirhams", "deux milliards de dirhams".
    if words.endswith(("million", "millions", "milliard", "milliards")):
        return f"{words} de {plural}"
    return f"{words} {plural}"


def _french(units, cents, currency):
    names = FRENCH_CURRENCIES.get(currency)
    if not names:
        text = num2words(units, lang="fr")
        return f"{text} {currency}" if not cents else f"{text} {currency} {cents:02d}"
    unit_one, unit_many, cent_one, cent_many = names
    if units and cents:
        return (
            f"{_french_units(units, unit_one, unit_many)} et "
            f"{_french_units(cents, cent_one, cent_many)}"
        )
    if cents:
        return _french_units(cents, cent_one, cent_many)
    return _french_units(units, unit_one, unit_many)


def _arabic(units, cents, currency):
    names = ARABIC_CURRENCIES.get(currency)
    if not names:
        text = arabic_number(units)
        return f"{text} {currency}" if not cents else f"{text} {currency} {cents:02d}"
    unit_forms, cent_forms = names
    parts = []
    if units or not cents:
        parts.append(
            f"صفر {unit_forms[0]}"
            if not units
            else _arabic_counted(units, unit_forms, one_after=True)
        )
    if cents:
        parts.append(_arabic_counted(cents, cent_forms, one_after=True))
    return _AR_AND.join(parts)


def amount_to_words(amount, lang="fr", currency="MAD"):
    """Amount in words with its currency, in French or in Arabic.

    :param lang: an Odoo language code or its prefix (``fr_FR``, ``ar_001``,
        ``ar``...); Arabic for ``ar*``, French otherwise (the two languages of
        Moroccan administrative documents).
    :param currency: ISO code; MAD, EUR and USD have their names, any other
        code follows the words as is.
    """
    units, cents = split_amount(amount)
    if (lang or "").lower().startswith("ar"):
        return _arabic(units, cents, currency)
    return _french(units, cents, currency)
