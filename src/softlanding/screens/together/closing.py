"""Closing: one appreciation each, whether and when to talk again, and a shared summary that
holds only what was said aloud or agreed to be shared (never a private note or answer)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, ContentSwitcher, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.flow import breaktime
from softlanding.flow.together import SHORT, way_of
from softlanding.flow.when import parse_follow_up, suggest_follow_up
from softlanding.models import iso, parse_iso
from softlanding.screens.together.floor import typed_question
from softlanding.screens.together.intro import PairScreen
from softlanding.screens.together.reveal import as_table, revealed
from softlanding.screens.together.seats import SLOTS, other
from softlanding.widgets.lists import MarkedList
from softlanding.widgets.turn import TurnBar

YES, NO = "yes", "no"


class ClosingScreen(PairScreen):
    CSS_PATH = Path(__file__).with_name("closing.tcss")
    # Finish keeps the focus on the summary; the arrows still scroll the words above it
    BINDINGS = [
        Binding("up", "scroll_summary(-1)", show=False, id="closing.summary_up"),
        Binding("down", "scroll_summary(1)", show=False, id="closing.summary_down"),
        Binding("pageup", "scroll_summary(-8)", show=False, id="closing.summary_page_up"),
        Binding("pagedown", "scroll_summary(8)", show=False, id="closing.summary_page_down"),
    ]
    step = "closing"
    private_turn = False
    asked_each = False  # the private round before the summary (asked once per screen)

    def compose(self) -> ComposeResult:
        words = self.pack.text.closing
        yield self.turn_bar()
        with ContentSwitcher(initial=self._resume_at(), id="stages"):
            for slot in SLOTS:
                fill = {"name": self.names[slot], "other": self.names[other(slot)]}
                question = words.thanks_question.format(**fill)
                yield typed_question(f"thanks{slot}", question, words.thanks_prefix)
            yield Vertical(
                Static(words.again_question, classes="question", markup=False),
                MarkedList(
                    Option(words.again_yes, id=YES),
                    Option(words.again_no, id=NO),
                    id="again-list",
                    markup=False,
                ),
                id="again",
            )
            yield Vertical(
                Static(words.when_question, classes="question", markup=False),
                Input(id="when-input", max_length=40),
                Static("", id="problem", markup=False),
                Static(words.when_hint, classes="hint", markup=False),
                id="when",
            )
            # the title and Finish stay in view; long words scroll between them
            with Vertical(id="summary"):
                yield Static(words.summary_title, classes="question", markup=False)
                with VerticalScroll(id="summary-body"):
                    with Horizontal(id="columns"):
                        for slot in SLOTS:
                            with Vertical(classes="column"):
                                yield Static(self.names[slot], classes="who", markup=False)
                                yield Static("", id=f"shared{slot}", markup=False)
                    yield Static("", id="next-talk", markup=False)
                yield Button(Content(words.finish), id="finish", variant="primary")
        yield Footer()

    @property
    def short(self) -> bool:
        """The short way closes with what was said, on one screen."""
        return way_of(self.ctx.answers.saved) == SHORT

    def _resume_at(self) -> str:
        saved_a, saved_b = (self.ctx.answers.get(self.step, seat) for seat in SLOTS)
        if "talk_again" in saved_a or self.short:
            return "summary"
        if "appreciation" in saved_b:
            return "again"
        return "thanksB" if "appreciation" in saved_a else "thanksA"

    def on_mount(self) -> None:
        self._show(self.stage)

    @property
    def stage(self) -> str:
        found = self.query("#stages")  # nothing yet while composing: the stage it opens at
        return (found.first(ContentSwitcher).current if found else None) or self._resume_at()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scroll_summary":
            return self.stage == "summary"
        return super().check_action(action, parameters)

    def action_scroll_summary(self, lines: int) -> None:
        self.query_one("#summary-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def typing(self) -> str:
        return self.stage.removeprefix("thanks") if self.stage.startswith("thanks") else "A"

    def turn_line(self) -> str:
        if not self.stage.startswith("thanks"):
            return super().turn_line()
        speaker, listener = self.names[self.typing()], self.names[other(self.typing())]
        return str(self.words.turn_floor.format(speaker=speaker, listener=listener))

    def _show(self, stage: str) -> None:
        self.query_one("#stages", ContentSwitcher).current = stage
        self.query_one("#turn", TurnBar).say(self.turn_line())
        if stage == "summary":
            self._fill_summary()
        target = self.query_one(f"#{stage} Input, #{stage} OptionList, #{stage} Button")
        if isinstance(target, OptionList):
            target.highlighted = 0
        target.focus()
        if stage == "summary" and not self.asked_each:
            self.asked_each = True
            # every session ends with each asked in private: a round only after danger was
            # heard would tell the other partner that it was; "Go on" comes back to this summary
            self.host.ask_each_in_private(_stay)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if text and self.host.check_safety(text):
            return  # the resources are open; these words are not kept
        if self.stage == "when":
            self._agree(text)
            return
        if text:
            self.record("appreciation", text, partner=self.typing())
        self._show("thanksB" if self.stage == "thanksA" else "again")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == YES:
            when = self.query_one("#when-input", Input)
            when.value = self._suggestion()  # a calm hour, not the same small hour tomorrow
            self._show("when")
            return
        self.record_both("talk_again", False)
        for slot in SLOTS:
            self.ctx.answers.forget(self.step, "follow_up_at", seat=slot)
        self._show("summary")

    def _suggestion(self) -> str:
        now = breaktime.local_now()
        at, words = suggest_follow_up(now), self.words_closing
        day = words.tomorrow if breaktime.is_tomorrow(at, now) else words.today
        return f"{day} {at:%H:%M}"

    def _agree(self, text: str) -> None:
        at = parse_follow_up(text, breaktime.local_now())
        if at is None:
            self.query_one("#problem", Static).update(self.words_closing.unreadable)
            return
        self.record_both("talk_again", True)
        self.record_both("follow_up_at", iso(at))
        self._show("summary")

    @property
    def words_closing(self) -> Any:
        return self.pack.text.closing

    def _fill_summary(self) -> None:
        words = self.words_closing
        for slot in SLOTS:
            rows = revealed(self.ctx, slot)
            said = self.ctx.answers.get("respond", slot).get("final")
            heard = self.ctx.answers.get("listen", slot).get("mirror")  # said aloud, so shared
            thanks = self.ctx.answers.get(self.step, slot).get("appreciation")
            rows += [(words.said, said)] if said else []
            rows += [(words.heard, heard)] if heard else []
            rows += [(words.appreciates, thanks)] if thanks else []
            self.query_one(f"#shared{slot}", Static).update(as_table(rows))
        self.query_one("#next-talk", Static).update(self._next_talk())

    def _next_talk(self) -> str:
        words = self.words_closing
        at = self.ctx.answers.get(self.step, self.ctx.seat).get("follow_up_at")
        if self.short:
            return str(words.short_next)
        if not at:
            return str(words.no_talk)
        moment: datetime = parse_iso(at).astimezone()
        day = (
            words.tomorrow if breaktime.is_tomorrow(moment, breaktime.local_now()) else words.today
        )
        return str(words.next_talk.format(day=day, time=moment.strftime("%H:%M")))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.host.finish_session("completed")
        self.host.go_home()


def _stay() -> None:
    """After the private round: the summary is already on screen beneath it."""
