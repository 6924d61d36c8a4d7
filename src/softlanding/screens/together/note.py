"""A private note: a partner's words kept for them alone, never shown on a shared screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from softlanding.flow.context import StepContext
from softlanding.screens.base import SAFETY_KEYS, localise_bindings
from softlanding.screens.together.seats import SLOTS, other
from softlanding.widgets.textbox import LineBox


class NoteScreen(ModalScreen[bool]):
    """A note just for its writer: saved as private, never shown again on a shared screen."""

    CSS_PATH = Path(__file__).with_name("handover.tcss")
    BINDINGS = [*SAFETY_KEYS, Binding("escape", "close", "close", id="close")]

    def __init__(
        self, ctx: StepContext, step: str, names: dict[str, str], writer: str, fixed: str | None
    ) -> None:
        super().__init__()
        self.ctx, self.pack = ctx, ctx.pack
        localise_bindings(self, self.pack.text.keys)
        self.step, self.names = step, names
        self.writer = fixed or writer
        self.fixed = fixed is not None  # on a private turn, the note can only be that partner's

    def compose(self) -> ComposeResult:
        words = self.pack.text.handover
        with Vertical(id="note"):
            yield Static(words.note_title, id="note-title", markup=False)
            if not self.fixed:
                yield Static(words.note_whose, markup=False)
                with Horizontal(id="writers"):
                    for slot in SLOTS:
                        yield Button(Content(self.names[slot]), id=f"writer-{slot}", compact=True)
            yield LineBox(placeholder=words.note_placeholder, id="note-input", max_length=2000)
            yield Static("", id="note-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show_writer()
        self.query_one("#note-input", Input).focus()

    def _show_writer(self) -> None:
        words = self.pack.text.handover
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
        if self.ctx.host.check_safety(text):
            return  # the resources are open; these words are not kept
        notes = list(self.ctx.answers.get(self.step, self.writer).get("notes", []))
        answers = self.ctx.answers
        # Unsaved (danger language, heard on a shared screen: no check in front of both, and no
        # word of it) or the disk refused (said already): no "saved" either way.
        if answers.save(self.step, "notes", [*notes, text], seat=self.writer, private=True):
            self.notify(self.pack.text.handover.note_saved.format(name=self.names[self.writer]))
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
