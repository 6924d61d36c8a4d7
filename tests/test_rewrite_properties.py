"""What every rewrite offered for the labelled development messages holds to: feelings that are
feelings (never an evaluation of the partner dressed as one), responsibility taken for
defensiveness, no lecture for contempt, a question about the message, variety, and no wish for
closeness when someone sets a boundary."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from softlanding.analysis.analyzer import Analysis, Analyzer
from softlanding.analysis.boundary import heard

DATA = Path(__file__).parent / "data"
# Evaluations of the partner that NVC calls faux feelings (content_review.md, domain.md).
PSEUDO = (
    "unimportant",
    "like i come last",
    "shut out",
    "ignored",
    "abandoned",
    "unheard",
    "undermined",
    "blamed",
    "let down",
    "left out",
    "rejected",
    "unappreciated",
    "unseen",
    "disrespected",
    "neglected",
    "invisible",
    "outnumbered",
)
CLOSENESS = ("close", "closeness", "miss you", "time with you", "hug", "together")


def rows(name: str) -> list[dict[str, Any]]:
    path = DATA / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def dev_texts() -> list[str]:
    blind = [r for n in ("patterns_blind_a.jsonl", "patterns_blind_b.jsonl") for r in rows(n)]
    return [r["text"] for r in rows("labelled_messages.jsonl")] + [
        r["text"] for r in blind if r["split"] == "dev"
    ]


@pytest.fixture(scope="module")
def flagged(analyzer: Analyzer) -> list[Analysis]:
    found = [analyzer.analyze(t) for t in dev_texts()]
    return [a for a in found if a.patterns and a.rewrite]


def test_there_are_enough_flagged_messages(flagged: list[Analysis]) -> None:
    assert len(flagged) > 300


def test_no_rewrite_names_a_pseudo_feeling(flagged: list[Analysis]) -> None:
    for found in flagged:
        said = (found.rewrite or "").lower()
        for word in PSEUDO:
            assert not re.search(rf"\b{word}\b", said) or word in found.text.lower(), (
                found.text,
                found.rewrite,
            )


def test_most_flagged_messages_get_a_rewrite_of_their_own(analyzer: Analyzer) -> None:
    blind = [r for n in ("patterns_blind_a.jsonl", "patterns_blind_b.jsonl") for r in rows(n)]
    found = [analyzer.analyze(r["text"]) for r in blind if r["split"] == "dev"]
    said = [f.rewrite for f in found if f.patterns and f.rewrite]
    assert len(said) > 200
    assert len(set(said)) >= 0.6 * len(said)  # the varied set: texting, spoken, long messages


def test_rewrites_are_well_formed(flagged: list[Analysis]) -> None:
    for found in flagged:
        said = found.rewrite or ""
        assert not re.search(r"\b(\w+) \1\b", said, re.IGNORECASE), said  # doubled word
        assert not re.search(r"\b(?:about|with|the|of|my|your|a)[.,?!]", said), said
        assert said[-1] in ".?!" and said[0].isupper() and "{" not in said, said


def test_defensiveness_takes_responsibility(flagged: list[Analysis]) -> None:
    only = [f for f in flagged if {p.kind for p in f.patterns} == {"defensiveness"}]
    assert len(only) > 20
    for found in only:
        said = found.rewrite or ""
        assert "right" in said or "on me" in said or "my part" in said.lower(), said


def test_contempt_is_answered_without_a_lecture(flagged: list[Analysis]) -> None:
    scorn = [f for f in flagged if "contempt" in {p.kind for p in f.patterns}]
    assert len(scorn) > 20
    for found in scorn:
        said = (found.rewrite or "").lower()
        assert "respect" not in said and "we need to" not in said and "should" not in said, said


def test_the_question_is_about_this_message(flagged: list[Analysis], data: dict[str, Any]) -> None:
    frames = data["analysis"]["question_frames"]
    stock = set(data["reflection"]["questions"])
    for found in flagged:
        assert found.question not in stock, found.text
        kinds = {p.kind for p in found.patterns}
        fitting = [q for key, lines in frames.items() for q in lines if key.split("_")[0] in kinds]
        shaped = {q.split("{topic}")[0] for q in fitting} | set(frames.get("fear", []))
        assert any(found.question.startswith(s) for s in shaped), (found.text, found.question)


def boundary_texts() -> list[str]:
    blind = rows("safety_blind.jsonl")
    return [r["text"] for r in blind if r["split"] == "dev" and r["boundary"] and not r["safety"]]


def test_a_boundary_gets_no_wish_for_closeness(analyzer: Analyzer) -> None:
    texts = boundary_texts()
    assert len(texts) >= 20
    for text in texts:
        found = analyzer.analyze(text)
        assert found.bid is None and found.rewrite is None, text
        said = heard(analyzer, text, "").lower()
        assert not any(word in said for word in CLOSENESS), (text, said)
