"""The short way's naming: the speaker, with the floor, names one feeling and one need (the
solo questions, fewer of them). Said aloud, so it is shared as it is given; the speaker's
sentence then starts from it."""

from __future__ import annotations

from textual.app import ComposeResult

from softlanding.screens.name import NameScreen
from softlanding.screens.together.floor import FloorScreen

SAID = ("family", "word", "need")  # what this turn asks, and shares


class FeelScreen(NameScreen, FloorScreen):
    """One feeling (a family, then its word) and one need, for the partner with the floor."""

    order = SAID

    def compose(self) -> ComposeResult:
        yield self.turn_bar()
        yield from super().compose()

    def done(self) -> None:
        named = self.answers()
        self.record("reveal", [field for field in SAID if field in named])  # all said aloud
        super().done()
