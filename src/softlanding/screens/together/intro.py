"""Together mode: the start screen (names, who goes first), and what every pair screen shares."""

from __future__ import annotations

import contextlib
import random
from functools import cached_property
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.flow.steps import Turn
from softlanding.screens.base import BaseScreen, StepScreen
from softlanding.store.errors import StoreError
from softlanding.textsafe import visible
from softlanding.widgets.turn import TurnBar

SLOTS = ("A", "B")
NAME_LENGTH = 30


def partner_names(app: Any) -> dict[str, str]:
    """Each slot's first name for this session (the pack's "A"/"B" when none was given)."""
    words = app.pack.text.together
    record = app.store.load(app.session_id) if app.session_id else None
    found = record.partners if record is not None else {}
    names = {
        "A": found.get("A") or words.first_default,
        "B": found.get("B") or words.second_default,
    }
    return {slot: visible(name) for slot, name in names.items()}  # typed: never an escape


def other(partner: str) -> str:
    return "B" if partner == "A" else "A"


class PairScreen(StepScreen):
    """A screen in a pair's flow: says whose turn it is, takes private notes, and keeps the
    session's resume point on this turn (a saved answer alone records only the step)."""

    BINDINGS = [Binding("ctrl+t", "note", "together_note")]
    flow_step: str = ""  # where the flow stands, when it differs from where answers are saved
    private_turn: bool = True  # only `partner` is looking, so their notes are theirs alone

    @cached_property
    def names(self) -> dict[str, str]:
        return partner_names(self.sl)

    @property
    def words(self) -> Any:
        return self.sl.pack.text.together

    @property
    def position(self) -> str:
        return Turn("", self.flow_step or self.step, self.partner).position

    def turn_bar(self) -> TurnBar:
        return TurnBar(self.turn_line(), private=self.private_turn, id="turn")

    def turn_line(self) -> str:
        if self.private_turn:
            return str(self.words.turn_private.format(name=self.names[self.partner]))
        return str(self.words.turn_shared.format(a=self.names["A"], b=self.names["B"]))

    def record(
        self, field: str, value: Any, private: bool = False, partner: str | None = None
    ) -> None:
        """Autosave one answer (for `partner`, this turn's partner by default)."""
        partner = partner or self.partner
        self.sl.record(self.step, field, value, partner=partner, private=private)
        self.keep_place()

    def record_both(self, field: str, value: Any) -> None:
        """One agreed answer (a return time, the next talk), saved in each partner's rows."""
        for slot in SLOTS:
            self.record(field, value, partner=slot)

    def keep_place(self) -> None:
        if self.sl.session_id is None:
            return
        # the app has already said the disk is failing; the answer itself matters more
        with contextlib.suppress(StoreError):
            self.sl.store.set_step(self.sl.session_id, self.position)

    def done(self) -> None:
        self.save_draft()
        self.sl.advance(self.flow_step or self.step, self.partner)

    def action_note(self) -> None:
        from softlanding.screens.together.handover import NoteScreen

        if self.sl.session_id is None:
            return
        fixed = self.partner if self.private_turn else None
        note = NoteScreen(self.step, self.names, writer=self.typing(), fixed=fixed)
        self.app.push_screen(note, callback=lambda _saved: self.keep_place())

    def typing(self) -> str:
        """Who is at the keyboard now (a listener's screen moves it between the two)."""
        return self.partner


class TogetherStartScreen(BaseScreen[None]):
    """Two first names (or A and B), then who goes first: that partner takes slot A."""

    CSS_PATH = Path(__file__).with_name("intro.tcss")
    BINDINGS = [Binding("escape", "back", "back")]

    def compose(self) -> ComposeResult:
        words = self.sl.pack.text.together
        with Vertical(id="together"):
            yield Static(words.title, id="title", markup=False)
            yield Static(words.intro, id="intro", markup=False)
            yield Static(words.names_question, classes="question", markup=False)
            with Horizontal(id="names"):
                yield Input(placeholder=words.first_placeholder, id="first", max_length=NAME_LENGTH)
                yield Input(
                    placeholder=words.second_placeholder, id="second", max_length=NAME_LENGTH
                )
            yield Static(words.who_first, classes="question", markup=False)
            defaults = (words.first_default, words.second_default)
            yield OptionList(*self._orders(*defaults), id="order", markup=False)
            yield Static(words.hint, classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#first", Input).focus()

    def _names(self) -> tuple[str, str]:
        words = self.sl.pack.text.together
        first = " ".join(self.query_one("#first", Input).value.split())
        second = " ".join(self.query_one("#second", Input).value.split())
        return first or words.first_default, second or words.second_default

    def _orders(self, first: str, second: str) -> list[Option]:
        words = self.sl.pack.text.together
        return [
            Option(Content(words.goes_first.format(name=first)), id="first"),  # names: plain text
            Option(Content(words.goes_first.format(name=second)), id="second"),
            Option(words.random, id="random"),
        ]

    def on_input_changed(self, event: Input.Changed) -> None:
        listing = self.query_one("#order", OptionList)
        highlighted = listing.highlighted
        listing.set_options(self._orders(*self._names()))
        listing.highlighted = highlighted

    def on_input_submitted(self, event: Input.Submitted) -> None:
        target = "#second" if event.input.id == "first" else "#order"
        self.query_one(target).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        first, second = self._names()
        choice = event.option.id
        if choice == "random":
            choice = random.choice(("first", "second"))
        order = (first, second) if choice == "first" else (second, first)
        self.sl.start_session("together", partners=tuple(zip(SLOTS, order, strict=True)))
        self.sl.show_turn(self.sl.flow.first())

    def action_back(self) -> None:
        self.sl.go_home()
