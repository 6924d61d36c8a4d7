"""How the pause step looks at 80×24: the check, the pacer, grounding, and the break."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from softlanding.flow import breaktime
from softlanding.screens.pause.break_ import BreakScreen
from softlanding.screens.pause.breathing import BreathingScreen
from softlanding.screens.pause.grounding import GroundingScreen

# a fixed local evening, so the suggested time and the countdown never change
FROZEN = datetime(2025, 3, 14, 21, 20).astimezone()


def test_pause_body_check(snap_compare, make_app) -> None:
    assert snap_compare(make_app(start="pause"), terminal_size=(80, 24), press=["3", "enter"])


def test_breathing_pacer_mid_breath(snap_compare, make_app) -> None:
    async def run_before(pilot: Any) -> None:
        box = next(p for p in pilot.app.pack.breathing.patterns if p.id == "box")
        # 1.5 s into the second round's breath in: frozen, so the shape is half grown
        ctx = pilot.app.context("pause")
        await pilot.app.push_screen(BreathingScreen(ctx, box, elapsed=17.5, paused=True))
        await pilot.pause()

    assert snap_compare(make_app(start="pause"), terminal_size=(80, 24), run_before=run_before)


def test_grounding_card(snap_compare, make_app) -> None:
    async def run_before(pilot: Any) -> None:
        await pilot.app.push_screen(GroundingScreen(pilot.app.context("pause"), "grounding"))
        await pilot.press("enter")

    assert snap_compare(make_app(start="pause"), terminal_size=(80, 24), run_before=run_before)


def test_break_guidance_and_countdown(
    snap_compare, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(breaktime, "local_now", lambda: FROZEN)

    async def run_before(pilot: Any) -> None:
        await pilot.app.push_screen(BreakScreen(pilot.app.context("pause")))
        await pilot.press("enter")  # 20 minutes, the default
        await pilot.pause()
        await pilot.press("enter")  # the suggested 21:40
        await pilot.pause()

    assert snap_compare(make_app(start="pause"), terminal_size=(80, 24), run_before=run_before)
