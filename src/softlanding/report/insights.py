"""Patterns over time, counted from plain session facts: pure Python, no Textual, no SQL.

Only counts and plain facts: no scores, no streaks, nothing that grades anyone. Breaks are
counted, never whether someone came back "as agreed": that tally would be a scorecard against
the partner who needed the break.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from softlanding.models import SessionFacts, readable_time

PERIODS: dict[str, int | None] = {"30": 30, "90": 90, "all": None}
TIMES_OF_DAY = ("morning", "afternoon", "evening", "night")
NOT_A_WORD = ("not_sure", "rather_not_say", "", None)


@dataclass(frozen=True)
class Patterns:
    """What a period looked like; lists of (thing, count) are most frequent first."""

    sessions: int
    feelings: list[tuple[str, int]]
    under: list[tuple[str, int]]
    needs: list[tuple[str, int]]
    tags: list[tuple[str, int]]
    times_of_day: list[tuple[str, int]]
    calm: list[tuple[int, int]]  # (before, after), oldest first, where both were noted
    breaks: int

    @property
    def calm_before(self) -> float | None:
        return _mean([b for b, _ in self.calm]) if self.calm else None

    @property
    def calm_after(self) -> float | None:
        return _mean([a for _, a in self.calm]) if self.calm else None


def period_start(period: str, now: datetime) -> datetime | None:
    """Where a period ("30", "90" days or "all") begins; None means from the first session."""
    days = PERIODS[period]
    return None if days is None else now - timedelta(days=days)


def time_of_day(moment: datetime) -> str:
    """Morning 5–12, afternoon 12–17, evening 17–22, night 22–5 (local clock)."""
    hour = moment.hour
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


def summarise(facts: Iterable[SessionFacts], now: datetime) -> Patterns:
    """Count feelings, needs, tags, times of day, calm and breaks over the given sessions."""
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("word", "under", "need", "tag")}
    clock: Counter[str] = Counter()
    calm: list[tuple[int, int]] = []
    total = breaks = 0
    for fact in facts:
        total += 1
        for key in ("word", "under", "need"):
            counts[key].update(_words(fact.each("name", key)))
        counts["tag"].update(fact.tags)
        moment = readable_time(fact.started_at)
        if moment is not None:  # a damaged time is counted, just not placed in the day
            clock[time_of_day(moment)] += 1
        calm.extend(_calm_pairs(fact))
        breaks += _took_break(fact)
    return Patterns(
        sessions=total,
        feelings=_ranked(counts["word"]),
        under=_ranked(counts["under"]),
        needs=_ranked(counts["need"]),
        tags=_ranked(counts["tag"]),
        times_of_day=[(name, clock[name]) for name in TIMES_OF_DAY],
        calm=calm,
        breaks=breaks,
    )


def _words(values: list[Any]) -> list[str]:
    return [v.strip() for v in values if isinstance(v, str) and v.strip() not in NOT_A_WORD]


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    """Most frequent first; ties in alphabetical order so the view never reshuffles."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _calm_pairs(fact: SessionFacts) -> list[tuple[int, int]]:
    pairs = []
    for partner in sorted({p for (p, s, _) in fact.answers if s == "pause"}):
        before = fact.answers.get((partner, "pause", "calm_before"))
        after = fact.answers.get((partner, "pause", "calm_after"))
        if (
            isinstance(before, int)
            and isinstance(after, int)
            and _is_calm(before)
            and _is_calm(after)
        ):
            pairs.append((before, after))
    return pairs


def _is_calm(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10


def _took_break(fact: SessionFacts) -> bool:
    return "break" in fact.each("pause", "choice") or bool(fact.each("pause", "return_at"))


def buckets(pairs: list[tuple[int, int]], width: int) -> list[tuple[float, float]]:
    """At most `width` points for a chart: mean before and after of consecutive sessions."""
    if width <= 0 or not pairs:
        return []
    count = min(width, len(pairs))
    points = []
    for i in range(count):
        chunk = pairs[i * len(pairs) // count : (i + 1) * len(pairs) // count]
        points.append((_mean([b for b, _ in chunk]), _mean([a for _, a in chunk])))
    return points


def _mean(values: list[int]) -> float:
    return sum(values) / len(values)  # `statistics` costs a noticeable import in one-shot commands
