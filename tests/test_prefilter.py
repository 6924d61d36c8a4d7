"""The word index in front of the rules: a rule whose needed words are not in a message is never
compiled or run, and skipping it never changes what the analyzer finds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from softlanding.analysis import index, prefilter, text
from softlanding.analysis.analyzer import Analyzer

DATA = Path(__file__).parent / "data"


def labelled_texts() -> list[str]:
    out: list[str] = []
    for path in sorted(DATA.glob("*.jsonl")):
        if path.stem.endswith("_train"):  # thousands of the models' own rows: the blind and
            continue  # labelled sets already cover every family, in every register
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["text"])
    return out


@pytest.fixture(scope="module")
def indexed(data: dict[str, Any]) -> Analyzer:
    return Analyzer.from_pack(data)


@pytest.fixture(scope="module")
def full_scan(data: dict[str, Any]) -> Analyzer:
    section = {k: v for k, v in data["analysis"].items() if k != "first_words"}
    return Analyzer.from_pack({**data, "analysis": section})  # every regex tried everywhere


def test_the_index_changes_nothing_on_any_labelled_message(
    indexed: Analyzer, full_scan: Analyzer
) -> None:
    texts = labelled_texts()
    assert len(texts) > 1500
    for message in texts:
        assert indexed.analyze(message) == full_scan.analyze(message), message
        assert indexed.hints(message) == full_scan.hints(message), message
        assert indexed.bid(message) == full_scan.bid(message), message


def test_a_rule_whose_words_are_absent_is_never_run(
    indexed: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    scanned: list[text.Matcher] = []
    real = text.scan

    def spy(matcher: text.Matcher, doc: text.Doc) -> list[tuple[int, int]]:
        scanned.append(matcher)
        return real(matcher, doc)

    monkeypatch.setattr(text, "scan", spy)
    message = "the weather was lovely at the beach today"
    indexed.analyze(message)
    safety = [m.resolve() for r in indexed._safety for m in r.regexes]  # noqa: SLF001
    hit = next(m for m in safety if m.gate and "punched" in m.gate)
    assert hit not in scanned
    keys = text.Doc(message).keys
    for matcher in scanned:  # each one run has every clause of some way met by the message
        ways = [w for w in matcher.ways() if w]
        assert not ways or any(all(not c.isdisjoint(keys) for c in w) for w in ways)
    assert len(scanned) < 20  # of well over a thousand


def test_a_message_that_should_match_still_matches(indexed: Analyzer) -> None:
    found = indexed.safety("he punched me in the face last night")
    assert found.concern and "violence" in found.categories
    assert {f.kind for f in indexed.analyze("you never listen to me, whatever").patterns}


@pytest.mark.parametrize(
    ("regex", "present", "absent"),
    [
        ("(?:he|she) (?:hit|punched) me", {"he", "punched", "me", "he punched"}, {"kicked"}),
        ("what about (?:you|your)", {"what about", "about your"}, {"what you"}),
        ("(?:i dont care|whatever)\\b", {"dont care", "whatever"}, {"care whatever"}),
    ],
)
def test_needs_are_worked_out_from_the_regex(
    regex: str, present: set[str], absent: set[str]
) -> None:
    entry = prefilter.prepare(regex)
    listed = {w for way in entry.get("ways", [[entry["gate"]]]) for c in way for w in c}
    assert present <= listed
    assert not absent & listed


def test_a_regex_without_listable_words_is_always_tried() -> None:
    entry = prefilter.prepare("\\w+ly")
    assert entry["first"] is None and entry["gate"] is None and "ways" not in entry
    matcher = text.Matcher("\\w+ly", False, None)
    assert index.WordIndex([matcher]).active(frozenset({"hello"}), "hello") == {matcher}
