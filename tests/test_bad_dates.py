"""Readers never trust the file's dates: a damaged or impossible one reads as "date unknown"."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest
from textual.widgets import DataTable

from history_seed import open_history
from softlanding.cli import main
from softlanding.screens.history.patterns import PatternsScreen
from softlanding.screens.history.session_view import SessionScreen
from softlanding.store.sessions import Store
from test_history_screen import screen_text

# Left by a hand edit or an older version (a number in a TEXT column is kept as its text).
BAD = ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+14:00", "not a date", "NaN", 1e308, 2**62]
UNKNOWN = "date unknown"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def spoil(store: Store, value: object) -> str:
    """A together session with answers, whose every stored time is then `value`."""
    sid = store.create_session("together", partners=[("A", "Sam"), ("B", "Jo")])
    store.save_answer(sid, "name", "word", "hurt", partner="A")
    store.save_answer(sid, "after", "about_session", str(value), partner="A")
    store.conn.execute(
        "UPDATE sessions SET started_at = ?, updated_at = ?, ended_at = ? WHERE id = ?",
        (value, value, value, sid),
    )
    store.conn.execute("UPDATE answers SET saved_at = ? WHERE session_id = ?", (value, sid))
    return sid


@pytest.fixture
def spoiled() -> list[str]:
    with Store.open() as store:
        return [spoil(store, value) for value in BAD]


def out(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_history_and_show_read_bad_dates_in_words(
    spoiled: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert out(capsys, "history").count(UNKNOWN) == len(BAD)
    assert len(json.loads(out(capsys, "history", "--json"))) == len(BAD)
    for sid in spoiled:
        text = out(capsys, "show", sid)
        assert text.startswith(UNKNOWN) and "hurt" in text
        assert json.loads(out(capsys, "show", sid, "--json"))["id"] == sid


def test_exports_and_the_debrief_read_bad_dates(
    spoiled: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    markdown = out(capsys, "export")
    assert markdown.count(f"## {UNKNOWN}") == len(BAD)
    assert len(json.loads(out(capsys, "export", "--format", "json"))["sessions"]) == len(BAD)
    monkeypatch.setattr(sys, "stdin", Terminal())  # `reflect` alone: the debrief
    assert UNKNOWN in out(capsys, "reflect")
    assert json.loads(out(capsys, "reflect", "--json"))["session"] in spoiled


def test_forget_names_a_bad_date_in_words(
    spoiled: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))  # asked, and says no
    main(["forget", spoiled[0]])
    assert UNKNOWN in capsys.readouterr().out


async def test_look_back_reads_bad_dates(make_app: Any, store: Store) -> None:
    for value in BAD:
        spoil(store, value)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert UNKNOWN in screen_text(app)  # Home's "carry on" names when it was left
        await open_history(pilot)
        assert app.screen.query_one(DataTable).row_count == len(BAD)
        assert UNKNOWN in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and UNKNOWN in screen_text(app)
        await pilot.press("escape", "t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("p")  # all time
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PatternsScreen)
        assert f"Sessions in this time: {len(BAD)}" in screen_text(app)
