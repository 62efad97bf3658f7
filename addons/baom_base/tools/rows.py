"""Turn one spreadsheet row (field -> raw cell) into clean beneficiary facts.

Plain Python: the Odoo wizard maps the codes returned here to records.
"""

import datetime
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
    # Cells read without certainty (Uncertain), answered or not.
    uncertain: tuple = ()
    # Only the year of birth is known (the date is 1 January of it).
    birth_year_only: bool = False
    # ((column title, text), ...) of columns the officer keeps in the notes.
    kept_notes: tuple = ()

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


# Fields whose uncertain values the officer can answer (with a key or a
# country code); the others (dates, phone, e-mail) can only be reviewed.
ANSWERABLE_FIELDS = ("profile", "gender", "nationality", "country_residence")


class Uncertain(NamedTuple):
    """A cell the normaliser could not place with certainty.

    ``key`` groups the same value written in different cases or accents;
    ``candidates`` are the keys an ambiguous value may mean (empty when the
    value is simply not understood); ``answer`` is what the officer said it
    means for this file, None while it is left for review. ``reason`` is in
    English: show ``code`` (a key of normalize.MESSAGES) translated instead,
    with ``params`` ((name, value), ...) as its placeholders.
    """

    field: str
    raw: str
    key: str
    candidates: tuple
    reason: str
    answer: str | None = None
    code: str = ""
    params: tuple = ()


class UncertainTally:
    """Each distinct uncertain (field, value) once, with how many rows carry it."""

    def __init__(self):
        self._values = {}

    def add(self, uncertain):
        for entry in uncertain:
            found = self._values.get((entry.field, entry.key))
            if found:
                found[1] += 1
            else:
                self._values[(entry.field, entry.key)] = [entry, 1]

    def __len__(self):
        return len(self._values)

    def items(self):
        """[(Uncertain of the first row carrying it, row count)], most rows first."""
        return sorted(
            ((entry, count) for entry, count in self._values.values()),
            key=lambda item: (-item[1], item[0].field, item[0].key),
        )


def value_key(value):
    """How a cell value is remembered: case, accents and spacing do not count."""
    return names.fold(_text(value))


def cell_text(value):
    """A cell as one line of text ("" when empty), numbers without ".0"."""
    return _text(value)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _clean_name_cell(value, cache):
    """(clean_name of the cell, whether it is Arabic), once per distinct cell."""
    if value is None:
        return "", False
    key = ("name", value)
    found = cache.get(key) if cache is not None else None
    if found is None:
        name = names.clean_name(_text(value))
        found = (name, names.is_arabic(name))
        if cache is not None and isinstance(value, str):
            cache[key] = found
    return found


def _split_names(fields, cache=None):
    """(first, last, arabic) from whichever name columns the sheet has."""
    first, first_arabic = _clean_name_cell(fields.get("first_name"), cache)
    last, last_arabic = _clean_name_cell(fields.get("last_name"), cache)
    arabic = _text(fields.get("name_ar"))
    full = _text(fields.get("full_name"))
    if not arabic:
        if first_arabic:
            arabic = first
        elif last_arabic:
            arabic = last
    if first_arabic:
        first = ""
    if last_arabic:
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
    if cache is None or (
        type(value) is not str and not isinstance(value, int | float | None)
    ):
        return parse(value)
    key = (kind, value)
    found = cache.get(key)
    if found is None:
        try:
            found = cache[key] = (parse(value), None)
        except ValueError as error:
            found = cache[key] = (None, error)
    if found[1] is not None:
        raise found[1]
    return found[0]


def parse_row(
    fields,
    datemode=0,
    default_profile=None,
    country_names=None,
    cache=None,
    answers=None,
    today=None,
):
    """RowFacts for {field: raw value}; ValueError only for a row naming nobody.

    A cell that cannot be read with certainty does not cost the row: the value
    the officer gave in ``answers`` ({field: {value_key: key}}) is used, else
    the fact is left empty (the profile falls back to ``default_profile``),
    and the cell is listed in ``RowFacts.uncertain`` either way. The profile
    may still be None when nothing gives one: the caller decides.

    Pass the same ``cache`` dict for every row of a sheet to parse repeated
    values once. A birth date after ``today`` (default: the system date) is
    uncertain too: nobody registered is born yet.
    """
    first, last, arabic = _split_names(fields, cache)
    if not (first or last or arabic):
        raise ValueError("No name in this row.")
    answers = answers or {}
    uncertain = []

    def read(field, kind, parse):
        """Only the few values a sheet repeats (kind given) are cached."""
        value = fields.get(field)
        if value is None:
            # Every parser reads an empty cell as nothing known.
            return None
        try:
            if kind is None:
                return parse(value)
            return _cached(cache, kind, value, parse)
        except ValueError as error:
            key = value_key(value)
            answer = None
            if field in ANSWERABLE_FIELDS:
                answer = answers.get(field, {}).get(key) or None
            uncertain.append(
                Uncertain(
                    field=field,
                    raw=_text(value),
                    key=key,
                    candidates=getattr(error, "candidates", ()),
                    reason=str(error),
                    answer=answer,
                    code=getattr(error, "code", ""),
                    params=tuple(sorted(getattr(error, "params", {}).items())),
                )
            )
            return answer

    def date(value):
        return normalize.parse_date_precision(value, datemode)

    def birth_date(value):
        parsed = date(value)
        if parsed and parsed.date > (today or datetime.date.today()):
            raise normalize.fail("future_date", value)
        return parsed

    def phone(value):
        # A text cell of spaces is blank for normalize_phone too.
        if type(value) is not str and not _text(value):
            return None
        return normalize.normalize_phone(value)

    def email(value):
        text = _text(value).lower() or None
        if text and not _EMAIL_RE.match(text):
            raise normalize.fail("invalid_email", text)
        return text

    def country(value):
        return normalize.parse_country(value, country_names) if _text(value) else None

    # Dates, phones and e-mails have no answer to choose from: left for review.
    birth = read("birth_date", None, birth_date)
    # Reception dates repeat (a register covers a few hundred days); birth
    # dates hardly do, and caching them would only cost memory.
    visit = read("visit_date", ("visit_date", datemode), date)
    gender = read("gender", "gender", normalize.parse_gender)
    profile = read("profile", "profile", normalize.parse_profile) or default_profile
    nationality = read("nationality", "country", country)
    residence = read("country_residence", "country", country)
    return RowFacts(
        first_name=first,
        last_name=last,
        name_ar=arabic,
        gender=gender,
        birth_date=birth.date if birth else None,
        birth_date_partial=bool(birth and birth.partial),
        birth_year_only=bool(birth and birth.precision == "year"),
        nationality=nationality,
        country_residence=residence,
        phone=read("phone", None, phone),
        email=read("email", None, email),
        profile=profile,
        id_number=_text(fields.get("id_number")).upper() or None,
        need=_text(fields.get("need")) or None,
        visit_date=visit.date if visit else None,
        outcome=_cached(cache, "outcome", fields.get("outcome"), parse_outcome),
        notes=_text(fields.get("notes")) or None,
        uncertain=tuple(uncertain),
    )
