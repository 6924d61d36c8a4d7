"""The safety watch as plain Python: which of a pair's turns both partners see, and whether a
gentle check is owed for danger heard there.

On a shared screen the gentle check would be asked in front of the other partner, who may be the
one to fear, and any check asked at a moment of its own would tell them something was written. So
danger language typed there is not saved and the flow goes on; the pair's routine round at the
end asks each partner anyway. What was heard is not kept (the round is the same whatever it was),
and the owed check is held here in memory only, for a pair that leaves its flow before the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    """Whether danger was heard on a screen both partners saw, and how to call each seat at the
    hand-over; memory only, and never what was heard or who wrote it."""

    seats: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    def add(self, names: dict[str, str]) -> None:
        """Danger heard on a shared screen: both partners are to be asked."""
        self.seats = list(SEATS)
        self.names = dict(names)

    def clear(self) -> None:
        self.seats, self.names = [], {}

    def __bool__(self) -> bool:
        return bool(self.seats)
