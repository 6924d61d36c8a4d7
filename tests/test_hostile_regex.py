"""A pack's regexes can never make matching slow: unsafe ones are refused, safe ones stay linear."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from softlanding.analysis.analyzer import Analyzer
from softlanding.analysis.regex_safety import linear_problem
from softlanding.analysis.rules import AnalysisSection
from softlanding.pack import loader
from softlanding.pack.yaml_reader import parse

PART = Path(__file__).resolve().parents[1] / "data" / "prompts.yaml"

# Each reads some text in many ways, so a backtracking matcher can take exponential or
# polynomial time on it (the first hung `reflect` for 7 s on 26 words).
UNSAFE = [
    "(?:you |you )+zzq",
    "(?:you |you ){0,9}zzq",
    "(?:a|ab|b){0,8}zzq",
    "(?:\\w+ ?){0,6}zzq",
    "(?:you|u)(?:\\s|\\s){0,9}zzq",
    "\\w+\\w+zzq",
    "\\w+ ?\\w+ zzq",
    "[^.]*[^,]*zzq",
    "[^.]*zzq",
    "zzq[!?]+",
    "(?:x|)+zzq",
    "zzq(?=(?:a|a)+b)",
    "(?:(?:a|b)+c)+zzq",
]

# Allowed, but as heavy as the dialect lets a pack be.
HEAVY = [
    "(?:\\w+ ){0,5}zzq",
    "\\w+ zzq",
    "[^.]{0,60}zzq",
    "(?:you |your |you r ){0,4}zzq",
    "\\s*\\w+\\s*zzq{end}",
    "{start}(?:\\w+ ){0,4}\\w*zzq",
]

DRAFTS = {
    "one long word": "a" * 10_000,
    "you, over and over": "you " * 2_500,
    "nearly a match": "you " * 2_499 + "zzq",
    "a long word, then the word": "a" * 9_980 + " b zzq",
    "an ordinary rant": (
        "you always do this and you never listen, why do you never ever help me?? " * 140
    )[:10_000],
}


def section(regexes: list[str]) -> dict[str, Any]:
    doc = parse(PART).data["analysis"]
    doc["patterns"][0]["match"]["regexes"] = list(regexes) + doc["patterns"][0]["match"]["regexes"]
    return doc


@pytest.mark.parametrize("regex", UNSAFE)
def test_a_regex_that_could_backtrack_is_refused_with_a_reason(regex: str) -> None:
    with pytest.raises(ValidationError) as info:
        AnalysisSection.model_validate(section([regex]))
    assert "long text" in str(info.value)


@pytest.mark.parametrize("regex", HEAVY)
def test_the_heavy_but_linear_regexes_are_allowed(regex: str) -> None:
    assert linear_problem(regex.replace("{end}", "").replace("{start}", "")) is None


def test_the_shipped_pack_keeps_to_the_dialect() -> None:
    AnalysisSection.model_validate(parse(PART).data["analysis"])  # raises when it does not


@pytest.fixture(scope="module")
def heavy(tmp_path_factory: pytest.TempPathFactory) -> Analyzer:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOFTLANDING_HOME", str(tmp_path_factory.mktemp("home")))
        mp.delenv("SOFTLANDING_PROMPTS", raising=False)
        data = loader.load_data()
    checked = AnalysisSection.model_validate(section(HEAVY))
    analyzer = Analyzer.from_pack({**data, "analysis": checked.model_dump(mode="json")})
    analyzer.analyze("you zzq and a start")  # compiled once, as the app does before typing
    return analyzer


@pytest.mark.parametrize("name", DRAFTS)
def test_a_long_draft_costs_linear_time_whatever_a_valid_pack_holds(
    heavy: Analyzer, name: str
) -> None:
    draft = DRAFTS[name]
    quarter = min(_timed(heavy, draft[: len(draft) // 4]) for _ in range(7))
    whole = min(_timed(heavy, draft) for _ in range(7))  # the best of seven: a busy machine
    # Four times the text costs about four times as much (a quadratic matcher: sixteen).
    assert whole < 8 * quarter + 0.02, f"{name}: {quarter * 1000:.0f} -> {whole * 1000:.0f} ms"
    assert whole < 0.5, f"{name}: {whole * 1000:.0f} ms"


def test_a_draft_of_one_long_word_reads_in_under_50_ms(heavy: Analyzer) -> None:
    for name in ("one long word", "a long word, then the word"):
        best = min(_timed(heavy, DRAFTS[name]) for _ in range(7))
        assert best < 0.05, f"{name}: {best * 1000:.0f} ms"


def _timed(analyzer: Analyzer, draft: str) -> float:
    begun = time.perf_counter()
    analyzer.analyze(draft)
    analyzer.safety(draft)
    return time.perf_counter() - begun
