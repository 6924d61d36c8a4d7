"""A partner's own pause, on their private turn: how calm, whether the body is in alarm, and
(never saved, never shown to the other) whether they are afraid. Built from the pause's shared
pieces (the calm scale, yes/no); the way to settle comes once both have answered."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Footer, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.models import PAUSE
from softlanding.screens.together.intro import PairScreen
from softlanding.screens.together.safe_turn import PrivateSafetyScreen
from softlanding.screens.together.seats import other
from softlanding.widgets.pause_part import YES, calm_pane, labels, yes_no
from softlanding.widgets.scale import Scale

STAGES = ("calm", "flooded", "fear")
NOT_SURE = "not_sure"


def flooded_pane(pack: Any, saved: bool | None) -> Vertical:
    """Is the body in alarm mode? The signs, the pulse note and yes/no."""
    flooding, words = pack.flooding, labels(pack, "pause")
    return Vertical(
        Static(flooding.title, classes="title tight", markup=False),
        Static(flooding.question, classes="question", markup=False),
        Static(_bullets(flooding.signs), classes="signs", markup=False),
        Static(flooding.pulse_note, classes="note", markup=False),
        yes_no(pack, "flooded", saved),
        Static(words.choose_hint, classes="hint", markup=False),
        id="flooded",
    )


class PairPauseScreen(PairScreen):
    """Calm, flooding and fear asked privately; "not sure" about fear is reason enough to see
    where help is. Nothing about fear is saved; the others' screens look as they always do."""

    CSS_PATH = Path(__file__).with_name("private_pause.tcss")
    BINDINGS = [Binding("escape", "back", "back", id="back")]
    step = PAUSE

    def compose(self) -> ComposeResult:
        pack, words, saved = self.pack, labels(self.pack, "pause"), self.answers()
        private = pack.text.private_safety
        yield self.turn_bar()
        with VerticalScroll(id="pause"), ContentSwitcher(initial=self.stages[0], id="stages"):
            calm = saved.get("calm_before")
            yield calm_pane("calm", words.calm_question, words.calm_hint, calm, words.title)
            yield flooded_pane(pack, saved.get("flooded"))
            fear = yes_no(pack, "fear", None)
            fear.add_option(Option(private.not_sure, id=NOT_SURE))
            note = private.fear_note.format(other=self.names[other(self.partner)])
            yield Vertical(
                Static(pack.flooding.fear_question, classes="title", markup=False),
                Static(note, classes="note", markup=False),
                fear,
                Static(words.choose_hint, classes="hint", markup=False),
                id="fear",
            )
        yield Footer()

    @property
    def stages(self) -> tuple[str, ...]:
        # the short way asks only the fear question here (calm and flooding were asked together)
        return ("fear",) if self.ctx.mode == "fear" else STAGES

    def on_mount(self) -> None:
        self.show(self.stages[0])

    @property
    def stage(self) -> str:
        return self.query_one("#stages", ContentSwitcher).current or "calm"

    def help_part(self) -> str:
        return self.stage

    def show(self, stage: str) -> None:
        self.query_one("#stages", ContentSwitcher).current = stage
        self.query_one(f"#{stage} Scale, #{stage} OptionList").focus()
        self.refresh_bindings()  # "Back" is offered only where it leads somewhere

    def has_earlier(self) -> bool:
        return self.stages.index(self.stage) > 0

    def action_back(self) -> None:
        if self.has_earlier():
            self.show(self.stages[self.stages.index(self.stage) - 1])
        else:  # the first question: back to this turn's own hand-over
            super().action_back()

    def on_scale_confirmed(self, event: Scale.Confirmed) -> None:
        event.stop()
        self.record("calm_before", event.value)
        self.show("flooded")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id or ""
        if self.stage == "flooded":
            self.record("flooded", choice == YES)  # the break comes once both answered
            self.show("fear")
        elif choice in (YES, NOT_SURE):
            self._resources()
        else:
            self.done()

    def _resources(self) -> None:
        """Never saved, never shown to the other: the resources open on this turn only."""
        screen = PrivateSafetyScreen(self.names[other(self.partner)])
        self.app.push_screen(screen, lambda go_on: self.done() if go_on else None)

    def save_draft(self) -> None:
        # a calm number picked but not yet confirmed still counts
        scale = self.query_one("#calm-scale", Scale)
        if self.stage == "calm" and scale.value is not None:
            self.record("calm_before", scale.value)


def _bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)
