"""The solo step screens, taken in turns by a pair: each gains the turn bar, the private-note
key and the pair's resume point; their questions and answers are the solo screens' own.

The solo screen comes first among the bases: Textual matches CSS type selectors along the
first base only, so `NameScreen #step` keeps styling `PairNameScreen`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from softlanding.screens.name import NameScreen
from softlanding.screens.pause.pause import PauseScreen
from softlanding.screens.reframe import ReframeScreen
from softlanding.screens.together.intro import PairScreen
from softlanding.screens.together.safe_turn import PrivateSafetyScreen
from softlanding.screens.together.seats import other

NOT_SURE = "not_sure"


class PairPauseScreen(PauseScreen, PairScreen):
    """Calm, flooding and fear asked privately; the way to settle comes after both answered."""

    def compose(self) -> ComposeResult:
        yield self.turn_bar()
        yield from super().compose()

    def on_mount(self) -> None:
        words = self.pack.text.private_safety
        fill = {"other": self.names[other(self.partner)]}
        self.query_one("#fear .note", Static).update(words.fear_note.format(**fill))
        self.query_one("#fear-list", OptionList).add_option(Option(words.not_sure, id=NOT_SURE))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Textual calls the base class's handler next, unless the default is prevented
        if self.stage == "fear" and event.option.id == NOT_SURE:
            event.stop()
            event.prevent_default()
            self._after_fear(afraid=True)  # not sure is reason enough to see where help is

    def _after_fear(self, afraid: bool) -> None:
        """Never saved, never shown to the other: the resources open on this turn only."""
        if not afraid:
            self.done()
            return
        screen = PrivateSafetyScreen(self.names[other(self.partner)])
        self.app.push_screen(screen, lambda go_on: self.done() if go_on else None)

    def _open_break(self) -> None:
        """The break is taken together, once both have answered (see together_pause)."""

    def action_back(self) -> None:
        if self.has_earlier():
            super().action_back()


class PairNameScreen(NameScreen, PairScreen):
    """Name the feeling, for one partner while the other looks away."""

    def compose(self) -> ComposeResult:
        yield self.turn_bar()
        yield from super().compose()


class PairReframeScreen(ReframeScreen, PairScreen):
    """Reframe, for one partner while the other looks away."""

    def compose(self) -> ComposeResult:
        yield self.turn_bar()
        yield from super().compose()
