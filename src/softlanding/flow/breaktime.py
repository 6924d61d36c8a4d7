"""Break times as plain Python: read a typed return time, check its bounds, count down.

Everything is measured in clock minutes: "now" is floored to the minute, so a person who
agrees on 21:40 at 21:20 gets exactly the 20 minutes they see on the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

Problem = Literal["unreadable", "too_soon", "too_late"]

_CLOCK = re.compile(
    r"^(?P<h>\d{1,2})(?:\s*[:.h]\s*(?P<m>\d{2}))?\s*(?P<ampm>[ap])?\.?\s*(?:m\.?)?$"
)
_COMPACT = re.compile(r"^(?P<h>\d{1,2})(?P<m>\d{2})$")
_RELATIVE = re.compile(
    r"^(?:\+|in\s+)?\s*(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>m|mins?|minutes?|h|hrs?|hours?)?"
    r"(?:\s*(?P<n2>\d{1,2})\s*(?:m|mins?|minutes?)?)?$"
)


@dataclass(frozen=True)
class ReturnCheck:
    """A typed return time read and checked: `at` when accepted, else the problem."""

    at: datetime | None
    problem: Problem | None = None


def local_now() -> datetime:
    """The local time, aware (tests replace this to freeze the clock)."""
    return datetime.now().astimezone()


def clock_base(now: datetime) -> datetime:
    """Now, floored to the minute: the clock time a person sees."""
    return now.replace(second=0, microsecond=0)


def suggested(now: datetime, minutes: int) -> datetime:
    """The return time a break of `minutes` gives, by the clock."""
    return clock_base(now) + timedelta(minutes=minutes)


def minutes_until(at: datetime, now: datetime) -> int:
    """Whole clock minutes from now until `at` (the break's length)."""
    return int((at - clock_base(now)).total_seconds() // 60)


def parse_return(text: str, now: datetime) -> datetime | None:
    """Read "21:40", "9:40pm", "21h40", "+30", "in 30 min", "+1h30"; None if unreadable.

    A bare "20" is refused (20 minutes or 20:00?), and "1h30" is a clock time unless it
    starts with "+" or "in"; a clock time earlier than now means the same time tomorrow.
    """
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        return None
    clock = None if cleaned.startswith(("+", "in ")) else _clock_time(cleaned)
    if clock is not None:
        at = clock_base(now).replace(hour=clock[0], minute=clock[1])
        return at if at > clock_base(now) else at + timedelta(days=1)
    relative = _relative_minutes(cleaned)
    return None if relative is None else clock_base(now) + timedelta(minutes=relative)


def _relative_minutes(text: str) -> int | None:
    is_relative = text.startswith(("+", "in "))
    match = _RELATIVE.match(text)
    if match is None or not (is_relative or match.group("unit")):
        return None
    amount = float(match.group("n").replace(",", "."))
    unit = match.group("unit") or "m"
    if unit.startswith("h"):
        extra = int(match.group("n2") or 0)
        return round(amount * 60) + extra
    if match.group("n2"):
        return None  # "30m 10" is not a time anyone means
    return round(amount)


def _clock_time(text: str) -> tuple[int, int] | None:
    match = _COMPACT.match(text) or _CLOCK.match(text)
    if match is None:
        return None
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    ampm = match.groupdict().get("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    elif match.group("m") is None:
        return None  # a lone "9" could be minutes or o'clock: ask again rather than guess
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def check_return(at: datetime, now: datetime, min_minutes: int, max_hours: int) -> Problem | None:
    """Why `at` is not an allowed return time, or None if it is."""
    length = minutes_until(at, now)
    if length < min_minutes:
        return "too_soon"
    if length > max_hours * 60:
        return "too_late"
    return None


def resolve_return(text: str, now: datetime, min_minutes: int, max_hours: int) -> ReturnCheck:
    """Read and check a typed return time in one go."""
    at = parse_return(text, now)
    if at is None:
        return ReturnCheck(None, "unreadable")
    problem = check_return(at, now, min_minutes, max_hours)
    return ReturnCheck(None if problem else at, problem)


def split_length(minutes: int) -> tuple[int, int]:
    """A length in minutes as (hours, minutes)."""
    return divmod(minutes, 60)


def countdown(at: datetime, now: datetime) -> str:
    """Time left as "19:58" or "1:19:58"; "0:00" once it has passed."""
    left = max(0, int((at - now).total_seconds()))
    hours, rest = divmod(left, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def is_tomorrow(at: datetime, now: datetime) -> bool:
    """Whether `at` falls on the day after `now` (so the screen can say so)."""
    return at.astimezone(now.tzinfo).date() > now.date()


# a longer break is more often a misread clock ("1:00" at 01:56) than a wish
CONFIRM_AFTER_HOURS = 6


def needs_confirming(at: datetime, now: datetime) -> bool:
    """Whether a return time is far enough ahead to ask "tomorrow at 01:00?" before agreeing."""
    return minutes_until(at, now) > CONFIRM_AFTER_HOURS * 60


def is_early(at: datetime, now: datetime) -> bool:
    """Whether coming back now is before the agreed time (the body may not have settled yet)."""
    return clock_base(now) < clock_base(at)
