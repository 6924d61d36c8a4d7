"""History, one session, the delete question and patterns at 80×24, seeded with fixed times."""

from __future__ import annotations

from typing import Any

import pytest

from history_seed import NOW, open_history, seed


@pytest.fixture
def seeded(store: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setattr("softlanding.screens.history.patterns.now_utc", lambda: NOW)
    return seed(store)


async def settle(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def test_history(snap_compare, make_app, seeded) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_history)


def test_session_view(snap_compare, make_app, seeded) -> None:
    async def open_solo(pilot: Any) -> None:
        await open_history(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_solo)


def test_confirm_delete(snap_compare, make_app, seeded) -> None:
    async def ask(pilot: Any) -> None:
        await open_history(pilot)
        await pilot.press("d")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=ask)


def test_patterns(snap_compare, make_app, seeded) -> None:
    async def open_patterns(pilot: Any) -> None:
        await open_history(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_patterns)
