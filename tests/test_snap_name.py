"""How Name the feeling and Reframe look at 80×24, one question at a time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from softlanding.screens import registry
from softlanding.screens.home import HomeScreen

SIZE = (80, 24)
Run = Callable[[Any], Awaitable[None]]


@pytest.fixture(autouse=True)
def neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    # Respond is a colleague's screen; these snapshots stop before it.
    monkeypatch.setitem(registry.SOLO, "respond", lambda ctx: HomeScreen(ctx.host))


def at(step: str, *keys: str, paste: str | None = None) -> Run:
    """Open `step` as if the one before had just finished, then press `keys`."""

    async def run_before(pilot: Any) -> None:
        app = pilot.app
        app.start_session("solo")
        app.store.set_step(app.session_id, step)
        await app.switch_screen(app.step_screen(step))
        await pilot.pause()
        for key in keys:
            if key == "PASTE":
                from textual import events

                app.screen.focused.post_message(events.Paste(paste or ""))
            else:
                await pilot.press(key)
            await pilot.pause()

    return run_before


def typed(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


def test_snap_family(snap_compare: Any, make_app: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=at("name"))


def test_snap_word_with_its_definition(snap_compare: Any, make_app: Any) -> None:
    run = at("name", "down", "enter", "down")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_snap_thought_not_feeling_note(snap_compare: Any, make_app: Any) -> None:
    run = at("name", "enter", "enter", *typed("I feel like you never listen"))
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_snap_intensity(snap_compare: Any, make_app: Any) -> None:
    run = at("name", "enter", "enter", "enter", "enter", "down", "enter", "6")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_snap_reframe_thought(snap_compare: Any, make_app: Any) -> None:
    run = at("reframe", *typed("they don't care how tired I am"), "enter")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_snap_a_long_thought_keeps_the_title_in_view(snap_compare: Any, make_app: Any) -> None:
    thought = (
        "they never ever listen to me when I talk about the things that matter and they "
        "always look at the phone instead of me and it makes me feel invisible"
    )
    run = at("reframe", "PASTE", "enter", paste=thought)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_snap_partner_words_and_the_wish(snap_compare: Any, make_app: Any) -> None:
    said = "You're ALWAYS on your phone 📱\nyou never even look at me"
    run = at("reframe", "enter", "PASTE", "enter", paste=said)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_snap_cycle(snap_compare: Any, make_app: Any) -> None:
    run = at("reframe", "enter", "enter", "down")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_snap_lovingkindness(snap_compare: Any, make_app: Any) -> None:
    run = at("reframe", "enter", "enter", "end", "up", "enter")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)
