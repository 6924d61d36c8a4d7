"""Reading and checking the agreed return time of a break (pure, no clock)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from types import SimpleNamespace
from typing import Any

import pytest

from softlanding.flow.breaktime import (
    check_return,
    countdown,
    is_tomorrow,
    minutes_until,
    parse_return,
    resolve_return,
    split_length,
    suggested,
)

NOW = datetime(2025, 3, 14, 21, 20, 30).astimezone()  # a Friday evening, local time


def at(hour: int, minute: int, days: int = 0) -> datetime:
    return NOW.replace(hour=hour, minute=minute, second=0, microsecond=0) + timedelta(days=days)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("21:40", at(21, 40)),
        ("21.40", at(21, 40)),
        ("  21:40 ", at(21, 40)),
        ("2140", at(21, 40)),
        ("21h40", at(21, 40)),
        ("9:40pm", at(21, 40)),
        ("9:40 PM", at(21, 40)),
        ("9.40 p.m.", at(21, 40)),
        ("10pm", at(22, 0)),
        ("12am", at(0, 0, days=1)),
        ("12pm", at(12, 0, days=1)),
        ("+30", at(21, 50)),
        ("in 30 min", at(21, 50)),
        ("In 30 minutes", at(21, 50)),
        ("30 min", at(21, 50)),
        ("+1h30", at(22, 50)),
        ("in 1 hour 30 minutes", at(22, 50)),
        ("in 1.5 hours", at(22, 50)),
        ("2h", at(23, 20)),
    ],
)
def test_readable_times(typed: str, expected: datetime) -> None:
    assert parse_return(typed, NOW) == expected


def test_a_clock_time_earlier_than_now_means_tomorrow() -> None:
    assert parse_return("21:10", NOW) == at(21, 10, days=1)
    assert parse_return("7am", NOW) == at(7, 0, days=1)
    assert parse_return("21:20", NOW) == at(21, 20, days=1)  # the same minute: a full day


@pytest.mark.parametrize(
    "typed", ["", "   ", "soon", "20", "9", "25:00", "21:61", "13pm", "0am", "+", "in", "30m 10"]
)
def test_unreadable_or_ambiguous_times_are_refused(typed: str) -> None:
    assert parse_return(typed, NOW) is None
    assert resolve_return(typed, NOW, 20, 24).problem == "unreadable"


def test_bounds_are_counted_in_clock_minutes() -> None:
    # at 21:20:30 the clock says 21:20, so 21:40 is the 20 minutes a person sees
    assert minutes_until(at(21, 40), NOW) == 20
    assert check_return(at(21, 40), NOW, 20, 24) is None
    assert check_return(at(21, 39), NOW, 20, 24) == "too_soon"
    assert check_return(at(21, 20, days=1), NOW, 20, 24) is None
    assert check_return(at(21, 21, days=1), NOW, 20, 24) == "too_late"
    assert check_return(at(23, 20), NOW, 20, 1) == "too_late"


def test_resolve_gives_the_time_or_the_reason() -> None:
    ok = resolve_return("9:40pm", NOW, 20, 24)
    assert (ok.at, ok.problem) == (at(21, 40), None)
    soon = resolve_return("+10", NOW, 20, 24)
    assert (soon.at, soon.problem) == (None, "too_soon")
    late = resolve_return("+25h", NOW, 20, 24)
    assert (late.at, late.problem) == (None, "too_late")


def test_the_suggestion_is_now_plus_the_length_by_the_clock() -> None:
    assert suggested(NOW, 20) == at(21, 40)
    assert suggested(NOW, 120) == at(23, 20)
    assert check_return(suggested(NOW, 20), NOW, 20, 24) is None
    assert parse_return(suggested(NOW, 20).strftime("%H:%M"), NOW) == suggested(NOW, 20)


def test_length_words_and_countdown() -> None:
    assert split_length(20) == (0, 20)
    assert split_length(90) == (1, 30)
    assert countdown(at(21, 40), NOW) == "19:30"
    assert countdown(at(23, 40), NOW) == "2:19:30"
    assert countdown(at(21, 0), NOW) == "0:00"


def test_tomorrow_is_told_apart() -> None:
    assert not is_tomorrow(at(23, 59), NOW)
    assert is_tomorrow(at(0, 5, days=1), NOW)


def test_one_minute_is_said_in_the_singular(pack: Any) -> None:
    """ "It has been 1 minute of the 20 minutes you agreed", never "1 minutes"."""
    from softlanding.screens.base import labels
    from softlanding.screens.pause.break_ import BreakScreen

    words = labels(pack, "break")
    length = partial(BreakScreen._length_words, SimpleNamespace(words=words))
    assert length(1) == words.one_minute
    assert length(20) == words.minutes.format(n=20)
    assert length(61) == words.hours_minutes.format(h=1, m=1)
