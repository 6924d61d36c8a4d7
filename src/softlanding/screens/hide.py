"""Quick hide: a neutral, nearly empty screen; the same key brings softlanding back."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Static

from softlanding.screens.base import BaseScreen


class HideScreen(BaseScreen[None]):
    CSS_PATH = Path(__file__).with_name("hide.tcss")

    def compose(self) -> ComposeResult:
        yield Static(self.pack.text.hide.neutral, id="neutral")
