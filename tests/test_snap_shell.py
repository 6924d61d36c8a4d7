"""How the frame screens look at 80×24."""

from __future__ import annotations

import pytest


def test_home(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_home_with_resume_and_return_time(snap_compare, make_app, store) -> None:
    sid = store.create_session("solo")
    store.save_answer(sid, "pause", "return_at", "2099-01-01T12:00:00+00:00")
    store.conn.execute("UPDATE sessions SET updated_at = '2026-01-02T10:00:00+00:00'")
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_first_run(snap_compare, make_app) -> None:
    assert snap_compare(make_app(first_run_seen=False), terminal_size=(80, 24))


def test_safety(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["ctrl+s"])


@pytest.mark.parametrize("key", ["1", "2", "3", "4"])
def test_safety_page_by_kind(snap_compare, make_app, store, key: str) -> None:
    """Each kind's page at 80×24, with a region chosen: its lines need no scrolling."""
    store.set_setting("region", "United Kingdom")
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["ctrl+s", key])


def test_ordinary_conflict(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["ctrl+s", "o"])


def test_quick_hide(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["ctrl+l"])
