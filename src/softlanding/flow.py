"""The order of steps, as plain Python: which screen follows which."""

from __future__ import annotations

from softlanding.models import NAME, PAUSE, REFRAME, RESPOND, SUMMARY

SOLO_STEPS: tuple[str, ...] = (PAUSE, NAME, REFRAME, RESPOND, SUMMARY)

# step -> "module:Class" of the screen that opens it (imported lazily: start-up stays small)
STEP_SCREENS: dict[str, str] = {
    PAUSE: "softlanding.screens.pause:PauseScreen",
    NAME: "softlanding.screens.name:NameScreen",
    REFRAME: "softlanding.screens.reframe:ReframeScreen",
    RESPOND: "softlanding.screens.respond:RespondScreen",
    SUMMARY: "softlanding.screens.summary:SummaryScreen",
}


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
