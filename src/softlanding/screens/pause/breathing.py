"""Breathing: pace the chosen pattern, then ask how calm you feel now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Footer, Static

from softlanding.flow.context import StepContext
from softlanding.widgets.pacer import BreathingPacer
from softlanding.widgets.pause_part import PausePart, calm_pane, labels
from softlanding.widgets.scale import Scale


class BreathingScreen(PausePart):
    CSS_PATH = Path(__file__).with_name("breathing.tcss")
    BINDINGS = [
        Binding("s", "skip", "pause_skip", id="pause_skip"),
        Binding("m", "motion", "pause_motion", id="pause_motion"),
    ]

    def __init__(
        self, ctx: StepContext, pattern: Any, *, elapsed: float = 0.0, paused: bool = False
    ) -> None:
        super().__init__(ctx)
        self.pattern = pattern
        self._start = elapsed
        self._paused = paused

    def compose(self) -> ComposeResult:
        pack, words = self.pack, labels(self.pack, "pause")
        calm = self.saved().get("calm_after")
        with VerticalScroll(id="breathing"), ContentSwitcher(initial="pace", id="stages"):
            with Vertical(id="pace"):
                yield Static(self.pattern.name, classes="title", markup=False)
                yield Static(pack.breathing.intro, classes="intro", markup=False)
                yield BreathingPacer(
                    self.pattern,
                    elapsed=self._start,
                    paused=self._paused,
                    reduced_motion=self.ctx.settings.reduced_motion,
                    count_text=labels(self.pack, "breathing").count,
                    id="pacer",
                )
                if self.pattern.caution:
                    yield Static(self.pattern.caution, classes="caution", markup=False)
            with Vertical(id="after"):
                yield Static(pack.breathing.done, id="done", classes="title", markup=False)
                yield calm_pane("calm-after", words.calm_after_question, words.calm_hint, calm)
        yield Footer()

    @property
    def stage(self) -> str:
        return self.query_one("#stages", ContentSwitcher).current or "pace"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # stopping and the still screen only mean something while the pacer runs
        return action not in ("skip", "motion") or self.stage == "pace"

    def on_breathing_pacer_finished(self, event: BreathingPacer.Finished) -> None:
        self._ask_calm()

    def action_skip(self) -> None:
        self.query_one(BreathingPacer).stop()
        self.query_one("#done", Static).update(labels(self.pack, "breathing").stopped)
        self._ask_calm()

    def action_motion(self) -> None:
        still = not self.ctx.settings.reduced_motion
        self.ctx.settings.set("reduced_motion", still)
        self.query_one(BreathingPacer).reduced_motion = still

    def _ask_calm(self) -> None:
        self.query_one("#stages", ContentSwitcher).current = "after"
        self.query_one("#calm-after-scale", Scale).focus()
        self.refresh_bindings()

    def on_scale_confirmed(self, event: Scale.Confirmed) -> None:
        event.stop()
        self.record("calm_after", event.value)
        self.dismiss(True)

    def action_back(self) -> None:
        self.query_one(BreathingPacer).stop()
        super().action_back()

    def save_draft(self) -> None:
        scale = self.query_one("#calm-after-scale", Scale)
        if self.stage == "after" and scale.value is not None:
            self.record("calm_after", scale.value)
