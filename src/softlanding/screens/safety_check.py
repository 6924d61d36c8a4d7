"""The one gentle check: "Are you safe right now?" Yes / No / Not sure, each to a safety page.

Nothing about it is stored: the flow has already ended when it shows, and the answer only
chooses which page comes next.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from softlanding.analysis.danger import page_after_check
from softlanding.screens.base import SAFETY_KEYS


class SafetyCheckScreen(ModalScreen[str]):
    CSS_PATH = Path(__file__).with_name("safety.tcss")
    BINDINGS = [
        *SAFETY_KEYS,
        Binding("y", "answer('yes')", show=False, id="safety_check.yes"),
        Binding("n", "answer('no')", show=False, id="safety_check.no"),
        Binding("s", "answer('not_sure')", show=False, id="safety_check.not_sure"),
    ]

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        words = self.app.pack.safety.check  # type: ignore[attr-defined]
        with Vertical(id="check"):
            yield Static(Text(words.question), id="check-question")
            with Horizontal(id="check-answers"):
                yield Button(words.yes, id="yes", compact=True)
                yield Button(words.no, id="no", compact=True)
                yield Button(words.not_sure, id="not_sure", compact=True)

    def on_mount(self) -> None:
        self.query_one("#not_sure", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id or "not_sure")

    def action_answer(self, answer: str) -> None:
        self.dismiss(page_after_check(self.kind, answer))
