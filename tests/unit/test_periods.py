import datetime

from baom_case_tools import periods


def test_year_only_birth_counts_as_mid_year():
    born = datetime.date(2008, 1, 1)
    on_date = datetime.date(2026, 3, 1)
    assert periods.age_at(born, on_date) == 18
    assert periods.age_at(born, on_date, year_only=True) == 17
    assert periods.age_at(born, datetime.date(2026, 7, 1), year_only=True) == 18
    assert periods.age_band(periods.age_at(born, on_date, year_only=True)) == "00_17"


def test_unknown_birth_date_has_no_age():
    assert periods.age_at(None, datetime.date(2026, 3, 1), year_only=True) is None
