"""First run (and F1): what softlanding is and is not, for adults, and where to find help."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Footer, Static

from softlanding.screens.base import BaseScreen
from softlanding.screens.safety_region import OrdinaryScreen

if TYPE_CHECKING:
    from softlanding.flow.context import Settings


class FirstRunScreen(BaseScreen[None]):
    CSS_PATH = Path(__file__).with_name("first_run.tcss")
    BINDINGS = [
        Binding("escape", "close", "close", id="close"),
        Binding("o", "ordinary", "ordinary", id="first_run.ordinary"),
    ]

    def __init__(self, first_time: bool, settings: Settings | None = None) -> None:
        """On the first run, closing is remembered in `settings`, so the note shows once."""
        super().__init__()
        self.first_time = first_time
        self.settings = settings

    def compose(self) -> ComposeResult:
        about = self.pack.first_run
        words = self.pack.text.first_run
        with VerticalScroll(id="about"):
            yield Static(about.title, id="title")
            yield Static(words.is_heading, classes="heading")
            yield Static("\n".join(f"• {line}" for line in about.is_), classes="list")
            yield Static(words.is_not_heading, classes="heading")
            yield Static("\n".join(f"• {line}" for line in about.is_not), classes="list")
            yield Static(about.adults, classes="para")
            yield Static(about.help, classes="para", id="help")
        yield Button(about.continue_, id="continue", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#continue", Button).focus()

    def action_ordinary(self) -> None:
        self.app.push_screen(OrdinaryScreen())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # only "I understand. Continue" says the note was read: then it is not shown again
        if self.first_time and self.settings is not None:
            self.settings.set("first_run_seen", True)
        self.dismiss()

    def action_close(self) -> None:
        """Esc goes on without the note counting as read: the next start shows it again."""
        self.dismiss()
