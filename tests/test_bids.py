"""Hearing the wish behind a complaint: the pack's bid phrases, matched by the one analyzer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softlanding.analysis.analyzer import Analyzer

TRANSLATIONS = [
    {"match": ["on your phone", "always on your phone"], "wish": "attention"},
    {"match": ["never listen", "don't listen"], "wish": "understood"},
    {"match": ["never spend time with me"], "wish": "miss you"},
    {"match": ["the bills"], "wish": "safe future"},
]


@pytest.fixture(scope="module")
def shipped(compiled_pack: Path) -> dict[str, Any]:
    return dict(json.loads(compiled_pack.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def phrases_only(compiled_pack: Path) -> Analyzer:
    """The shipped analyzer with only these bid phrases (no regex bid rules) to hear with."""
    data = json.loads(compiled_pack.read_text(encoding="utf-8"))
    data["bids"]["translations"] = TRANSLATIONS
    data["analysis"]["bid_rules"] = []
    return Analyzer.from_pack(data)


def test_a_phrase_anywhere_in_the_words_finds_its_wish(phrases_only: Analyzer) -> None:
    assert phrases_only.bid("Why are you ALWAYS on your phone?!") == "attention"
    assert phrases_only.bid("you never listen to me") == "understood"


def test_curly_apostrophes_and_extra_spaces_still_match(phrases_only: Analyzer) -> None:
    assert phrases_only.bid("You don\u2019t   listen") == "understood"


def test_only_whole_words_match(phrases_only: Analyzer) -> None:
    assert phrases_only.bid("the billsons are coming") is None
    assert phrases_only.bid("I paid the bills.") == "safe future"


def test_nothing_matching_hears_nothing(phrases_only: Analyzer) -> None:
    assert phrases_only.bid("can we talk later") is None
    assert phrases_only.bid("") is None


def test_emoji_and_long_text_are_fine(phrases_only: Analyzer) -> None:
    said = "😤😤 " + "blah " * 5000 + "you never listen 💔"
    assert phrases_only.bid(said) == "understood"


def test_the_shipped_pack_hears_common_complaints(shipped: dict[str, Any]) -> None:
    analyzer = Analyzer.from_pack(shipped)
    for said in (
        "You never spend time with me",
        "You're always on your phone",
        "I do everything around here",
        "You always take your mother's side",
    ):
        assert analyzer.bid(said), said


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_wish_or_none_never_a_crash(phrases_only: Analyzer, said: str) -> None:
    wish = phrases_only.bid(said)
    assert wish is None or wish.strip()
