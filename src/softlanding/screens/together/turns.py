"""The solo step screens, taken in turns by a pair: each gains the turn bar, the private-note
key and the pair's resume point; their questions and answers are the solo screens' own.

The solo screen comes first among the bases: Textual matches CSS type selectors along the
first base only, so `NameScreen #step` keeps styling `PairNameScreen`.
"""

from __future__ import annotations

from textual.app import ComposeResult

from softlanding.screens.name import NameScreen
from softlanding.screens.pause.pause import PauseScreen
from softlanding.screens.reframe import ReframeScreen
from softlanding.screens.together.intro import PairScreen


class PairPauseScreen(PauseScreen, PairScreen):
    """Calm, flooding and fear asked privately; the way to settle comes after both answered."""

    def compose(self) -> ComposeResult:
        yield self.turn_bar()
        yield from super().compose()

    def _after_fear(self, afraid: bool) -> None:
        if afraid:
            self.host.action_not_safe()  # the pair flow ends; nothing about this is recorded
        else:
            self.done()

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
