"""Patterns over time: pure counting, no scores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from history_seed import NOW, seed
from softlanding.models import SessionFacts, return_state
from softlanding.report.insights import buckets, period_start, summarise, time_of_day
from softlanding.store import archive


def fact(started: str, **answers: object) -> SessionFacts:
    """A solo session's facts; keys are step__field."""
    found = SessionFacts("x", "solo", started)
    for key, value in answers.items():
        step, name = key.split("__")
        found.answers[("A", step, name)] = value
    return found


def test_feelings_and_needs_most_frequent_first_ties_alphabetical() -> None:
    facts = [
        fact("2025-03-01T10:00:00+00:00", name__word="hurt", name__need="rest"),
        fact("2025-03-02T10:00:00+00:00", name__word="lonely", name__need="rest"),
        fact("2025-03-03T10:00:00+00:00", name__word="hurt", name__need="space"),
        fact("2025-03-04T10:00:00+00:00", name__word="angry"),
        fact("2025-03-05T10:00:00+00:00", name__word="not_sure"),
        fact("2025-03-06T10:00:00+00:00", name__word="rather_not_say"),
    ]
    found = summarise(facts, NOW)
    assert found.sessions == 6
    assert found.feelings == [("hurt", 2), ("angry", 1), ("lonely", 1)]
    assert found.needs == [("rest", 2), ("space", 1)]


def test_both_partners_feelings_count() -> None:
    together = SessionFacts("t", "together", "2025-03-01T10:00:00+00:00")
    together.answers[("A", "name", "word")] = "stung"
    together.answers[("B", "name", "word")] = "stung"
    assert summarise([together], NOW).feelings == [("stung", 2)]


def test_time_of_day_buckets_in_a_fixed_order() -> None:
    assert time_of_day(datetime(2025, 1, 1, 5)) == "morning"
    assert time_of_day(datetime(2025, 1, 1, 12)) == "afternoon"
    assert time_of_day(datetime(2025, 1, 1, 21, 59)) == "evening"
    assert time_of_day(datetime(2025, 1, 1, 22)) == "night"
    assert time_of_day(datetime(2025, 1, 1, 4, 59)) == "night"
    found = summarise([fact("2025-03-01T23:00:00+00:00"), fact("2025-03-01T08:00:00+00:00")], NOW)
    assert found.times_of_day == [("morning", 1), ("afternoon", 0), ("evening", 0), ("night", 1)]


def test_calm_pairs_only_where_both_were_noted() -> None:
    facts = [
        fact("2025-03-01T10:00:00+00:00", pause__calm_before=2, pause__calm_after=6),
        fact("2025-03-02T10:00:00+00:00", pause__calm_before=4),
        fact("2025-03-03T10:00:00+00:00", pause__calm_before=4, pause__calm_after=8),
        fact("2025-03-04T10:00:00+00:00", pause__calm_before=True, pause__calm_after=99),
    ]
    found = summarise(facts, NOW)
    assert found.calm == [(2, 6), (4, 8)]
    assert found.calm_before == 3 and found.calm_after == 7


def test_no_calm_means_no_average() -> None:
    found = summarise([], NOW)
    assert found.sessions == 0 and found.calm_before is None and found.calm_after is None


def test_breaks_and_whether_the_agreed_return_happened() -> None:
    agreed = "2025-03-01T22:00:00+00:00"
    facts = [
        fact(
            "2025-03-01T21:00:00+00:00",
            pause__choice="break",
            pause__return_at=agreed,
            pause__returned_at="2025-03-01T22:05:00+00:00",
        ),
        fact(
            "2025-03-01T21:00:00+00:00",
            pause__choice="break",
            pause__return_at=agreed,
            pause__returned_at="2025-03-01T23:00:00+00:00",
        ),
        fact(
            "2025-03-01T21:00:00+00:00",
            pause__choice="break",
            pause__return_at=agreed,
            pause__returned_at="2025-03-01T21:01:00+00:00",  # a minute into an hour's break
        ),
        fact("2025-03-01T21:00:00+00:00", pause__choice="break", pause__return_at=agreed),
        fact("2025-03-31T11:50:00+00:00", pause__return_at="2025-03-31T12:30:00+00:00"),
        fact("2025-03-01T21:00:00+00:00", pause__choice="breathe"),
    ]
    found = summarise(facts, NOW)
    assert found.breaks == 5
    assert not hasattr(found, "returns")  # no tally of who came back when: not a scorecard


def test_return_state_edges() -> None:
    now = datetime(2025, 3, 1, 12, tzinfo=UTC)
    assert return_state(None, None, now) == "not_noted"
    assert return_state("2025-03-01T11:00:00+00:00", "2025-03-01T10:30:00+00:00", now) == "early"
    assert return_state("2025-03-01T11:00:00+00:00", "2025-03-01T10:55:00+00:00", now) == "kept"
    assert return_state("2025-03-01T11:00:00+00:00", "2025-03-01T11:10:00+00:00", now) == "kept"
    assert return_state("2025-03-01T11:00:00+00:00", "2025-03-01T11:11:00+00:00", now) == "later"
    assert return_state("2025-03-01T13:00:00+00:00", None, now) == "pending"


def test_an_unreadable_return_time_still_counts_the_break() -> None:
    broken = fact("2025-03-01T21:00:00+00:00", pause__choice="break", pause__return_at="soon")
    assert summarise([broken], NOW).breaks == 1


def test_period_start() -> None:
    assert period_start("30", NOW) == NOW - timedelta(days=30)
    assert period_start("90", NOW) == NOW - timedelta(days=90)
    assert period_start("all", NOW) is None


def test_buckets_average_consecutive_sessions_into_at_most_width_points() -> None:
    pairs = [(0, 10), (2, 8), (4, 6), (6, 4)]
    assert buckets(pairs, 2) == [(1, 9), (5, 5)]
    assert buckets(pairs, 10) == [(0, 10), (2, 8), (4, 6), (6, 4)]
    assert buckets([], 10) == [] and buckets(pairs, 0) == []


def test_tags_are_counted(store) -> None:
    seed(store)
    found = summarise(archive.pattern_facts(store), NOW)
    assert dict(found.tags) == {"money": 1, "chores": 1, "family": 1, "work": 1}
    assert found.sessions == 5 and found.breaks == 1


def test_wording_has_no_scores_or_streaks(pack) -> None:
    words = " ".join(vars(pack.text.patterns).values()).lower()
    for judgement in ("score", "streak", "good", "bad", "failed", "better", "worse", "%"):
        assert judgement not in words
