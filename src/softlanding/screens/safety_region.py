"""Around the safety page: choosing a region once, and "ordinary conflict or something else?"."""

from __future__ import annotations

import contextlib
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from softlanding.screens.base import SAFETY_KEYS, localise_bindings
from softlanding.widgets.lists import MarkedList

_NONE = "__none__"


class RegionScreen(ModalScreen[str | None]):
    """The user's region, saved as a setting; that region's lines come first."""

    CSS_PATH = Path(__file__).with_name("safety.tcss")
    BINDINGS = [*SAFETY_KEYS, Binding("escape", "cancel", "back", id="region.cancel")]

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current  # the region chosen before: the mark starts there
        localise_bindings(self, self.app.pack.text.keys)  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        words = self.app.pack.safety.region  # type: ignore[attr-defined]
        with VerticalScroll(id="region"):
            yield Static(Text(words.question), id="region-question")
            options = [Option(Text(r), id=r) for r in words.regions]
            none = Option(Text(words.none), id=_NONE)
            yield MarkedList(*options, none, id="regions")  # the mark, not colour alone
        yield Footer()  # how to go back without choosing, and the safety keys, as everywhere

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        with contextlib.suppress(OptionDoesNotExist):  # none yet: the first region
            listing.highlighted = listing.get_option_index(self.current)
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id or _NONE
        self.dismiss("" if chosen == _NONE else chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)


class OrdinaryScreen(ModalScreen[None]):
    """Universal education: everyday conflict beside control and abuse, in our own words."""

    CSS_PATH = Path(__file__).with_name("safety.tcss")
    BINDINGS = [*SAFETY_KEYS, Binding("escape", "dismiss", "close", id="ordinary.close")]

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self, self.app.pack.text.keys)  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        page = self.app.pack.safety.ordinary  # type: ignore[attr-defined]
        with VerticalScroll(id="ordinary"):
            yield Static(Text(page.title), id="ordinary-title")
            yield Static(Text("\n\n".join(page.lines)), id="ordinary-lines")
        yield Footer()  # how to close it, and the safety keys, as on every page

    def on_mount(self) -> None:
        self.query_one("#ordinary", VerticalScroll).focus()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
