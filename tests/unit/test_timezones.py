import datetime

from baom_case_tools import timezones


def test_whole_hour_zones_from_1970():
    # Morocco: +00/+01 (Ramadan), Chile: DST at midnight, fixed offsets.
    for name in ("Africa/Casablanca", "America/Santiago", "Europe/Paris", "UTC"):
        assert timezones.whole_hours_since(name) == datetime.datetime(1970, 1, 1)
    assert timezones.whole_hours_since("Etc/GMT-1") == datetime.datetime(1970, 1, 1)


def test_half_hour_zones_are_not():
    # India (+05:30), Newfoundland (-03:30), Nepal (+05:45), Lord Howe (DST
    # of half an hour): a UTC hour can hold two local days.
    for name in ("Asia/Kolkata", "America/St_Johns", "Asia/Kathmandu"):
        assert timezones.whole_hours_since(name) is None
    assert timezones.whole_hours_since("Australia/Lord_Howe") is None


def test_zone_that_became_whole_hours_counts_from_then():
    # Liberia kept -00:44:30 until 1972, then UTC.
    since = timezones.whole_hours_since("Africa/Monrovia")
    assert datetime.datetime(1972, 1, 1) <= since < datetime.datetime(1972, 2, 1)
