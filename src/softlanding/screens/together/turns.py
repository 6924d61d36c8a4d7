"""The solo Name and Reframe screens, taken in turns by a pair: each gains the turn bar (from
PairScreen: the private-note key and the pair's resume point); their questions and answers are
the solo screens' own, nothing of their insides overridden.

The solo screen comes first among the bases: Textual matches CSS type selectors along the
first base only, so `NameScreen #step` keeps styling `PairNameScreen`.
"""

from __future__ import annotations

from textual.app import ComposeResult

from softlanding.screens.name import NameScreen
from softlanding.screens.reframe import ReframeScreen
from softlanding.screens.together.intro import PairScreen
from softlanding.screens.together.private_pause import PairPauseScreen

__all__ = ["PairNameScreen", "PairPauseScreen", "PairReframeScreen"]


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
