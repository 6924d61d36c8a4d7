"""The passphrase prompt of history and the session view: what it opens is opened for this
run only (kept in memory, forgotten when softlanding closes); the passphrase is not stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from softlanding.flow.library import Library
from softlanding.screens.base import SAFETY_KEYS, localise_bindings
from softlanding.widgets.passphrase import MOVE_KEYS, PassphraseBox


class PassphraseScreen(ModalScreen[bool]):
    """Dismisses True once the passphrase opened something, False when closed."""

    CSS_PATH = Path(__file__).with_name("unlock.tcss")
    BINDINGS = [
        *SAFETY_KEYS,
        Binding("enter", "open", "passphrase_open", id="passphrase.open"),
        Binding("escape", "close", "back", id="close"),
        *MOVE_KEYS,
    ]

    def __init__(self, library: Library, sids: list[str] | None = None) -> None:
        super().__init__()
        localise_bindings(self, self.pack.text.keys)
        self.library = library
        self.sids = sids  # where to look for a partner's seal (all sessions when None)

    @property
    def pack(self) -> Any:
        return self.app.pack  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        words = self.pack.text.unlock
        with Vertical(id="unlock"):
            yield Static(words.title, id="unlock-title", markup=False)
            yield Static(words.hint, classes="hint", markup=False)
            yield PassphraseBox(placeholder=words.placeholder, id="passphrase")
            yield Static("", id="unlock-problem", markup=False)
            with Horizontal(id="unlock-actions"):
                yield Button(Content(words.open), id="open", variant="primary", compact=True)
                yield Button(Content(words.back), id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "open":
            self.action_open()
        else:
            self.action_close()

    def action_open(self) -> None:
        box = self.query_one("#passphrase", Input)
        typed, box.value = box.value, ""  # never left on screen
        if typed and self.library.open_with(typed, self.sids):
            self.dismiss(True)
            return
        self.query_one("#unlock-problem", Static).update(self.pack.text.unlock.wrong)
        box.focus()  # the next try starts where it is typed

    def action_close(self) -> None:
        self.dismiss(False)
