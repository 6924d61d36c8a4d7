"""Together mode as plain Python: whose turn follows whose, for two partners at one keyboard.

Slot A is whoever goes first (the start screen puts them there), so A always leads each step.
A private turn always opens behind a hand-over screen, also when a session resumes, so that
nobody lands on the other partner's private answers.

After the names, the pair chooses a way (saved as `way.way` in both seats' rows, so a resume
honours it): the short way (the essentials, for a flooded body or a short evening) or the full
way. Sessions from before the choice existed carry on the full way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from softlanding.flow.steps import Answers, Turn
from softlanding.models import CLOSING, LISTEN, NAME, PAUSE, REFRAME, RESPOND

WAY = "way"  # the pair chooses the short or the full way (saved as way.way, way.check)
KEEP = "keep"  # each partner: their unshared words erased at the end, or sealed
SHARED_PAUSE = "together_pause"  # the shared breathing pacer, or the break for both
REVEAL = "reveal"  # each partner chooses what the other may see (saved as name.reveal)
REVEALED = "revealed"  # both side by side, only what each agreed to
FEEL = "feel"  # the short way: one feeling and one need, named with the floor (saved as name)

SHORT, FULL = "short", "full"
FLOODED, HURRY, FINE = "flooded", "hurry", "fine"  # the way screen's first question

# where each flow step saves its answers, when that is not a step of its own name
DATA_STEP: dict[str, str] = {SHARED_PAUSE: PAUSE, REVEAL: NAME, REVEALED: NAME, FEEL: NAME}

# Who has the floor saves under their own seat: the speaker's words (what they said, and any
# correction or more they add while the other listens) under `respond`; the listener's own
# words (what they heard, what makes sense, what they imagine) under `listen`.
SPEAKER_FIELDS = ("final", "draft", "confirmed", "correction", "more")
LISTENER_FIELDS = ("mirror", "validate", "empathise")


@dataclass(frozen=True)
class Place:
    """One turn in the sequence: a flow step, whose turn it is, how it opens, and the part of
    the path it belongs to (the progress a screen shows: "Step 3 of 7")."""

    step: str
    partner: str
    opens: (
        str  # "private" (hand-over first), "floor"/"swap" (hand-over naming the speaker),
        # "shared", or "same" (the same partner goes on: a hand-over only when resuming)
    )
    part: int = 0
    resumes: str = "private"  # the hand-over a "same" turn opens behind when resuming
    mode: str = ""  # a private pause on the short way asks only the fear question ("fear")


WAY_PLACE = Place(WAY, "A", "shared")

FULL_PATH: tuple[Place, ...] = (
    Place(KEEP, "A", "private", 1),
    Place(PAUSE, "A", "same", 1),
    Place(KEEP, "B", "private", 1),
    Place(PAUSE, "B", "same", 1),
    Place(SHARED_PAUSE, "A", "shared", 2),
    Place(NAME, "A", "private", 3),
    Place(NAME, "B", "private", 3),
    Place(REVEAL, "A", "private", 4),
    Place(REVEAL, "B", "private", 4),
    Place(REVEALED, "A", "shared", 4),
    Place(REFRAME, "A", "private", 5),
    Place(REFRAME, "B", "private", 5),
    Place(RESPOND, "A", "floor", 6),  # A speaks, B listens
    Place(LISTEN, "B", "shared", 6),
    Place(RESPOND, "B", "swap", 6),  # then B speaks, A listens
    Place(LISTEN, "A", "shared", 6),
    Place(CLOSING, "A", "shared", 7),
)

# The essentials: each asked alone whether they are afraid, then breathe (or a real break when
# one of you is flooded), then each in turn names one feeling and one need with the floor, says
# one thing, and hears it said back; a close.
SHORT_PATH: tuple[Place, ...] = (
    # The fear question is never optional: each partner answers it alone, behind a hand-over.
    Place(PAUSE, "A", "private", 1, mode="fear"),
    Place(PAUSE, "B", "private", 1, mode="fear"),
    Place(SHARED_PAUSE, "A", "shared", 1),
    Place(FEEL, "A", "floor", 2),
    Place(RESPOND, "A", "same", 2, resumes="floor"),
    Place(LISTEN, "B", "shared", 2),
    Place(FEEL, "B", "swap", 3),
    Place(RESPOND, "B", "same", 3, resumes="floor"),
    Place(LISTEN, "A", "shared", 3),
    Place(CLOSING, "A", "shared", 4),
)

PATHS: dict[str, tuple[Place, ...]] = {FULL: FULL_PATH, SHORT: SHORT_PATH}
SEQUENCE = FULL_PATH  # today's path (sessions from before the choice follow it)


def parts(way: str) -> int:
    """The steps on `way`: what the way screen promises, and the N of each "Step n of N"."""
    return PATHS[way][-1].part


def other(partner: str) -> str:
    return "B" if partner == "A" else "A"


def way_of(answers: Answers) -> str:
    """The way this pair chose (the full way until they choose, and for older sessions)."""
    chosen = answers.get(("A", WAY, WAY))
    return SHORT if chosen == SHORT else FULL


def suggested_way(check: str | None) -> str:
    """Flooded or in a hurry: the short way is suggested; otherwise the full way."""
    return SHORT if check in (FLOODED, HURRY) else FULL


def anyone_flooded(answers: Answers) -> bool:
    """Whether either partner said their body is in alarm mode (then both take the break); on
    the short way, said together on the way screen."""
    if way_of(answers) == SHORT:
        return answers.get(("A", WAY, "check")) == FLOODED
    return any(answers.get((p, PAUSE, "flooded")) is True for p in ("A", "B"))


def parse_position(position: str | None) -> tuple[str, str]:
    """ "name@B" -> ("name", "B"); "name" -> ("name", "A")."""
    step, _, partner = (position or "").partition("@")
    return step, partner or "A"


def progress(step: str, partner: str, answers: Answers) -> tuple[int, int] | None:
    """(part, parts) of the chosen path this turn belongs to; None before a path is chosen."""
    path = PATHS[way_of(answers)]
    place = next((p for p in path if (p.step, p.partner) == (step, partner)), None)
    if place is None:
        return None
    return place.part, parts(way_of(answers))


class TogetherFlow:
    """The pair's sequence; going back never reopens a private turn (the other may be looking):
    at most it shows the turn's own hand-over again, or the same speaker's earlier turn."""

    def first(self) -> Turn:
        return self._turn(WAY_PLACE, {})

    def after(self, step: str, partner: str, answers: Answers) -> Turn | None:
        sequence = self._sequence(answers)
        index = self._index(sequence, step, partner)
        if index is None or index + 1 >= len(sequence):
            return None
        return self._turn(sequence[index + 1], answers)

    def before(self, step: str, partner: str, answers: Answers) -> Turn | None:
        sequence = self._sequence(answers)
        index = self._index(sequence, step, partner)
        if not index:
            return None
        place, earlier = sequence[index], sequence[index - 1]
        if place.opens in ("private", "floor", "swap"):  # its own hand-over shows nothing
            return replace(self._turn(place, answers), opens=place.opens)
        if place.opens == "same" and earlier.opens in ("floor", "swap"):
            return self._turn(earlier, answers, entered=True)  # the same speaker, aloud
        return None

    def resume(self, position: str | None, answers: Answers) -> Turn:
        sequence = self._sequence(answers)
        step, partner = parse_position(position)
        if "@" not in (position or ""):
            partner = self._inferred_partner(sequence, step, answers)
        index = self._index(sequence, step, partner)
        return self._turn(sequence[index or 0], answers, resuming=True)

    @staticmethod
    def _sequence(answers: Answers) -> tuple[Place, ...]:
        return (WAY_PLACE, *PATHS[way_of(answers)])

    @staticmethod
    def _inferred_partner(sequence: tuple[Place, ...], step: str, answers: Answers) -> str:
        """A bare step name may have been written by a save for either partner: of that step's
        turns, the latest one whose partner has saved answers there is where they were."""
        places = [p for p in sequence if p.step == step]
        data_step = DATA_STEP.get(step, step)
        started = [p for p in places if any(k[:2] == (p.partner, data_step) for k in answers)]
        chosen = started[-1] if started else (places[0] if places else sequence[0])
        return chosen.partner

    @staticmethod
    def _index(sequence: tuple[Place, ...], step: str, partner: str) -> int | None:
        for index, place in enumerate(sequence):
            if place.step == step and place.partner == partner:
                return index
        return None

    @staticmethod
    def _turn(
        place: Place, answers: Answers, resuming: bool = False, entered: bool = False
    ) -> Turn:
        turn = Turn(place.step, place.partner, flow="together", mode=place.mode)
        if place.opens == "same":  # the same partner goes on; behind a hand-over when resuming
            return replace(turn, opens=place.resumes) if resuming else turn
        if place.opens != "shared":  # for its partner alone (or with the floor), behind a hand-over
            return turn if entered else replace(turn, opens=place.opens)
        mode = ""
        if place.step == SHARED_PAUSE:
            mode = "break" if anyone_flooded(answers) else "breathe"
        return replace(turn, seats=(place.partner, other(place.partner)), mode=mode)
