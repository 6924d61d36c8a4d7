"""The order of screens as plain Python: which turn follows which, for one person or a pair."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Protocol

from softlanding.models import NAME, PAUSE, REFRAME, RESPOND, SUMMARY

SOLO_STEPS: tuple[str, ...] = (PAUSE, NAME, REFRAME, RESPOND, SUMMARY)

Answers = dict[tuple[str, str, str], Any]  # (partner, step, field) -> value


@dataclass(frozen=True)
class Turn:
    """One turn to show: which flow, step and partner, and how it opens (the app maps these
    to screen classes: the flow names steps, never screens)."""

    step: str
    partner: str = "A"
    flow: str = "solo"  # "solo" or "together": whose screen of the step opens
    opens: str = ""  # "" straight in; "private"/"floor"/"swap": a hand-over screen first
    mode: str = ""  # a shared pause: "breathe" or "break"
    seats: tuple[str, ...] = ()  # whose turn it is; a shared turn is for both (partner first)

    @property
    def for_seats(self) -> tuple[str, ...]:
        return self.seats or (self.partner,)

    @property
    def position(self) -> str:
        """What the session stores as its current step (for pairs, always with the partner: a
        bare step is ambiguous where both partners have answers under it)."""
        if self.flow == "solo" and self.partner == "A":
            return self.step
        return f"{self.step}@{self.partner}"

    def entered(self) -> Turn:
        """The turn itself, past its hand-over screen."""
        return replace(self, opens="")


class Flow(Protocol):
    """A sequence of turns; the app asks it what comes next, before, and where to resume."""

    def first(self) -> Turn: ...

    def after(self, step: str, partner: str, answers: Answers) -> Turn | None: ...

    def before(self, step: str, partner: str, answers: Answers) -> Turn | None: ...

    def resume(self, position: str | None, answers: Answers) -> Turn: ...


class SoloFlow:
    """pause → name → reframe → respond → summary, for one person."""

    def first(self) -> Turn:
        return self._turn(SOLO_STEPS[0])

    def after(self, step: str, partner: str, answers: Answers) -> Turn | None:
        following = next_step(step)
        return self._turn(following) if following else None

    def before(self, step: str, partner: str, answers: Answers) -> Turn | None:
        earlier = previous_step(step)
        return self._turn(earlier) if earlier else None

    def resume(self, position: str | None, answers: Answers) -> Turn:
        return self._turn(resume_step(position))

    @staticmethod
    def _turn(step: str) -> Turn:
        return Turn(step)


def next_step(step: str, steps: tuple[str, ...] = SOLO_STEPS) -> str | None:
    """The step after `step`, or None at the end."""
    index = steps.index(step)
    return steps[index + 1] if index + 1 < len(steps) else None


def previous_step(step: str, steps: tuple[str, ...] = SOLO_STEPS) -> str | None:
    index = steps.index(step)
    return steps[index - 1] if index > 0 else None


def resume_step(current: str | None, steps: tuple[str, ...] = SOLO_STEPS) -> str:
    """Where an interrupted session picks up: the step it was on, or the start."""
    return current if current in steps else steps[0]
