"""The text boxes every step shares: capped, undoable, and never in the way of the safety keys."""

from __future__ import annotations

import asyncio
from time import monotonic
from typing import Any

from textual import events
from textual.binding import Binding
from textual.document._document import Location
from textual.document._edit import EditResult
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, TextArea

LIMIT = 4000  # characters: more than any one message needs, and wrapping stays quick
HOLD = 500  # held keys put in at once while a flood lasts (the words show as they come)
FLOOD = 8  # keys waiting in the queue: a paste arriving as keystrokes, not a person typing
SETTLE_GAP = 0.1  # seconds: the words are looked over at most this often while keys pour in
UNDO_DEPTH = 200  # changes a one-line box remembers


class TextBox(TextArea):
    """A TextArea that stays out of the way: keys beyond `limit` are refused with a kind word,
    a paste arriving as keystrokes goes in as a few big edits, and the screen hears `Settled` (to
    look the words over, to save them) once a burst of keys is through, not on every key."""

    class Settled(Message):
        """The words stopped changing for now."""

        def __init__(self, box: TextBox) -> None:
            super().__init__()
            self.box = box

        @property
        def control(self) -> TextBox:
            return self.box

    def __init__(self, text: str = "", *, too_long: str = "", limit: int = LIMIT, **kw: Any):
        super().__init__(text[:limit], **kw)
        self.limit = limit
        self.too_long = too_long  # said once per refused burst
        self._told = False
        self._last_settled = 0.0
        self._held: list[str] = []
        self._later: Timer | None = None

    async def _on_key(self, event: events.Key) -> None:
        await asyncio.sleep(0)  # one key at a time: the screens above and the app keep running
        char = "\n" if event.key == "enter" else event.character
        flooding = self._held or self._message_queue.qsize() >= FLOOD
        if flooding and char and (char == "\n" or event.is_printable) and not self.read_only:
            event.stop()
            event.prevent_default()
            self._held.append(char)  # a paste arriving as keys goes in as one edit, not 4,000
            if self._message_queue.empty() or len(self._held) >= HOLD:
                self._let_go()
            return
        self._let_go()
        await super()._on_key(event)

    def _let_go(self) -> None:
        """Put the held keys in, in one edit (and one undo step)."""
        if self._held:
            text, self._held = "".join(self._held), []
            if result := self._replace_via_keyboard(text, *self.selection):
                self.move_cursor(result.end_location)

    def _on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._settle()

    def _settle(self) -> None:
        """Say `Settled` when no key is waiting, at most every SETTLE_GAP; else check later."""
        self._later = None
        wait = self._last_settled + SETTLE_GAP - monotonic()
        if self._message_queue.empty() and wait <= 0:
            self._last_settled = monotonic()
            self.post_message(self.Settled(self))
        elif self._later is None:
            self._later = self.set_timer(max(wait, SETTLE_GAP / 2), self._settle)

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        room = self.limit - len(self.text) + len(self.get_text_range(start, end))
        if len(insert) > room:
            insert = insert[: max(room, 0)]
            self._say_too_long()
            if not insert and start == end:
                return None
        else:
            self._told = False
        return super()._replace_via_keyboard(insert, start, end)

    def _say_too_long(self) -> None:
        if not self._told and self.too_long:
            self._told = True
            self.notify(self.too_long.format(limit=self.limit), timeout=6)


class LineBox(Input):
    """A one-line box: coming back to it puts the cursor at the end (nothing is selected, so
    the first key never replaces the words), and Ctrl+Z undoes the last change."""

    # As in every editor, so not in the footer.
    BINDINGS = [Binding("ctrl+z", "undo", show=False, id="undo")]

    def __init__(self, value: str | None = None, **kw: Any) -> None:
        kw.setdefault("select_on_focus", False)
        kw.setdefault("max_length", LIMIT)
        self._undo: list[str] = []  # before Input sets its value, which the watcher records
        super().__init__(value, **kw)

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        if not self._undo or self._undo[-1] != value:
            self._undo.append(value)
            del self._undo[:-UNDO_DEPTH]

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self.cursor_position = len(self.value)  # carry on writing where the words end

    def fit(self, text: str) -> str:
        """`text` cut to the room left in the box (a kind word says so when it is cut)."""
        start, end = sorted(self.selection)
        limit = self.max_length or 0
        room = max(limit - len(self.value) + (end - start), 0)
        if limit and len(text) > room:
            words = getattr(getattr(self.app, "pack", None), "text", None)
            if words is not None:
                self.notify(words.app.too_long.format(limit=self.max_length), timeout=6)
            return text[:room]
        return text

    def action_undo(self) -> None:
        if len(self._undo) > 1:
            self._undo.pop()  # what is shown now
            self.value = self._undo[-1]  # the watcher sees it is already the newest: no repeat
            self.cursor_position = len(self.value)


class WrapBox(TextBox):
    """A box for a sentence or two that wraps long words onto the next line (a one-line box
    scrolls them sideways, out of sight) and grows with them; Enter gives the words, as in a
    one-line box. `value` and `Submitted` match Input's, so screens treat both alike."""

    DEFAULT_CSS = """
    WrapBox {
        height: auto;
        min-height: 3;
        max-height: 7;
    }
    """

    class Submitted(Message):
        """Enter: the words are given."""

        def __init__(self, box: WrapBox, value: str) -> None:
            super().__init__()
            self.box, self.value = box, value

        @property
        def control(self) -> WrapBox:
            return self.box

    def __init__(self, text: str = "", *, max_length: int = LIMIT, **kw: Any) -> None:
        kw.setdefault("soft_wrap", True)
        super().__init__(text, limit=max_length, **kw)

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(text[: self.limit])
        self.move_cursor(self.document.end)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if self._held or self._message_queue.qsize() >= FLOOD:
                self._held.append(" ")  # a line break in a paste: a space, not the words given
                if self._message_queue.empty():
                    self._let_go()
                return
            self._let_go()
            self.post_message(self.Submitted(self, self.text))
            return
        await super()._on_key(event)

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        # one paragraph: a pasted line break becomes a space
        return super()._replace_via_keyboard(insert.replace("\n", " "), start, end)
