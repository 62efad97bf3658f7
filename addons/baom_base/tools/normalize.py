"""Cell value parsers for the legacy import: dates, phones, gender, country, profile.

Every parser returns None for an empty cell and raises ParseError (a
ValueError), with an English message naming the value and a ``code`` the
caller translates, for anything it cannot understand (AmbiguousValue,
carrying the possible keys, when the value could mean several things).
"""

import datetime
import re
from typing import NamedTuple

import phonenumbers

from .names import fold
from .selections import PROFILES

MIN_YEAR = 1900
MAX_YEAR = 2100

_E164 = phonenumbers.PhoneNumberFormat.E164
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MONTHS = {
    month: number
    for number, words in enumerate(
        (
            "janvier janv jan january يناير",
            "fevrier fevr fev feb february فبراير شباط",
            "mars mar march مارس اذار",
            "avril avr apr april ابريل نيسان",
            "mai may مايو ماي ايار",
            "juin jun june يونيو يونيه حزيران",
            "juillet juil jul july يوليو يوليوز تموز",
            "aout aou aug august اغسطس غشت اب",
            "septembre sept sep september سبتمبر شتنبر ايلول",
            "octobre oct october اكتوبر",
            "novembre nov november نوفمبر نونبر",
            "decembre dec december ديسمبر دجنبر",
        ),
        start=1,
    )
    for month in words.split()
}
_YMD_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY_RE = re.compile(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4}|\d{2})")
_MY_RE = re.compile(r"(\d{1,2})[-/.](\d{4})")
_YM_RE = re.compile(r"(\d{4})[-/.](\d{1,2})")
_APPROXIMATE_RE = re.compile(r"^(?:vers|env|environ|circa|ca|about|around|حوالي|~)\W*")
# What offices type in a cell they have nothing for.
_PLACEHOLDERS = {
    "-", "--", "/", ".", "?", "x", "n/a", "na", "nd", "n.d", "neant", "aucun",
    "aucune", "none", "null", "nil", "inconnu", "inconnue", "unknown",
    "لا يوجد", "غير معروف",
}  # fmt: skip
_MA_NATIONAL_RE = re.compile(r"0[1-9]\d{8}")
# Day-first or ISO dates in ASCII digits, nothing around them: the shapes
# _from_text reads with _DMY_RE (four-digit year) and _YMD_RE, unchanged.
_PLAIN_DATE_RE = re.compile(
    r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})"
    r"|([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})"
)
# A phone typed with ASCII digits and at most spaces, dots or dashes between
# them (06 12 34 56 78, +212 6.12.34.56.78): _phone_text only drops these.
_PLAIN_PHONE_RE = re.compile(r"\+?[0-9][0-9 .\-]*")
_PHONE_SEPARATORS = str.maketrans("", "", " .-")
# A Moroccan number written internationally: +212, 00212 or 212, then the
# nine digits of the national significant number.
_MA_INTERNATIONAL_RE = re.compile(r"(?:\+|00)?212([5-8]\d{8})")
_TIME_RE = re.compile(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


class ParseError(ValueError):
    """A cell that cannot be read; ``code`` names the problem for translation
    (see MESSAGES), ``params`` its placeholders (``value``: the cell)."""

    def __init__(self, code, message, **params):
        super().__init__(message)
        self.code = code
        self.params = params


class AmbiguousValue(ParseError):
    """A value that could mean several keys; ``candidates`` lists them."""

    def __init__(self, message, candidates, code="ambiguous", **params):
        super().__init__(code, message, **params)
        self.candidates = tuple(candidates)


# English text of each ParseError code; the Odoo layer shows its own
# translatable strings for the same codes, with the same placeholders.
MESSAGES = {
    "out_of_range": "Date out of range ({MIN_YEAR}-{MAX_YEAR}): {value}",
    "overflow": "Date out of range: {value}",
    "impossible_date": "Impossible date: {value}",
    "not_a_date": "Not a date: {value}",
    "future_date": "Date in the future: {value}",
    "not_a_phone": "Not a phone number: {value}",
    "invalid_phone": "Not a valid phone number: {value}",
    "unknown_gender": "Unknown gender: {value} (expected F/M, Femme/Homme, أنثى/ذكر)",
    "unknown_country": "Unknown country: {value}",
    "ambiguous_profile": "Ambiguous profile: {value} (say settled, in transit or "
    "displaced)",
    "unknown_profile": "Unknown profile: {value}",
    "invalid_email": "Invalid e-mail address: {value}",
}


def fail(code, value, ambiguous=None):
    """The ParseError of ``code`` for the cell ``value``."""
    message = MESSAGES[code].format(
        value=repr(value), MIN_YEAR=MIN_YEAR, MAX_YEAR=MAX_YEAR
    )
    if ambiguous is not None:
        return AmbiguousValue(message, ambiguous, code, value=_shown(value))
    return ParseError(code, message, value=_shown(value))


def _shown(value):
    """The cell as the officer typed it."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class ParsedDate(NamedTuple):
    """A parsed date and how much of it was known: "day", "month" or "year"."""

    date: datetime.date
    precision: str

    @property
    def partial(self):
        """True when only the year (or year and month) was given."""
        return self.precision != "day"


def _is_blank(value):
    """Whether a cell value counts as empty (placeholders like "-" included)."""
    if not isinstance(value, str):
        return value is None
    value = value.strip()
    return not value or (len(value) <= 15 and fold(value) in _PLACEHOLDERS)


def _checked(year, month=1, day=1, precision="day", original=None):
    """Build a ParsedDate, refusing impossible or out-of-range dates."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise fail("out_of_range", original)
    try:
        return ParsedDate(datetime.date(year, month, day), precision)
    except ValueError:
        raise fail("impossible_date", original) from None


def _full_year(year_text):
    """Four-digit year; two digits pivot on the current year (61 -> 1961)."""
    year = int(year_text)
    if len(year_text) == 2:
        pivot = datetime.date.today().year % 100
        year += 2000 if year <= pivot else 1900
    return year


def _from_serial(serial, datemode, original):
    """Excel serial day number to a date (datemode 0: 1900 system, 1: 1904)."""
    days = int(serial)
    if datemode:
        start = datetime.date(1904, 1, 1)
    elif days >= 61:
        start = datetime.date(1899, 12, 30)
    elif 0 < days < 60:
        # Excel counts a 29 February 1900 that never existed.
        start = datetime.date(1899, 12, 31)
    else:
        raise fail("not_a_date", original)
    try:
        day = start + datetime.timedelta(days=days)
    except OverflowError:
        raise fail("overflow", original) from None
    return _checked(day.year, day.month, day.day, "day", original)


def _from_number(value, datemode):
    """Numbers are bare years (1900-2100) or Excel serials."""
    if value != value or value in (float("inf"), float("-inf")):
        raise fail("not_a_date", value)
    if value == int(value) and MIN_YEAR <= value <= MAX_YEAR:
        # Serials 1900-2100 would be dates in 1905: nobody alive was born then,
        # while a typed "1961" stored as a number is common.
        return _checked(int(value), precision="year", original=value)
    return _from_serial(value, datemode, value)


def _day_month(first, second, original):
    """Day and month from day-first text, accepting unambiguous month-first."""
    day, month = int(first), int(second)
    if month > 12 >= day:
        day, month = month, day
    if not 1 <= month <= 12:
        raise fail("not_a_date", original)
    return day, month


def _from_words(text, original):
    """Dates with a month name: 12 mars 1961, 1er mars 1961, March 12, 1961."""
    parts = [p for p in re.split(r"[\s,./-]+", text) if p]
    parts = [p[:-2] if p.endswith("er") and p[:-2].isdigit() else p for p in parts]
    months = [i for i, p in enumerate(parts) if p in _MONTHS]
    numbers = [p for p in parts if p.isdigit()]
    if len(months) != 1 or len(numbers) != len(parts) - 1 or not numbers:
        raise fail("not_a_date", original)
    month = _MONTHS[parts[months[0]]]
    year_text = numbers[-1]
    if len(year_text) not in (2, 4):
        raise fail("not_a_date", original)
    if len(numbers) == 1:
        return _checked(_full_year(year_text), month, 1, "month", original)
    return _checked(_full_year(year_text), month, int(numbers[0]), "day", original)


def _from_text(text, datemode):
    """Parse the textual forms offices type."""
    original = text
    text = _TIME_RE.sub("", fold(text).translate(_DIGITS)).strip()
    text = _APPROXIMATE_RE.sub("", re.sub(r"\s*([-/.])\s*", r"\1", text))
    text = text.rstrip("?").strip()
    if re.fullmatch(r"\d{4}", text):
        return _checked(int(text), precision="year", original=original)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _from_serial(float(text), datemode, original)
    if re.fullmatch(r"\d{8}", text):
        if MIN_YEAR <= int(text[:4]) <= MAX_YEAR:
            year, month, day = text[:4], text[4:6], text[6:]
        else:
            day, month, year = text[:2], text[2:4], text[4:]
        return _checked(int(year), int(month), int(day), "day", original)
    if match := _YMD_RE.fullmatch(text):
        year, month, day = map(int, match.groups())
        return _checked(year, month, day, "day", original)
    if match := _DMY_RE.fullmatch(text):
        day, month = _day_month(match[1], match[2], original)
        return _checked(_full_year(match[3]), month, day, "day", original)
    if match := _MY_RE.fullmatch(text):
        return _checked(int(match[2]), int(match[1]), 1, "month", original)
    if match := _YM_RE.fullmatch(text):
        return _checked(int(match[1]), int(match[2]), 1, "month", original)
    return _from_words(text, original)


def parse_date_precision(value, datemode=0):
    """Parse a cell into a ParsedDate (date + precision), None when empty.

    Accepts date/datetime objects, Excel serial numbers (datemode from the
    workbook: 0 = 1900 system, 1 = 1904 system), a bare year (1961 -> 1 January
    1961, precision "year"), day-first numeric dates (12/03/1961, 12-03-61),
    ISO dates (1961-03-12), and month names in French, English or Arabic
    (12 mars 1961, 1er mars 1961, March 12 1961, 12 مارس 1961, mars 1961).
    """
    if type(value) is str and (match := _PLAIN_DATE_RE.fullmatch(value)):
        # Fast path for what most registers hold (12/03/1961, 1961-03-12):
        # the checks _from_text ends with, without its folding and rewriting.
        day, month, year, iso_year, iso_month, iso_day = match.groups()
        if year is None:
            return _checked(int(iso_year), int(iso_month), int(iso_day), "day", value)
        day, month = _day_month(day, month, value)
        return _checked(_full_year(year), month, day, "day", value)
    if _is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return _checked(value.year, value.month, value.day, "day", value)
    if isinstance(value, bool):
        raise fail("not_a_date", value)
    if isinstance(value, int | float):
        return _from_number(value, datemode)
    if isinstance(value, str):
        return _from_text(value, datemode)
    raise fail("not_a_date", value)


def parse_date(value, datemode=0):
    """Parse a cell into a datetime.date (a bare year gives 1 January), or None."""
    parsed = parse_date_precision(value, datemode)
    return parsed.date if parsed else None


def is_year_only(value, datemode=0):
    """Whether the cell gives only a year (1961), so the date is partial."""
    parsed = parse_date_precision(value, datemode)
    return bool(parsed) and parsed.precision == "year"


def _phone_text(value):
    """Phone cell as text: Excel number kept whole, first of several numbers."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).translate(_DIGITS).replace("(0)", "")
    text = re.split(r"[/;,|\n]|\bou\b|\bor\b|\bet\b", text)[0]
    return re.sub(r"[^\d+]", "", text)


def _national_patterns(region):
    """The region's phonenumbers metadata as compiled patterns: (leading
    digits or None, general pattern, valid types' patterns), each pattern
    as (allowed lengths, regex), None when the metadata has none."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)

    def compiled(desc):
        if desc is None or not desc.national_number_pattern:
            return None
        return frozenset(desc.possible_length), re.compile(desc.national_number_pattern)

    kinds = _NUMBER_TYPES
    if metadata.same_mobile_and_fixed_line_pattern:
        # phonenumbers then reads a number that is no fixed line as unknown.
        kinds = tuple(kind for kind in kinds if kind != "mobile")
    # One alternation per set of allowed lengths: it matches whenever one of
    # its patterns does, in a single regex call.
    grouped = {}
    for kind in kinds:
        if found := compiled(getattr(metadata, kind)):
            grouped.setdefault(found[0], []).append(found[1].pattern)
    types = [
        (lengths, re.compile("|".join(f"(?:{p})" for p in patterns)))
        for lengths, patterns in grouped.items()
    ]
    leading = re.compile(metadata.leading_digits) if metadata.leading_digits else None
    return leading, compiled(metadata.general_desc), types


# In the order phonenumbers tests them (_number_type_helper).
_NUMBER_TYPES = (
    "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager",
    "uan", "voicemail", "fixed_line", "mobile",
)  # fmt: skip
# +212 is shared by MA and EH; phonenumbers places a number in MA first.
_MA_FIRST = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(212, ())[:1] == ("MA",)
_MA_PATTERNS = _national_patterns("MA") if _MA_FIRST else (None, None, [])


def _matches(pattern, national):
    lengths, regex = pattern
    return (not lengths or len(national) in lengths) and bool(regex.fullmatch(national))


def _is_valid_ma(national):
    """Whether phonenumbers finds +212<national> valid; False may also mean
    "ask phonenumbers" (a number it would place in Western Sahara)."""
    leading, general, types = _MA_PATTERNS
    if general is None or (leading is not None and not leading.match(national)):
        return False
    return _matches(general, national) and any(_matches(t, national) for t in types)


def _plain_phone_digits(value):
    """What _phone_text makes of a cell in the usual shapes (digits with
    spaces, dots or dashes; a whole number), None for any other shape."""
    if type(value) is str:
        if _PLAIN_PHONE_RE.fullmatch(value):
            return value.translate(_PHONE_SEPARATORS)
        return None
    if type(value) is float and value.is_integer():
        value = int(value)
    if type(value) is int and value >= 0:
        return str(value)
    return None


def _moroccan_fast(digits):
    """E.164 of the usual Moroccan shapes (0612345678, 612345678 whose zero
    Excel dropped, +212/00212/212 612345678) when phonenumbers finds them
    valid, else None: what phonenumbers.parse builds for them, without its
    generic parsing (a third of an import's reading)."""
    if not digits.isascii():
        # Other scripts' digits: phonenumbers turns them into ASCII ones.
        return None
    if _MA_NATIONAL_RE.fullmatch(digits):
        national = digits[1:]
    elif len(digits) == 9 and digits.isdigit() and digits[0] in "5678":
        national = digits
    elif match := _MA_INTERNATIONAL_RE.fullmatch(digits):
        national = match[1]
    else:
        return None
    return "+212" + national if _is_valid_ma(national) else None


def normalize_phone(value, region="MA"):
    """Phone cell to E.164 (+212612345678), or None when empty.

    A cell holding several numbers (0612345678 / 0661234567) yields the first.
    Leading zeros lost by Excel (612345678) and international numbers typed
    without + (33612345678) are recovered.
    """
    if region == "MA" and (digits := _plain_phone_digits(value)):
        # A plain cell is never blank, and its digits are _phone_text's.
        return _moroccan_fast(digits) or _phone_general(digits, value, region)
    if _is_blank(value):
        return None
    digits = _phone_text(value)
    if not digits:
        raise fail("not_a_phone", value)
    if region == "MA" and (found := _moroccan_fast(digits)):
        return found
    return _phone_general(digits, value, region)


def _phone_general(digits, value, region):
    """E.164 of the digits as phonenumbers reads them in the region."""
    attempts = [digits]
    if not digits.startswith(("+", "0")):
        attempts += ["0" + digits, "+" + digits]
    for attempt in attempts:
        try:
            number = phonenumbers.parse(attempt, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, _E164)
    raise fail("invalid_phone", value)


_GENDERS = {
    "female": (
        "f femme femmes feminin fem female woman women w girl fille mme madame "
        "mlle mademoiselle انثي امراه سيده بنت"
    ),
    "male": (
        "m h homme hommes masculin masc male man men boy garcon mr monsieur ذكر رجل ولد"
    ),
}
_GENDER_WORDS = {word: key for key, words in _GENDERS.items() for word in words.split()}


def _lookup_key(value):
    """Folded text with punctuation turned into single spaces."""
    text = re.sub(r"\((?:e|ne|le|se)\)", "", fold(str(value)))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def parse_gender(value):
    """Gender cell to "female" or "male", None when empty."""
    if _is_blank(value):
        return None
    key = _lookup_key(value)
    if key in _GENDER_WORDS:
        return _GENDER_WORDS[key]
    raise fail("unknown_gender", value)


# One line per country: ISO2, then names separated by ";" (English also
# gives ISO3; French and Arabic give the masculine demonym, the feminine
# is derived).
_COUNTRIES_EN = """
MA MAR;Morocco;Moroccan
DZ DZA;Algeria;Algerian
TN TUN;Tunisia;Tunisian
LY LBY;Libya;Libyan
EG EGY;Egypt;Egyptian
MR MRT;Mauritania;Mauritanian
SD SDN;Sudan;Sudanese
SS SSD;South Sudan;South Sudanese
ML MLI;Mali;Malian
SN SEN;Senegal;Senegalese
GN GIN;Guinea;Guinean;Guinea-Conakry
GW GNB;Guinea-Bissau;Bissau-Guinean
GQ GNQ;Equatorial Guinea;Equatoguinean
CI CIV;Côte d'Ivoire;Ivory Coast;Ivorian
BF BFA;Burkina Faso;Burkinabe
NE NER;Niger;Nigerien
NG NGA;Nigeria;Nigerian
GM GMB;Gambia;The Gambia;Gambian
SL SLE;Sierra Leone;Sierra Leonean
LR LBR;Liberia;Liberian
GH GHA;Ghana;Ghanaian
TG TGO;Togo;Togolese
BJ BEN;Benin;Beninese
CV CPV;Cape Verde;Cabo Verde;Cape Verdean
CM CMR;Cameroon;Cameroonian
TD TCD;Chad;Chadian
CF CAF;Central African Republic;CAR
CD COD;DR Congo;Democratic Republic of the Congo;DRC;Congo-Kinshasa
CG COG;Congo;Republic of the Congo;Congo-Brazzaville;Congolese
GA GAB;Gabon;Gabonese
ER ERI;Eritrea;Eritrean
ET ETH;Ethiopia;Ethiopian
SO SOM;Somalia;Somali
SY SYR;Syria;Syrian
YE YEM;Yemen;Yemeni
PS PSE;Palestine;Palestinian
IQ IRQ;Iraq;Iraqi
LB LBN;Lebanon;Lebanese
JO JOR;Jordan;Jordanian
SA SAU;Saudi Arabia;KSA;Saudi
AE ARE;United Arab Emirates;UAE;Emirati
QA QAT;Qatar;Qatari
KW KWT;Kuwait;Kuwaiti
BH BHR;Bahrain;Bahraini
OM OMN;Oman;Omani
TR TUR;Turkey;Türkiye;Turkish
ES ESP;Spain;Spanish
FR FRA;France;French
IT ITA;Italy;Italian
BE BEL;Belgium;Belgian
NL NLD;Netherlands;Holland;Dutch
DE DEU;Germany;German
PT PRT;Portugal;Portuguese
GB GBR;United Kingdom;UK;Great Britain;England;British
IE IRL;Ireland;Irish
CH CHE;Switzerland;Swiss
AT AUT;Austria;Austrian
LU LUX;Luxembourg;Luxembourgish
SE SWE;Sweden;Swedish
NO NOR;Norway;Norwegian
DK DNK;Denmark;Danish
GR GRC;Greece;Greek
PL POL;Poland;Polish
RO ROU;Romania;Romanian
UA UKR;Ukraine;Ukrainian
RU RUS;Russia;Russian
US USA;United States;United States of America;USA;America;American
CA CAN;Canada;Canadian
BR BRA;Brazil;Brazilian
CN CHN;China;Chinese
IN IND;India;Indian
PK PAK;Pakistan;Pakistani
BD BGD;Bangladesh;Bangladeshi
AF AFG;Afghanistan;Afghan
"""
_COUNTRIES_FR = """
MA Maroc;marocain
DZ Algérie;algérien
TN Tunisie;tunisien
LY Libye;libyen
EG Égypte;égyptien
MR Mauritanie;mauritanien
SD Soudan;soudanais
SS Soudan du Sud;sud-soudanais
ML Mali;malien
SN Sénégal;sénégalais
GN Guinée;guinéen;Guinée-Conakry
GW Guinée-Bissau;bissau-guinéen
GQ Guinée équatoriale;équato-guinéen
CI Côte d'Ivoire;ivoirien
BF Burkina Faso;Burkina;burkinabè
NE Niger;nigérien
NG Nigéria;nigérian
GM Gambie;gambien
SL Sierra Leone;sierra-léonais
LR Libéria;libérien
GH Ghana;ghanéen
TG Togo;togolais
BJ Bénin;béninois
CV Cap-Vert;cap-verdien
CM Cameroun;camerounais
TD Tchad;tchadien
CF République centrafricaine;Centrafrique;RCA;centrafricain
CD RDC;République démocratique du Congo;Congo-Kinshasa;Congo RDC
CG Congo;République du Congo;Congo-Brazzaville;congolais
GA Gabon;gabonais
ER Érythrée;érythréen
ET Éthiopie;éthiopien
SO Somalie;somalien
SY Syrie;syrien
YE Yémen;yéménite
PS Palestine;palestinien
IQ Irak;irakien
LB Liban;libanais
JO Jordanie;jordanien
SA Arabie saoudite;saoudien
AE Émirats arabes unis;EAU;émirati
QA Qatar;qatari
KW Koweït;koweïtien
BH Bahreïn;bahreïnien
OM Oman;omanais
TR Turquie;turc;turque
ES Espagne;espagnol
FR France;français
IT Italie;italien
BE Belgique;belge
NL Pays-Bas;Hollande;néerlandais;hollandais
DE Allemagne;allemand
PT Portugal;portugais
GB Royaume-Uni;Angleterre;Grande-Bretagne;britannique;anglais
IE Irlande;irlandais
CH Suisse
AT Autriche;autrichien
LU Luxembourg;luxembourgeois
SE Suède;suédois
NO Norvège;norvégien
DK Danemark;danois
GR Grèce;grec;grecque
PL Pologne;polonais
RO Roumanie;roumain
UA Ukraine;ukrainien
RU Russie;russe
US États-Unis;Etats-Unis d'Amérique;Amérique;américain
CA Canada;canadien
BR Brésil;brésilien
CN Chine;chinois
IN Inde;indien
PK Pakistan;pakistanais
BD Bangladesh;bangladais
AF Afghanistan;afghan
"""
_COUNTRIES_AR = """
MA المغرب;مغرب;المملكة المغربية;مغربي
DZ الجزائر;جزائري
TN تونس;تونسي
LY ليبيا;ليبي
EG مصر;مصري
MR موريتانيا;موريتاني
SD السودان;سوداني
SS جنوب السودان
ML مالي
SN السنغال;سنغالي
GN غينيا;غيني
GW غينيا بيساو
GQ غينيا الاستوائية
CI كوت ديفوار;ساحل العاج;ايفواري
BF بوركينا فاسو
NE النيجر
NG نيجيريا;نيجيري
GM غامبيا;غامبي
SL سيراليون
LR ليبيريا;ليبيري
GH غانا;غاني
TG توغو
BJ بنين
CV الرأس الأخضر
CM الكاميرون;كاميروني
TD تشاد;تشادي
CF جمهورية افريقيا الوسطى;افريقيا الوسطى
CD الكونغو الديمقراطية;جمهورية الكونغو الديمقراطية
CG الكونغو;جمهورية الكونغو;كونغولي
GA الغابون
ER إريتريا;اريتري
ET إثيوبيا;اثيوبي
SO الصومال;صومالي
SY سوريا;سورية;سوري
YE اليمن;يمني
PS فلسطين;فلسطيني
IQ العراق;عراقي
LB لبنان;لبناني
JO الأردن;أردني
SA السعودية;المملكة العربية السعودية;سعودي
AE الإمارات;الإمارات العربية المتحدة;إماراتي
QA قطر;قطري
KW الكويت;كويتي
BH البحرين;بحريني
OM عمان;عماني
TR تركيا;تركي
ES إسبانيا;اسبانيا;إسباني
FR فرنسا;فرنسي
IT إيطاليا;ايطاليا;إيطالي
BE بلجيكا;بلجيكي
NL هولندا;هولندي
DE ألمانيا;ألماني
PT البرتغال;برتغالي
GB المملكة المتحدة;بريطانيا;انجلترا;بريطاني
IE إيرلندا;ايرلندا;ايرلندي
CH سويسرا;سويسري
AT النمسا;نمساوي
LU لوكسمبورغ
SE السويد;سويدي
NO النرويج;نرويجي
DK الدنمارك;دنماركي
GR اليونان;يوناني
PL بولندا;بولندي
RO رومانيا;روماني
UA أوكرانيا;اوكرانيا;أوكراني
RU روسيا;روسي
US الولايات المتحدة;الولايات المتحدة الأمريكية;أمريكا;امريكا;أمريكي
CA كندا;كندي
BR البرازيل;برازيلي
CN الصين;صيني
IN الهند;هندي
PK باكستان;باكستاني
BD بنغلاديش;بنغلاديشي
AF أفغانستان;افغانستان;أفغاني
"""


def _french_feminine(word):
    """Feminine of a French demonym (marocain -> marocaine)."""
    if word.endswith("e"):
        return word
    return word + ("ne" if word.endswith("en") else "e")


def _table_names(table):
    """(ISO2, name) pairs of one language table."""
    for line in table.strip().splitlines():
        iso2, names = line.split(" ", 1)
        for name in names.split(";"):
            yield iso2, name


def _country_names():
    """Folded name -> ISO2 for the built-in tables, codes included."""
    pairs = [(iso2, iso2) for iso2, _name in _table_names(_COUNTRIES_EN)]
    pairs += _table_names(_COUNTRIES_EN)
    for iso2, name in _table_names(_COUNTRIES_FR):
        pairs += [(iso2, name), (iso2, _french_feminine(name))]
    for iso2, name in _table_names(_COUNTRIES_AR):
        pairs.append((iso2, name))
        if name.endswith("ي"):
            pairs.append((iso2, name + "ة"))
    return {_lookup_key(name): iso2 for iso2, name in pairs}


_COUNTRIES = _country_names()
# "cote divoire", "pays bas" and "paysbas" all happen.
_COUNTRIES.update({key.replace(" ", ""): code for key, code in _COUNTRIES.items()})
_extra_cache = {"source": None, "index": {}}


def _extra_index(extra_names):
    """Folded view of the caller's names, rebuilt only for a new mapping."""
    if _extra_cache["source"] is not extra_names:
        items = extra_names.items()
        index = {_lookup_key(name): str(code).upper() for name, code in items}
        _extra_cache.update(source=extra_names, index=index)
    return _extra_cache["index"]


def parse_country(value, extra_names=None):
    """Country name, demonym or ISO2/ISO3 code (fr/ar/en) to ISO2, None when empty.

    extra_names ({name: ISO2}, e.g. every res.country name) is searched first;
    it is folded once per mapping object, so build it once, outside the row loop.
    Any two-letter code phonenumbers knows is accepted as well.
    """
    if _is_blank(value):
        return None
    key = _lookup_key(value)
    keys = [key]
    for article in ("al ", "el ", "le ", "la ", "les ", "l ", "the ", "ال"):
        if key.startswith(article):
            keys.append(key[len(article) :])
    extra = _extra_index(extra_names) if extra_names else {}
    for candidate in keys + [k.replace(" ", "") for k in keys]:
        code = extra.get(candidate) or _COUNTRIES.get(candidate)
        if code:
            return code
    if len(key) == 2 and key.upper() in phonenumbers.SUPPORTED_REGIONS:
        return key.upper()
    raise fail("unknown_country", value)


# First rule whose word appears wins, so the order settles mixed wordings:
# "MRE de retour" is a returnee, "مقيم بالخارج" (resident abroad) an MDM.
# Latin words match at a word start, Arabic ones anywhere (attached prefixes).
_PROFILE_RULES = (
    ("rights_holder", "ayant droit|ayants droit|veuve|widow|rights holder|right "
     "holder|entitled|ذوي الحقوق|ذوو الحقوق|ذوي الحق|ذو حق|ارمله"),
    ("returnee", "retour|return|rapatri|عائد|عوده|العائدين|رجوع"),
    ("tcn_transit", "transit|عبور|عابر"),
    ("tcn_displaced", "deplace|displace|refoul|expuls|نازح|ترحيل|مرحل|مهجر"),
    ("mdm_visit", "mdm|mre|marocain du monde|marocains du monde|de passage|"
     "a l etranger|residant a l|abroad|diaspora|visit|vacance|holiday|"
     "الخارج|الجاليه|مغاربه العالم|زائر|زياره"),
    ("tcn_settled", "install|settle|resident|etabli|مقيم|مستقر"),
)  # fmt: skip
_TCN_PROFILES = ("tcn_settled", "tcn_transit", "tcn_displaced")
# Words that name a third-country national without saying which kind.
_AMBIGUOUS_PROFILES = dict.fromkeys(
    ("rpt", "tcn", "ressortissant pays tiers", "etranger", "migrant"), _TCN_PROFILES
)


def _profile_pattern(words):
    """One regex for a rule: Latin words at a word start, Arabic ones anywhere."""
    parts = []
    for word in map(_lookup_key, words.split("|")):
        prefix = r"(?<!\w)" if word.isascii() else ""
        parts.append(prefix + re.escape(word))
    return re.compile("|".join(parts))


_PROFILE_PATTERNS = [(key, _profile_pattern(words)) for key, words in _PROFILE_RULES]


def parse_profile(value):
    """Beneficiary-type cell (fr/ar/en words or a profile key) to a key of PROFILES."""
    if _is_blank(value):
        return None
    key = _lookup_key(value)
    if key.replace(" ", "_") in PROFILES:
        return key.replace(" ", "_")
    for profile, pattern in _PROFILE_PATTERNS:
        if pattern.search(key):
            return profile
    if key in _AMBIGUOUS_PROFILES:
        raise fail("ambiguous_profile", value, _AMBIGUOUS_PROFILES[key])
    raise fail("unknown_profile", value)
