"""Speaker and listener: the speaker writes one soft sentence (with the solo hints) and reads it
out; the listener says back what they heard, asks for more, validates and empathises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Footer, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection as TextSelection

from softlanding.flow.context import StepContext
from softlanding.screens.respond import DRAFT_SAVE_DELAY, UNKNOWN
from softlanding.screens.together.intro import PairScreen
from softlanding.screens.together.seats import other
from softlanding.textsafe import visible
from softlanding.widgets.hints import DraftHints
from softlanding.widgets.lists import MarkedList
from softlanding.widgets.repair import RepairPicker
from softlanding.widgets.textbox import LineBox, TextBox

SPEAKER_TYPES = ("confirm", "correct", "more")  # the stages where the speaker has the keyboard
YES, NO = "yes", "no"


class FloorScreen(PairScreen):
    """A speaker–listener screen: the bar names who has the floor and who is typing."""

    private_turn = False

    @property
    def speaker(self) -> str:
        return self.partner

    def turn_line(self) -> str:
        words, names = self.pack.text.together, self.names
        speaker, listener = names[self.speaker], names[other(self.speaker)]
        if self.typing() == self.speaker and self.speaker == self.partner:
            return str(words.turn_floor.format(speaker=speaker, listener=listener))
        typing = names[self.typing()]
        return str(words.turn_keyboard.format(speaker=speaker, listener=listener, typing=typing))


class SpeakScreen(FloorScreen):
    """The speaker's softened start-up, then the same words large, to read out."""

    CSS_PATH = Path(__file__).with_name("listen.tcss")
    BINDINGS = [
        Binding("escape", "back", "back", id="back"),
        Binding("ctrl+r", "repair", "respond_repair", id="respond_repair"),
        Binding("ctrl+n", "read", "together_read", id="together_read"),
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
                yield Static(words.speak_help.format(**fill), classes="help", markup=False)
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
        return action != "back" or self.stage == "read"

    def on_text_box_settled(self, event: TextBox.Settled) -> None:
        self._refresh_hints()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DRAFT_SAVE_DELAY, self.save_draft)

    def _refresh_hints(self) -> None:
        text = self.query_one("#draft", TextArea).text
        findings = self.host.analyzer.hints(text) if text.strip() else []
        self.query_one(DraftHints).show(findings, has_text=bool(text.strip()))

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
        draft = self.query_one("#draft", TextArea)
        if phrase:
            draft.insert(phrase + " ")
        draft.focus()

    def action_read(self) -> None:
        text = self.query_one("#draft", TextArea).text.strip()
        if not text or self.host.check_safety(text):
            return
        self.save_draft()
        self.record("final", text)
        self.query_one("#words", Static).update(visible(text))
        self.query_one("#stages", ContentSwitcher).current = "read"
        self.query_one("#said", Button).focus()
        self.refresh_bindings()

    def action_back(self) -> None:
        self.query_one("#stages", ContentSwitcher).current = "write"
        self.query_one("#draft", TextArea).focus()
        self.refresh_bindings()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.done()


class ListenScreen(FloorScreen):
    """The listener's turn (their answers are saved as theirs); the speaker answers in between."""

    CSS_PATH = Path(__file__).with_name("listen.tcss")
    step = "listen"

    @property
    def speaker(self) -> str:
        return other(self.partner)

    def typing(self) -> str:
        stages = self.query("#stages")
        stage = stages.first(ContentSwitcher).current if stages else "mirror"
        return self.speaker if stage in SPEAKER_TYPES else self.partner

    def compose(self) -> ComposeResult:
        words = self.pack.text.listen
        fill = {"speaker": self.names[self.speaker], "listener": self.names[self.partner]}
        yield self.turn_bar()
        with VerticalScroll(id="listen"):
            yield Static(self._said(), id="said", markup=False)
            with ContentSwitcher(initial=self._resume_at(), id="stages"):
                yield typed_question(
                    "mirror", words.mirror_question.format(**fill), words.mirror_prefix
                )
                yield Vertical(
                    Static("", id="heard", markup=False),
                    Static(words.confirm_question.format(**fill), classes="question", markup=False),
                    MarkedList(
                        Option(words.confirm_yes, id=YES),
                        Option(words.confirm_no, id=NO),
                        id="confirm-list",
                        markup=False,
                    ),
                    id="confirm",
                )
                yield typed_question("correct", words.correct_question.format(**fill))
                yield typed_question(
                    "more", words.more_question.format(**fill), hint=words.more_hint.format(**fill)
                )
                yield typed_question(
                    "validate", words.validate_question.format(**fill), words.validate_prefix
                )
                yield typed_question(
                    "empathise", words.empathise_question.format(**fill), words.empathise_prefix
                )
        yield Footer()

    def _said(self) -> str:
        """What the speaker said, and added since: spoken aloud, so both may see it."""
        words, name = self.pack.text.listen, self.names[self.speaker]
        said = self.ctx.answers.get("respond", self.speaker).get("final", "")
        lines = [words.said.format(name=name), f"“{said}”"]
        heard = self.answers()
        for field in ("correction", "more"):
            if heard.get(field):
                lines += [words.added.format(name=name), f"“{heard[field]}”"]
        return visible("\n".join(lines))  # typed words never drive the terminal

    def _heard(self) -> str:
        words, heard = self.pack.text.listen, self.answers().get("mirror", "")
        return visible(f"{words.heard.format(listener=self.names[self.partner])}\n“{heard}”")

    def _resume_at(self) -> str:
        saved = self.answers()
        if "validate" in saved:
            return "empathise"
        if saved.get("confirmed") is True:
            return "more"
        return "confirm" if "mirror" in saved else "mirror"

    def on_mount(self) -> None:
        self._show(self.query_one("#stages", ContentSwitcher).current or "mirror")

    def _show(self, stage: str) -> None:
        self.query_one("#stages", ContentSwitcher).current = stage
        self.query_one("#turn", Static).update(self.turn_line())
        self.query_one("#said", Static).update(self._said())
        if stage == "confirm":
            self.query_one("#heard", Static).update(self._heard())
        target = self.query_one(f"#{stage} Input, #{stage} OptionList")
        if isinstance(target, Input):
            target.value = ""  # each round is fresh: what was given is saved and shown above
        elif isinstance(target, OptionList):
            target.highlighted = 0
        target.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        agreed = event.option.id == YES
        self.record("confirmed", agreed)
        self._show("more" if agreed else "correct")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        stage, text = (event.input.id or "").removesuffix("-input"), event.value.strip()
        if text and self.host.check_safety(text):
            return  # the resources are open; these words are not kept
        if stage == "mirror" and not text:
            return  # saying back is the heart of it: wait for a few words
        if stage == "more" and text:
            earlier = self.answers().get("more")
            text = f"{earlier}\n{text}" if earlier else text
        if text:
            self.record(stage if stage != "correct" else "correction", text)
        self._next(stage, bool(text))

    def _next(self, stage: str, given: bool) -> None:
        if stage == "empathise":
            self.done()
            return
        following = {"mirror": "confirm", "correct": "mirror", "validate": "empathise"}
        if stage == "more":
            self._show("mirror" if given else "validate")
        else:
            self._show(following[stage])


def typed_question(stage: str, question: str, prefix: str = "", hint: str = "") -> Widget:
    """A question answered in words, with an optional sentence start before the box."""
    box = LineBox(id=f"{stage}-input", max_length=2000)
    parts: list[Widget] = [Static(question, classes="question", markup=False)]
    if prefix:
        parts.append(Horizontal(Static(prefix, classes="prefix", markup=False), box))
    else:
        parts.append(box)
    if hint:
        parts.append(Static(hint, classes="hint", markup=False))
    return Vertical(*parts, id=stage)


def _real(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and value not in UNKNOWN
