"""The domain: what a session is and what each step records (no Textual, no SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
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


@dataclass(frozen=True)
class SessionSummary:
    """A row for history lists: cheap to load thousands of."""

    id: str
    kind: Kind
    status: Status
    started_at: str
    tags: tuple[str, ...]
    feelings: tuple[str, ...]
