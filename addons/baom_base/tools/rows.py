"""Turn one spreadsheet row (field -> raw cell) into clean beneficiary facts.

Plain Python: the Odoo wizard maps the codes returned here to records.
"""

import re
from typing import NamedTuple

from . import names, normalize

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_OUTCOME_WORDS = (
    ("case_opened", ("dossier", "accompagnement", "suivi", "case", "ملف", "مواكبة")),
    ("referred", ("orient", "referred", "referral", "transf", "توجيه", "إحالة")),
    ("information", ("info", "conseil", "renseign", "advice", "معلومات", "إرشاد")),
)


class RowFacts(NamedTuple):
    """Normalised facts of one row; country codes are ISO alpha-2."""

    first_name: str
    last_name: str
    name_ar: str
    gender: str | None
    birth_date: object  # datetime.date or None
    birth_date_partial: bool
    nationality: str | None
    country_residence: str | None
    phone: str | None
    email: str | None
    profile: str | None
    id_number: str | None
    need: str | None
    visit_date: object  # datetime.date or None
    outcome: str | None
    notes: str | None

    def person(self):
        """The duplicate-detection view of these facts."""
        return names.Person(
            first_name=self.first_name,
            last_name=self.last_name,
            name_ar=self.name_ar,
            birth_date=self.birth_date,
            phone=self.phone,
            birth_date_partial=self.birth_date_partial,
        )


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _split_names(fields):
    """(first, last, arabic) from whichever name columns the sheet has."""
    first = names.clean_name(_text(fields.get("first_name")))
    last = names.clean_name(_text(fields.get("last_name")))
    arabic = _text(fields.get("name_ar"))
    full = _text(fields.get("full_name"))
    for value, is_latin_slot in ((first, True), (last, True)):
        if value and names.is_arabic(value) and is_latin_slot and not arabic:
            arabic = value
    if names.is_arabic(first):
        first = ""
    if names.is_arabic(last):
        last = ""
    if full and not (first or last):
        if names.is_arabic(full):
            arabic = arabic or full
        else:
            # Which word is the first name cannot be known: keep the whole
            # name in one field (matching ignores word order).
            last = names.clean_name(full)
    return first, last, arabic


def parse_outcome(value):
    """Visit outcome key for words such as "Orienté vers la CNSS", or None."""
    text = names.fold(_text(value)) if _text(value) else ""
    if not text:
        return None
    for key, words in _OUTCOME_WORDS:
        if any(word in text for word in words):
            return key
    return "information"


def _cached(cache, kind, value, parse):
    """parse(value), remembered per distinct cell value: a register repeats the
    same few genders, types and countries thousands of times."""
    if cache is None or not isinstance(value, str | int | float | None):
        return parse(value)
    key = (kind, value)
    if key not in cache:
        try:
            cache[key] = (parse(value), None)
        except ValueError as error:
            cache[key] = (None, error)
    result, error = cache[key]
    if error is not None:
        raise error
    return result


def parse_row(fields, datemode=0, default_profile=None, country_names=None, cache=None):
    """RowFacts for {field: raw value}; ValueError with the reason otherwise.

    Pass the same ``cache`` dict for every row of a sheet to parse repeated
    values once.
    """
    first, last, arabic = _split_names(fields)
    if not (first or last or arabic):
        raise ValueError("No name in this row.")
    birth = normalize.parse_date_precision(fields.get("birth_date"), datemode)
    # Reception dates repeat (a register covers a few hundred days); birth
    # dates hardly do, and caching them would only cost memory.
    visit = _cached(
        cache,
        ("visit_date", datemode),
        fields.get("visit_date"),
        lambda value: normalize.parse_date_precision(value, datemode),
    )
    phone = None
    if _text(fields.get("phone")):
        phone = normalize.normalize_phone(fields["phone"])
    email = _text(fields.get("email")).lower() or None
    if email and not _EMAIL_RE.match(email):
        raise ValueError(f"Invalid e-mail address: {email}")
    gender = _cached(cache, "gender", fields.get("gender"), normalize.parse_gender)
    profile = (
        _cached(cache, "profile", fields.get("profile"), normalize.parse_profile)
        or default_profile
    )
    if not profile:
        raise ValueError(
            "No beneficiary type (MDM, returnee, rights holder, third-country "
            "national) in this row and no default type chosen."
        )

    def country(value):
        return normalize.parse_country(value, country_names) if _text(value) else None

    nationality = _cached(cache, "country", fields.get("nationality"), country)
    residence = _cached(cache, "country", fields.get("country_residence"), country)
    return RowFacts(
        first_name=first,
        last_name=last,
        name_ar=arabic,
        gender=gender,
        birth_date=birth.date if birth else None,
        birth_date_partial=bool(birth and birth.partial),
        nationality=nationality,
        country_residence=residence,
        phone=phone,
        email=email,
        profile=profile,
        id_number=_text(fields.get("id_number")).upper() or None,
        need=_text(fields.get("need")) or None,
        visit_date=visit.date if visit else None,
        outcome=_cached(cache, "outcome", fields.get("outcome"), parse_outcome),
        notes=_text(fields.get("notes")) or None,
    )
