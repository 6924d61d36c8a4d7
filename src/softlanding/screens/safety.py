"""Safety: resources from the pack; no advice to soften or go back and talk; nothing recorded."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Static

from softlanding.screens.base import BaseScreen
from softlanding.textsafe import visible


class SafetyScreen(BaseScreen[None]):
    CSS_PATH = Path(__file__).with_name("safety.tcss")
    BINDINGS = [Binding("escape", "home", "home", id="home")]

    def compose(self) -> ComposeResult:
        safety = self.pack.safety
        words = self.pack.text.safety
        with VerticalScroll(id="safety"):
            # Plain text whatever the pack holds: this page must always open.
            yield Static(visible(safety.title), id="title", markup=False)
            yield Static(visible("\n".join(safety.lines)), id="lines", markup=False)
            yield Static(self._resources(), id="resources")
            yield Static(visible(safety.resources_note), id="note", markup=False)
        with Horizontal(id="actions"):
            yield Button(Content(visible(safety.leave)), id="leave", variant="primary")
            yield Button(Content(visible(words.home)), id="home")
        yield Footer()

    def _resources(self) -> Content:
        rows: list[Content] = []
        for res in self.pack.safety.resources:
            where = visible(f" — {res.contact}  ({res.region})")
            rows.append(Content.assemble((visible(res.name), "bold"), where))
            if res.note:
                rows.append(Content(visible(f"  {res.note}")))
        return Content("\n").join(rows)

    def on_mount(self) -> None:
        # The top (title, first lines) must be what a frightened person sees first.
        self.query_one("#safety", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "leave":
            self.app.exit()
        else:
            self.action_home()

    def action_home(self) -> None:
        self.sl.go_home()
