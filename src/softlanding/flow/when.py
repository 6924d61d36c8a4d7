"""When to talk again: read natural phrases ("tomorrow 19:30", "Saturday 10am"), suggest an hour.

Pure Python on purpose: a date library would cost start-up time for a handful of phrases.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from softlanding.flow.breaktime import clock_base, parse_return

CALM_HOUR = 19  # early evening: after work, before tiredness, the hour we suggest by default
PARTS_OF_DAY = {"morning": 10, "lunchtime": 12, "noon": 12, "afternoon": 15, "evening": 19}
PARTS_OF_DAY |= {"tonight": 20, "night": 20}
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = re.compile(
    r"^(?:on\s+)?(?P<day>today|tonight|this|tomorrow|tmrw|tmr|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    + "|".join(DAYS)
    + r")\b\s*(?:at\s+|@\s*)?(?P<rest>.*)$"
)


def suggest_follow_up(now: datetime) -> datetime:
    """A calm hour for the next talk: this evening after a small-hours fight, else tomorrow's."""
    base = clock_base(now).replace(hour=CALM_HOUR, minute=0)
    return base if now.hour < 5 else base + timedelta(days=1)


def parse_follow_up(text: str, now: datetime) -> datetime | None:
    """Read "19:30", "tomorrow evening", "Saturday 10am", "sat at 7pm"; None if unreadable."""
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    if not cleaned:
        return None
    match = _DAY.match(cleaned)
    if match is None:
        part = PARTS_OF_DAY.get(cleaned)
        if part is not None:
            return _at_hour(_next_date(now, part), part, 0, now)
        return parse_return(cleaned, now)
    day, rest = match.group("day"), match.group("rest").strip()
    date = _date_for(day, now)
    time = _time_of(rest or ("tonight" if day == "tonight" else "evening"))
    if time is None:
        return None
    at = _at_hour(date, time[0], time[1], now)
    return at if at > clock_base(now) else None


def _date_for(day: str, now: datetime) -> datetime:
    if day in ("today", "tonight", "this"):
        return now
    if day in ("tomorrow", "tmrw", "tmr"):
        return now + timedelta(days=1)
    index = next(i for i, name in enumerate(DAYS) if name.startswith(day[:3]))
    ahead = (index - now.weekday()) % 7 or 7  # "Saturday" said on a Saturday means next week
    return now + timedelta(days=ahead)


def _time_of(rest: str) -> tuple[int, int] | None:
    if rest in PARTS_OF_DAY:
        return PARTS_OF_DAY[rest], 0
    base = datetime(2000, 1, 1, 0, 0)
    at = parse_return(rest, base)
    if at is None or rest.startswith(("+", "in ")):
        return None
    return at.hour, at.minute


def _next_date(now: datetime, hour: int) -> datetime:
    return now if now.hour < hour else now + timedelta(days=1)


def _at_hour(date: datetime, hour: int, minute: int, now: datetime) -> datetime:
    base = clock_base(now)
    return base.replace(year=date.year, month=date.month, day=date.day, hour=hour, minute=minute)
