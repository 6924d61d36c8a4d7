"""Keys that always answer: the safety and hide keys act at once, even under a pasted flood.

No clock decides these tests (a busy CI box stalls any loop): the key must take effect while
most of the pasted keystrokes are still waiting, i.e. it jumped the queue instead of waiting
behind the paste. How fast a key answers is measured by scripts/bench.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from tests.test_respond_summary import open_respond
from textual import events
from textual.widgets import TextArea

FLOOD = 5000  # characters delivered as single keystrokes (a paste without bracketed paste)
WAITING = 500  # keystrokes still queued when the key has acted: it did not wait for the paste


def flood(app: Any, count: int) -> None:
    """Queue `count` keystrokes at once, as a terminal does with an unbracketed paste."""
    letters = "we need to talk about the dishes again and again "
    for index in range(count):
        char = letters[index % len(letters)]
        app._driver.send_message(events.Key("space" if char == " " else char, char))


async def still_queued(app: Any, key: str, shown: Any, queue: Any, limit: float = 60.0) -> int:
    """Keystrokes of the paste still waiting at the moment `key` has made `shown()` true."""
    app._driver.send_message(events.Key(key, None))
    start = time.perf_counter()  # only a guard against a hang, never the verdict
    while not shown() and time.perf_counter() - start < limit:
        await asyncio.sleep(0.001)
    assert shown(), f"{key} never took effect"
    return int(queue.qsize())


async def flooded_respond(app: Any, pilot: Any) -> tuple[Any, Any]:
    """Respond with its draft focused and a paste flooding it; returns it and the draft's queue."""
    screen = await open_respond(app, pilot, word="hurt", need="reassurance", situation="x")
    draft = screen.query_one("#draft", TextArea)
    draft.focus()
    await pilot.pause(0.2)
    flood(app, FLOOD)
    await asyncio.sleep(0.05)  # the flood is being typed
    assert draft._message_queue.qsize() > 1000
    return screen, draft._message_queue


async def settled(pilot: Any, shown: Any, limit: float = 3.0) -> None:
    """Wait for the debounced notes to show what `shown` expects (a busy machine is slower)."""
    start = time.perf_counter()
    while not shown() and time.perf_counter() - start < limit:
        await pilot.pause(0.02)
    await pilot.pause()


async def test_not_safe_acts_at_once_under_a_keystroke_paste(make_app: Any) -> None:
    from softlanding.screens.safety import SafetyScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _, queue = await flooded_respond(app, pilot)
        waiting = await still_queued(
            app, "ctrl+s", lambda: isinstance(app.screen, SafetyScreen), queue
        )
        assert waiting > WAITING, f"the safety page came after the paste ({waiting} keys left)"


async def test_hide_acts_at_once_under_a_keystroke_paste(make_app: Any) -> None:
    from softlanding.screens.hide import HideScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, queue = await flooded_respond(app, pilot)
        waiting = await still_queued(
            app, "ctrl+l", lambda: isinstance(app.screen, HideScreen), queue
        )
        assert waiting > WAITING, f"the screen hid only after the paste ({waiting} keys left)"
        draft = screen.query_one("#draft", TextArea)
        while not draft._message_queue.empty():  # the paste is kept (up to the cap) meanwhile
            await asyncio.sleep(0.05)
        assert len(draft.text) == 4000
        assert draft.text.startswith("we need to talk")


async def test_back_in_a_filled_box_the_cursor_waits_at_the_end_and_undo_works(
    make_app: Any,
) -> None:
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_respond(app, pilot)
        situation = screen.query_one("#situation", Input)
        assert app.focused is situation
        await pilot.press(*"the dishes")
        await pilot.press("tab")  # on to the need box, then back
        await pilot.pause()
        assert app.focused is not situation
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is situation
        await pilot.press(*" tonight")  # added at the end: nothing was selected and replaced
        assert situation.value == "the dishes tonight"
        await pilot.press("ctrl+z")
        assert situation.value == "the dishes tonigh"
        await pilot.press("tab")
        await pilot.pause()
        need = screen.query_one("#need", Input)
        assert app.focused is need
        await pilot.press("!")
        assert need.value == "reassurance!"  # the name step's need, kept and added to
        await pilot.press("ctrl+z")
        assert need.value == "reassurance"
        draft = screen.query_one("#draft", TextArea)
        draft.focus()
        await pilot.pause()
        before = draft.text
        await pilot.press(*"xyz")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert draft.text == before


async def test_typing_redraws_the_notes_only_when_they_change(
    make_app: Any, monkeypatch: Any
) -> None:
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_respond(app, pilot, word="hurt", need="reassurance", situation="x")
        screen.query_one("#draft", TextArea).focus()
        await pilot.press(*" I")
        body = screen.query_one("#hints-body", Static)
        await settled(pilot, lambda: app.pack.text.hints.empty in str(body.render()))
        drawn: list[str] = []
        real = body.update
        monkeypatch.setattr(body, "update", lambda content="", **kw: drawn.append(content))
        await pilot.press(*" would like")  # the notes stay the same: nothing is redrawn
        await pilot.pause()
        assert drawn == []
        monkeypatch.setattr(
            body, "update", lambda content="", **kw: (drawn.append(content), real(content))
        )
        await pilot.press(*" you always")  # a pattern appears: redrawn only as the note changes
        await settled(pilot, lambda: app.pack.text.hints.criticism in str(body.render()))
        assert drawn and len(drawn) == len({text.plain for text in drawn}) < len(" you always")
        assert app.pack.text.hints.criticism in str(body.render())
