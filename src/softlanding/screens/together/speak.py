"""The speaker's turn: one soft sentence (with the solo hints and repair phrases), then the
same words large, to read out (the short way goes straight on to the listener, who sees them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, ContentSwitcher, Footer, Static, TextArea
from textual.widgets.text_area import Selection as TextSelection

from softlanding.flow.context import StepContext
from softlanding.screens.respond import DRAFT_SAVE_DELAY, UNKNOWN
from softlanding.screens.together.floor import FloorScreen
from softlanding.screens.together.seats import other
from softlanding.textsafe import visible
from softlanding.widgets.hints import DraftHints, draft_notes
from softlanding.widgets.repair import RepairPicker
from softlanding.widgets.textbox import TextBox


class SpeakScreen(FloorScreen):
    """The speaker's softened start-up, then the same words large, to read out."""

    CSS_PATH = Path(__file__).with_name("listen.tcss")
    BINDINGS = [
        Binding("escape", "back", "back", id="back"),
        Binding("ctrl+r", "repair", "respond_repair", id="respond_repair"),
        Binding("ctrl+n", "read", "together_read", id="together_read"),
        # still there, unlisted: with Back and the phrases, the footer must keep Quit in view
        Binding("ctrl+t", "note", "together_note", show=False, id="together_note"),
    ]
    step = "respond"

    def __init__(self, ctx: StepContext) -> None:
        super().__init__(ctx)
        self._saved = str(self.answers().get("draft", ""))
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        words, fill = self.pack.text.listen, self._fill()
        yield self.turn_bar()
        with ContentSwitcher(initial="write", id="stages"):
            with Vertical(id="write"):
                yield Static(words.speak_title.format(**fill), classes="title", markup=False)
                help_ = words.speak_help.format(**fill)
                yield Static(help_, id="speak-help", classes="help", markup=False)
                with Horizontal(id="writing"):
                    yield TextBox(
                        self._saved or self._start(),
                        id="draft",
                        soft_wrap=True,
                        too_long=self.pack.text.app.too_long,
                    )
                    yield DraftHints(
                        self.pack.text.hints, self.pack.templates.startup_hint, id="hints"
                    )
            with VerticalScroll(id="read"):
                yield Static(words.read_title.format(**fill), classes="title", markup=False)
                yield Static("", id="words", markup=False)
                yield Static(words.read_hint, classes="hint", markup=False)
                yield Button(Content(words.said_it), id="said", variant="primary")
        yield Footer(compact=True)

    def _fill(self) -> dict[str, str]:
        return {"name": self.names[self.partner], "listener": self.names[other(self.partner)]}

    def _start(self) -> str:
        """The solo start-up sentence, with the feeling and need this partner named and agreed
        to share (the listener may be reading along)."""
        named, blank = self.ctx.answers.get("name", self.partner), self.pack.text.respond.blank
        shared = set(named.get("reveal") or [])
        named = {field: value for field, value in named.items() if field in shared}
        feeling = next((v for v in (named.get("word"), named.get("under")) if _real(v)), blank)
        need = named.get("need") if _real(named.get("need")) else blank
        return str(self.pack.templates.softened_startup).format(
            feeling=feeling, situation=blank, need=need
        )

    def on_mount(self) -> None:
        draft = self.query_one("#draft", TextArea)
        blank = self.pack.text.respond.blank
        at = draft.text.find(blank)
        if at >= 0 and not self._saved:  # typing replaces the first gap straight away
            draft.selection = TextSelection((0, at), (0, at + len(blank)))
        else:
            draft.move_cursor(draft.document.end)
        draft.focus()
        self._refresh_hints()

    @property
    def stage(self) -> str:
        return self.query_one("#stages", ContentSwitcher).current or "write"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("repair", "read"):
            return self.stage == "write"
        if action == "back":  # the words again; before them, the hand-over or the naming
            return self.stage == "read" or self.can_go_back()
        return True

    def on_text_box_settled(self, event: TextBox.Settled) -> None:
        self._refresh_hints()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DRAFT_SAVE_DELAY, self.save_draft)

    def _refresh_hints(self) -> None:
        text = self.query_one("#draft", TextArea).text
        findings, has_text = draft_notes(self.host.analyzer, text)
        self.query_one(DraftHints).show(findings, has_text=has_text)

    def save_draft(self) -> None:
        text = self.query_one("#draft", TextArea).text.strip()
        if not self.ctx.answers.active or text == self._saved:
            return
        if not text or not self.host.analyzer.safety(text).concern:  # quiet: no sudden screen
            self.record("draft", text)
            self._saved = text

    def action_repair(self) -> None:
        self.app.push_screen(RepairPicker(self.ctx), callback=self._insert)

    def _insert(self, phrase: str | None) -> None:
        """A phrase is a sentence of its own, with a space either side: at the cursor, or after
        the words while the start-up sentence still has a gap (never inside the sentence)."""
        draft = self.query_one("#draft", TextArea)
        if phrase:
            if self.pack.text.respond.blank in draft.text:
                draft.move_cursor(draft.document.end)
            before = draft.get_text_range((0, 0), draft.cursor_location)
            after = draft.get_text_range(draft.cursor_location, draft.document.end)
            padded = (" " if before and not before[-1].isspace() else "") + phrase
            padded += " " if after and not after[0].isspace() else ""
            draft.move_cursor(draft.insert(padded).end_location)
        draft.focus()

    def _gap_left(self, draft: TextArea) -> bool:
        """Select the first gap still in the words (typing replaces it) and say so."""
        blank = self.pack.text.respond.blank
        lines = draft.text.split("\n")
        row = next((n for n, line in enumerate(lines) if blank in line), None)
        if row is None:
            return False
        at = lines[row].index(blank)
        draft.selection = TextSelection((row, at), (row, at + len(blank)))
        gaps = self.pack.text.listen.gaps_left.format(blank=blank)
        self.query_one("#speak-help", Static).update(gaps)
        draft.focus()
        return True

    def action_read(self) -> None:
        draft = self.query_one("#draft", TextArea)
        text = draft.text.strip()
        if not text or self.host.check_safety(text) or self._gap_left(draft):
            return
        self.save_draft()
        kept = self._keep_final(text)
        if self.short:  # the listener's screen shows the words to read out: no stop between
            self.done()
            return
        shown = visible(text) if kept else self.pack.text.listen.kept_off
        self.query_one("#words", Static).update(shown)
        self.query_one("#stages", ContentSwitcher).current = "read"
        self.query_one("#said", Button).focus()
        self.refresh_bindings()

    def _keep_final(self, text: str) -> bool:
        """Save the words to read out; False when they were withheld (the safety watch keeps
        danger language unsaved), and then no earlier words stand in for them."""
        self.record("final", text)
        if self.answers().get("final") == text:
            return True
        self.ctx.answers.forget(self.step, "final", seat=self.partner)
        return False

    def action_back(self) -> None:
        if self.stage == "write":
            super().action_back()
            return
        self.query_one("#stages", ContentSwitcher).current = "write"
        self.query_one("#draft", TextArea).focus()
        self.refresh_bindings()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.done()


def _real(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and value not in UNKNOWN
