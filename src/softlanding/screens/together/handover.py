"""Privacy between partners: the hand-over screen between turns."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Static

from softlanding.flow.context import StepContext
from softlanding.flow.steps import Turn
from softlanding.screens.base import ContextScreen
from softlanding.screens.together.seats import other, partner_names


class HandoverScreen(ContextScreen[None]):
    """ "Pass the keyboard to Sam": shows nothing from anyone's answers; Enter opens the turn."""

    CSS_PATH = Path(__file__).with_name("handover.tcss")
    BINDINGS = [
        Binding("enter", "ready", "together_ready", id="together_ready"),
        # the way out from between turns (the session is kept, as any unfinished one)
        Binding("escape", "home", "home", id="together_handover.home"),
    ]

    def __init__(self, ctx: StepContext) -> None:
        super().__init__(ctx)
        self.step, self.kind = ctx.step, ctx.opens or "private"

    def compose(self) -> ComposeResult:
        words = self.pack.text.handover
        names = partner_names(self.ctx)
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
        self.host.show_turn(Turn(self.step, self.partner, flow="together", mode=self.ctx.mode))

    def action_home(self) -> None:
        self.host.go_home()
