"""Safety: resources from the pack; no advice to soften or go back and talk; nothing recorded."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Static

from softlanding.screens.base import BaseScreen


class SafetyScreen(BaseScreen[None]):
    CSS_PATH = Path(__file__).with_name("safety.tcss")
    BINDINGS = [Binding("escape", "home", "home")]

    def compose(self) -> ComposeResult:
        safety = self.sl.pack.safety
        words = self.sl.pack.text.safety
        with VerticalScroll(id="safety"):
            yield Static(safety.title, id="title")
            yield Static("\n".join(safety.lines), id="lines")
            yield Static(self._resources(), id="resources")
            yield Static(safety.resources_note, id="note")
        with Horizontal(id="actions"):
            yield Button(safety.leave, id="leave", variant="primary")
            yield Button(words.home, id="home")
        yield Footer()

    def _resources(self) -> str:
        rows = []
        for res in self.sl.pack.safety.resources:
            rows.append(
                f"[b]{_escape(res.name)}[/b] — {_escape(res.contact)}  ({_escape(res.region)})"
            )
            if res.note:
                rows.append(f"  {_escape(res.note)}")
        return "\n".join(rows)

    def on_mount(self) -> None:
        # The top (title, first lines) must be what a frightened person sees first.
        self.query_one("#safety", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "leave":
            self.sl.exit()
        else:
            self.action_home()

    def action_home(self) -> None:
        self.sl.go_home()


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
