"""Together mode as plain Python: whose turn follows whose, for two partners at one keyboard.

Slot A is whoever goes first (the start screen puts them there), so A always leads each step.
A private turn always opens behind a hand-over screen, also when a session resumes, so that
nobody lands on the other partner's private answers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from softlanding.flow.steps import Answers, Turn
from softlanding.models import CLOSING, LISTEN, NAME, PAUSE, REFRAME, RESPOND

KEEP = "keep"  # each partner: their unshared words erased at the end, or sealed
SHARED_PAUSE = "together_pause"  # the shared breathing pacer, or the break for both
REVEAL = "reveal"  # each partner chooses what the other may see (saved as name.reveal)
REVEALED = "revealed"  # both side by side, only what each agreed to

# where each flow step saves its answers, when that is not a step of its own name
DATA_STEP: dict[str, str] = {SHARED_PAUSE: PAUSE, REVEAL: NAME, REVEALED: NAME}


@dataclass(frozen=True)
class Place:
    """One turn in the sequence: a flow step, whose turn it is, and how it opens."""

    step: str
    partner: str
    opens: (
        str  # "private" (hand-over first), "floor"/"swap" (hand-over naming the speaker),
        # "shared", or "same" (the same partner goes on: a hand-over only when resuming)
    )


SEQUENCE: tuple[Place, ...] = (
    Place(KEEP, "A", "private"),
    Place(PAUSE, "A", "same"),
    Place(KEEP, "B", "private"),
    Place(PAUSE, "B", "same"),
    Place(SHARED_PAUSE, "A", "shared"),
    Place(NAME, "A", "private"),
    Place(NAME, "B", "private"),
    Place(REVEAL, "A", "private"),
    Place(REVEAL, "B", "private"),
    Place(REVEALED, "A", "shared"),
    Place(REFRAME, "A", "private"),
    Place(REFRAME, "B", "private"),
    Place(RESPOND, "A", "floor"),  # A speaks, B listens
    Place(LISTEN, "B", "shared"),
    Place(RESPOND, "B", "swap"),  # then B speaks, A listens
    Place(LISTEN, "A", "shared"),
    Place(CLOSING, "A", "shared"),
)


def other(partner: str) -> str:
    return "B" if partner == "A" else "A"


def anyone_flooded(answers: Answers) -> bool:
    """Whether either partner said their body is in alarm mode (then both take the break)."""
    return any(answers.get((p, PAUSE, "flooded")) is True for p in ("A", "B"))


def parse_position(position: str | None) -> tuple[str, str]:
    """ "name@B" -> ("name", "B"); "name" -> ("name", "A")."""
    step, _, partner = (position or "").partition("@")
    return step, partner or "A"


class TogetherFlow:
    """The pair's sequence; going back never reopens a private turn (the other may be looking)."""

    def first(self) -> Turn:
        return self._turn(SEQUENCE[0], {})

    def after(self, step: str, partner: str, answers: Answers) -> Turn | None:
        index = self._index(step, partner)
        if index is None or index + 1 >= len(SEQUENCE):
            return None
        return self._turn(SEQUENCE[index + 1], answers)

    def before(self, step: str, partner: str, answers: Answers) -> Turn | None:
        # Every earlier turn is either private to one partner or already agreed together.
        return None

    def resume(self, position: str | None, answers: Answers) -> Turn:
        step, partner = parse_position(position)
        if "@" not in (position or ""):
            partner = self._inferred_partner(step, answers)
        index = self._index(step, partner)
        return self._turn(SEQUENCE[index or 0], answers, resuming=True)

    def _inferred_partner(self, step: str, answers: Answers) -> str:
        """A bare step name may have been written by a save for either partner: of that step's
        turns, the latest one whose partner has saved answers there is where they were."""
        places = [p for p in SEQUENCE if p.step == step]
        data_step = DATA_STEP.get(step, step)
        started = [p for p in places if any(k[:2] == (p.partner, data_step) for k in answers)]
        chosen = started[-1] if started else (places[0] if places else SEQUENCE[0])
        return chosen.partner

    @staticmethod
    def _index(step: str, partner: str) -> int | None:
        for index, place in enumerate(SEQUENCE):
            if place.step == step and place.partner == partner:
                return index
        return None

    @staticmethod
    def _turn(place: Place, answers: Answers, resuming: bool = False) -> Turn:
        turn = Turn(place.step, place.partner, flow="together")
        if place.opens == "same":  # the same partner goes on; behind a hand-over when resuming
            return replace(turn, opens="private") if resuming else turn
        if place.opens != "shared":
            return replace(turn, opens=place.opens)  # for its partner alone, behind a hand-over
        mode = ""
        if place.step == SHARED_PAUSE:
            mode = "break" if anyone_flooded(answers) else "breathe"
        return replace(turn, seats=(place.partner, other(place.partner)), mode=mode)
