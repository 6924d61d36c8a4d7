"""Reading when to talk again, and the break's checks for far-off and early returns."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from softlanding.flow import breaktime
from softlanding.flow.when import parse_follow_up, suggest_follow_up

TZ = timezone(timedelta(hours=1))
NIGHT = datetime(2026, 12, 2, 1, 40, 12, tzinfo=TZ)  # a Wednesday, 01:40
EVENING = datetime(2026, 12, 2, 21, 5, tzinfo=TZ)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=TZ)


def test_a_small_hours_fight_is_offered_this_evening_not_the_same_hour_tomorrow() -> None:
    assert suggest_follow_up(NIGHT) == at(2, 19)
    assert suggest_follow_up(EVENING) == at(3, 19)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow 19:30", at(3, 19, 30)),
        ("Tomorrow at 7pm", at(3, 19)),
        ("tomorrow evening", at(3, 19)),
        ("tmrw morning", at(3, 10)),
        ("Saturday 10am", at(5, 10)),
        ("sat at 10:15", at(5, 10, 15)),
        ("on Wednesday 18:00", at(9, 18)),  # said on a Wednesday: next week's
        ("this evening", at(2, 19)),
        ("evening", at(2, 19)),
        ("tonight", at(2, 20)),
        ("19:30", at(2, 19, 30)),
        ("tomorrow", at(3, 19)),
        ("someday", None),
        ("tomorrow 25:00", None),
        ("", None),
    ],
)
def test_natural_phrases_are_read(text: str, expected: datetime | None) -> None:
    assert parse_follow_up(text, NIGHT) == expected


def test_a_time_already_past_today_is_refused_not_moved() -> None:
    assert parse_follow_up("today 09:00", EVENING) is None


def test_one_oclock_typed_just_before_two_is_confirmed_before_a_23_hour_break() -> None:
    now = datetime(2026, 12, 2, 1, 56, tzinfo=TZ)
    back = breaktime.parse_return("1:00", now)
    assert back == at(3, 1)
    assert breaktime.needs_confirming(back, now)
    assert not breaktime.needs_confirming(breaktime.parse_return("2:30", now), now)


def test_coming_back_before_the_agreed_time_is_early() -> None:
    agreed = at(2, 2, 20)
    assert breaktime.is_early(agreed, at(2, 1, 41))
    assert not breaktime.is_early(agreed, at(2, 2, 20))


async def test_joiners_typed_as_keys_stay_in_the_words(make_app) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    from softlanding.screens.pause.pause import PauseScreen

    app = make_app(start="pause")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        box = Input(id="probe")
        await app.screen.mount(box)
        box.focus()
        await pilot.pause()
        await pilot.press("a", "\u200d", "b", "\u200c", "c")
        assert box.value == "a\u200db\u200cc"
