"""A yes/no question in a small dialog: dismisses True only when the person chose yes."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from softlanding.screens.base import SAFETY_KEYS, localise_bindings


class ConfirmScreen(ModalScreen[bool]):
    """Ask before something that cannot be undone; "no" has the focus, so a reflex Enter keeps."""

    CSS_PATH = Path(__file__).with_name("confirm.tcss")
    BINDINGS = [
        *SAFETY_KEYS,  # a modal's footer leaves out the app's keys
        Binding("y", "choose(True)", "history_yes", id="history_yes"),
        Binding("n,escape", "choose(False)", "history_no", id="history_no"),
    ]

    def __init__(self, title: str, body: str, yes: str = "", no: str = "") -> None:
        super().__init__()
        words = self.app.pack.text.confirm  # type: ignore[attr-defined]
        self.title_text, self.body = title, body
        self.yes, self.no = yes or words.yes, no or words.no
        localise_bindings(self, self.app.pack.text.keys)  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="question", markup=False)
            yield Static(self.body, id="body", markup=False)
            with Horizontal(id="buttons"):
                yield Button(self.no, id="no", variant="primary")
                yield Button(self.yes, id="yes", variant="error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_choose(self, yes: bool) -> None:
        self.dismiss(yes)
