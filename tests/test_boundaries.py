"""Boundaries honoured: a refusal, a request to stop contact, an ending, a request for space or
privacy is never a pattern and never a wish for closeness; a harsh message received is first
validated. Uses our own messages and the boundary rows of the blind set's development half."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from softlanding.analysis.analyzer import Analyzer
from softlanding.analysis.boundary import heard

ROOT = Path(__file__).resolve().parents[1]
BLIND = ROOT / "tests" / "data" / "safety_blind.jsonl"

OURS = [
    "Don't touch me. No, I don't want sex tonight.",
    "I'm done with this relationship.",
    "Get away from me.",
    "I need space, please stop texting me.",
    "Please stop messaging me.",
    "I don't want to see you anymore.",
    "Leave me alone, I mean it, don't contact me again.",
    "No. I said no.",
    "I'm not comfortable with that.",
    "I need some time on my own this week.",
    "Please don't go through my things.",
    "My diary is private, please don't read it.",
    "It's over. Please respect that.",
    "I'm not going to talk about my ex with you.",
    "Please stop calling me.",
    "I want to end our relationship. I'm sorry.",
    "I've blocked you. I need a clean break.",
    "I'm not giving you my password.",
    "I'd rather not, thanks.",
    "Please don't push me on this, I'm not ready to move in.",
    "We should break up. I've thought about it for months.",
    "That's a hard no from me.",
    # a bare refusal, the whole message (a reply to a request, or to a touch)
    "no.",
    "No",
    "nope",
    "No thanks.",
    "No, I don't want to.",
    "Stop it.",
    "no. stop.",
]


def _dev_boundaries() -> list[str]:
    rows = [json.loads(line) for line in BLIND.read_text(encoding="utf-8").splitlines() if line]
    return [r["text"] for r in rows if r["split"] == "dev" and r["kind"] == "boundary"]


MESSAGES = OURS + _dev_boundaries()


def test_there_are_enough_boundary_messages() -> None:
    assert len(MESSAGES) >= 20 + 20


@pytest.mark.parametrize("text", MESSAGES)
def test_a_boundary_is_no_pattern_and_no_wish(
    analyzer: Analyzer, data: dict[str, Any], text: str
) -> None:
    found = analyzer.analyze(text)
    assert found.patterns == []
    assert found.bid is None and found.rewrite is None
    assert found.safety.concern is False
    assert analyzer.bid(text) is None and analyzer.hints(text) == []
    wishes = [t["wish"] for t in data["bids"]["translations"]]
    wishes += [r["wish"] for r in data["analysis"]["bid_rules"]]
    said = heard(analyzer, text, "FALLBACK")
    assert said not in wishes and "FALLBACK" not in said


@pytest.mark.parametrize("text", OURS)
def test_a_clear_boundary_is_named_as_one(
    analyzer: Analyzer, data: dict[str, Any], text: str
) -> None:
    words = data["analysis"]["boundaries"]
    assert analyzer.analyze(text).question.startswith(words["acknowledge"])
    assert heard(analyzer, text, "FALLBACK") == words["acknowledge"]


@pytest.mark.parametrize("text", ["You're a useless piece of shit", "honestly you're pathetic"])
def test_a_harsh_message_is_validated_first(
    analyzer: Analyzer, data: dict[str, Any], text: str
) -> None:
    said = heard(analyzer, text, "a wish")
    words = data["analysis"]["boundaries"]
    assert said.startswith(words["harsh"])
    assert words["maybe"] in said


def test_danger_is_never_hidden_by_a_boundary(analyzer: Analyzer) -> None:
    found = analyzer.analyze(
        "Please stop calling me. If you come near me again I'm calling the police. "
        "You hit me last time."
    )
    assert found.safety.concern is True


@pytest.mark.parametrize("text", ["no you never listen", "No, you never help with anything"])
def test_a_no_that_opens_a_complaint_is_still_read(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).patterns  # only a bare refusal is a boundary by itself


def test_an_ordinary_complaint_still_gets_its_wish(analyzer: Analyzer) -> None:
    found = analyzer.analyze("You never spend time with me")
    assert found.patterns and found.bid
    assert heard(analyzer, "You never spend time with me", "x") == found.bid
