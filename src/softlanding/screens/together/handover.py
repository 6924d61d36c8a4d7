"""Privacy between partners: the hand-over screen between turns, and the private note."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from softlanding.flow.steps import Turn
from softlanding.screens.base import SAFETY_KEYS, BaseScreen, localise_bindings
from softlanding.screens.together.intro import SLOTS, other, partner_names


class HandoverScreen(BaseScreen[None]):
    """ "Pass the keyboard to Sam": shows nothing from anyone's answers; Enter opens the turn."""

    CSS_PATH = Path(__file__).with_name("handover.tcss")
    BINDINGS = [Binding("enter", "ready", "together_ready")]

    def __init__(
        self, partner: str = "A", step: str = "", then: str = "", kind: str = "private"
    ) -> None:
        super().__init__()
        self.partner, self.step, self.then, self.kind = partner, step, then, kind

    def compose(self) -> ComposeResult:
        words = self.sl.pack.text.handover
        names = partner_names(self.sl)
        fill = {"name": names[self.partner], "other": names[other(self.partner)]}
        title = getattr(words, f"{self.kind}_title")
        body = getattr(words, f"{self.kind}_body")
        coming = getattr(words, f"next_{self.step}", "")
        with Vertical(id="handover"):
            yield Static(title.format(**fill), id="title", markup=False)
            yield Static(body.format(**fill), id="body", markup=False)
            if coming:
                yield Static(coming.format(**fill), id="coming", markup=False)
            yield Button(Content(words.ready.format(**fill)), id="ready", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ready", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_ready()

    def action_ready(self) -> None:
        self.sl.show_turn(Turn(self.then, self.step, self.partner))


class NoteScreen(ModalScreen[bool]):
    """A note just for its writer: saved as private, never shown again on a shared screen."""

    CSS_PATH = Path(__file__).with_name("handover.tcss")
    BINDINGS = [*SAFETY_KEYS, Binding("escape", "close", "close")]

    def __init__(self, step: str, names: dict[str, str], writer: str, fixed: str | None) -> None:
        super().__init__()
        localise_bindings(self, self.sl.pack.text.keys)
        self.step, self.names = step, names
        self.writer = fixed or writer
        self.fixed = fixed is not None  # on a private turn, the note can only be that partner's

    @property
    def sl(self) -> Any:
        return self.app

    def compose(self) -> ComposeResult:
        words = self.sl.pack.text.handover
        with Vertical(id="note"):
            yield Static(words.note_title, id="note-title", markup=False)
            if not self.fixed:
                yield Static(words.note_whose, markup=False)
                with Horizontal(id="writers"):
                    for slot in SLOTS:
                        yield Button(Content(self.names[slot]), id=f"writer-{slot}", compact=True)
            yield Input(placeholder=words.note_placeholder, id="note-input", max_length=2000)
            yield Static("", id="note-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show_writer()
        self.query_one("#note-input", Input).focus()

    def _show_writer(self) -> None:
        words = self.sl.pack.text.handover
        hint = words.note_hint.format(
            name=self.names[self.writer], other=self.names[other(self.writer)]
        )
        self.query_one("#note-hint", Static).update(hint)
        for button in self.query("#writers Button").results(Button):
            button.variant = "primary" if button.id == f"writer-{self.writer}" else "default"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.writer = (event.button.id or "").removeprefix("writer-") or self.writer
        self._show_writer()
        self.query_one("#note-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.dismiss(False)
            return
        if self.sl.check_safety(text):
            return  # the resources are open; these words are not kept
        notes = list(self.sl.answers(self.step, self.writer).get("notes", []))
        self.sl.record(self.step, "notes", [*notes, text], partner=self.writer, private=True)
        self.sl.notify(self.sl.pack.text.handover.note_saved.format(name=self.names[self.writer]))
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
