"""The order of screens as plain Python: which turn follows which, for one person or a pair."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from softlanding.models import NAME, PAUSE, REFRAME, RESPOND, SUMMARY

SOLO_STEPS: tuple[str, ...] = (PAUSE, NAME, REFRAME, RESPOND, SUMMARY)

# step -> "module:Class" of the screen that opens it (imported lazily: start-up stays small)
STEP_SCREENS: dict[str, str] = {
    PAUSE: "softlanding.screens.pause.pause:PauseScreen",
    NAME: "softlanding.screens.name:NameScreen",
    REFRAME: "softlanding.screens.reframe:ReframeScreen",
    RESPOND: "softlanding.screens.respond:RespondScreen",
    SUMMARY: "softlanding.screens.summary:SummaryScreen",
}

Answers = dict[tuple[str, str, str], Any]


@dataclass(frozen=True)
class Turn:
    """One screen to show: which class, for which step and partner, with what arguments."""

    screen: str
    step: str
    partner: str = "A"
    kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def position(self) -> str:
        """What the session stores as its current step (the partner too, for pairs)."""
        return self.step if self.partner == "A" else f"{self.step}@{self.partner}"


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
        return Turn(STEP_SCREENS[step], step)


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
