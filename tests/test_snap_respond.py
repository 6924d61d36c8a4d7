"""How Respond, its repair picker and show-my-partner view, and Summary look at 80×24."""

from __future__ import annotations

from typing import Any

SIZE = (80, 24)


async def at_respond(pilot: Any) -> None:
    """The builder prefilled from the name step, a situation typed, and a draft with a hint."""
    app = pilot.app
    app.start_session("solo")
    app.session.record("name", "word", "hurt")
    app.session.record("name", "need", "reassurance")
    await app.switch_screen(app.step_screen("respond"))
    await pilot.pause()
    await pilot.press(*"the plans for Saturday", "enter")
    await pilot.press(*" You always forget me.")
    await pilot.pause()


async def at_repair_picker(pilot: Any) -> None:
    await at_respond(pilot)
    await pilot.press("ctrl+r", "down")
    await pilot.pause()


async def at_show_partner(pilot: Any) -> None:
    await at_repair_picker(pilot)
    await pilot.press("enter", "ctrl+p")
    await pilot.pause()


async def at_summary(pilot: Any) -> None:
    app = pilot.app
    app.start_session("solo")
    answers = {
        ("pause", "calm_before"): 3,
        ("pause", "calm_after"): 6,
        ("name", "word"): "let down",
        ("name", "under"): "loneliness",
        ("name", "need"): "reassurance",
        ("name", "intensity"): 7,
        ("reframe", "thought"): "you don't care about our plans",
        ("reframe", "wish"): "I want to feel chosen.",
        ("respond", "final"): "I feel let down about the weekend, and I need reassurance.",
        ("summary", "tags"): ["plans"],
    }
    for (step, field), value in answers.items():
        app.session.record(step, field, value)
    await app.switch_screen(app.step_screen("summary"))
    await pilot.pause()
    await pilot.click("#tag-1")
    await pilot.pause()


def test_snap_respond_builder(snap_compare: Any, make_app: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=at_respond)


def test_snap_repair_picker(snap_compare: Any, make_app: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=at_repair_picker)


def test_snap_show_partner(snap_compare: Any, make_app: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=at_show_partner)


def test_snap_summary(snap_compare: Any, make_app: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=at_summary)
