"""`softlanding together` with a session left unfinished: carry on where you stopped, or start
a new one (the first is the default: one Enter gets a pair back to where they were)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.models import SessionRecord, readable_time
from softlanding.screens.base import BaseScreen
from softlanding.textsafe import one_line
from softlanding.widgets.lists import MarkedList

GO_ON, NEW = "carry_on", "new"


class CarryOnScreen(BaseScreen[bool]):
    """Dismisses True to carry on the unfinished session, False to start a new one."""

    CSS_PATH = Path(__file__).with_name("intro.tcss")

    def __init__(self, record: SessionRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        words = self.pack.text.together
        names = self.record.partners
        moment = readable_time(self.record.started_at)
        when = (
            moment.strftime("%a %d %b, %H:%M")
            if moment
            else self.pack.text.session_view.date_unknown
        )
        fill = {
            "a": one_line(names.get("A") or words.first_default),
            "b": one_line(names.get("B") or words.second_default),
            "when": when,
        }
        with Vertical(id="together"):
            yield Static(words.carry_on_title, id="title", markup=False)
            yield Static(words.carry_on_body.format(**fill), id="intro", markup=False)
            yield MarkedList(
                Option(Content(words.carry_on), id=GO_ON),
                Option(Content(words.start_new), id=NEW),
                id="order",
                markup=False,
            )
            yield Static(words.hint, classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = 0
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id == GO_ON)
