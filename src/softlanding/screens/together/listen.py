"""The listener's turn: say back what you heard; the speaker answers whether that was it (and
corrects or adds, on their own seat); then, on the full way, what makes sense and how the
speaker might feel."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Footer, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.screens.together.floor import FloorScreen, typed_question
from softlanding.screens.together.seats import other
from softlanding.textsafe import visible
from softlanding.widgets.lists import MarkedList
from softlanding.widgets.textbox import WrapBox
from softlanding.widgets.turn import TurnBar

SPEAKER_TYPES = ("confirm", "correct", "more")  # the stages where the speaker has the keyboard
SPEAKER_SAYS = {"correct": "correction", "more": "more"}  # saved under the speaker's seat
YES, NO = "yes", "no"


class ListenScreen(FloorScreen):
    """The listener's turn: their words saved under their seat, the speaker's under the
    speaker's (who said what stays true in history, `show` and export)."""

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
        question = partial(typed_question, wrap=True)  # a long answer stays in view, wrapped
        yield self.turn_bar()
        with VerticalScroll(id="listen"):
            yield Static(self._said(), id="said", markup=False)
            with ContentSwitcher(initial=self._resume_at(), id="stages"):
                yield question("mirror", words.mirror_question.format(**fill), words.mirror_prefix)
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
                yield question("correct", words.correct_question.format(**fill))
                if not self.short:
                    more_hint = words.more_hint.format(**fill)
                    yield question("more", words.more_question.format(**fill), hint=more_hint)
                    validate = words.validate_question.format(**fill)
                    yield question("validate", validate, words.validate_prefix)
                    empathise = words.empathise_question.format(**fill)
                    yield question("empathise", empathise, words.empathise_prefix)
        yield Footer()

    def _said(self) -> str:
        """What the speaker said, and added since: spoken aloud, so both may see it."""
        words, name = self.pack.text.listen, self.names[self.speaker]
        spoken = self.spoken()
        if self.short:  # the speaker reads it out from here
            title = words.read_title.format(name=name, listener=self.names[self.partner])
        else:
            title = words.said.format(name=name)
        lines = [title, self._quoted(spoken.get("final"))]
        for field in SPEAKER_SAYS.values():
            if spoken.get(field):
                lines += [words.added.format(name=name), f"“{spoken[field]}”"]
        return visible("\n".join(lines))  # typed words never drive the terminal

    def _heard(self) -> str:
        words, heard = self.pack.text.listen, self.answers().get("mirror")
        title = words.heard.format(listener=self.names[self.partner])
        return visible(f"{title}\n{self._quoted(heard)}")

    def _quoted(self, said: object) -> str:
        """Words said aloud, in quotation marks; words withheld (never saved: the shared screen's
        safety watch kept them) get a plain line, never empty quotes."""
        if isinstance(said, str) and said.strip():
            return f"“{said}”"
        return str(self.pack.text.listen.kept_off)

    def _resume_at(self) -> str:
        saved = self.answers()
        if "validate" in saved:
            return "empathise"
        if self.spoken().get("confirmed") is True and not self.short:
            return "more"
        return "confirm" if "mirror" in saved else "mirror"

    def on_mount(self) -> None:
        self._show(self.query_one("#stages", ContentSwitcher).current or "mirror")

    def _show(self, stage: str) -> None:
        self.query_one("#stages", ContentSwitcher).current = stage
        self.query_one("#turn", TurnBar).say(self.turn_line())
        self.query_one("#said", Static).update(self._said())
        if stage == "confirm":
            self.query_one("#heard", Static).update(self._heard())
        target = self.query_one(f"#{stage} WrapBox, #{stage} OptionList")
        if isinstance(target, WrapBox):
            target.value = ""  # each round is fresh: what was given is saved and shown above
        elif isinstance(target, OptionList):
            target.highlighted = 0
        target.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        agreed = event.option.id == YES
        self.record_spoken("confirmed", agreed)  # the speaker's answer: did they feel heard
        if agreed and self.short:
            self.done()
            return
        self._show("more" if agreed else "correct")

    def on_wrap_box_submitted(self, event: WrapBox.Submitted) -> None:
        event.stop()
        stage, text = (event.box.id or "").removesuffix("-input"), event.value.strip()
        if text and self.host.check_safety(text):
            return  # the resources are open; these words are not kept
        if stage == "mirror" and not text:
            return  # saying back is the heart of it: wait for a few words
        if stage in SPEAKER_SAYS:
            self._speaker_says(stage, text)
        elif text:
            self.record(stage, text)
        self._next(stage, bool(text))

    def _speaker_says(self, stage: str, text: str) -> None:
        field = SPEAKER_SAYS[stage]
        earlier = self.spoken().get(field)
        if text:  # each round adds to what the speaker said before
            self.record_spoken(field, f"{earlier}\n{text}" if earlier else text)

    def _next(self, stage: str, given: bool) -> None:
        if stage == "empathise":
            self.done()
            return
        following = {"mirror": "confirm", "correct": "mirror", "validate": "empathise"}
        if stage == "more":
            self._show("mirror" if given else "validate")
        else:
            self._show(following[stage])
