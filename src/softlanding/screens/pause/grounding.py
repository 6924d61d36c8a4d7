"""Grounding and the STOP card: one step at a time, then how calm you feel now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, ContentSwitcher, Footer, Static

from softlanding.flow.context import StepContext
from softlanding.widgets.pause_part import PausePart, calm_pane, labels
from softlanding.widgets.scale import Scale

CARDS: tuple[str, ...] = ("grounding", "stop_card")


class GroundingScreen(PausePart):
    CSS_PATH = Path(__file__).with_name("grounding.tcss")
    BINDINGS = [
        Binding("enter,right", "next", "next", id="next"),
        Binding("left", "previous", "pause_previous", id="pause_previous"),
    ]

    def __init__(self, ctx: StepContext, card: str = "grounding") -> None:
        super().__init__(ctx)
        if card not in CARDS:
            raise ValueError(f"unknown card {card!r}")
        self.card_name = card
        self.index = 0

    @property
    def card(self) -> Any:
        return getattr(self.pack, self.card_name)

    def compose(self) -> ComposeResult:
        words = labels(self.pack, "pause")
        calm = self.saved().get("calm_after")
        with VerticalScroll(id="grounding"), ContentSwitcher(initial="card", id="stages"):
            with Vertical(id="card"):
                yield Static(self.card.title, classes="title", markup=False)
                yield Static(self.card.intro, classes="intro", markup=False)
                yield Static("", id="progress", markup=False)
                yield Static("", id="step", markup=False)
                yield self._next_button()
                yield Static(labels(self.pack, "grounding").next_hint, classes="hint", markup=False)
            yield calm_pane("after", words.calm_after_question, words.calm_hint, calm)
        yield Footer()

    def _next_button(self) -> Button:
        # for the mouse; keys go to the screen's Enter, which (unlike a Button) never drops a press
        button = Button(Content(labels(self.pack, "keys").next), id="next", variant="primary")
        button.can_focus = False
        return button

    def on_mount(self) -> None:
        self._show_step()

    @property
    def stage(self) -> str:
        return self.query_one("#stages", ContentSwitcher).current or "card"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in ("next", "previous") or self.stage == "card"

    def _show_step(self) -> None:
        steps = self.card.steps
        words = labels(self.pack, "grounding")
        progress = words.progress.format(n=self.index + 1, total=len(steps))
        self.query_one("#progress", Static).update(progress)
        self.query_one("#step", Static).update(steps[self.index])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_next()

    def action_next(self) -> None:
        if self.index + 1 < len(self.card.steps):
            self.index += 1
            self._show_step()
            return
        self.query_one("#stages", ContentSwitcher).current = "after"
        self.query_one("#after-scale", Scale).focus()
        self.refresh_bindings()

    def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show_step()

    def on_scale_confirmed(self, event: Scale.Confirmed) -> None:
        event.stop()
        self.record("calm_after", event.value)
        self.dismiss(True)

    def save_draft(self) -> None:
        scale = self.query_one("#after-scale", Scale)
        if self.stage == "after" and scale.value is not None:
            self.record("calm_after", scale.value)
