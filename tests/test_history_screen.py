"""The history screens driven by keys: open from Home, read a session, delete it, patterns."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.widgets import DataTable, Footer
from textual.widgets._footer import FooterKey

from history_seed import CANARY, open_history, seed
from softlanding.screens.confirm import ConfirmScreen
from softlanding.screens.history.history import PAGE, HistoryScreen
from softlanding.screens.history.patterns import PatternsScreen
from softlanding.screens.history.session_view import SessionScreen
from softlanding.store.archive import history_page


def screen_text(app: Any) -> str:
    """What the terminal shows right now, as plain text (the screenshot, without the SVG)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


async def test_open_a_session_and_delete_it_with_confirmation(make_app, store) -> None:
    ids = seed(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        await pilot.press("down", "down", "enter")  # the third newest: the solo session
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.screen.session_id == ids["solo"]
        assert "let down" in screen_text(app) and "The pause" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focus starts on "Keep it": a reflex Enter keeps it
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and store.load(ids["solo"]) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one(DataTable).row_count == 4
    assert store.load(ids["solo"]) is None
    assert ids["solo"] not in {row.id for row in history_page(store, 50)}


async def test_delete_from_the_list_and_escape_keeps(make_app, store) -> None:
    ids = seed(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("d", "escape")
        await pilot.pause()
        assert store.count_sessions() == 5
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert store.load(ids["reflect"]) is None and store.count_sessions() == 4


async def test_sealed_notes_stay_hidden_and_v_shows_nothing(make_app, store) -> None:
    seed(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("down", "enter")  # the together session
        await pilot.pause()
        assert CANARY not in screen_text(app) and "Some words are not shown" in screen_text(app)
        await pilot.press("v")  # there is no key that shows a partner's words
        await pilot.pause()
        assert CANARY not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_pages_turn_with_n_and_p(make_app, store) -> None:
    for n in range(PAGE + 5):
        store.create_session("solo", session_id=f"s{n:04d}")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == PAGE and f"1–{PAGE} of {PAGE + 5}" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert table.row_count == 5 and f"{PAGE + 1}–{PAGE + 5}" in screen_text(app)
        await pilot.press("n")  # past the last page: stays on it
        await pilot.pause()
        assert table.row_count == 5
        await pilot.press("p")
        await pilot.pause()
        assert table.row_count == PAGE


async def test_empty_history_says_so(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        assert "No saved sessions yet" in screen_text(app)
        await pilot.press("d", "enter")  # nothing to delete or open: no error
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def open_patterns(app: Any, pilot: Any) -> None:
    """Look back, then T: the Patterns screen with its counts done."""
    await open_history(pilot)
    await pilot.press("t")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, PatternsScreen)


async def test_patterns_count_the_chosen_period(make_app, store, monkeypatch) -> None:
    from history_seed import NOW

    monkeypatch.setattr("softlanding.screens.history.patterns.now_utc", lambda: NOW)
    seed(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_patterns(app, pilot)
        assert "Sessions in this time: 5" in screen_text(app)  # 90 days back from NOW
        await pilot.press("p")  # next period: all time
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Sessions in this time: 5" in screen_text(app)
        await pilot.press("p")  # and round to 30 days: March only
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Sessions in this time: 3" in text and "let down" in text
        assert "frustrated" not in text


async def test_leaving_patterns_before_the_count_ends_is_fine(make_app, store, monkeypatch) -> None:
    import threading

    from softlanding.store import archive

    real, started, release = archive.pattern_facts, threading.Event(), threading.Event()

    def held(*args: Any) -> Any:
        started.set()
        release.wait(10)  # the count ends only after the person has left the screen
        return real(*args)

    monkeypatch.setattr(archive, "pattern_facts", held)
    seed(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("t")
        for _ in range(200):
            if started.is_set():
                break
            await pilot.pause(0.01)
        assert started.is_set() and isinstance(app.screen, PatternsScreen)
        await pilot.press("escape")
        await pilot.pause()
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert isinstance(app.screen, HistoryScreen)
    assert app.return_code in (None, 0)


async def test_a_solo_session_is_looked_back_on_in_words_for_one(make_app, store) -> None:
    """One person's session: no "two views", no partner's own words, no "what I heard"."""
    from history_seed import at

    ids = seed(store)
    talk = store.create_session("solo", started_at=at(3, 31, 9))  # the talk, prepared alone
    store.save_answer(talk, "after", "heard_back_A", "they felt ignored")
    store.finish(talk, "completed")
    app = make_app()
    words = app.pack.text.session_view
    realities = next(s for s in app.pack.debrief.steps if s.id == "realities")
    async with app.run_test(size=(80, 60)) as pilot:
        await open_history(pilot)
        await pilot.press("down", "down", "down", "enter")  # the solo session with a break
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.screen.session_id == ids["solo"]
        shown = screen_text(app)
        assert realities.solo_title in shown and realities.title not in shown
        await pilot.press("escape", "up", "up", "up", "enter")  # the newest: the talk, alone
        await pilot.pause()
        assert app.screen.session_id == str(talk)
        shown = screen_text(app)
        assert words.solo_after_heard_back in shown and words.after_heard_back not in shown
        assert "they felt ignored" in shown


def footer_cut_off(app: Any) -> list[str]:
    """The footer's keys that do not fit the window's width (none, when the footer fits)."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    assert keys, "the footer shows no keys"
    room, used = footer.size.width, 0
    cut = []
    for key in keys:
        used += key.outer_size.width + key.styles.margin.width
        if used - key.styles.margin.right > room:
            cut.append(key.description)
    return cut


async def test_the_footer_keeps_help_and_quit_in_80_columns_even_on_an_unfinished_row(
    make_app, store
) -> None:
    seed(store)
    open_sid = store.create_session("solo")  # the newest: the cursor starts on it
    store.save_answer(open_sid, "pause", "calm_before", 4)
    app = make_app()
    keys = app.pack.text.keys
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.current_id() == open_sid
        shown = [key.description for key in app.screen.query(FooterKey)]
        assert keys.history_carry_on in shown  # this row can be carried on, and says so
        for needed in (keys.not_safe, keys.quick_hide, keys.help, keys.quit):
            assert needed in shown
        assert footer_cut_off(app) == []
        assert keys.quit in screen_text(app).splitlines()[-1]


async def test_a_pair_session_shows_both_names_as_stored_on_one_plain_line(make_app, store) -> None:
    """Names are data: square brackets stay, a line break is shown, not obeyed."""
    ids = seed(store)
    odd = store.create_session("together", partners=[("A", "[i]Jo"), ("B", "A\nl")])
    store.save_answer(odd, "pause", "calm_before", 4, partner="A")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        table = app.screen.query_one(DataTable)
        kind = {sid: str(table.get_row(sid)[1]) for sid in (odd, ids["together"], ids["solo"])}
        assert kind == {odd: "[i]Jo & A\u240al", ids["together"]: "Alex & Sam", ids["solo"]: "Solo"}
        shown = screen_text(app)
        assert "[i]Jo & A\u240al" in shown and "Alex & Sam" in shown


async def test_one_pause_is_counted_as_one(make_app, store) -> None:
    """Patterns' calm note for a single pause ("over 1 pauses" read wrong)."""
    sid = store.create_session("solo")
    store.save_answers(sid, "pause", {"calm_before": 3, "calm_after": 7})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_patterns(app, pilot)
        note = str(app.screen.query_one("#calm-note").render())
        assert note == app.pack.text.patterns.calm_one.format(before="3.0", after="7.0")
