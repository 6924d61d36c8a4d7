"""What the pause step's views share: the labels, the calm question, yes/no, and the view
contract (a sub-screen of the pause that records for every seat of its context)."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from softlanding.models import PAUSE
from softlanding.screens.base import ContextScreen, labels
from softlanding.widgets.lists import MarkedList
from softlanding.widgets.scale import Scale

YES, NO = "yes", "no"
__all__ = ["NO", "YES", "PausePart", "calm_pane", "labels", "yes_no"]


def calm_pane(
    pane_id: str, question: str, hint: str, value: int | None, title: str = ""
) -> Vertical:
    """A calm 0–10 question (before or after); Enter on the scale confirms."""
    return Vertical(
        *([Static(title, classes="title", markup=False)] if title else []),
        Static(question, classes="question", markup=False),
        Scale(value, id=f"{pane_id}-scale"),
        Static(hint, classes="hint", markup=False),
        id=pane_id,
    )


def yes_no(pack: Any, pane_id: str, saved: bool | None) -> OptionList:
    """A yes/no list starting on "yes": ↓ reaches "no" as in every list, and a reflex Enter
    errs toward the safer branch (a break, or the resources)."""
    listing = MarkedList(
        Option(pack.flooding.yes, id=YES),
        Option(pack.flooding.no, id=NO),
        id=f"{pane_id}-list",
        markup=False,
    )
    listing.highlighted = 1 if saved is False else 0
    return listing


class PausePart(ContextScreen[bool]):
    """A view inside the pause step: dismisses True when the step is done, False to go back.
    What it records is agreed by everyone its context is for (a pair's break: both seats)."""

    BINDINGS = [Binding("escape", "back", "back", id="back")]

    def saved(self) -> dict[str, Any]:
        """The pause answers of the first seat (for a pair, the agreed ones are the same)."""
        return self.ctx.answers.get(PAUSE, self.ctx.seat)

    def record(self, field: str, value: Any) -> None:
        for seat in self.ctx.seats:
            self.ctx.answers.save(PAUSE, field, value, seat=seat)

    def record_own(self, field: str, value: Any) -> None:
        """A personal answer: kept only when this view is one person's (never overwrites
        what each partner of a pair said for themselves)."""
        if len(self.ctx.seats) == 1:
            self.record(field, value)

    def action_back(self) -> None:
        self.dismiss(False)
