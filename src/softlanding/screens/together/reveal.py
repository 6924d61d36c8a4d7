"""Reveal: each partner ticks what the other may see of what they named (saved as
`name.reveal`), then both see each other's side by side, only what each agreed to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, SelectionList, Static
from textual.widgets.selection_list import Selection

from softlanding.flow.context import StepContext
from softlanding.screens.together.intro import PairScreen
from softlanding.screens.together.seats import SLOTS, other
from softlanding.textsafe import visible
from softlanding.widgets.checklist import Checklist

# what the name step saved, in the order it is shown; `family` only stands in for a missing word
FIELDS = ("word", "family", "own_words", "under", "need", "intensity")
NOTHING = ("rather_not_say", "")


def offered(pack: Any, named: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, words) a partner could share from their name step, in the pack's words."""
    found = []
    for field in FIELDS:
        value = named.get(field)
        if value is None or value in NOTHING or (field == "family" and named.get("word")):
            continue
        found.append((field, shown(pack, field, value)))
    return found


def shown(pack: Any, field: str, value: Any) -> str:
    """One saved answer in words: family ids by name, "not sure" and intensity in full."""
    feelings, words = pack.feelings, pack.text.reveal
    if value == "not_sure":
        return str(feelings.not_sure)
    if field == "family":
        return next((str(f.name) for f in feelings.families if f.id == value), str(value))
    if field == "intensity" and isinstance(value, int):
        return str(words.intensity_value.format(value=value))
    return str(value)


def revealed(ctx: StepContext, slot: str) -> list[tuple[str, str]]:
    """(label, words) of what `slot` agreed to show, and nothing else."""
    named = ctx.answers.get("name", slot)
    allowed = set(named.get("reveal") or [])
    words = ctx.pack.text.reveal
    return [
        (str(getattr(words, field)), text)
        for field, text in offered(ctx.pack, named)
        if field in allowed
    ]


def as_table(rows: list[tuple[str, str]]) -> Text:
    """Label and words on each line; typed words are never read as markup."""
    text = Text()
    for index, (label, value) in enumerate(rows):
        text.append(("\n" if index else "") + f"{label}: ", style="bold")
        text.append(visible(value))
    return text


class RevealChoiceScreen(PairScreen):
    """One partner, alone: tick what the other may see. Nothing is ticked until they tick it."""

    CSS_PATH = Path(__file__).with_name("reveal.tcss")
    BINDINGS = [
        Binding("ctrl+n", "finish", "together_done", id="together_done"),
        Binding("escape", "back", "back", id="back"),  # to the hand-over, which shows nothing
    ]
    step = "name"

    def compose(self) -> ComposeResult:
        words = self.pack.text.reveal
        named = self.answers()
        chosen = set(named.get("reveal") or [])
        choices = [
            Selection(Content(f"{self._label(field)}: {text}"), field, field in chosen)
            for field, text in offered(self.pack, named)
        ]
        yield self.turn_bar()
        with VerticalScroll(id="reveal"):
            yield Static(self._title(), id="title", markup=False)
            yield Static(words.intro, id="intro", markup=False)
            if choices:
                yield Checklist[str](*choices, id="fields")
                yield Static(words.hint, classes="hint", markup=False)
            else:
                yield Static(words.nothing, classes="hint", markup=False)
            yield Button(Content(words.done), id="share", variant="primary")
        yield Footer()

    def _label(self, field: str) -> str:
        return str(getattr(self.pack.text.reveal, field))

    def _title(self) -> str:
        return str(self.pack.text.reveal.title.format(other=self.names[other(self.partner)]))

    def on_mount(self) -> None:
        target = self.query("#fields") or self.query("#share")
        target.first().focus()

    def _chosen(self) -> list[str]:
        lists = self.query(SelectionList)
        selected = set(lists.first().selected) if lists else set()
        return [field for field in FIELDS if field in selected]

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self.record("reveal", self._chosen())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_finish()

    def action_finish(self) -> None:
        chosen = self._chosen()
        self.record("reveal", chosen)  # an empty list too: "nothing" is a choice
        offers = [field for field, _ in offered(self.pack, self.answers())]
        self.ctx.answers.reveal(self.step, self.partner, chosen, offers)
        self.done()


class RevealedScreen(PairScreen):
    """Both together: what each chose to share, side by side."""

    CSS_PATH = Path(__file__).with_name("reveal.tcss")
    step = "name"
    private_turn = False

    def compose(self) -> ComposeResult:
        words = self.pack.text.reveal
        yield self.turn_bar()
        with VerticalScroll(id="revealed"):
            yield Static(words.both_title, id="title", markup=False)
            with Horizontal(id="columns"):
                for slot in SLOTS:
                    rows = revealed(self.ctx, slot)
                    kept = words.kept.format(name=self.names[slot])
                    with Vertical(classes="column"):
                        yield Static(self.names[slot], classes="who", markup=False)
                        yield Static(
                            as_table(rows) if rows else kept, classes="shared", markup=False
                        )
            yield Static(words.both_hint, classes="hint", markup=False)
            yield Button(Content(self.words.go_on), id="go-on")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#go-on", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.done()
