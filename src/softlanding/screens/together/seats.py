"""The two seats of a pair and the names they gave (shared by every together screen)."""

from __future__ import annotations

from softlanding.flow.context import StepContext
from softlanding.flow.together import other
from softlanding.textsafe import one_line

SLOTS = ("A", "B")

__all__ = ["SLOTS", "other", "partner_names"]


def partner_names(ctx: StepContext) -> dict[str, str]:
    """Each slot's first name for this session (the pack's "A"/"B" when none was given)."""
    words = ctx.pack.text.together
    found = ctx.answers.partners()
    first, second = found.get("A") or words.first_default, found.get("B")
    names = {"A": first, "B": second or words.second_default}
    return {slot: one_line(name) for slot, name in names.items()}  # typed: one line, no escape
