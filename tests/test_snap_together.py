"""How together mode looks at 80×24: the start, the hand-over, the reveal, speaker and
listener, and the shared summary."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from softlanding.flow import breaktime
from softlanding.flow.steps import Turn
from softlanding.flow.together import TogetherFlow

FROZEN = datetime(2025, 3, 14, 21, 20).astimezone()
NAMED = {
    "A": {"family": "hurt", "word": "left out", "need": "to be heard", "intensity": 7},
    "B": {"family": "sad", "word": "lonely", "own_words": "tired of it all", "intensity": 4},
}
REVEALED = {"A": ["word", "need"], "B": ["word", "intensity"]}
SAID = {
    "A": "I feel left out about the weekend plans, and I need to be heard.",
    "B": "I feel lonely about evenings, and I need connection.",
}


def seed(app: Any, reveal: bool = True, said: bool = False) -> None:
    """A together session with both partners' names and feelings already given."""
    app.start_session("together", partners=(("A", "Alex"), ("B", "Sam")))
    for slot, named in NAMED.items():
        for field, value in named.items():
            app.session.record("name", field, value, seat=slot)
        if reveal:
            app.session.record("name", "reveal", REVEALED[slot], seat=slot)
        if said:
            app.session.record("respond", "final", SAID[slot], seat=slot)


async def show(pilot: Any, turn: Turn) -> None:
    pilot.app.show_turn(turn)
    await pilot.pause()


def test_together_start(snap_compare: Any, make_app: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press(*"Alex", "enter", *"Sam")

    assert snap_compare(make_app(start="together"), terminal_size=(80, 24), run_before=run_before)


def test_handover(snap_compare: Any, make_app: Any) -> None:
    async def run_before(pilot: Any) -> None:
        seed(pilot.app, reveal=False)
        await show(pilot, Turn("reveal", "B", flow="together", opens="private"))

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_reveal_choice(snap_compare: Any, make_app: Any) -> None:
    async def run_before(pilot: Any) -> None:
        seed(pilot.app, reveal=False)
        await show(pilot, Turn("reveal", "B", flow="together"))
        await pilot.press("enter", "down", "down", "down")  # the word ticked, moving on

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_reveal_side_by_side(snap_compare: Any, make_app: Any) -> None:
    async def run_before(pilot: Any) -> None:
        seed(pilot.app)
        await show(pilot, TogetherFlow().resume("revealed", {}))

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_speaker_writes(snap_compare: Any, make_app: Any) -> None:
    async def run_before(pilot: Any) -> None:
        seed(pilot.app)
        await show(pilot, Turn("respond", "A", flow="together"))
        await pilot.press(*[k if k != " " else "space" for k in "you never plan anything"])
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_listener_mirrors(snap_compare: Any, make_app: Any) -> None:
    async def run_before(pilot: Any) -> None:
        seed(pilot.app, said=True)
        await show(pilot, TogetherFlow().resume("listen@B", {}))

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_closing_summary(snap_compare: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(breaktime, "local_now", lambda: FROZEN)

    async def run_before(pilot: Any) -> None:
        app = pilot.app
        seed(app, said=True)
        app.session.record("closing", "appreciation", "You made tea when I was upset.", seat="A")
        app.session.record("closing", "appreciation", "You stayed and listened.", seat="B")
        for slot in ("A", "B"):
            app.session.record("closing", "talk_again", True, seat=slot)
            app.session.record("closing", "follow_up_at", "2025-03-15T21:20:00+00:00", seat=slot)
        app.session.record("name", "notes", ["a private note"], seat="B", private=True)
        await show(pilot, TogetherFlow().resume("closing", {}))

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
