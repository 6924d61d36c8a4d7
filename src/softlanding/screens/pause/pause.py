"""Pause: calm 0–10, "is your body in alarm mode?", separately "are you afraid?", then a way
to settle (breathing, grounding, STOP) or, when flooded, a real break."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Footer, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.flow.context import StepContext
from softlanding.screens.base import StepScreen
from softlanding.screens.pause.break_ import BreakScreen
from softlanding.screens.pause.breathing import BreathingScreen
from softlanding.screens.pause.grounding import GroundingScreen
from softlanding.widgets.lists import MarkedList
from softlanding.widgets.pause_part import YES, calm_pane, labels, yes_no
from softlanding.widgets.scale import Scale

STAGES: tuple[str, ...] = ("calm", "flooded", "fear", "choose")


class PauseScreen(StepScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "back", "back", id="back")]
    step = "pause"

    def __init__(self, ctx: StepContext) -> None:
        super().__init__(ctx)
        self._building: set[str] = set()  # a second Enter meanwhile builds nothing twice

    def compose(self) -> ComposeResult:
        words, saved = labels(self.pack, "pause"), self.answers()
        with VerticalScroll(id="pause"), ContentSwitcher(initial="calm", id="stages"):
            # The first stage (and the small fear question a pair's turn words at once) now;
            # the others when first shown, so the pause opens about as fast as a bare screen.
            yield calm_pane(
                "calm", words.calm_question, words.calm_hint, saved.get("calm_before"), words.title
            )
            yield self._build("fear")
        yield Footer()

    def _build(self, stage: str) -> Vertical:
        pack, words, flooding = self.pack, labels(self.pack, "pause"), self.pack.flooding
        hint = Static(words.choose_hint, classes="hint", markup=False)
        if stage == "flooded":
            return Vertical(
                Static(flooding.title, classes="title tight", markup=False),
                Static(flooding.question, classes="question", markup=False),
                Static(_bullets(flooding.signs), classes="signs", markup=False),
                Static(flooding.pulse_note, classes="note", markup=False),
                yes_no(pack, "flooded", self.answers().get("flooded")),
                hint,
                id=stage,
            )
        if stage == "fear":
            return Vertical(
                Static(flooding.fear_question, classes="title", markup=False),
                Static(flooding.fear_note, classes="note", markup=False),
                yes_no(pack, "fear", None),
                hint,
                id=stage,
            )
        return Vertical(
            Static(words.choose_title, classes="title", markup=False),
            Static(words.choose_question, classes="question", markup=False),
            MarkedList(*self._ways(), id="choose-list", markup=False),
            Static("", id="about", markup=False),
            hint,
            id=stage,
        )

    def _ways(self) -> list[Option]:
        pack = self.pack
        ways = [Option(p.name, id=f"breathe:{p.id}") for p in pack.breathing.patterns]
        return ways + [
            Option(pack.grounding.title, id="ground:grounding"),
            Option(pack.stop_card.title, id="ground:stop_card"),
        ]

    def on_mount(self) -> None:
        self.show("calm")
        if self.answers().get("return_at"):
            self._open_break()  # a resumed break goes straight back to its countdown

    def show(self, stage: str) -> None:
        """Switch to `stage`, building it first if it was never shown."""
        switcher = self.query_one("#stages", ContentSwitcher)
        if switcher.query_children(f"#{stage}"):
            self._reveal(stage)
        elif stage not in self._building:
            self._building.add(stage)
            self.call_next(self._build_and_reveal, stage)

    async def _build_and_reveal(self, stage: str) -> None:
        await self.query_one("#stages", ContentSwitcher).mount(self._build(stage))
        self._building.discard(stage)
        self._reveal(stage)

    def _reveal(self, stage: str) -> None:
        self.query_one("#stages", ContentSwitcher).current = stage
        self.refresh_bindings()  # "Back" is offered only where it leads somewhere
        target = self.query_one(f"#{stage} Scale, #{stage} OptionList")
        target.focus()
        # in a small window the answers may lie below the edge: scroll them into sight (once
        # laid out: a stage built just now has its final height only after a second refresh)
        self.call_after_refresh(self.call_after_refresh, target.scroll_visible, animate=False)
        if stage == "choose" and isinstance(target, OptionList):
            option = target.highlighted_option or target.get_option_at_index(0)
            target.highlighted = target.get_option_index(option.id or "")
            self.query_one("#about", Static).update(self._about(option.id or ""))

    @property
    def stage(self) -> str:
        return self.query_one("#stages", ContentSwitcher).current or "calm"

    def help_part(self) -> str:
        return self.stage

    def on_scale_confirmed(self, event: Scale.Confirmed) -> None:
        event.stop()
        self.record("calm_before", event.value)
        self.show("flooded")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id or ""
        if self.stage == "flooded":
            self.record("flooded", choice == YES)
            self.show("fear")
        elif self.stage == "fear":
            self._after_fear(afraid=choice == YES)
        elif self.stage == "choose":
            self._open_way(choice)

    def _after_fear(self, afraid: bool) -> None:
        if afraid:
            self.host.open_safety("partner_fear")  # nothing about this answer is ever recorded
        elif self.answers().get("flooded"):
            self._open_break()
        else:
            self.show("choose")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.stage == "choose":
            self.query_one("#about", Static).update(self._about(event.option.id or ""))

    def _about(self, choice: str) -> str:
        pack = self.pack
        kind, _, name = choice.partition(":")
        if kind == "ground":
            return str(getattr(pack, name).intro)
        pattern = _pattern(pack, name)
        if pattern.caution:
            care = labels(self.pack, "pause").take_care
            return f"{pattern.description}\n{care} {pattern.caution}"
        return str(pattern.description)

    def _open_way(self, choice: str) -> None:
        kind, _, name = choice.partition(":")
        if kind == "breathe":
            self.record("choice", "breathe")
            self.record("pattern", name)
            pacer = BreathingScreen(self.ctx, _pattern(self.pack, name))
            self.app.push_screen(pacer, self._after)
        else:
            self.record("choice", "ground")
            self.record("card", name)
            self.app.push_screen(GroundingScreen(self.ctx, name), self._after)

    def _open_break(self) -> None:
        self.app.push_screen(BreakScreen(self.ctx), self._after)

    def _after(self, finished: bool | None) -> None:
        if finished:
            self.done()
        else:
            self.show("flooded" if self.answers().get("flooded") else "choose")

    def has_earlier(self) -> bool:
        """Whether an earlier stage of the pause was shown (Esc goes back to it)."""
        return STAGES.index(self.stage) > 0

    def action_back(self) -> None:
        index = STAGES.index(self.stage)
        if index == 0:
            self.host.go_home()
        else:
            self.show(STAGES[index - 1])

    def save_draft(self) -> None:
        # a calm number picked but not yet confirmed still counts
        scale = self.query_one("#calm-scale", Scale)
        if self.stage == "calm" and scale.value is not None:
            self.record("calm_before", scale.value)


def _bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def _pattern(pack: Any, pattern_id: str) -> Any:
    return next(p for p in pack.breathing.patterns if p.id == pattern_id)
