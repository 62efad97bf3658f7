"""Time zones whose local days start on whole hours of UTC."""

import datetime

import pytz

HOUR = datetime.timedelta(hours=1)
# The tz database vouches for its data since 1970 only: before, PostgreSQL's
# copy and pytz's may disagree.
RELIABLE_SINCE = datetime.datetime(1970, 1, 1)


def whole_hours_since(tz_name):
    """The UTC instant (naive) from which every local day of ``tz_name``
    starts and ends on a whole UTC hour, or ``None`` if it does not today.

    From then on the zone's offsets, and the instants they change, are whole
    hours: the records of one UTC hour all fall on one local day.
    """
    tz = pytz.timezone(tz_name)
    transitions = getattr(tz, "_utc_transition_times", None)
    if transitions is None:  # one fixed offset (UTC, Etc/GMT-1...)
        return RELIABLE_SINCE if not tz.utcoffset(RELIABLE_SINCE) % HOUR else None
    since = RELIABLE_SINCE
    for when, (offset, __, __) in zip(transitions, tz._transition_info, strict=True):
        if offset % HOUR:
            since = None  # days start within an hour, until a later change
        elif since is None or when.minute or when.second or when.microsecond:
            # From this change, or from the first whole hour after it.
            start = when.replace(minute=0, second=0, microsecond=0)
            if start != when:
                start += HOUR
            since = max(start, since or RELIABLE_SINCE)
    if since and since.year >= 2037:
        # pytz's table stops in 2037, PostgreSQL's rules go on (Lord Howe's
        # last listed change is to +11; +10:30 comes back every year).
        return None
    return since
