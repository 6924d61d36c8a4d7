"""The app's frame: first run, the safety key, quick hide, Ctrl+C, resume and the return time."""

from __future__ import annotations

from pathlib import Path

import pytest

from softlanding.screens.first_run import FirstRunScreen
from softlanding.screens.hide import HideScreen
from softlanding.screens.home import HomeScreen
from softlanding.screens.safety import SafetyScreen


def screen_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


async def test_first_run_shows_once_then_help_key_reopens_it(make_app, store) -> None:
    app = make_app(first_run_seen=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        assert "not" in screen_text(app).lower()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert store.get_setting("first_run_seen") is True
        await pilot.press("f1", "a")  # F1 is this screen's help; "a" opens the first-run note
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    again = make_app(first_run_seen=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)


async def test_escape_on_the_first_run_note_does_not_count_as_read(make_app, store) -> None:
    """A newcomer in a hurry pressed Esc: the note about what softlanding is not, and where to
    find help, was never shown again. Esc goes on; only Continue counts as read."""
    app = make_app(first_run_seen=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert not store.get_setting("first_run_seen")
    again = make_app(first_run_seen=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, FirstRunScreen)


async def test_not_safe_key_shows_resources_and_records_nothing(make_app, store, pack) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sid = app.start_session("solo")
        app.session.record("pause", "calm_before", 2)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        text = screen_text(app)
        for resource in pack.safety.resources:
            assert resource.contact in text
        assert pack.safety.resources_note in text
    record = store.load(sid)
    assert record.status == "open"  # like any interrupted session: no status says why
    assert set(record.answers) == {("A", "pause", "calm_before")}  # nothing about why


async def test_not_safe_key_works_over_the_first_run_screen(make_app) -> None:
    app = make_app(first_run_seen=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)


async def test_quick_hide_clears_and_the_same_key_returns(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, HideScreen)
        shown = app.export_screenshot()
        assert "softlanding" not in screen_text(app) and "Footer" not in [
            type(w).__name__ for w in app.screen.query("*")
        ]
        assert shown
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_ctrl_c_does_not_quit(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert any("Ctrl+Q" in n.message for n in app._notifications)


async def ctrl_c_says(app, pilot) -> str:
    app.clear_notifications()
    await pilot.press("ctrl+c")
    await pilot.pause()
    assert app.is_running
    said = [n.message for n in app._notifications]
    assert len(said) == 1 and "Ctrl+Q" in said[0]
    return said[0]


async def test_ctrl_c_says_words_are_saved_only_once_something_is(make_app, store) -> None:
    """On Home nothing was started: no word about saving. After an answer: saved. In a session
    kept off the disk: no word about saving either."""
    app = make_app()
    words = app.pack.text.app
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert await ctrl_c_says(app, pilot) == words.ctrl_c_quit
        await pilot.press("enter")  # Start now, just me: nothing answered yet, nothing written
        await pilot.pause()
        assert await ctrl_c_says(app, pilot) == words.ctrl_c_quit
        await pilot.press("6", "enter")  # the first answer writes the session
        await pilot.pause()
        assert store.latest_session() is not None
        assert await ctrl_c_says(app, pilot) == words.ctrl_c
        app.begin_session("solo", keep=False)  # "Start without saving"
        await pilot.pause()
        await pilot.press("6", "enter")
        await pilot.pause()
        assert await ctrl_c_says(app, pilot) == words.ctrl_c_quit


async def test_home_offers_resume_and_shows_return_time(make_app, store) -> None:
    sid = store.create_session("solo")
    store.save_answer(sid, "pause", "return_at", "2099-01-01T12:00:00+00:00")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu")
        assert menu.get_option_at_index(0).id == f"resume:{sid}"
        assert "2099" not in screen_text(app)  # shown as a day and time, not a raw stamp
        assert "01 Jan" in screen_text(app)


def test_second_window_is_refused(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from softlanding import paths
    from softlanding.launch import run_tui
    from softlanding.store.files import InstanceLock

    data = paths.ensure_private_dir(paths.data_dir())
    held = InstanceLock(data / "softlanding.launch.lock")
    assert held.acquire()
    try:
        assert run_tui() == 3
        assert "already open" in capsys.readouterr().err
    finally:
        held.release()


async def test_tiny_terminal_says_how_big_and_comes_back(make_app, pack) -> None:
    from softlanding.screens.too_small import TooSmallScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(30, 8)
        await pilot.pause(0.1)
        assert isinstance(app.screen, TooSmallScreen)
        assert "40" in screen_text(app) and "12" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        assert isinstance(app.screen, HomeScreen)
