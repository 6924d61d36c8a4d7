"""Before the talk after the fight: together or preparing alone, who is here, and calm first."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.flow.after import STEP, AfterFlow, Mode
from softlanding.models import SessionRecord
from softlanding.screens.base import BaseScreen
from softlanding.textsafe import is_blank
from softlanding.widgets.lists import MarkedList
from softlanding.widgets.textbox import LineBox

NAME_LENGTH = 30


class AfterStartScreen(BaseScreen[None]):
    """Asks whether both are calm (or one is preparing); a session starts only after a yes."""

    CSS_PATH = Path(__file__).with_name("talk.tcss")
    BINDINGS = [Binding("escape", "home", "back", id="after.home")]

    def __init__(
        self, names: dict[str, str] | None = None, about: SessionRecord | None = None
    ) -> None:
        """`names`: the pair's, e.g. from the session in Look back (`about`) this talk is over."""
        super().__init__()
        self.talk = self.pack.after
        given = {slot: name for slot, name in (names or {}).items() if not is_blank(name)}
        self.names = {**self._known_names(), **given}
        self.about = about
        self._ahead: list[str] = []  # letters typed after each Enter not yet handled by the list

    def compose(self) -> ComposeResult:
        talk = self.talk
        with VerticalScroll(id="talk"):
            yield Static(Content(talk.title), classes="question")
            yield Static(Content(talk.intro), id="intro")
            yield Static(Content(talk.calm_check), classes="question")
            yield MarkedList(
                Option(Content(talk.calm_yes), id="together"),
                Option(Content(talk.calm_solo), id="solo"),
                Option(Content(talk.calm_not_yet), id="not_yet"),
                id="calm",
            )
            yield Static(Content(talk.names_question), id="names-question", classes="question")
            with Horizontal(id="names"):
                for slot in ("A", "B"):  # empty, the known name as a placeholder: typed names
                    # never race a selection, and an untouched box keeps the name
                    name = self.names[slot]
                    yield LineBox(placeholder=name, id=f"name-{slot}", max_length=NAME_LENGTH)
            yield Static("", id="not-yet", classes="hint")
        yield Footer()

    def action_home(self) -> None:
        self.sl.go_home()

    def on_mount(self) -> None:
        self.query_one("#names-question").display = False
        self.query_one("#names").display = False
        self.query_one("#calm", OptionList).focus()  # the one thing to do here: answer

    def _known_names(self) -> dict[str, str]:
        """The newest pair's names; the pack's neutral ones for any that would show as blank."""
        words = self.pack.text.together
        found = {s: n for s, n in self.sl.library.latest_partners().items() if not is_blank(n)}
        return {
            "A": found.get("A") or words.first_default,
            "B": found.get("B") or words.second_default,
        }

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id
        ahead = self._ahead.pop(0) if self._ahead else ""
        if isinstance(self.focused, Input):  # an Enter typed fast reached the list: the box's
            self._given(self.focused, ahead)
        elif choice == "not_yet":
            self.query_one("#not-yet", Static).update(Content(self.talk.not_yet))
        elif choice == "solo":
            self._begin("solo")
        else:
            self.query_one("#names-question").display = True
            self.query_one("#names").display = True
            self._fill("A", ahead)

    def on_key(self, event: events.Key) -> None:
        """Keys typed fast after an Enter on the list reach it before its choice is made: kept,
        one run of letters per Enter, for the name boxes that choice opens."""
        if not isinstance(self.focused, OptionList):
            return
        if event.key == "enter":
            self._ahead.append("")
        elif self._ahead and event.is_printable and event.character:
            self._ahead[-1] += event.character

    def _fill(self, slot: str, typed: str) -> None:
        box = self.query_one(f"#name-{slot}", Input)
        self.set_focus(box)  # at once: keys still arriving are this box's
        if typed:
            box.insert_text_at_cursor(typed)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._given(event.input)

    def _given(self, box: Input, ahead: str = "") -> None:
        if box.id == "name-A":
            self._fill("B", ahead)
            return
        for slot in ("A", "B"):
            typed = " ".join(self.query_one(f"#name-{slot}", Input).value.split())
            self.names[slot] = self.names[slot] if is_blank(typed) else typed
        self._begin("together")

    def _begin(self, mode: Mode) -> None:
        kind = "together" if mode == "together" else "solo"
        pair = (("A", self.names["A"]), ("B", self.names["B"]))
        alone = (("A", self.pack.text.after_talk.solo_name),)
        self.sl.session.start(kind, pair if mode == "together" else alone)
        self.sl.session.flow = AfterFlow(mode)
        if self.about is not None:  # which fight this talk is over: its start, on the clock
            self.sl.session.record(STEP, "about_session", self.about.started_at)
        self.sl.show_turn(self.sl.session.first())
