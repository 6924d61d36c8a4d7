"""Shown while the terminal is smaller than softlanding can use; it goes away by itself."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Static

from softlanding.screens.base import BaseScreen

MIN_WIDTH, MIN_HEIGHT = 40, 12


class TooSmallScreen(BaseScreen[None]):
    CSS_PATH = Path(__file__).with_name("too_small.tcss")

    def compose(self) -> ComposeResult:
        words = self.pack.text.app.too_small.format(width=MIN_WIDTH, height=MIN_HEIGHT)
        yield Static(words, id="too-small", markup=False)


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT
