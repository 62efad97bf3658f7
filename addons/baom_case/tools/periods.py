"""Age bands and reporting periods shared by the case model, the statistics
view and the activity report (no Odoo import: unit-testable on its own)."""

import datetime

# (key, lowest age, highest age); the keys sort in age order.
AGE_BANDS = (
    ("00_17", 0, 17),
    ("18_29", 18, 29),
    ("30_44", 30, 44),
    ("45_59", 45, 59),
    ("60_99", 60, 200),
)


def age_at(birth_date, on_date, year_only=False):
    """Age in whole years on ``on_date``, or None when the birth date is unknown.

    With ``year_only`` only the year of ``birth_date`` is known: the person is
    counted as born mid-year (1 July), not on the 1 January stored, so that
    half of the people of a year-only register do not age six months early.
    """
    if not birth_date or not on_date:
        return None
    if year_only:
        birth_date = datetime.date(birth_date.year, 7, 1)
    before_birthday = (on_date.month, on_date.day) < (birth_date.month, birth_date.day)
    return on_date.year - birth_date.year - before_birthday


def age_from_band(birth_band, on_date):
    """Approximate age from a birth decade such as ``"1960-1969"`` (its middle)."""
    if not birth_band or not on_date:
        return None
    try:
        decade = int(birth_band.split("-", 1)[0])
    except ValueError:
        return None
    return on_date.year - (decade + 5)


def age_band(age):
    """Band key for an age, or False when unknown."""
    if age is None or age < 0:
        return False
    for key, low, high in AGE_BANDS:
        if low <= age <= high:
            return key
    return False


def _add_months(day, months):
    month_index = day.year * 12 + day.month - 1 + months
    return datetime.date(month_index // 12, month_index % 12 + 1, 1)


def months_between(date_from, date_to):
    """First day of every month the period touches, in order (a report shows
    each of them, with zeros where nothing happened)."""
    if not date_from or not date_to or date_from > date_to:
        return []
    first = date_from.replace(day=1)
    count = (date_to.year - first.year) * 12 + date_to.month - first.month + 1
    return [_add_months(first, index) for index in range(count)]


def change(current, previous):
    """``(difference, percent or None, direction)`` between two figures, where
    direction is ``"up"``, ``"down"`` or ``"same"``; None figures count as 0."""
    current, previous = current or 0, previous or 0
    difference = round(current - previous, 2)
    if isinstance(difference, float) and difference.is_integer():
        difference = int(difference)
    direction = "up" if difference > 0 else "down" if difference < 0 else "same"
    return difference, evolution(current, previous), direction


def previous_period(date_from, date_to):
    """The period just before: the same months when the period is made of
    whole months (a year is compared with the previous year), else the same
    number of days ending the day before ``date_from``."""
    previous_to = date_from - datetime.timedelta(days=1)
    next_day = date_to + datetime.timedelta(days=1)
    if date_from.day == 1 and next_day.day == 1:
        months = (
            (next_day.year - date_from.year) * 12 + next_day.month - date_from.month
        )
        return _add_months(date_from, -months), previous_to
    length = (date_to - date_from).days + 1
    return previous_to - datetime.timedelta(days=length - 1), previous_to


def evolution(current, previous):
    """Relative change in percent, or None when there is nothing to compare with."""
    if not previous:
        return None
    return round((current - previous) * 100.0 / previous, 1)
