"""A breathing pacer: the phase word, seconds left, the round, and a shape that breathes."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Protocol

from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

PHASES: tuple[str, ...] = ("inhale", "hold_in", "exhale", "hold_out")
DONE = "done"


class Pattern(Protocol):
    """What the pacer needs from a pack breathing pattern."""

    inhale: float
    hold_in: float
    exhale: float
    hold_out: float
    cycles: int


@dataclass(frozen=True)
class PacerState:
    """Where the breath is at one moment; `fullness` is 0 (empty) to 1 (full lungs)."""

    phase: str
    seconds_left: float
    cycle: int
    cycles: int
    progress: float
    fullness: float

    @property
    def finished(self) -> bool:
        return self.phase == DONE


def phases(pattern: Pattern) -> list[tuple[str, float]]:
    """The phases of one round, in order, leaving out any of 0 seconds."""
    return [(name, float(getattr(pattern, name))) for name in PHASES if getattr(pattern, name) > 0]


def rounds(pattern: Pattern, wanted: int | None = None) -> int:
    """How many rounds to run: as wanted, but never more than the pack allows."""
    return max(1, min(wanted or pattern.cycles, pattern.cycles))


def total_seconds(pattern: Pattern, cycles: int | None = None) -> float:
    return sum(length for _, length in phases(pattern)) * rounds(pattern, cycles)


def pacer_state(pattern: Pattern, elapsed: float, cycles: int | None = None) -> PacerState:
    """The phase, seconds left in it, round n of N and the shape's size at `elapsed` seconds."""
    steps = phases(pattern)
    count = rounds(pattern, cycles)
    round_length = sum(length for _, length in steps)
    if elapsed >= round_length * count:
        return PacerState(DONE, 0.0, count, count, 1.0, 0.0)
    elapsed = max(0.0, elapsed)
    cycle, into_round = divmod(elapsed, round_length)
    for name, length in steps:
        if into_round < length:
            progress, left = into_round / length, length - into_round
            return PacerState(
                name, left, int(cycle) + 1, count, progress, _fullness(name, progress)
            )
        into_round -= length
    raise AssertionError("unreachable: elapsed falls inside a round")


def _fullness(phase: str, progress: float) -> float:
    # eased so the shape moves like a breath, slow at the turns
    eased = (1 - math.cos(math.pi * progress)) / 2
    return {"inhale": eased, "hold_in": 1.0, "exhale": 1 - eased}.get(phase, 0.0)


def bubble(fullness: float, width: int) -> str:
    """Three rows of a bar whose width follows the breath, from a dot to `width` (centre it)."""
    inner = max(2, round(2 + fullness * (width - 2)))
    inner -= inner % 2  # even widths keep the rounded ends lined up when centred
    return "\n".join(["▄" * (inner - 2), "█" * inner, "▀" * (inner - 2)])


class BreathingPacer(Widget):
    """Paces one breathing pattern; posts `Finished` at the end. Start it paused for snapshots."""

    DEFAULT_CSS = """
    BreathingPacer {
        height: auto;
        width: 100%;
    }
    BreathingPacer > #pacer-word {
        width: 100%;
        content-align: center middle;
        text-style: bold;
        color: $accent;
    }
    BreathingPacer > #pacer-shape {
        width: 100%;
        height: 3;
        margin: 1 0;
        text-align: center;
        color: $primary;
    }
    BreathingPacer > #pacer-count {
        width: 100%;
        content-align: center middle;
    }
    BreathingPacer.-reduced > #pacer-shape {
        display: none;
    }
    """

    SHAPE_WIDTH = 48
    FPS = 10

    elapsed: reactive[float] = reactive(0.0, init=False)
    reduced_motion: reactive[bool] = reactive(False, init=False)

    class Finished(Message):
        """Every round is done."""

    def __init__(
        self,
        pattern: Pattern,
        *,
        cycles: int | None = None,
        elapsed: float = 0.0,
        paused: bool = False,
        reduced_motion: bool = False,
        count_text: str = "{seconds}  ·  {cycle}/{cycles}",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.pattern = pattern
        self.cycles = rounds(pattern, cycles)
        self.count_text = count_text
        self.paused = paused
        self._offset = elapsed
        self._started = 0.0
        self._timer: Timer | None = None
        self._finished = False
        self._ready = False
        self.set_reactive(BreathingPacer.elapsed, elapsed)
        self.set_reactive(BreathingPacer.reduced_motion, reduced_motion)

    def compose(self) -> ComposeResult:
        # words come from a pack a person may edit: never read them as markup
        yield Static(id="pacer-word", markup=False)
        yield Static(id="pacer-shape", markup=False)
        yield Static(id="pacer-count", markup=False)

    def on_mount(self) -> None:
        self._ready = True
        self.set_class(self.reduced_motion, "-reduced")
        self._show()
        if not self.paused:
            self.resume()

    @property
    def state(self) -> PacerState:
        return pacer_state(self.pattern, self.elapsed, self.cycles)

    def resume(self) -> None:
        """Start (or carry on) pacing from the current point."""
        self.paused = False
        self._offset = self.elapsed
        self._started = time.monotonic()
        if self._timer is None:
            self._timer = self.set_interval(1 / self.FPS, self._tick)

    def stop(self) -> None:
        """Freeze where it is (skip, or leaving the screen)."""
        self.paused = True
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _tick(self) -> None:
        self.elapsed = self._offset + time.monotonic() - self._started

    def watch_elapsed(self) -> None:
        self._show()
        if self.state.finished and not self._finished:
            self._finished = True
            self.stop()
            self.post_message(self.Finished())

    def watch_reduced_motion(self, reduced: bool) -> None:
        self.set_class(reduced, "-reduced")
        self._show()

    def _show(self) -> None:
        if not self._ready:
            return  # the children do not exist before mounting
        state = self.state
        word = getattr(getattr(self.pattern, "words", None), state.phase, "")
        seconds = math.ceil(state.seconds_left - 1e-9)
        count = self.count_text.format(seconds=seconds, cycle=state.cycle, cycles=state.cycles)
        self.query_one("#pacer-word", Static).update(word)
        self.query_one("#pacer-count", Static).update(count)
        if not self.reduced_motion:
            self.query_one("#pacer-shape", Static).update(bubble(state.fullness, self.SHAPE_WIDTH))
