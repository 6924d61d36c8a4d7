"""Every unfinished session can be carried on from Look back, not only the newest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.test_together_ux import footer_offers
from textual.widgets import DataTable, OptionList

from history_seed import open_history


async def test_an_older_unfinished_session_carries_on_from_look_back(make_app, store) -> None:
    from softlanding.screens.history.history import HistoryScreen
    from softlanding.screens.name import NameScreen

    older = store.create_session("solo", started_at=datetime(2026, 1, 1, 9, tzinfo=UTC))
    store.save_answer(older, "pause", "calm_before", 4)
    store.set_step(older, "name")
    done = store.create_session("solo", started_at=datetime(2026, 1, 2, 9, tzinfo=UTC))
    store.finish(done, "completed")
    store.create_session("solo")  # the newest: empty, the one Home offers
    app = make_app()
    carry_on = app.pack.text.keys.history_carry_on
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_history(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        assert carry_on in footer_offers(app)  # the newest is unfinished too
        await pilot.press("down")  # the finished one: nothing to carry on
        await pilot.pause()
        assert carry_on not in footer_offers(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("down", "c")  # the older unfinished one
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        assert app.session_id == older
        await pilot.press("enter")  # the first feeling family: saved into the older session
        await pilot.pause()
    assert store.load(older).get("name", "family")


def session_count(store: Any) -> int:
    return int(store.conn.execute("SELECT count(*) FROM sessions").fetchone()[0])


async def test_opening_the_pause_writes_no_session_until_something_is_answered(
    make_app: Any, store: Any
) -> None:
    from softlanding.screens.home import HomeScreen

    app = make_app(start="pause")  # `softlanding pause`
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert session_count(store) == 0
        await pilot.press("escape")  # back Home, then "Start now": still nothing answered
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert session_count(store) == 0
        await pilot.press("3", "enter")  # the calm number: now there is something to keep
        await pilot.pause()
        assert session_count(store) == 1
        sid = app.session_id
    record = store.load(sid)
    assert record.get("pause", "calm_before") == 3
    assert record.current_step == "pause"  # the place, kept from before the row was written


async def test_home_offers_the_newest_unfinished_session_that_has_answers(
    make_app: Any, store: Any
) -> None:
    answered = store.create_session("solo", started_at=datetime(2026, 1, 1, 9, tzinfo=UTC))
    store.save_answer(answered, "pause", "calm_before", 4)
    later = datetime.now(UTC) + timedelta(hours=1)
    store.create_session("solo", started_at=later)  # newer, but empty (as older versions left)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", OptionList)
        assert menu.get_option_at_index(0).id == f"resume:{answered}"


async def test_after_not_safe_home_neither_offers_the_session_nor_its_return(
    make_app: Any, store: Any
) -> None:
    from softlanding.screens.home import HomeScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sid = app.start_session("solo")
        back = (datetime.now(UTC) + timedelta(minutes=30)).isoformat()
        app.session.record("pause", "return_at", back)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # the safety page's way Home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.screen.query("#return-notice")
        menu = app.screen.query_one("#menu", OptionList)
        options = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        assert f"resume:{sid}" not in options
    assert store.load(sid).status == "open"  # nothing stored says why it ended


async def test_an_unfinished_session_carries_on_from_its_own_view(
    make_app: Any, store: Any
) -> None:
    from softlanding.screens.history.session_view import SessionScreen
    from softlanding.screens.name import NameScreen

    done = store.create_session("solo", started_at=datetime(2026, 1, 2, 9, tzinfo=UTC))
    store.save_answer(done, "pause", "calm_before", 6)
    store.finish(done, "completed")
    older = store.create_session("solo", started_at=datetime(2026, 1, 1, 9, tzinfo=UTC))
    store.save_answer(older, "pause", "calm_before", 4)
    store.set_step(older, "name")
    app = make_app()
    carry_on = app.pack.text.keys.history_carry_on
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_history(pilot)
        await pilot.press("enter")  # the finished one: read only
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and carry_on not in ways(app)
        await pilot.press("escape", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and carry_on in ways(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, NameScreen) and app.session_id == older
        assert len(app.screen_stack) == 2  # Look back is left behind, as Home would be


def ways(app: Any) -> str:
    """The ways on from one session's view, named under its heading."""
    from textual.widgets import Static

    return str(app.screen.query_one("#ways", Static).render())
