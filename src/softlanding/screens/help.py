"""F1: this screen's own short help and the keys it answers to (the first-run note is one
key further, for anyone who wants it again)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from softlanding.screens.base import BaseScreen
from softlanding.screens.first_run import FirstRunScreen


def topic(screen: Screen[Any]) -> str:
    """The pack's help entry for a screen: its class name without "Pair" and "Screen", in
    snake case (PairNameScreen -> "name"; RevealChoiceScreen -> "reveal_choice")."""
    name = type(screen).__name__.removeprefix("Pair").removesuffix("Screen")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def keys_of(screen: Screen[Any]) -> list[tuple[str, str]]:
    """The keys `screen` answers to now, as (key, what it does): its footer's, then those the
    footer leaves out for room (Look back's Delete, Next page...), so Help names every one."""
    shown: list[tuple[str, str]] = []
    hidden: list[tuple[str, str]] = []
    for active in screen.active_bindings.values():
        binding = active.binding
        if not (binding.description and active.enabled):
            continue
        key = (screen.app.get_key_display(binding), binding.description)
        if binding.show:
            shown.append(key)
        elif binding.id is not None:  # ours all have ids; Textual's focus and cursor keys don't
            hidden.append(key)
    return shown + [key for key in hidden if key not in shown]


class HelpScreen(BaseScreen[None]):
    """A short word about the screen underneath, and its keys."""

    CSS_PATH = Path(__file__).with_name("help.tcss")
    BINDINGS = [
        Binding("escape", "close", "close", id="close"),
        Binding("a", "about", "help_about", id="help_about"),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.about = topic(under)
        self.part = under.help_part() if isinstance(under, BaseScreen) else ""
        self.keys = keys_of(under)

    def compose(self) -> ComposeResult:
        words = self.pack.text.help
        with VerticalScroll(id="help"):
            yield Static(words.title, id="title", markup=False)
            names = [f"{self.about}_{self.part}"] if self.part else []
            found = (getattr(words, name, None) for name in [*names, self.about, f"{self.about}_"])
            yield Static(next(filter(None, found), words.default), id="about", markup=False)
            yield Static(words.keys_heading, classes="heading", markup=False)
            yield Static(self._key_table(), id="keys")
            yield Static(words.more, classes="hint", markup=False)
        yield Footer()

    def _key_table(self) -> Text:
        width = max((len(key) for key, _ in self.keys), default=0)
        table = Text()
        for index, (key, does) in enumerate(self.keys):
            table.append(("\n" if index else "") + key.ljust(width + 2), style="bold")
            table.append(does)
        return table

    def action_close(self) -> None:
        self.dismiss()

    def action_about(self) -> None:
        self.app.switch_screen(FirstRunScreen(first_time=False))
