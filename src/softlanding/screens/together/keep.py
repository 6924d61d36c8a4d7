"""Keep: on their own first turn, each partner chooses how their unshared words are kept —
erased when the session ends, or sealed with a passphrase only they know. Said before
anything is typed."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.screens.together.intro import PairScreen
from softlanding.screens.together.seats import other
from softlanding.widgets.lists import MarkedList
from softlanding.widgets.passphrase import MOVE_KEYS, PassphraseBox

KEEP = "keep"
FORGET, SEAL = "forget", "seal"


class KeepScreen(PairScreen):
    CSS_PATH = Path(__file__).with_name("keep.tcss")
    BINDINGS = [
        Binding("enter", "next_box", "passphrase_next", id="passphrase.next"),
        Binding("enter", "seal", "passphrase_lock", id="passphrase.lock"),
        Binding("escape", "back", "back", id="back"),
        # still there, unlisted: with "Lock them" the footer must keep Quit in view at 80 columns
        Binding("ctrl+t", "note", "together_note", show=False, id="together_note"),
        *MOVE_KEYS,
    ]
    step = KEEP

    def compose(self) -> ComposeResult:
        words = self.pack.text.keep
        fill = {"name": self.names[self.partner], "other": self.names[other(self.partner)]}
        yield self.turn_bar()
        with VerticalScroll(id="keep"):
            yield Static(words.title.format(**fill), id="title", markup=False)
            yield Static(words.body.format(**fill), id="body", markup=False)
            yield MarkedList(
                Option(words.forget, id=FORGET), Option(words.seal, id=SEAL), id="how", markup=False
            )
            with Vertical(id="passphrase"):
                yield Static(words.seal_note, classes="hint", markup=False)
                yield PassphraseBox(placeholder=words.passphrase, id="first")
                yield PassphraseBox(placeholder=words.again, id="second")
                yield Static("", id="problem", markup=False)
                yield Button(Content(words.lock), id="lock", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#passphrase").display = False
        listing = self.query_one("#how", OptionList)
        listing.highlighted = 0
        listing.focus()

    def has_earlier(self) -> bool:
        return bool(self.query_one("#passphrase").display)  # Esc: back to the two ways

    def action_back(self) -> None:
        if not self.has_earlier():
            super().action_back()  # the hand-over: nothing of anyone's words is on it
            return
        self.query_one("#passphrase").display = False
        self.query_one("#how", OptionList).focus()
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == FORGET:
            self.done()
            return
        self.query_one("#passphrase").display = True
        self.query_one("#first", Input).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter in the first box goes to the second; in the second it locks."""
        focused = self.focused.id if self.focused is not None else None
        if action == "next_box":
            return focused == "first"
        if action == "seal":
            return focused == "second"
        return super().check_action(action, parameters)

    def action_next_box(self) -> None:
        self.query_one("#second", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_seal()

    def action_seal(self) -> None:
        first, second = self.query_one("#first", Input), self.query_one("#second", Input)
        words = self.pack.text.keep
        if not first.value or first.value != second.value:
            problem = words.differ if first.value else words.empty
            self.query_one("#problem", Static).update(problem)
            first.value = second.value = ""
            first.focus()
            return
        self.ctx.answers.keeping.set_passphrase(self.partner, first.value)
        first.value = second.value = ""  # the passphrase is not kept, on screen or anywhere
        # that this partner seals (not what): resuming then knows not to write their words plainly
        self.ctx.answers.save(KEEP, "sealed", True, seat=self.partner, private=False)
        self.notify(words.sealed.format(name=self.names[self.partner]), markup=False)
        self.done()
