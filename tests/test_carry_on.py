"""Every unfinished session can be carried on from Look back, not only the newest."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.test_together_ux import footer_offers
from textual.widgets import DataTable

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
