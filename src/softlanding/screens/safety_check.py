"""The one gentle check: "Are you safe right now?" Yes / No / Not sure, each to a safety page.

Nothing about it is stored: the answer only chooses which page comes next. Asked of one
partner of a pair in private (`private_for`), it is worded the same neutral way for each
partner (`routine`: as the question every pair is asked at the end of every session), and may
first ask for the keyboard to be passed (`handover`), as the pair's hand-over screen does.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from softlanding.analysis.danger import page_after_check
from softlanding.screens.base import SAFETY_KEYS
from softlanding.textsafe import visible

Answer = tuple[str, str]  # the page to open, and the answer given ("yes", "no", "not_sure")


class SafetyCheckScreen(ModalScreen[Answer]):
    CSS_PATH = Path(__file__).with_name("safety.tcss")
    BINDINGS = [
        *SAFETY_KEYS,
        Binding("y", "answer('yes')", show=False, id="safety_check.yes"),
        Binding("n", "answer('no')", show=False, id="safety_check.no"),
        Binding("s", "answer('not_sure')", show=False, id="safety_check.not_sure"),
        # the answers sit in a row: the arrows move between them, as Tab does
        Binding("left", "app.focus_previous", show=False, id="safety_check.left"),
        Binding("right", "app.focus_next", show=False, id="safety_check.right"),
    ]

    def __init__(
        self,
        kind: str,
        private_for: tuple[str, str] | None = None,
        handover: bool = False,
        routine: bool = False,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.private_for = private_for  # (this partner's name, the other's): asked in private
        self.handing_over = handover and private_for is not None
        self.routine = routine and private_for is not None

    def compose(self) -> ComposeResult:
        pack = self.app.pack  # type: ignore[attr-defined]
        words = pack.safety.check
        if self.private_for is None:
            question, note = words.question, ""
        else:
            name, other = self.private_for
            safety = pack.text.safety
            question = safety.routine_check if self.routine else safety.private_check
            note = pack.text.private_safety.fear_note.format(other=other)
        with Vertical(id="check"):
            if self.handing_over:
                yield from self._handover()
            yield Static(Text(visible(question)), id="check-question")
            if note:
                yield Static(Text(visible(note)), id="check-note")
            with Horizontal(id="check-answers"):
                yield Button(words.yes, id="yes", compact=True)
                yield Button(words.no, id="no", compact=True)
                # Enter's answer, and it looks chosen: a reflex Enter never says "I'm safe" for
                # someone, nor "in danger now"; it opens the help that fits, like every answer
                yield Button(words.not_sure, id="not_sure", variant="primary", compact=True)

    def _handover(self) -> ComposeResult:
        """ "Pass the keyboard to Sam": the question waits until only Sam is looking."""
        assert self.private_for is not None
        name, other = self.private_for
        words = self.app.pack.text.handover  # type: ignore[attr-defined]
        with Vertical(id="check-handover"):
            yield Static(Text(visible(words.private_title.format(name=name))), id="check-title")
            body = words.private_body.format(name=name, other=other)
            yield Static(Text(visible(body)), id="check-body")
            ready = Content(visible(words.ready.format(name=name)))
            yield Button(ready, id="ready", variant="primary", compact=True)

    def on_mount(self) -> None:
        self._stage()

    def _stage(self) -> None:
        """The hand-over first (when asked for), then the question with its answers."""
        for part in ("#check-question", "#check-note", "#check-answers"):
            for widget in self.query(part):
                widget.display = not self.handing_over
        for widget in self.query("#check-handover"):
            widget.display = self.handing_over
        self.query_one("#ready" if self.handing_over else "#not_sure", Button).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return not self.handing_over  # no stray key answers before the partner is there
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ready":
            self.handing_over = False
            self._stage()
            return
        self.action_answer(event.button.id or "not_sure")

    def action_answer(self, answer: str) -> None:
        self.dismiss((page_after_check(self.kind, answer), answer))
