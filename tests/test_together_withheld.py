"""Words withheld on a shared together turn (danger language is never saved) are never shown as
empty quotation marks: the read-out card and the say-back say plainly that they were kept off."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from softlanding.screens.together.listen import ListenScreen
from softlanding.screens.together.speak import SpeakScreen
from test_safety_together import THREAT, open_turn, read_out, stored, type_text


def said(app: Any, widget: str) -> str:
    return str(app.screen.query_one(widget, Static).render())


async def test_the_short_ways_read_out_card_says_the_words_were_kept_off(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sid = await open_turn(app, pilot, "respond@A", way="short")
        assert isinstance(app.screen, SpeakScreen)
        await type_text(pilot, THREAT)
        await read_out(pilot)
        assert isinstance(app.screen, ListenScreen)  # the short way: the card is the listener's
        card = said(app, "#said")
        assert app.pack.text.listen.kept_off in card
        assert "“”" not in card and "kill" not in card
    assert "kill" not in stored(store, sid)


async def test_the_full_ways_card_and_the_listeners_screen_keep_the_words_off(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sid = await open_turn(app, pilot, "respond@A")
        screen = app.screen
        assert isinstance(screen, SpeakScreen)
        await type_text(pilot, "I feel lonely")  # first, words that are kept
        await read_out(pilot)
        assert "I feel lonely" in said(app, "#words")
        await pilot.press("escape")  # back to change them
        await pilot.pause()
        await pilot.press("ctrl+a")
        await type_text(pilot, THREAT)
        await read_out(pilot)
        assert screen.stage == "read"
        assert said(app, "#words") == app.pack.text.listen.kept_off  # not the threat, not ""
        await pilot.press("enter")  # "I've said it"
        await pilot.pause()
        assert isinstance(app.screen, ListenScreen)
        card = said(app, "#said")
        assert app.pack.text.listen.kept_off in card  # and not the earlier words, either
        assert "“”" not in card and "lonely" not in card
    assert "kill" not in stored(store, sid)
    assert ("A", "respond", "final") not in store.load(sid).answers  # the earlier words went


async def test_a_say_back_kept_off_is_not_shown_as_empty_quotes(make_app: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_turn(app, pilot, "respond@A", way="short")
        await type_text(pilot, "lonely")  # into the sentence's first gap
        await read_out(pilot)
        assert isinstance(app.screen, ListenScreen)
        assert "“I feel lonely about" in said(app, "#said")  # kept words keep their quotes
        await type_text(pilot, "he will hurt you if you tell anyone")
        await pilot.press("enter")
        await pilot.pause()
        heard = said(app, "#heard")
        assert app.pack.text.listen.kept_off in heard and "“”" not in heard
