"""The pieces Respond and the speaker's turn share: the repair phrases, and showing your
words to your partner."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.flow.context import StepContext
from softlanding.screens.base import SAFETY_KEYS, ContextScreen, localise_bindings
from softlanding.widgets.lists import MarkedList

# their styles live with Respond's, where they were drawn
RESPOND_CSS = Path(__file__).parents[1] / "screens" / "respond.tcss"


class RepairPicker(ModalScreen[str | None]):
    """Repair phrases in their six groups; Enter picks one, Escape closes."""

    CSS_PATH = RESPOND_CSS
    BINDINGS = [*SAFETY_KEYS, Binding("escape", "close", "close", id="close")]

    def __init__(self, ctx: StepContext) -> None:
        super().__init__()
        self.pack = ctx.pack
        localise_bindings(self, self.pack.text.keys)

    def compose(self) -> ComposeResult:
        pack = self.pack
        options: list[Option] = []
        for g, group in enumerate(pack.repair.groups):
            options.append(Option(Text(group.name, style="bold"), disabled=True))
            options += [Option(f"  {p}", id=f"{g}-{i}") for i, p in enumerate(group.phrases)]
        with Vertical(id="repair"):
            yield Static(pack.repair.title, id="repair-title", markup=False)
            yield Static(pack.text.respond.repair_intro, id="repair-intro", markup=False)
            yield MarkedList(*options, id="phrases", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 1  # the first phrase (0 is its group's name)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        group, _, index = (event.option.id or "").partition("-")
        self.dismiss(self.pack.repair.groups[int(group)].phrases[int(index)])

    def action_close(self) -> None:
        self.dismiss(None)


class ShowPartnerScreen(ContextScreen[None]):
    """The chosen words, large and centred, to turn the screen towards your partner."""

    CSS_PATH = RESPOND_CSS
    BINDINGS = [
        Binding("escape", "close", "close", id="close"),
        Binding("enter", "close", show=False, id="close_enter"),
    ]

    def __init__(self, ctx: StepContext, words: str) -> None:
        super().__init__(ctx)
        self.words = words

    def compose(self) -> ComposeResult:
        text = self.pack.text.show_partner
        with Vertical(id="show"):
            yield Static(text.heading, id="show-heading", markup=False)
            yield Static(self.words or text.empty, id="show-words", markup=False)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss()
