"""Name the feeling: family, finer word, own words, what's under anger, the need, intensity."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from softlanding.widgets.questions import (
    NOT_SURE,
    RATHER_NOT_SAY,
    Choice,
    PasteInput,
    QuestionScreen,
)
from softlanding.widgets.scale import Scale

NO_FAMILY = (None, NOT_SURE, RATHER_NOT_SAY)
ANGER = "angry"  # the family id whose softer feelings underneath `feelings.under_anger` names


class NameScreen(QuestionScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    step = "name"
    order: tuple[str, ...] = ("family", "word", "own_words", "under", "need", "intensity")

    def heading(self) -> str:
        return str(self.pack.feelings.title)

    def panes(self, saved: dict[str, Any]) -> ComposeResult:
        feelings, needs = self.pack.feelings, self.pack.needs
        families = [(f.id, f.name, "") for f in feelings.families]
        yield self.choice("family", feelings.family_question, families, saved.get("family"))
        words = self._words(saved.get("family"))
        yield self.choice("word", feelings.word_question, words, saved.get("word"))
        yield self._own_words(saved.get("own_words", ""))
        under = [(w.word, w.word, w.definition) for w in feelings.under_anger]
        yield self.choice("under", feelings.under_question, under, saved.get("under"))
        need_list = [(n.name, n.name, n.definition) for n in needs.options]
        yield self.choice("need", needs.question, need_list, saved.get("need"))
        yield self._intensity(saved.get("intensity"))

    def _words(self, family_id: Any) -> list[Choice]:
        family = next((f for f in self.pack.feelings.families if f.id == family_id), None)
        return [] if family is None else [(w.word, w.word, w.definition) for w in family.words]

    def _own_words(self, text: str) -> Vertical:
        note = Static(self.pack.feelings.thought_not_feeling, id="thought-note", markup=False)
        note.display = False
        return Vertical(
            Static(self.labels.own_words_question, classes="question", markup=False),
            PasteInput(
                text,
                placeholder=self.labels.own_words_placeholder,
                id="own_words-input",
                classes="main",
            ),
            note,
            Button(self.labels.next, id="own_words-next"),
            id="own_words",
        )

    def _intensity(self, value: Any) -> Vertical:
        feelings = self.pack.feelings
        scale = Scale(value if isinstance(value, int) else None, id="intensity-scale")
        return Vertical(
            Static(feelings.intensity_question, classes="question", markup=False),
            scale.add_class("main"),
            Static(self.labels.intensity_hint, classes="hint", markup=False),
            Horizontal(
                Button(self.labels.next, id="intensity-next", variant="primary"),
                Button(feelings.not_sure, id=f"intensity-{NOT_SURE}"),
                Button(feelings.rather_not_say, id=f"intensity-{RATHER_NOT_SAY}"),
                classes="buttons",
            ),
            id="intensity",
        )

    def asks(self, field: str) -> bool:
        family = self.answers().get("family")
        if field == "word":  # finer words only once a family is chosen
            return family not in NO_FAMILY
        if field == "under":  # the pack asks what anger guards: only for anger, or not knowing
            return family in (ANGER, NOT_SURE)
        return True

    def chosen(self, field: str, value: str) -> None:
        if field == "family":
            self.set_choices("word", self._words(value))
        self.answer(field, value)

    @on(Input.Changed, "#own_words-input")
    def _note_thoughts(self, event: Input.Changed) -> None:
        # A gentle note only: "I feel like you…" never stops anyone going on.
        shown = bool(event.value.strip()) and self.host.analyzer.is_thought_not_feeling(event.value)
        self.query_one("#thought-note").display = shown

    def on_scale_confirmed(self, event: Scale.Confirmed) -> None:
        if event.value is not None:
            self.answer("intensity", event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "intensity-next":
            value = self.query_one("#intensity-scale", Scale).value
            if value is not None:
                self.answer("intensity", value)
        elif button.startswith("intensity-"):
            self.answer("intensity", button.removeprefix("intensity-"))
        elif button == "own_words-next":
            self.submit_input("own_words")
