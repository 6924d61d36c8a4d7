"""A real break when flooded: its length, the return time you both agreed, what helps, and a
countdown. The return time is saved the moment it is agreed; Home shows it until it passes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, ContentSwitcher, Digits, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.flow import breaktime
from softlanding.flow.context import StepContext
from softlanding.models import iso, now_utc, parse_iso
from softlanding.widgets.lists import MarkedList
from softlanding.widgets.pause_part import PausePart, labels


class BreakScreen(PausePart):
    CSS_PATH = Path(__file__).with_name("break_.tcss")
    BINDINGS = [
        Binding("c", "carry_on", "pause_back_now", id="pause_back_now"),
        # Esc during the break changes the agreed time (as the words promise); before it, back
        Binding("escape", "more_time", "pause_more_time", id="pause_more_time"),
        Binding("escape", "back", "back", id="back"),
    ]

    def __init__(self, ctx: StepContext) -> None:
        super().__init__(ctx)
        saved = self.saved().get("return_at")
        self.return_at: datetime | None = parse_iso(saved).astimezone() if saved else None
        self.minutes = self.pack.break_guidance.default_minutes
        self._timer: Timer | None = None
        self._far: str | None = None  # a far-off time shown once for confirming
        self._early = False  # "we're back" pressed before the agreed time, once

    def compose(self) -> ComposeResult:
        guide, words = self.pack.break_guidance, self.words
        with VerticalScroll(id="break"), ContentSwitcher(initial="length", id="stages"):
            with Vertical(id="length"):
                yield Static(guide.title, classes="title", markup=False)
                yield Static(guide.intro, classes="intro", markup=False)
                yield Static(words.length_question.format(min=guide.min_minutes), markup=False)
                yield MarkedList(*self._lengths(), id="length-list", markup=False)
                yield Static(labels(self.pack, "pause").choose_hint, classes="hint", markup=False)
            with Vertical(id="when"):
                yield Static(guide.return_prompt, classes="title", markup=False)
                yield Static("", id="suggestion", markup=False)
                with Horizontal(id="entry"):
                    yield Input(id="time", max_length=40)
                    yield Button(Content(words.save), id="save", variant="primary")
                yield Static("", id="problem", markup=False)
                yield Static(words.return_hint, classes="hint", markup=False)
            with Vertical(id="guide"):
                yield Static(guide.title, classes="title tight", markup=False)
                with Horizontal(id="clock"):
                    yield Digits("", id="countdown")
                    with Vertical(id="clock-words"):
                        yield Static("", id="back-at", markup=False)
                        yield Static("", id="left", markup=False)
                        # beside the question it answers, above the cards: always on screen
                        yield Button(Content(words.carry_on), id="carry-on", variant="success")
                with Horizontal(id="cards"):
                    yield _card(words.do_heading, guide.do, "do")
                    yield _card(words.dont_heading, guide.dont, "dont")
        yield Footer()

    @property
    def words(self) -> Any:
        """This screen's labels (`text.break`: a keyword, so not an attribute name)."""
        return labels(self.pack, "break")

    def _lengths(self) -> list[Option]:
        guide = self.pack.break_guidance
        choices = sorted({*guide.length_choices, guide.default_minutes})
        return [Option(self._length_words(m), id=str(m)) for m in choices]

    def _length_words(self, minutes: int) -> str:
        words = self.words
        hours, rest = breaktime.split_length(minutes)
        if hours and rest:
            return str(words.hours_minutes.format(h=hours, m=rest))
        if hours:
            return str(words.one_hour if hours == 1 else words.hours.format(n=hours))
        return str(words.one_minute if rest == 1 else words.minutes.format(n=rest))

    def on_mount(self) -> None:
        if self.return_at is not None:
            self._show_guide()
            return
        listing = self.query_one("#length-list", OptionList)
        listing.highlighted = listing.get_option_index(str(self.minutes))
        listing.focus()

    @property
    def stage(self) -> str:
        return self.query_one("#stages", ContentSwitcher).current or "length"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("carry_on", "more_time"):
            return self.stage == "guide"
        return action != "back" or self.stage != "guide"

    def _switch(self, stage: str) -> None:
        self.query_one("#stages", ContentSwitcher).current = stage
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.minutes = int(event.option.id or self.minutes)
        self._ask_time()

    def _ask_time(self) -> None:
        now = breaktime.local_now()
        at = breaktime.suggested(now, self.minutes)
        text = self.words.suggestion
        self.query_one("#suggestion", Static).update(
            text.format(time=_clock(at), length=self._length_words(self.minutes))
        )
        self.query_one("#problem", Static).update("")
        time_input = self.query_one("#time", Input)
        time_input.value = at.strftime("%H:%M")
        self._switch("when")
        time_input.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._agree(event.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#problem", Static).update("")  # an old complaint must not linger

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._agree(self.query_one("#time", Input).value)
        else:
            self.action_carry_on()

    def _agree(self, text: str) -> None:
        guide = self.pack.break_guidance
        now = breaktime.local_now()
        check = breaktime.resolve_return(text, now, guide.min_minutes, guide.max_hours)
        if check.at is None:
            # what was typed is not a time: it may be words that need the safety net
            if check.problem == "unreadable" and self.host.check_safety(text):
                return
            self.query_one("#problem", Static).update(self._problem(check.problem, now))
            return
        if breaktime.needs_confirming(check.at, now) and self._far != text:
            self._far = text  # the same time typed again means: yes, that long
            self.query_one("#problem", Static).update(self._far_words(check.at, now))
            return
        self.return_at = check.at
        self.record_own("flooded", True)
        self.record("choice", "break")
        self.record("break_minutes", breaktime.minutes_until(check.at, now))
        self.record("return_at", iso(check.at))
        self._early = False
        self._show_guide()

    def _far_words(self, at: datetime, now: datetime) -> str:
        words = self.words
        day = words.tomorrow if breaktime.is_tomorrow(at, now) else words.today
        length = self._length_words(breaktime.minutes_until(at, now))
        return str(words.confirm_far.format(day=day, time=_clock(at), length=length))

    def _problem(self, problem: str | None, now: datetime) -> str:
        words, guide = self.words, self.pack.break_guidance
        if problem == "too_soon":
            earliest = breaktime.suggested(now, guide.min_minutes)
            return str(words.too_soon.format(min=guide.min_minutes, earliest=_clock(earliest)))
        if problem == "too_late":
            latest = breaktime.suggested(now, guide.max_hours * 60)
            return str(words.too_late.format(hours=guide.max_hours, latest=_clock(latest)))
        return str(words.unreadable)

    def _show_guide(self) -> None:
        assert self.return_at is not None
        now = breaktime.local_now()
        tomorrow = breaktime.is_tomorrow(self.return_at, now)
        agreed = self.words.back_at_tomorrow if tomorrow else self.words.back_at
        self.query_one("#back-at", Static).update(agreed.format(time=_clock(self.return_at)))
        self._switch("guide")
        self.query_one("#carry-on", Button).focus()
        self._tick()
        if self._timer is None:
            self._timer = self.set_interval(1, self._tick)

    def _early_words(self, now: datetime) -> str:
        assert self.return_at is not None
        agreed = int(self.saved().get("break_minutes") or self.minutes)
        gone = max(0, agreed - breaktime.minutes_until(self.return_at, now))
        fill = {"gone": self._length_words(gone), "agreed": self._length_words(agreed)}
        return str(self.words.early.format(**fill))

    def _tick(self) -> None:
        if self.return_at is None:
            return
        now = breaktime.local_now()
        guide = self.pack.break_guidance
        self.query_one("#countdown", Digits).update(breaktime.countdown(self.return_at, now))
        if not self._early:  # the question about the body stays until it is answered
            left = guide.countdown if now < self.return_at else guide.over
            self.query_one("#left", Static).update(left)

    def action_carry_on(self) -> None:
        now = breaktime.local_now()
        if (
            self.return_at is not None
            and breaktime.is_early(self.return_at, now)
            and not self._early
        ):
            self._early = True  # ask once how the body is; a second press means "we're ready"
            self.query_one("#left", Static).update(self._early_words(now))
            return
        # History shows whether the agreed return happened.
        self.record("returned_at", iso(now_utc()))
        self.dismiss(True)

    def action_more_time(self) -> None:
        self._ask_time()  # the agreed time, to change it

    def action_back(self) -> None:
        if self.stage == "guide":
            self.action_more_time()
        elif self.stage == "when":
            self._switch("length")
            self.query_one("#length-list", OptionList).focus()
        else:
            super().action_back()


def _card(heading: str, lines: Sequence[str], card_id: str) -> Vertical:
    return Vertical(
        Static(heading, classes="card-heading", markup=False),
        Static("\n".join(f"• {line}" for line in lines), markup=False),
        id=card_id,
        classes="card",
    )


def _clock(at: datetime) -> str:
    return at.strftime("%H:%M")
