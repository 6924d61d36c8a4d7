"""Together mode: the start screen (names, who goes first), and what every pair screen shares."""

from __future__ import annotations

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
from softlanding.flow.together import TogetherFlow, progress
from softlanding.screens.base import BaseScreen, StepScreen
from softlanding.screens.together.carry_on import CarryOnScreen
from softlanding.screens.together.note import NoteScreen
from softlanding.screens.together.seats import SLOTS, partner_names
from softlanding.widgets.lists import MarkedList
from softlanding.widgets.textbox import LineBox
from softlanding.widgets.turn import TurnBar

NAME_LENGTH = 30


class PairScreen(StepScreen):
    """A screen in a pair's flow: says whose turn it is, takes private notes, and keeps the
    session's resume point on this turn (a saved answer alone records only the step)."""

    BINDINGS = [Binding("ctrl+t", "note", "together_note", id="together_note")]
    private_turn: bool = True  # only `partner` is looking, so their notes are theirs alone

    @cached_property
    def names(self) -> dict[str, str]:
        return partner_names(self.ctx)

    @property
    def words(self) -> Any:
        return self.pack.text.together

    @property
    def position(self) -> str:
        return Turn(self.ctx.step, self.partner, flow="together").position

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":  # offered only where it leads: an earlier stage, or the hand-over
            return self.has_earlier() or self.can_go_back()
        return True

    def has_earlier(self) -> bool:
        """Whether this turn has an earlier stage of its own to go back to."""
        return False

    def can_go_back(self) -> bool:
        """Whether Esc leaves this turn for an earlier screen: its own hand-over, or (the short
        way) the same speaker's naming; never another partner's private turn."""
        saved = self.ctx.answers.saved
        return TogetherFlow().before(self.ctx.step, self.partner, saved) is not None

    def action_back(self) -> None:
        self.save_draft()
        self.host.go_back(self.ctx.step, self.partner)

    def turn_bar(self) -> TurnBar:
        line, private = self.turn_line(), self.private_turn
        return TurnBar(line, private=private, progress=self.progress_line(), id="turn")

    def progress_line(self) -> str:
        """How far along the chosen path this turn is ("Step 3 of 7"); empty before a choice."""
        found = progress(self.ctx.step, self.partner, self.ctx.answers.saved)
        return "" if found is None else str(self.words.progress.format(n=found[0], total=found[1]))

    def turn_line(self) -> str:
        if self.private_turn:
            return str(self.words.turn_private.format(name=self.names[self.partner]))
        return str(self.words.turn_shared.format(a=self.names["A"], b=self.names["B"]))

    def record(
        self, field: str, value: Any, private: bool = False, partner: str | None = None
    ) -> None:
        """Autosave one answer (for `partner`, this turn's partner by default)."""
        seat = partner or self.partner
        private = private or self.private_turn  # typed on a private turn: the seat's own
        self.ctx.answers.save(self.step, field, value, seat=seat, private=private)
        self.keep_place()

    def record_both(self, field: str, value: Any) -> None:
        """One agreed answer (a return time, the next talk), saved in each partner's rows."""
        for slot in SLOTS:
            self.record(field, value, partner=slot)

    def keep_place(self) -> None:
        self.ctx.answers.set_step(self.position, quiet=True)

    def action_note(self) -> None:
        if not self.ctx.answers.active:
            return
        fixed = self.partner if self.private_turn else None
        note = NoteScreen(self.ctx, self.step, self.names, writer=self.typing(), fixed=fixed)
        self.app.push_screen(note, callback=lambda _saved: self.keep_place())

    def typing(self) -> str:
        """Who is at the keyboard now (a listener's screen moves it between the two)."""
        return self.partner


class TogetherStartScreen(BaseScreen[None]):
    """Two first names (or A and B), then who goes first: that partner takes slot A."""

    CSS_PATH = Path(__file__).with_name("intro.tcss")
    BINDINGS = [
        Binding("escape", "back", "back", id="back"),
        # over Input
        Binding("ctrl+k", "toggle_keep", "together_no_keep", priority=True, id="together_no_keep"),
    ]
    keep = True  # "don't keep this session": nothing of it is written to disk

    def compose(self) -> ComposeResult:
        words = self.pack.text.together
        with Vertical(id="together"):
            yield Static(words.title, id="title", markup=False)
            yield Static(words.intro, id="intro", markup=False)
            yield Static(words.names_question, classes="question", markup=False)
            with Horizontal(id="names"):
                yield LineBox(
                    placeholder=words.first_placeholder, id="first", max_length=NAME_LENGTH
                )
                yield LineBox(
                    placeholder=words.second_placeholder, id="second", max_length=NAME_LENGTH
                )
            yield Static(words.who_first, classes="question", markup=False)
            defaults = (words.first_default, words.second_default)
            yield MarkedList(*self._orders(*defaults), id="order", markup=False)
            yield Static(words.hint, classes="hint", markup=False)
            yield Static(words.kept, id="keeping", classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#first", Input).focus()
        unfinished = self.sl.library.unfinished_together()
        if unfinished is not None:  # a pair that stopped part-way may carry on instead
            sid = unfinished.id
            self.app.push_screen(
                CarryOnScreen(unfinished), lambda go_on: self._carry_on(go_on, sid)
            )

    def _carry_on(self, go_on: bool | None, sid: str) -> None:
        if go_on:
            self.sl.resume_session(sid)

    def action_toggle_keep(self) -> None:
        self.keep = not self.keep
        words = self.pack.text.together
        self.query_one("#keeping", Static).update(words.kept if self.keep else words.unkept)

    def _names(self) -> tuple[str, str]:
        words = self.pack.text.together
        first = " ".join(self.query_one("#first", Input).value.split())
        second = " ".join(self.query_one("#second", Input).value.split())
        return first or words.first_default, second or words.second_default

    def _orders(self, first: str, second: str) -> list[Option]:
        words = self.pack.text.together
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
        partners = tuple(zip(SLOTS, order, strict=True))
        self.sl.start_session("together", partners=partners, keep=self.keep)
        self.sl.show_turn(self.sl.session.first())

    def action_back(self) -> None:
        self.sl.go_home()
