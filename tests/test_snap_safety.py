"""How the safety pages look at 80×24 with no region chosen (test_snap_shell has them with one),
the page after "Yes, I'm safe", and a pair's private check at the closing."""

from __future__ import annotations

from typing import Any

import pytest

from softlanding.screens.safety_check import SafetyCheckScreen


@pytest.mark.parametrize("key", ["1", "2", "3", "4"])
def test_safety_page_by_kind_without_a_region(snap_compare: Any, make_app: Any, key: str) -> None:
    """No region yet: the emergency line, the international directory, then the page's kind."""
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["ctrl+s", key])


def test_the_page_after_yes(snap_compare: Any, make_app: Any, store: Any) -> None:
    store.set_setting("region", "United States")

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.start_session("solo")
        await pilot.app.switch_screen(pilot.app.step_screen("reframe"))
        await pilot.pause()
        await pilot.press(*[("space" if c == " " else c) for c in "he will hurt me"], "enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("stage", ["handover", "question"])
def test_a_partners_private_check(snap_compare: Any, make_app: Any, stage: str) -> None:
    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        # the round every pair meets at the closing, whatever was heard
        check = SafetyCheckScreen("", private_for=("Alex", "Sam"), handover=True, routine=True)
        pilot.app.push_screen(check)
        await pilot.pause()
        if stage == "question":
            await pilot.press("enter")
            await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
