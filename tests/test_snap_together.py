"""How together mode looks at 80×24, every screen of both paths, with long names and long
answers: nothing cut mid-word, no option pushed off the bottom, the progress always in view."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest

from softlanding.flow import breaktime
from softlanding.flow.steps import Turn
from softlanding.flow.together import TogetherFlow

FROZEN = datetime(2025, 3, 14, 21, 20).astimezone()
ALEX, SAM = "Alexandra-Katharina Whitfield", "Maximilian Oduya-Fairweather"  # 29 and 28 letters
NAMED = {
    "A": {"family": "hurt", "word": "left out", "need": "to be heard", "intensity": 7},
    "B": {"family": "sad", "word": "lonely", "own_words": "tired of it all", "intensity": 4},
}
REVEALED = {"A": ["word", "need"], "B": ["word", "intensity"]}
SAID = {
    "A": "I feel left out about the weekend plans you made with your brother without asking "
    "me first, and I need to be heard before plans are settled, even small ones.",
    "B": "I feel lonely about the evenings when you work late and we only see each other "
    "across the table for ten minutes, and I need connection, a bit each day.",
}
LONG_MIRROR = (
    "What I heard is that you felt left out when I made the weekend plans with my brother "
    "and didn't ask you first, and that you want to be part of deciding, even small things."
)
Before = Callable[[Any], Awaitable[None]]
SHORT = {"way": "short", "check": "hurry"}
FULL = {"way": "full", "check": "fine"}


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(breaktime, "local_now", lambda: FROZEN)


def seed(
    app: Any, way: dict[str, str], reveal: bool = True, said: bool = False, named: bool = True
) -> None:
    """A together session with both partners' long names (and feelings, if `named`) given."""
    app.start_session("together", partners=(("A", ALEX), ("B", SAM)))
    for slot in ("A", "B"):
        for field, value in way.items():
            app.session.record("way", field, value, seat=slot)
        for field, value in NAMED[slot].items() if named else ():
            app.session.record("name", field, value, seat=slot)
        if reveal:
            app.session.record("name", "reveal", REVEALED[slot], seat=slot)
        if said:
            app.session.record("respond", "final", SAID[slot], seat=slot)


async def show(pilot: Any, turn: Turn) -> None:
    pilot.app.show_turn(turn)
    await pilot.pause()


async def keys(pilot: Any, *pressed: str) -> None:
    await pilot.press(*pressed)
    await pilot.pause()


async def text(pilot: Any, words: str) -> None:
    await keys(pilot, *[k if k != " " else "space" for k in words])


async def each_answers_the_round(pilot: Any) -> None:
    """The private round before the summary: for each partner, ready, "Yes" and Go on."""
    for _ in ("A", "B"):
        for key in ("enter", "y", "enter"):
            await keys(pilot, key)


def snap(snap_compare: Any, make_app: Any, before: Before, start: str = "home") -> None:
    assert snap_compare(make_app(start=start), terminal_size=(80, 24), run_before=before)


def at(turn: Turn, way: dict[str, str] = FULL, *then: str, said: bool = False, **kw: Any) -> Before:
    """Open `turn` of a seeded session, then press `then`."""

    async def before(pilot: Any) -> None:
        seed(pilot.app, way, said=said, **kw)
        await show(pilot, turn)
        if then:
            await keys(pilot, *then)

    return before


def together(step: str, partner: str = "A", **kw: Any) -> Turn:
    return Turn(step, partner, flow="together", **kw)


# --- the start, the way, carrying on --------------------------------------------------------


def test_together_start(snap_compare: Any, make_app: Any) -> None:
    async def before(pilot: Any) -> None:
        await pilot.pause()
        await text(pilot, ALEX)
        await keys(pilot, "enter")
        await text(pilot, SAM)

    snap(snap_compare, make_app, before, start="together")


@pytest.mark.parametrize("stage", ["check", "choose"])
def test_way(snap_compare: Any, make_app: Any, stage: str) -> None:
    async def before(pilot: Any) -> None:
        pilot.app.start_session("together", partners=(("A", ALEX), ("B", SAM)))
        await show(pilot, TogetherFlow().first())
        if stage == "choose":
            await keys(pilot, "down", "enter")  # short of time: the short way is suggested

    snap(snap_compare, make_app, before)


def test_carry_on_offered(snap_compare: Any, make_app: Any, store: Any) -> None:
    sid = store.create_session("together", (("A", ALEX), ("B", SAM)))
    store.set_step(sid, "name@B")
    stamp = "2025-03-14T20:05:00+00:00"
    store.conn.execute("UPDATE sessions SET started_at = ?, updated_at = ?", (stamp, stamp))
    store.conn.commit()

    async def before(pilot: Any) -> None:
        await pilot.pause()

    snap(snap_compare, make_app, before, start="together")


# --- the full way ---------------------------------------------------------------------------


@pytest.mark.parametrize("opens", ["private", "floor", "swap"])
def test_handover(snap_compare: Any, make_app: Any, opens: str) -> None:
    step, partner = {"private": ("reveal", "B"), "floor": ("respond", "A")}.get(
        opens, ("respond", "B")
    )
    snap(snap_compare, make_app, at(together(step, partner, opens=opens), reveal=False))


def test_keep_choice_long_names(snap_compare: Any, make_app: Any) -> None:
    snap(snap_compare, make_app, at(together("keep", "B"), reveal=False))


@pytest.mark.parametrize("stage", [(), ("6", "enter"), ("6", "enter", "down", "enter")])
def test_private_pause(snap_compare: Any, make_app: Any, stage: tuple[str, ...]) -> None:
    snap(snap_compare, make_app, at(together("pause", "B"), FULL, *stage, reveal=False))


def test_break_for_both(snap_compare: Any, make_app: Any) -> None:
    async def before(pilot: Any) -> None:
        seed(pilot.app, FULL, reveal=False)
        pilot.app.session.record("pause", "flooded", True, seat="B")
        await show(
            pilot, TogetherFlow().resume("together_pause@A", pilot.app.session.answers.saved)
        )

    snap(snap_compare, make_app, before)


def test_name_long_names(snap_compare: Any, make_app: Any) -> None:
    snap(snap_compare, make_app, at(together("name", "B"), FULL, "enter", named=False))


def test_reveal_choice(snap_compare: Any, make_app: Any) -> None:
    turn = together("reveal", "B")
    snap(snap_compare, make_app, at(turn, FULL, "enter", "down", "down", "down", reveal=False))


def test_reveal_side_by_side(snap_compare: Any, make_app: Any) -> None:
    snap(snap_compare, make_app, at(TogetherFlow().resume("revealed", {})))


def test_reframe_long_names(snap_compare: Any, make_app: Any) -> None:
    snap(snap_compare, make_app, at(together("reframe", "A")))


def test_speaker_writes(snap_compare: Any, make_app: Any) -> None:
    async def before(pilot: Any) -> None:
        await at(together("respond", "A"))(pilot)
        await text(pilot, "you never plan anything with me and then act surprised")

    snap(snap_compare, make_app, before)


def test_speaker_reads_out(snap_compare: Any, make_app: Any) -> None:
    async def before(pilot: Any) -> None:
        await at(together("respond", "A"), said=True)(pilot)
        draft = pilot.app.screen.query_one("#draft")
        draft.text = SAID["A"]
        await keys(pilot, "ctrl+n")

    snap(snap_compare, make_app, before)


LISTEN = ["mirror", "confirm", "correct", "more", "validate", "empathise"]


@pytest.mark.parametrize("stage", LISTEN)
def test_listener(snap_compare: Any, make_app: Any, stage: str) -> None:
    async def before(pilot: Any) -> None:
        await at(TogetherFlow().resume("listen@B", {}), said=True)(pilot)
        if stage == "mirror":
            await text(pilot, LONG_MIRROR[:120])
            return
        pilot.app.screen.query_one("#mirror-input").value = LONG_MIRROR
        await keys(pilot, "enter")
        if stage in ("correct",):
            await keys(pilot, "down", "enter")
        elif stage != "confirm":
            await keys(pilot, "enter")  # yes, that's it
            if stage in ("validate", "empathise"):
                pilot.app.screen.query_one("#more-input").value = SAID["B"]
                await keys(pilot, "enter")  # more, long
                pilot.app.screen.query_one("#mirror-input").value = LONG_MIRROR
                await keys(pilot, "enter", "enter", "enter")  # heard again, yes, no more
            if stage == "empathise":
                await text(pilot, "you care about being part of it")
                await keys(pilot, "enter")

    snap(snap_compare, make_app, before)


@pytest.mark.parametrize("stage", ["thanks", "again", "when"])
def test_closing_questions(snap_compare: Any, make_app: Any, stage: str) -> None:
    presses = {"thanks": (), "again": ("enter", "enter"), "when": ("enter", "enter", "enter")}
    turn = TogetherFlow().resume("closing", {})
    snap(snap_compare, make_app, at(turn, FULL, *presses[stage], said=True))


def test_closing_summary(snap_compare: Any, make_app: Any) -> None:
    async def before(pilot: Any) -> None:
        app = pilot.app
        seed(app, FULL, said=True)
        app.session.record("closing", "appreciation", "You made tea when I was upset.", seat="A")
        app.session.record("closing", "appreciation", "You stayed and listened.", seat="B")
        for slot in ("A", "B"):
            app.session.record("closing", "talk_again", True, seat=slot)
            app.session.record("closing", "follow_up_at", "2025-03-15T21:20:00+00:00", seat=slot)
        app.session.record("name", "notes", ["a private note"], seat="B", private=True)
        await show(pilot, TogetherFlow().resume("closing", {}))
        await each_answers_the_round(pilot)

    snap(snap_compare, make_app, before)


def test_closing_summary_with_long_words(snap_compare: Any, make_app: Any) -> None:
    """Long words scroll between the title and Finish, both always in view."""

    async def before(pilot: Any) -> None:
        app = pilot.app
        seed(app, FULL)
        for slot in ("A", "B"):
            app.session.record("respond", "final", f"{SAID[slot]} {SAID[slot]}", seat=slot)
            app.session.record("closing", "appreciation", LONG_MIRROR, seat=slot)
            app.session.record("closing", "talk_again", True, seat=slot)
            app.session.record("closing", "follow_up_at", "2025-03-15T21:20:00+00:00", seat=slot)
        await show(pilot, TogetherFlow().resume("closing", {}))
        await each_answers_the_round(pilot)

    snap(snap_compare, make_app, before)


# --- the short way --------------------------------------------------------------------------


@pytest.mark.parametrize("stage", [(), ("enter",), ("enter", "enter")])
def test_short_feel(snap_compare: Any, make_app: Any, stage: tuple[str, ...]) -> None:
    snap(snap_compare, make_app, at(together("feel", "B"), SHORT, *stage, named=False))


def test_short_speaker_writes(snap_compare: Any, make_app: Any) -> None:
    async def before(pilot: Any) -> None:
        await at(together("respond", "B"), SHORT)(pilot)
        await text(pilot, "the evenings when you work late and we barely talk")

    snap(snap_compare, make_app, before)


@pytest.mark.parametrize("stage", ["mirror", "confirm"])
def test_short_listener(snap_compare: Any, make_app: Any, stage: str) -> None:
    async def before(pilot: Any) -> None:
        await at(TogetherFlow().resume("listen@A", {}), SHORT, said=True)(pilot)
        pilot.app.screen.query_one("#mirror-input").value = LONG_MIRROR
        if stage == "confirm":
            await keys(pilot, "enter")

    snap(snap_compare, make_app, before)


def test_short_closing(snap_compare: Any, make_app: Any) -> None:
    async def before(pilot: Any) -> None:
        await at(TogetherFlow().resume("closing", {}), SHORT, said=True)(pilot)
        await each_answers_the_round(pilot)

    snap(snap_compare, make_app, before)


def test_short_fear_question_alone(snap_compare: Any, make_app: Any) -> None:
    """The short way still asks each partner alone whether they are afraid (never optional)."""
    snap(snap_compare, make_app, at(together("pause", "B", mode="fear"), SHORT, named=False))
