"""The after-the-fight talk as a plain sequence: who is asked what, in which order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from softlanding.flow.steps import Answers, Turn
from softlanding.pack.view_after import AfterAsk, AfterTalk

Mode = Literal["together", "solo"]
SEATS = ("A", "B")
STEP = "after"  # the one step of the talk; every answer is saved under it, a field a question


@dataclass(frozen=True)
class Question:
    """One question of the talk: the stage, the ask, who answers and whose words it is about."""

    stage: str
    title: str
    ask: AfterAsk
    seat: str  # who types the answer ("A", "B"; the pair's answers are kept under "A")
    about: str  # the speaker of this round, whose view or request the listener answers

    @property
    def key(self) -> str:
        """Where the answer is saved: one field per question and speaker of the round."""
        return self.ask.id if self.ask.to == "pair" else f"{self.ask.id}_{self.about}"


def other(seat: str) -> str:
    return "B" if seat == "A" else "A"


def questions(talk: AfterTalk, mode: Mode) -> list[Question]:
    """Every question in order: each stage's round for A, then for B; the pair's asks once."""
    speakers = SEATS if mode == "together" else ("A",)
    found: list[Question] = []
    for stage in talk.stages:
        for ask in stage.asks:
            if ask.to == "pair" and _asked(ask, mode):
                found.append(Question(stage.id, stage.title, ask, "A", "A"))
        for speaker in speakers:
            for ask in stage.asks:
                if ask.to != "pair" and _asked(ask, mode):
                    seat = speaker if ask.to == "speaker" or mode == "solo" else other(speaker)
                    found.append(Question(stage.id, stage.title, ask, seat, speaker))
    return found


def stages_of(found: list[Question]) -> list[str]:
    """The stages in order, for "3 of 7" progress."""
    return list(dict.fromkeys(question.stage for question in found))


def _asked(ask: AfterAsk, mode: Mode) -> bool:
    return mode == "together" or ask.solo is not None


class AfterFlow:
    """The talk is one step (its screen walks the questions), for one person or the pair."""

    def __init__(self, mode: Mode) -> None:
        self.mode: Mode = mode

    def first(self) -> Turn:
        seats = SEATS if self.mode == "together" else ("A",)
        return Turn(STEP, "A", flow="after", mode=self.mode, seats=seats)

    def after(self, step: str, partner: str, answers: Answers) -> Turn | None:
        return None

    def before(self, step: str, partner: str, answers: Answers) -> Turn | None:
        return None

    def resume(self, position: str | None, answers: Answers) -> Turn:
        return self.first()
