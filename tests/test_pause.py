"""The pause step driven by real keys: breathing, grounding, the break and the fear question."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from textual.widgets import Digits, Footer, Input, Static
from textual.widgets._footer import FooterKey

from softlanding.flow import breaktime
from softlanding.models import iso, parse_iso
from softlanding.screens import registry
from softlanding.screens.base import StepScreen
from softlanding.screens.home import HomeScreen
from softlanding.screens.pause.break_ import BreakScreen
from softlanding.screens.pause.breathing import BreathingScreen
from softlanding.screens.pause.grounding import GroundingScreen
from softlanding.screens.pause.pause import PauseScreen
from softlanding.screens.safety import SafetyScreen
from softlanding.screens.safety_check import SafetyCheckScreen
from softlanding.store.archive import history_page
from softlanding.widgets.pacer import BreathingPacer

NOT_YET, YES, NO = (), ("enter",), ("down", "enter")  # yes/no lists start on "yes"


class NextStep(StepScreen):
    """Stands in for the step after pause, so these tests only test pause."""

    step = "name"


@pytest.fixture(autouse=True)
def next_step(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.SOLO, "name", NextStep)


def screen_text(app: Any) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def start_pause(pilot: Any, calm: str, flooded: tuple[str, ...], afraid: tuple[str, ...]):
    """Home → start now → calm → flooded? → afraid?"""
    await pilot.press("enter")  # "Start now, just me" is the first option
    await pilot.pause()
    assert isinstance(pilot.app.screen, PauseScreen)
    await pilot.press(calm, "enter", *flooded)
    await pilot.pause()
    await pilot.press(*afraid)
    await pilot.pause()


async def test_not_flooded_breathing_then_calm_after_moves_on(make_app, store, pack) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_pause(pilot, "3", NO, NO)
        first = pack.breathing.patterns[0]
        assert first.description in screen_text(app)  # shown for the highlighted pattern
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BreathingScreen)
        pacer = app.screen.query_one(BreathingPacer)
        assert pacer.pattern.id == first.id and not pacer.paused
        await pilot.press("s")  # stop early
        await pilot.pause()
        assert pacer.paused and app.screen.query_one("#stages").current == "after"
        assert pack.text.breathing.stopped in screen_text(app)
        await pilot.press("7", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NextStep)
        sid = app.session_id
    record = store.load(sid)
    assert record.step_answers("pause") == {
        "calm_before": 3,
        "flooded": False,
        "choice": "breathe",
        "pattern": first.id,
        "calm_after": 7,
    }
    assert record.current_step == "name"


async def test_a_finished_pacer_asks_calm_after(make_app, store, pack) -> None:
    app = make_app(start="pause")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = next(p for p in pack.breathing.patterns if p.id == "box")
        end = 16 * box.cycles - 0.05
        await app.push_screen(BreathingScreen(app.context("pause"), box, elapsed=end))
        for _ in range(40):
            await pilot.pause(0.05)
            if app.screen.query_one("#stages").current == "after":
                break
        assert pack.breathing.done in screen_text(app)
        assert app.focused is app.screen.query_one("#calm-after-scale")


async def test_motion_key_hides_the_shape_and_is_remembered(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_pause(pilot, "4", NO, NO)
        await pilot.press("enter", "m")
        await pilot.pause()
        pacer = app.screen.query_one(BreathingPacer)
        assert pacer.reduced_motion and not pacer.query_one("#pacer-shape").display
        assert app.session.settings.reduced_motion is True
        assert store.get_setting("reduced_motion") is True
        await pilot.press("escape")  # back to the list of ways to settle
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert app.focused is app.screen.query_one("#choose-list")


async def test_grounding_one_step_at_a_time(make_app, store, pack) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_pause(pilot, "2", NO, NO)
        patterns = len(pack.breathing.patterns)
        await pilot.press(*["down"] * patterns, "enter")
        await pilot.pause()
        assert isinstance(app.screen, GroundingScreen)
        steps = pack.grounding.steps
        assert steps[0] in screen_text(app) and steps[1] not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert steps[1] in screen_text(app) and steps[0] not in screen_text(app)
        await pilot.press("left")
        await pilot.pause()
        assert steps[0] in screen_text(app)
        await pilot.press(*["enter"] * len(steps))
        await pilot.pause()
        await pilot.press("8", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NextStep)
        sid = app.session_id
    answers = store.load(sid).step_answers("pause")
    assert answers["choice"] == "ground" and answers["card"] == "grounding"
    assert (answers["calm_before"], answers["calm_after"]) == (2, 8)


async def test_stop_card_is_the_last_way(make_app, store, pack) -> None:
    app = make_app(start="pause")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "enter", *NO)
        await pilot.pause()
        await pilot.press(*NO)
        await pilot.pause()
        await pilot.press("up", "enter")  # the list wraps: up from the first is the last
        await pilot.pause()
        assert isinstance(app.screen, GroundingScreen)
        assert pack.stop_card.steps[0] in screen_text(app)
        assert app.session.answers.get("pause", "A")["card"] == "stop_card"


async def test_flooded_break_saves_the_agreed_time(make_app, store, pack, monkeypatch) -> None:
    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    monkeypatch.setattr(breaktime, "local_now", lambda: now)
    agreed = now + timedelta(minutes=45)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_pause(pilot, "1", YES, NO)
        assert isinstance(app.screen, BreakScreen)
        await pilot.press("down", "enter")  # 30 minutes (20 is the default)
        await pilot.pause()
        typed = app.screen.query_one("#time", Input)
        assert typed.value == (now + timedelta(minutes=30)).strftime("%H:%M")
        await pilot.press("ctrl+a", "ctrl+k", "+", "1", "0", "enter")
        await pilot.pause()
        assert "at least 20 minutes" in screen_text(app)  # too soon, said gently
        assert "return_at" not in app.session.answers.get("pause", "A")
        await pilot.press("ctrl+a", "ctrl+k", *agreed.strftime("%H:%M"), "enter")
        await pilot.pause()
        text = screen_text(app)
        assert pack.break_guidance.do[0] in text and pack.break_guidance.dont[0] in text
        assert agreed.strftime("%H:%M") in text
        assert app.screen.query_one("#countdown", Digits).value == "45:00"
        assert pack.break_guidance.countdown in text
        sid = app.session_id
        saved = store.load(sid).step_answers("pause")
        assert saved == {
            "calm_before": 1,
            "flooded": True,
            "choice": "break",
            "break_minutes": 45,
            "return_at": iso(agreed),
        }
        await pilot.press("c")  # we're back, a minute into a 45-minute break
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)  # coming back early asks first
        assert "How is your body now" in screen_text(app)
        assert not store.load(app.session_id).get("pause", "returned_at")
        await pilot.press("c")  # yes, both calm
        await pilot.pause()
        assert isinstance(app.screen, NextStep)
        assert store.load(app.session_id).get("pause", "returned_at")  # history shows the return
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
        assert not again.screen.query("#return-notice")  # they came back: nothing pending


async def test_back_early_keeps_the_we_are_back_button_on_an_80x24_screen(
    make_app, monkeypatch
) -> None:
    """The early-return question grows by a few lines: the button it asks about stays in view
    (it fell below the bottom edge), with nothing scrolled away above it."""
    monkeypatch.setattr(breaktime, "local_now", lambda: datetime(2025, 3, 14, 21, 20).astimezone())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_pause(pilot, "1", YES, NO)
        assert isinstance(app.screen, BreakScreen)
        await pilot.press("enter", "enter")  # 20 minutes, back at the time suggested
        await pilot.pause()
        await pilot.press("c")  # back early: how is your body now?
        await pilot.pause()
        assert "How is your body now" in screen_text(app)
        button, footer = app.screen.query_one("#carry-on"), app.screen.query_one(Footer)
        assert button.region.height == 3 and button.region.bottom <= footer.region.y
        assert app.screen.query_one("#break").scroll_y == 0  # the question above it too
        assert app.screen.focused is button
        await pilot.press("enter")  # the button: yes, both calm
        await pilot.pause()
        assert isinstance(app.screen, NextStep)


async def test_a_far_off_time_is_confirmed_and_an_old_complaint_goes_when_typing(
    make_app, store, monkeypatch
) -> None:
    now = datetime(2026, 12, 2, 1, 56).astimezone()
    monkeypatch.setattr(breaktime, "local_now", lambda: now)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_pause(pilot, "1", YES, NO)
        await pilot.press("enter")  # the default length
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "1", ":", "0", "0", "enter")
        await pilot.pause()
        assert "tomorrow at 01:00, 23 h 4 min from now" in screen_text(app)
        assert "return_at" not in app.session.answers.get("pause", "A")
        await pilot.press("backspace")
        await pilot.pause()
        assert "tomorrow at 01:00" not in screen_text(app)  # typing again clears it
        await pilot.press("0", "enter")
        await pilot.pause()
        await pilot.press("enter")  # the same time again: yes, that long
        await pilot.pause()
        saved = store.load(app.session_id).step_answers("pause")
        assert saved["break_minutes"] == 23 * 60 + 4


async def test_home_shows_the_agreed_time_until_they_come_back(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_pause(pilot, "1", YES, NO)
        await pilot.press("enter")  # the default length
        await pilot.pause()
        await pilot.press("enter")  # the suggested return time
        await pilot.pause()
        saved = app.session.answers.get("pause", "A")["return_at"]
        await pilot.press("ctrl+q")
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        notice = str(again.screen.query_one("#return-notice", Static).render())
        assert parse_iso(saved).astimezone().strftime("%H:%M") in notice


async def test_unreadable_time_passes_the_safety_net_and_says_how(make_app, monkeypatch) -> None:
    app = make_app(start="pause")
    checked: list[str] = []
    monkeypatch.setattr(app, "check_safety", lambda text: checked.append(text) or False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "enter", *YES)
        await pilot.pause()
        await pilot.press(*NO, "enter")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"soonish", "enter")
        await pilot.pause()
        assert checked == ["soonish"]
        assert getattr(app.pack.text, "break").unreadable in screen_text(app)
        assert "return_at" not in app.session.answers.get("pause", "A")


async def test_afraid_yes_shows_safety_and_records_nothing_about_it(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_pause(pilot, "6", YES, YES)
        assert isinstance(app.screen, SafetyScreen)
        sid = next(s.id for s in history_page(store, 50))
    record = store.load(sid)
    assert record.status == "open"  # like any interrupted session: nothing says why
    assert set(record.step_answers("pause")) == {"calm_before", "flooded"}
    dumped = json.dumps([[*key, value] for key, value in record.answers.items()]).lower()
    for word in ("fear", "afraid", "safe", "scared"):
        assert word not in dumped
    rows = store.conn.execute("SELECT field, value FROM answers WHERE session_id = ?", (sid,))
    assert not [r for r in rows if "fear" in r[0] or "afraid" in r[0]]


async def test_a_resumed_break_opens_on_its_countdown(make_app, store, pack) -> None:
    sid = store.create_session("solo")
    back = datetime.now().astimezone() + timedelta(minutes=50)
    store.save_answers(sid, "pause", {"flooded": True, "choice": "break", "return_at": iso(back)})
    store.set_step(sid, "pause")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # carry on where you left off
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        assert app.screen.query_one("#stages").current == "guide"
        assert back.strftime("%H:%M") in screen_text(app)


async def test_danger_words_typed_as_the_time_open_safety(make_app, store) -> None:
    app = make_app(start="pause")
    async with app.run_test(size=(80, 24)) as pilot:
        sid = app.session_id
        await pilot.press("5", "enter", *YES)
        await pilot.pause()
        await pilot.press(*NO, "enter")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "h", "e", "space", "h", "i", "t", "space", "m", "e")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SafetyCheckScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
    record = store.load(sid)
    assert record.status == "open"  # like any interrupted session: nothing says why
    assert "hit" not in json.dumps(list(record.answers.values()))
    assert "return_at" not in record.step_answers("pause")


async def test_the_pause_builds_each_later_stage_only_when_it_is_shown(make_app: Any) -> None:
    app = make_app(start="pause")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PauseScreen)
        assert not screen.query("#flooded") and not screen.query("#choose")  # opens light
        await pilot.press("6", "enter")
        await pilot.pause()
        assert screen.stage == "flooded" and app.focused is screen.query_one("#flooded-list")
        assert not screen.query("#choose")
        await pilot.press(*NO, *NO)  # not flooded, not afraid: the ways to settle, built now
        await pilot.pause()
        assert screen.stage == "choose" and app.focused is screen.query_one("#choose-list")
        await pilot.press("escape", "escape", "escape")  # back through the built stages
        await pilot.pause()
        assert screen.stage == "calm" and len(screen.query("#stages > *")) == 4


async def test_ten_is_typed_as_one_then_zero(make_app: Any) -> None:
    """On a 0-10 scale, "1" then "0" is 10 (it recorded 0: 'not calm at all' for 'completely');
    a single digit still picks itself, and "0" alone is 0."""
    from softlanding.widgets.scale import Scale

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Start now, just me
        await pilot.pause()
        scale = app.screen.query_one(Scale)
        await pilot.press("1", "0")
        assert scale.value == 10
        await pilot.press("0")
        assert scale.value == 0
        await pilot.press("7")
        assert scale.value == 7
        await pilot.press("left", "1", "0")
        assert scale.value == 10
        await pilot.press("right", "0")  # an arrow between: "0" is 0
        assert scale.value == 0


async def test_during_the_break_esc_is_named_more_time_and_gives_it(make_app, store, pack) -> None:
    """The early-return words say "Esc gives you more time": the footer names Esc the same way,
    and Esc opens the agreed time to change it (before the countdown, Esc is Back)."""
    sid = store.create_session("solo")
    back = datetime.now().astimezone() + timedelta(minutes=50)
    store.save_answers(sid, "pause", {"flooded": True, "choice": "break", "return_at": iso(back)})
    store.set_step(sid, "pause")
    keys = pack.text.keys
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # carry on: the break's countdown
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        assert "Esc gives you more time" in getattr(pack.text, "break").early
        esc = [k.description for k in app.screen.query(FooterKey) if k.key == "escape"]
        assert esc == [keys.pause_more_time]
        await pilot.press("c")  # back early: the words that promise more time
        await pilot.pause()
        assert "Esc gives you more time" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        assert app.screen.query_one("#stages").current == "when"  # a new time to agree
        esc = [k.description for k in app.screen.query(FooterKey) if k.key == "escape"]
        assert esc == [keys.back]


async def test_in_the_smallest_window_each_question_scrolls_its_answers_into_sight(
    make_app, store
) -> None:
    """At 40×12 the body-alarm and fear questions' Yes/No lay below the bottom edge."""
    from textual.widgets import OptionList

    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("enter")  # "Start now, just me"
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        await pilot.press("4", "enter")
        for stage, answer in (("flooded", "down"), ("fear", None)):
            await pilot.pause()
            await pilot.pause()
            listing = app.screen.query_one(f"#{stage} OptionList", OptionList)
            assert app.screen.query_one("#stages").current == stage
            footer_top = app.size.height - 1
            assert listing.region.y >= 0 and listing.region.y + 2 <= footer_top, stage
            if answer:
                await pilot.press(answer, "enter")  # No: not in alarm mode
                await pilot.pause()
