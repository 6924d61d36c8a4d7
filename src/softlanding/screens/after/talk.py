"""After the fight: one question at a time, named for whoever answers it, saved as it is given."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.flow import breaktime
from softlanding.flow.after import STEP, Mode, Question, other, questions, stages_of
from softlanding.flow.context import StepContext
from softlanding.flow.when import parse_follow_up, suggest_follow_up
from softlanding.models import iso
from softlanding.screens.after.drafts import carry_on_at, draft_of, keep_draft, when_shown
from softlanding.screens.base import ContextScreen
from softlanding.textsafe import visible
from softlanding.widgets.checklist import Checklist
from softlanding.widgets.questions import PasteInput

_PLACEHOLDER = re.compile(r"{([a-z_]+)}")


class FeelingList(Checklist[str]):
    """Space ticks a word (a ✓, not only a colour); Enter goes on (in a plain SelectionList,
    Enter ticks too)."""

    BINDINGS = [Binding("enter", "done", show=False, id="after.feelings_done")]

    class Done(Message):
        """The person has ticked what fits and wants to go on."""

    def action_done(self) -> None:
        self.post_message(self.Done())


class AfterTalkScreen(ContextScreen[None]):
    """Walks the talk's questions; Enter gives an answer (or skips), Esc goes back one."""

    CSS_PATH = Path(__file__).with_name("talk.tcss")
    BINDINGS = [Binding("escape", "back", "back", id="after.back")]

    def __init__(self, ctx: StepContext) -> None:
        super().__init__(ctx)
        self.mode: Mode = "together" if ctx.mode == "together" else "solo"
        self.names = self._names()
        self.talk = self.pack.after
        self.questions = questions(self.talk, self.mode)
        self.stages = stages_of(self.questions)
        self.index = carry_on_at(self.ctx.answers, self.questions)
        self.when_kept: tuple[str, str] | None = None  # a saved time as shown, and as saved
        self.finished = False
        self.told_empty = False  # Enter with nothing ticked was said once: the next one skips
        # Rounds whose speaker's words were not kept (danger heard): the listener's words about
        # them are not kept either, or a summary would keep what was withheld. Memory only.
        self.withheld: set[tuple[str, str]] = set()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="talk"):
            yield Static("", id="progress", markup=False)
            yield Static("", id="prompt", classes="question", markup=False)
            yield Vertical(id="answer")
            yield Static("", id="problem", markup=False)
            yield Static("", id="hint", classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    @property
    def current(self) -> Question | None:
        return self.questions[self.index] if self.index < len(self.questions) else None

    def _names(self) -> dict[str, str]:
        words, found = self.pack.text.together, self.ctx.answers.partners()
        first, second = found.get("A") or words.first_default, found.get("B")
        return {"A": visible(first), "B": visible(second or words.second_default)}

    def _value(self, question: Question) -> Any:
        return self.ctx.answers.get(STEP, question.seat).get(question.key)

    def _words(self, question: Question) -> str:
        ask = question.ask
        template = ask.solo if self.mode == "solo" and ask.solo else ask.prompt
        said = self.ctx.answers.get(STEP, question.about).get(f"needed_{question.about}", "")
        fill = {"name": self.names[question.seat], "other": self.names[other(question.seat)]}
        return safe_fill(template, {**fill, "said": visible(str(said))})

    def _show(self) -> None:
        question = self.current
        box = self.query_one("#answer", Vertical)
        box.remove_children()
        self.query_one("#problem", Static).update("")
        self.told_empty = False
        if question is None:
            self._show_done()
            return
        stage = self.stages.index(question.stage) + 1
        progress = safe_fill(
            self.talk.progress, {"step": str(stage), "steps": str(len(self.stages))}
        )
        self.query_one("#progress", Static).update(Content(f"{question.title} · {progress}"))
        self.query_one("#prompt", Static).update(Content(self._words(question)))
        hint = (self.mode == "solo" and question.ask.solo_hint) or question.ask.hint
        self.query_one("#hint", Static).update(Content(hint or ""))
        widget = self._widget(question)
        box.mount(widget)
        widget.focus()

    def _widget(self, question: Question) -> Input | OptionList | FeelingList:
        saved, ask = self._value(question), question.ask
        if ask.kind == "many":
            chosen = set(saved or [])
            items = [(Content(o), o, o in chosen) for o in ask.options]
            return FeelingList(*items, id=f"many-{self.index}")
        if ask.kind in ("choice", "starter"):
            labels = [self.names["A"], self.names["B"]] if ask.kind == "starter" else ask.options
            return OptionList(
                *[Option(Content(label), id=str(i)) for i, label in enumerate(labels)], id="choice"
            )
        if ask.kind == "when":  # a suggestion, or the time kept: selected, typing replaces it
            now = breaktime.local_now()
            shown = when_shown(saved, now.tzinfo) if saved else None
            self.when_kept = (shown, str(saved)) if shown else None
            value = shown or suggest_follow_up(now).strftime("%a %H:%M")
            return Input(value=value, id=f"text-{self.index}", max_length=2000)
        # given words (or a draft) come back with the cursor at their end, and Ctrl+Z undoes;
        # a long paste is cut to fit, and said (a plain Input drops it whole, silently)
        kept = saved or draft_of(self.ctx.answers, question) or ""
        return PasteInput(str(kept), id=f"text-{self.index}", max_length=2000)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        question, text = self.current, event.value.strip()
        if question is None:
            return
        if question.ask.kind == "when" and self.when_kept and text == self.when_kept[0]:
            self._answer(question, self.when_kept[1])  # the time kept, unchanged
            return
        if question.ask.kind == "when" and text:
            at = parse_follow_up(text, breaktime.local_now())
            if at is None:
                self.query_one("#problem", Static).update(
                    Content(self.sl.pack.text.closing.unreadable)
                )
                return
            self._answer(question, iso(at))
            return
        self._answer(question, text or None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        question = self.current
        if question is not None:
            index = int(event.option.id or 0)
            labels = ["A", "B"] if question.ask.kind == "starter" else question.ask.options
            self._answer(question, labels[index])

    def _answer(self, question: Question, value: Any) -> None:
        round_ = (question.stage, question.about)
        if value is not None and not (question.ask.to == "listener" and round_ in self.withheld):
            kept = self.ctx.answers.save(STEP, question.key, value, seat=question.seat)
            if not kept and question.ask.to == "speaker" and self.ctx.answers.active:
                self.withheld.add(round_)
        elif value is None:  # emptied on a second look: the earlier answer goes too
            self.ctx.answers.forget(STEP, question.key, seat=question.seat)
        keep_draft(self.ctx.answers, question, None)  # given (or passed over): no longer a draft
        self.index += 1
        nxt = self.current
        if question.ask.kind == "when" and value is None and nxt and nxt.ask.kind == "starter":
            self.index += 1  # no next talk planned: nobody needs to start it
        # the pair's talk ends with each asked in private, every time: a round only after
        # danger was heard (or in the middle) would tell the other that it was
        if self.current is None and not self.finished and self.host.ask_each_in_private(self._show):
            self.query_one("#answer", Vertical).remove_children()  # nothing typed behind it
            return
        self._show()

    def save_draft(self) -> None:
        """Words typed but not given (quit, a closed terminal) are kept as the question's draft;
        a resume opens on them. Danger language, and a withheld round's words, are not kept."""
        question = self.current
        if question is None or question.ask.kind == "when":
            return
        box = next(iter(self.query(f"#text-{self.index}").results(Input)), None)
        if box is None:
            return
        text = box.value.strip()
        round_ = (question.stage, question.about)
        withheld = question.ask.to == "listener" and round_ in self.withheld
        if withheld or (text and self.host.analyzer.safety(text).concern):
            text = ""
        keep_draft(self.ctx.answers, question, text or None)

    def action_back(self) -> None:
        if self.index == 0:  # nothing before the first question here: back to the start
            self.host.go_home()
            return
        self.index -= 1
        self._show()

    def _show_done(self) -> None:
        self.query_one("#progress", Static).update("")
        done = (self.mode == "solo" and self.talk.solo_done) or self.talk.done
        self.query_one("#prompt", Static).update(Content(done))
        self.query_one("#hint", Static).update(Content(self.talk.finish))
        if not self.finished:
            self.host.finish_session("completed")
        self.finished = True
        home = Button(Content(self.talk.home), id="home", variant="primary")
        self.query_one("#answer", Vertical).mount(home)
        home.focus()

    def on_feeling_list_done(self, event: FeelingList.Done) -> None:
        event.stop()
        question = self.current
        if question is None:
            return
        chosen = list(self.query_one(f"#many-{self.index}", FeelingList).selected)
        if not chosen and not self.told_empty:  # said, not silently passed over
            self.told_empty = True
            words = self.pack.text.after_talk.nothing_ticked
            self.query_one("#problem", Static).update(Content(words))
            return
        self._answer(question, chosen or None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.host.go_home()


def safe_fill(template: str, values: dict[str, str]) -> str:
    """Fill {name}-style placeholders in one pass: nothing inside a value is ever read."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
