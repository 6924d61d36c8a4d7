"""The way: after the names, the pair says whether either of them is flooded or short of time,
then chooses the short way (the essentials) or the full way; the short one is suggested when
either is flooded or in a hurry. The choice is saved with the session, so a resume keeps it."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Footer, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.flow.together import (
    FINE,
    FLOODED,
    FULL,
    HURRY,
    SHORT,
    WAY,
    parts,
    suggested_way,
)
from softlanding.screens.together.intro import PairScreen
from softlanding.widgets.lists import MarkedList

CHECK, CHOOSE = "check", "choose"


class WayScreen(PairScreen):
    CSS_PATH = Path(__file__).with_name("way.tcss")
    BINDINGS = [Binding("escape", "back", "back", id="back")]
    step = WAY
    private_turn = False

    def compose(self) -> ComposeResult:
        words = self.words
        checks = ((FLOODED, words.way_flooded), (HURRY, words.way_hurry), (FINE, words.way_fine))
        yield self.turn_bar()
        with VerticalScroll(id="way"), ContentSwitcher(initial=CHECK, id="stages"):
            with Vertical(id=CHECK):
                yield Static(words.way_check, classes="question", markup=False)
                options = [Option(Content(text), id=key) for key, text in checks]
                yield MarkedList(*options, id="check-list", markup=False)
                yield Static(words.hint, classes="hint", markup=False)
            with Vertical(id=CHOOSE):
                yield Static(words.way_question, classes="question", markup=False)
                yield Static("", id="suggest", markup=False)
                yield MarkedList(*self._ways(), id="choose-list", markup=False)
                yield Static(words.hint, classes="hint", markup=False)
        yield Footer()

    def _ways(self) -> list[Option | None]:
        words = self.words
        short = words.way_short.format(steps=parts(SHORT))
        full = words.way_full.format(steps=parts(FULL))
        return [
            Option(Content(short), id=SHORT),
            None,  # a gap between the two: each may wrap onto a second line
            Option(Content(full), id=FULL),
        ]

    def on_mount(self) -> None:
        check = self.answers().get("check")
        self._show(CHOOSE if check else CHECK)

    @property
    def stage(self) -> str:
        return self.query_one("#stages", ContentSwitcher).current or CHECK

    def _show(self, stage: str) -> None:
        self.query_one("#stages", ContentSwitcher).current = stage
        listing = self.query_one(f"#{stage}-list", OptionList)
        if stage == CHOOSE:
            suggested = suggested_way(self.answers().get("check"))
            words = self.words
            line = words.way_suggest_short if suggested == SHORT else words.way_suggest_full
            self.query_one("#suggest", Static).update(line)
            listing.highlighted = listing.get_option_index(suggested)
        else:
            saved = self.answers().get("check")
            listing.highlighted = listing.get_option_index(saved) if saved else 0
        listing.focus()
        self.refresh_bindings()

    def has_earlier(self) -> bool:
        return self.stage == CHOOSE

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "note":  # nothing private is asked here: a note waits for a turn
            return False
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        if self.stage == CHOOSE:
            self._show(CHECK)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id or ""
        if self.stage == CHECK:
            self.record_both("check", choice)
            self._show(CHOOSE)
            return
        self.record_both(WAY, choice)
        self.done()
