"""The blind safety set's development half (the half the lexicon was tuned on) stays caught.

The held-out half is measured only by `tools/eval_safety.py --heldout` (aggregates, no texts).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from softlanding.analysis.analyzer import Analyzer
from softlanding.pack import loader as prompts

BLIND = Path(__file__).resolve().parent / "data" / "safety_blind.jsonl"


@pytest.fixture(scope="module")
def analyzer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Analyzer]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOFTLANDING_HOME", str(tmp_path_factory.mktemp("home")))
        mp.delenv("SOFTLANDING_PROMPTS", raising=False)
        yield Analyzer.from_pack(prompts.load_data())


def _dev() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in BLIND.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["split"] == "dev"]


def test_dev_half_recall_and_false_alarms(analyzer: Analyzer) -> None:
    rows = _dev()
    unsafe = [r for r in rows if r["safety"]]
    missed = [r["text"] for r in unsafe if not analyzer.safety(r["text"]).concern]
    idioms = [r for r in rows if r["kind"] == "idiom"]
    alarms = [r["text"] for r in idioms if analyzer.safety(r["text"]).concern]
    bounds = [r["text"] for r in rows if r["kind"] == "boundary"]
    assert len(unsafe) >= 150
    assert len(missed) / len(unsafe) <= 0.01, missed
    assert len(alarms) / len(idioms) <= 0.03, alarms
    assert not [t for t in bounds if analyzer.safety(t).concern]


def test_each_danger_kind_finds_its_page(analyzer: Analyzer) -> None:
    from softlanding.analysis.danger import find_danger, kinds_of

    for text, kind in [
        ("I'm scared of what I'll do to her", "hurt_partner"),
        ("I've been saving up my sleeping pills", "self_harm"),
        ("he's kicking the door in right now", "danger_now"),
        ("I live on tiptoe around him", "partner_fear"),
    ]:
        hits = find_danger(analyzer, text)
        assert kind in kinds_of(hits), text
        assert all(text[h.start : h.end] == h.match and h.match for h in hits)
