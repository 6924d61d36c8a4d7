"""The analyzer hears the message: quotations and look-alikes stay quiet, the learned reader keeps
spans, rewrites keep the point (topic, ask, responsibility, the fear under it), and the question
is about what was found."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from softlanding.analysis import model as pattern_model
from softlanding.analysis.analyzer import Analyzer


def kinds(analyzer: Analyzer, text: str) -> set[str]:
    return {f.kind for f in analyzer.analyze(text).patterns}


# --- hearing more, and not too much -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("the problem with you is you never finish a single job in this flat", "criticism"),
        ("typical you. left the gate open and the dog got out", "criticism"),
        ("why is it always me that sorts the recycling", "criticism"),
        ("oh well done, you emptied the dishwasher. someone alert the press", "contempt"),
        ("ok einstein, explain how the car ran out of petrol again", "contempt"),
        ("aww is somebody sulking because they lost at cards", "contempt"),
        ("and you don't leave your shoes everywhere? please", "defensiveness"),
        ("so sorry for having a social life", "defensiveness"),
        ("i'm not going to reply to any more of this", "stonewalling"),
    ],
)
def test_families_beyond_keywords(analyzer: Analyzer, text: str, kind: str) -> None:
    assert kind in kinds(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        'my aunt told the builder "you never turn up on time" and he just laughed',
        "the podcast said 'why is it always me' is a trap phrase, worth a listen",
        "I said 'whatever' last night and I regret it. Can we talk properly now?",
        "my manager keeps saying 'not my fault' about the rota, it's driving the team mad",
    ],
)
def test_quotations_and_third_parties_stay_quiet(analyzer: Analyzer, text: str) -> None:
    assert kinds(analyzer, text) == set()


def test_every_flag_has_a_span_and_a_why(analyzer: Analyzer) -> None:
    text = "Dinner's in the oven. Honestly it's like living with a teenager who can't read a clock."
    found = analyzer.analyze(text).patterns
    assert found
    for f in found:
        assert text[f.start : f.end] == f.match and f.match.strip() and f.why and f.antidote


def test_rules_still_run_without_the_weights(data: dict[str, Any], tmp_path: Path) -> None:
    missing = pattern_model.PatternModel.load({}, tmp_path / "absent.json")
    assert missing is None  # a damaged install falls back to the rules, never a traceback
    shipped = pattern_model.PatternModel.load({})
    assert shipped is not None and shipped.kinds == [
        "criticism",
        "contempt",
        "defensiveness",
        "stonewalling",
    ]


def test_the_model_changes_the_result(analyzer: Analyzer, data: dict[str, Any]) -> None:
    """The learned reader adds what no rule names (proof it is used, not decoration)."""
    rules_only = Analyzer.from_pack(data)
    rules_only._model = None
    for text in (
        "i cant believe i have to explain a kettle to a grown woman",
        "oh marvellous. truly. what would we do without you",
    ):
        assert "contempt" in kinds(analyzer, text)
        assert "contempt" not in kinds(rules_only, text)


# --- rewrites that keep the point -------------------------------------------------------------


def test_rewrite_keeps_the_request(analyzer: Analyzer) -> None:
    said = analyzer.analyze("you should have called the plumber on monday like you said").rewrite
    assert said and "call the plumber" in said and said.startswith(("I", "This"))
    said = analyzer.analyze("you never pay the gas bill, not once").rewrite
    assert said and "pay the gas bill" in said


def test_rewrite_keeps_the_topic(analyzer: Analyzer) -> None:
    said = analyzer.analyze("wow, you remembered the money for once. want a medal?").rewrite
    assert said and "the money" in said


def test_defensiveness_rewrite_takes_responsibility(analyzer: Analyzer) -> None:
    said = analyzer.analyze("So I forgot the milk, it's hardly the end of the world").rewrite
    assert said and said.startswith("You're right that I forgot the milk")


def test_fear_stays_fear(analyzer: Analyzer) -> None:
    said = analyzer.analyze("I feel like you don't love me anymore").rewrite
    assert said and "frustrated" not in said and ("scared" in said or "afraid" in said)


def test_contempt_rewrite_names_the_hurt_without_a_lecture(analyzer: Analyzer) -> None:
    said = analyzer.analyze("you're pathetic, honestly").rewrite
    assert said and ("hurt" in said or "sad" in said or "alone" in said)
    assert "respect" not in said and "we need to" not in said.lower()


PSEUDO = ("unimportant", "like i come last", "shut out", "unheard", "unappreciated", "rejected")


def test_no_pseudo_feeling_stands_alone(data: dict[str, Any]) -> None:
    """An evaluation of the partner is paired with a real feeling, never alone (NVC)."""
    section = data["analysis"]
    feelings = [b["rewrite"]["feeling"] for b in section["bid_rules"]]
    lines = [line for frames in section["rewrite_frames"].values() for line in frames]
    for said in feelings + lines:
        low = said.lower()
        for word in PSEUDO:
            if word in low:
                assert "," in low or " and " in low, said


VARIED = [
    "you should have called the plumber on monday like you said",
    "you never take the bins out",
    "why can't you ever text back when you say you will",
    "how hard is it to put the lid back on the toothpaste",
    "you're always late, every single time",
    "you didn't pay the electric bill again",
    "you're so selfish with the car",
    "would it kill you to wash a pan",
    "classic you, forgetting my birthday",
    "wow you cooked dinner. alert the media",
    "you're pathetic, honestly",
    "ok genius, where did the savings go",
    "lol ok, nice try",
    "aww did someone get their feelings hurt",
    "you absolute walnut, the kids are still at school",
    "imagine needing a spreadsheet for the groceries",
    "So I forgot the bread, it's hardly the end of the world",
    "it's not my fault, nobody told me about the dentist",
    "and you don't? you're on your phone all night",
    "what about you? you forgot the rent last month",
    "i wouldn't have shouted if you hadn't kept pushing",
    "whatever, I'm done talking about the money",
    "I'm not discussing the holiday again",
    "fine. do what you want",
    "leave me alone",
    "I feel like you don't love me anymore",
    "You never listen to me, whatever",
    "you never help with the kids",
    "why is it always me who has to ring the landlord",
    "you don't care about the garden at all",
]


def test_varied_rewrites_are_distinct_and_well_formed(analyzer: Analyzer) -> None:
    said = [analyzer.analyze(t).rewrite for t in VARIED]
    flagged = [s for s in said if s]
    assert len(flagged) >= 0.9 * len(VARIED)
    assert len(set(flagged)) >= 0.6 * len(flagged), sorted(flagged)
    for s in flagged:
        assert not re.search(r"\b(\w+) \1\b", s, re.IGNORECASE), s  # doubled word
        assert not re.search(r"\b(?:about|with|to|the|of)[.,?!]", s), s  # dangling word
        assert s[-1] in ".?!" and s[0].isupper() and "{" not in s, s
        assert "  " not in s and " ," not in s and " ." not in s, s


# --- the question is about this message -------------------------------------------------------


def test_question_follows_what_was_found(analyzer: Analyzer, data: dict[str, Any]) -> None:
    frames = data["analysis"]["question_frames"]
    asked = analyzer.analyze("It's not my fault, the traffic was mad").question
    assert asked in frames["defensiveness"]
    asked = analyzer.analyze("you never sort the recycling").question
    assert "the recycling" in asked
    asked = analyzer.analyze("I love you, can we try again?").question
    assert asked in frames["clean"] + frames["clean_topic"]
    assert asked not in data["reflection"]["questions"]
