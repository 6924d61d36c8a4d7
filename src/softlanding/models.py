"""The domain: what a session is and what each step records (no Textual, no SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

Kind = Literal["solo", "together", "reflect"]
Status = Literal["open", "completed", "abandoned"]
Slot = Literal["A", "B"]

# Step names, in flow order; the store saves answers under (partner, step, field).
PAUSE = "pause"
NAME = "name"
REFRAME = "reframe"
RESPOND = "respond"
LISTEN = "listen"
CLOSING = "closing"
SUMMARY = "summary"
REFLECT = "reflect"


def now_utc() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """UTC ISO-8601 with seconds, the one format stored in the database."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass
class SessionRecord:
    """One session as read back from the store."""

    id: str
    kind: Kind
    status: Status
    started_at: str
    updated_at: str
    ended_at: str | None = None
    current_step: str | None = None
    partners: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    answers: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    private: set[tuple[str, str, str]] = field(default_factory=set)

    def get(self, step: str, name: str, partner: str = "A", default: Any = None) -> Any:
        return self.answers.get((partner, step, name), default)

    def step_answers(self, step: str, partner: str = "A") -> dict[str, Any]:
        return {f: v for (p, s, f), v in self.answers.items() if p == partner and s == step}


@dataclass
class SessionFacts:
    """The few answers of one session that patterns count (private notes never included)."""

    id: str
    kind: str
    started_at: str
    tags: list[str] = field(default_factory=list)
    answers: dict[tuple[str, str, str], Any] = field(default_factory=dict)

    def each(self, step: str, name: str) -> list[Any]:
        """This answer from every partner who gave it."""
        return [v for (_, s, f), v in sorted(self.answers.items()) if s == step and f == name]


RETURN_GRACE = timedelta(minutes=10)  # a few minutes late still counts as coming back as agreed


def return_state(return_at: str | None, returned_at: str | None, now: datetime) -> str:
    """Whether a break's agreed return happened: kept, later, not_noted, or still pending."""
    if not return_at:
        return "not_noted"
    agreed = datetime.fromisoformat(return_at)
    if returned_at:
        back = datetime.fromisoformat(returned_at)
        return "kept" if back <= agreed + RETURN_GRACE else "later"
    return "pending" if agreed > now else "not_noted"
