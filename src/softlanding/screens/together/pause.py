"""Pause together, once both answered privately: one shared breathing pacer, or (when either of
you is flooded) the solo break screen with one return time agreed and saved for both."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, ContentSwitcher, Footer, Static

from softlanding.flow.context import StepContext
from softlanding.flow.together import SHORT, way_of
from softlanding.screens.pause.break_ import BreakScreen
from softlanding.screens.together.intro import PairScreen
from softlanding.widgets.pacer import BreathingPacer

PATTERN = "resonance"  # even breaths, no holds: the easiest to follow side by side


class TogetherPauseScreen(PairScreen):
    CSS_PATH = Path(__file__).with_name("pause.tcss")
    BINDINGS = [
        Binding("s", "skip", "pause_skip", id="pause_skip"),
        Binding("m", "motion", "pause_motion", id="pause_motion"),
    ]
    step = "pause"
    private_turn = False

    def __init__(self, ctx: StepContext) -> None:
        super().__init__(ctx)
        self.mode = ctx.mode or "breathe"
        patterns = self.pack.breathing.patterns
        self.pattern = next((p for p in patterns if p.id == PATTERN), patterns[0])

    def compose(self) -> ComposeResult:
        words = self.pack.text.together_pause
        yield self.turn_bar()
        with VerticalScroll(id="together-pause"):
            if self.mode == "break":
                yield Static(words.break_title, classes="title", markup=False)
                yield Static(words.break_body, classes="intro", markup=False)
                yield Button(Content(words.break_button), id="open-break", variant="primary")
            else:
                with ContentSwitcher(initial="pace", id="stages"):
                    with Vertical(id="pace"):
                        yield Static(words.breathe_title, classes="title", markup=False)
                        yield Static(words.breathe_intro, classes="intro", markup=False)
                        yield self._pacer()
                    with Vertical(id="after"):
                        yield Static(words.breathe_done, id="done", classes="title", markup=False)
                        yield Button(Content(self.words.go_on), id="go-on", variant="primary")
        yield Footer()

    def _pacer(self) -> BreathingPacer:
        return BreathingPacer(
            self.pattern,
            reduced_motion=self.ctx.settings.reduced_motion,
            count_text=self.pack.text.breathing.count,
            id="pacer",
        )

    def on_mount(self) -> None:
        if self.mode == "break":
            self.query_one("#open-break", Button).focus()
            if self.ctx.answers.get("pause", self.ctx.seat).get("return_at"):
                self._open_break()  # a resumed break goes straight back to its countdown
        else:
            self.record_both("choice", "breathe")
            self.record_both("pattern", self.pattern.id)

    @property
    def stage(self) -> str:
        if self.mode == "break":
            return "break"
        return self.query_one("#stages", ContentSwitcher).current or "pace"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("skip", "motion"):
            return self.stage == "pace"
        return super().check_action(action, parameters)

    def on_breathing_pacer_finished(self, event: BreathingPacer.Finished) -> None:
        self._after_breathing()

    def action_skip(self) -> None:
        self.query_one(BreathingPacer).stop()
        self.query_one("#done", Static).update(self.pack.text.together_pause.breathe_stopped)
        self._after_breathing()

    def action_motion(self) -> None:
        still = not self.ctx.settings.reduced_motion
        self.ctx.settings.set("reduced_motion", still)
        self.query_one(BreathingPacer).reduced_motion = still

    def _after_breathing(self) -> None:
        if way_of(self.ctx.answers.saved) == SHORT:  # the short way goes straight on
            self.done()
            return
        self.query_one("#stages", ContentSwitcher).current = "after"
        self.query_one("#go-on", Button).focus()
        self.refresh_bindings()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "open-break":
            self._open_break()
        else:
            self.done()

    def _open_break(self) -> None:
        # the solo break, for both seats of this context: one return time, saved for each
        self.app.push_screen(BreakScreen(self.ctx), self._after_break)

    def _after_break(self, finished: bool | None) -> None:
        if finished:
            self.done()
