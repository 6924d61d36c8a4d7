"""The domain: what a session is and what each step records (no Textual, no SQL)."""

from __future__ import annotations

import math
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


def readable_time(stamp: object) -> datetime | None:
    """A stored time on the person's own clock, or None when it is not one a session can hold
    (readers never trust the file: a hand edit or an old version may have left anything)."""
    if not isinstance(stamp, str) or len(stamp) > 40:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
        return moment.astimezone() if in_range(moment) else None
    except (ValueError, OverflowError):
        return None


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
    skipped: int = 0  # stored answers that could not be read back (shown as a notice)

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


# --- what an answer may hold: the one check the store, the TUI's saves and import go through ----

MAX_TEXT = 1_000_000  # characters in one answer: far beyond anything typed or pasted
MAX_LIST = 1_000  # items in one list answer (tags, chosen phrases, private notes)
_SCALE = ("pause", "calm_before"), ("pause", "calm_after"), ("name", "intensity")
_SCALE_WORDS = ("rather_not_say", "not_sure", "skip")  # a scale may be declined instead
_FLAGS = ("pause", "flooded"), ("summary", "completed"), ("listen", "confirmed")
_TIMES = ("return_at", "returned_at", "follow_up_at")


# A sealed answer (store.seal) is stored in place of its value: {"sealed": kind, ...} with the
# box and its salt or key as base64 text. What it holds is checked again once it is opened.
_SEALED_SHAPES = {"passphrase": {"sealed", "salt", "box"}, "lock": {"sealed", "epk", "box"}}


def sealed_problem(value: dict[str, Any]) -> str | None:
    """Why `value` is not a sealed answer as softlanding writes one, or None if it is."""
    kind = value.get("sealed")
    shape = _SEALED_SHAPES.get(kind) if isinstance(kind, str) else None
    if shape is None or set(value) != shape:
        return "is not a sealed answer softlanding can read"
    if not all(isinstance(v, str) and len(v) <= MAX_TEXT for v in value.values()):
        return "is not a sealed answer softlanding can read"
    return None


def answer_problem(step: str, field: str, value: Any) -> str | None:
    """Why `value` cannot be saved as this answer (plain words), or None if it can."""
    if isinstance(value, dict) and "sealed" in value:
        return sealed_problem(value)
    if (step, field) in _SCALE:
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10
        return None if ok or value in _SCALE_WORDS else "should be a whole number from 0 to 10"
    if (step, field) in _FLAGS or field == "talk_again":
        return None if isinstance(value, bool) else "should be true or false"
    if field in _TIMES:
        return None if _is_time(value) else "should be a time like 2026-03-01T21:40:00+00:00"
    if field == "break_minutes":
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 7 * 24 * 60
        return None if ok else "should be a whole number of minutes"
    return _plain_value(value, depth=0)


EARLIEST, LATEST = 2000, 2200  # years a session's times can fall in (an import's are checked)


def _is_time(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return moment.tzinfo is not None and in_range(moment)


def in_range(moment: datetime) -> bool:
    """Whether a time with its offset lies in the years a session can (one at the edge of what
    Python can hold, "9999-12-31T23:59-23:59", overflows wherever it is shown)."""
    try:
        return EARLIEST <= moment.astimezone(UTC).year <= LATEST
    except (OverflowError, ValueError):
        return False


MAX_DEPTH = 4  # lists and objects inside an answer (a reflection's analysis is the deepest)


def _plain_value(value: Any, depth: int) -> str | None:
    """Text, a finite number, true/false, null, or small lists and objects of those."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if abs(value) < 2**53 else "is a number too large to keep"
    if isinstance(value, float):
        return None if math.isfinite(value) else "should be a number (not NaN or Infinity)"
    if isinstance(value, str):
        return _text_problem(value)
    if not isinstance(value, list | dict):
        return "should be text, a number, true/false, or a list of text"
    if depth >= MAX_DEPTH:
        return "is nested too deeply"
    if len(value) > MAX_LIST:
        return f"has more than {MAX_LIST} items"
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        problem = _text_problem(key) if isinstance(key, str) else None
        problem = problem or _plain_value(item, depth + 1)
        if problem:
            return problem
    return None


def _text_problem(value: str) -> str | None:
    if len(value) > MAX_TEXT:
        return f"is longer than {MAX_TEXT:,} characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "holds a broken character (a lone surrogate)"
    return None


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


@dataclass(frozen=True)
class HistoryRow:
    """One line of the history list; `break_state` is None when no break was taken, `partners`
    holds a pair's names as stored (empty for one person)."""

    id: str
    kind: str
    status: str
    started_at: str
    tags: tuple[str, ...]
    feelings: tuple[str, ...]
    break_state: str | None
    partners: tuple[str, ...] = ()


RETURN_GRACE = timedelta(minutes=10)  # a few minutes late still counts as coming back as agreed


def return_state(return_at: str | None, returned_at: str | None, now: datetime) -> str:
    """Whether a break's agreed return happened: kept, early, later, not_noted, or pending."""
    if not return_at:
        return "not_noted"
    agreed = datetime.fromisoformat(return_at)
    if returned_at:
        back = datetime.fromisoformat(returned_at)
        if back < agreed - RETURN_GRACE:
            return "early"  # back before the body had the agreed time: not "as agreed"
        return "kept" if back <= agreed + RETURN_GRACE else "later"
    return "pending" if agreed > now else "not_noted"
