"""The safety watch as plain Python: which of a pair's turns both partners see, and the gentle
checks waiting for each partner's next private moment.

On a shared screen the gentle check would be asked in front of the other partner, who may be the
one to fear. So danger language typed there is not saved and the flow goes on; a check becomes
due for both partners (asked the same neutral way of each, so it shows nobody who wrote what),
held here in memory only, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from softlanding.analysis.danger import PAGE_KINDS
from softlanding.flow.steps import Answers
from softlanding.flow.together import PATHS, WAY_PLACE, way_of

SEATS = ("A", "B")


def shared_turn(step: str, partner: str, answers: Answers) -> bool:
    """Whether both partners may be looking at this turn's screen: a shared turn, one with the
    floor (the speaker types, the listener reads along), or one that goes on from it. Only a
    turn behind a private hand-over (and what follows it for the same partner) is private."""
    sequence = (WAY_PLACE, *PATHS[way_of(answers)])
    for index, place in enumerate(sequence):
        if (place.step, place.partner) != (step, partner):
            continue
        while sequence[index].opens == "same" and index > 0:
            index -= 1  # the same partner goes on: as private as the turn it follows
        return sequence[index].opens != "private"
    return False


@dataclass
class DueChecks:
    """Gentle checks owed to each seat, with the most urgent kind of danger heard; memory only."""

    kind: str = ""
    seats: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # how to call each seat at the hand-over

    def add(self, kind: str, names: dict[str, str]) -> None:
        """Danger heard on a shared screen: both partners are to be asked."""
        known = [k for k in (self.kind, kind) if k in PAGE_KINDS]
        self.kind = min(known, key=PAGE_KINDS.index) if known else kind
        self.seats = list(SEATS)
        self.names = dict(names)

    def take(self, seat: str) -> bool:
        """Whether `seat` is owed a check (it is then no longer owed)."""
        if seat not in self.seats:
            return False
        self.seats.remove(seat)
        return True

    def clear(self) -> None:
        self.kind, self.seats, self.names = "", [], {}

    def __bool__(self) -> bool:
        return bool(self.seats)
