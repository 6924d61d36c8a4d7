"""The learned safety reader: its weights load and match their training, it hears danger the
lexicon does not name, sends each kind to its own page, and leaves boundaries and idioms alone.

The example messages here are written for these tests, not taken from the data it learned from.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

from softlanding.analysis import safety_model
from softlanding.analysis.analyzer import Analyzer
from softlanding.analysis.danger import LEARNED, find_danger, kinds_of

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def model() -> safety_model.SafetyModel:
    loaded = safety_model.SafetyModel.load()
    assert loaded is not None
    return loaded


def _training_settings() -> dict[str, Any]:
    """SETTINGS as tools/train_safety.py writes them (read, not imported: it trains on import)."""
    tree = ast.parse((ROOT / "tools" / "train_safety.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "SETTINGS":
            return dict(ast.literal_eval(node.value))
    raise AssertionError("tools/train_safety.py has no SETTINGS")


def test_shipped_weights_load_and_match_their_training(model: safety_model.SafetyModel) -> None:
    raw = json.loads(safety_model.WEIGHTS.read_text(encoding="utf-8"))
    assert tuple(raw["heads"]) == safety_model.HEADS
    assert model.settings == _training_settings()
    assert model.stem == _training_settings()["stem"]
    assert len(model.rows) > 1000 and len(model.steps) == len(model.rows) * len(raw["heads"])
    assert -10.0 < model.threshold < 10.0


def test_missing_or_damaged_weights_leave_the_lexicon_alone(tmp_path: Path) -> None:
    assert safety_model.SafetyModel.load(tmp_path / "absent.json") is None
    broken = tmp_path / "broken.json"
    raw = json.loads(safety_model.WEIGHTS.read_text(encoding="utf-8"))
    broken.write_text(json.dumps({**raw, "weights": raw["weights"][:-8]}), encoding="utf-8")
    assert safety_model.SafetyModel.load(broken) is None
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**raw, "heads": ["danger"]}), encoding="utf-8")
    assert safety_model.SafetyModel.load(other) is None


def test_features_are_words_pairs_and_stems() -> None:
    feats = safety_model.features("he strangled me", stem=5)
    assert feats[:2] == ["<s>", "he"]
    assert {"<s> he", "he strangled", "me </s>", "stran~"} <= set(feats)
    assert len(feats) == len(set(feats))
    assert "stran~" not in safety_model.features("he strangled me", stem=0)


@pytest.mark.parametrize(
    ("text", "page"),
    [
        (
            "he is outside the flat banging on the window right now and i have locked myself in",
            "danger_now",
        ),
        (
            "she has got a knife and she will not let me out of the kitchen, please help",
            "danger_now",
        ),
        ("i keep thinking everyone would be better off if i was not around any more", "self_harm"),
        (
            "i have written letters to say goodbye to my family and sorted out who gets the cat",
            "self_harm",
        ),
        (
            "i am frightened i am going to hit my wife if i do not get out of the house",
            "hurt_partner",
        ),
        (
            "last night i shoved my boyfriend into the wardrobe and i hate what i am becoming",
            "hurt_partner",
        ),
        (
            "he goes through my bank statements and only gives me an allowance for food",
            "partner_fear",
        ),
        ("i am terrified of how he will react when he finds out i saw my sister", "partner_fear"),
    ],
)
def test_each_kind_is_heard_and_sent_to_its_page(
    model: safety_model.SafetyModel, text: str, page: str
) -> None:
    assert model.danger(text) >= model.threshold
    assert model.page(text) == page


@pytest.mark.parametrize(
    "text",
    [
        "Please stop texting me. I need some space this week and I will reach out when I am ready.",
        "I don't want to have sex tonight. Please don't touch me, I just want to sleep.",
        "I've decided to end our relationship. Please don't contact me again.",
        "No. I'm not talking about this any more tonight, I'm going to bed.",
        "I'd like my diary to stay private, please don't read it.",
        "I need a weekend on my own to think. Don't come round.",
    ],
)
def test_a_boundary_is_not_danger(analyzer: Analyzer, text: str) -> None:
    assert not analyzer.safety(text).concern
    assert not find_danger(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "I could murder a bacon sandwich right now",
        "this commute is killing me, honestly",
        "my sister will kill me if I forget her birthday again lol",
        "we had a blazing row about the dishwasher and then ordered pizza",
    ],
)
def test_everyday_idioms_stay_quiet(analyzer: Analyzer, text: str) -> None:
    assert not analyzer.safety(text).concern


SUBTLE = [  # danger said without the lexicon's words (written for this test)
    "he put an app on my phone so he always knows where I am and who I talk to",
    "she says if I see my friends this weekend I shouldn't bother coming home",
    "he takes my bank card every payday and I have to ask for bus money",
    "when I said no he kept going anyway and told me that's what wives are for",
    "I don't see the point of anything any more, I've started giving my things away",
    "he told me nobody would believe me because everyone knows I'm unstable",
]


def test_the_learned_reader_adds_what_the_lexicon_misses(data: dict[str, Any]) -> None:
    """Proof it is used: messages the lexicon alone passes by are caught, with a span. (At the
    shipped threshold it hears one of the lexicon's three misses here; see the closing note.)"""
    full = Analyzer.from_pack(data)
    lexicon = Analyzer.from_pack(data)
    lexicon._learned_safety = False
    missed = [t for t in SUBTLE if not lexicon.safety(t).concern]
    added = [t for t in missed if full.safety(t).concern]
    assert added and sum(full.safety(t).concern for t in SUBTLE) >= 4
    for text in added:
        hits = find_danger(full, text)
        assert [h.category for h in hits] == [LEARNED]
        assert full.safety(text).categories == kinds_of(hits)
        assert all(text[h.start : h.end] == h.match and h.match.strip() for h in hits)
    coercion = SUBTLE[3]
    assert coercion in added and kinds_of(find_danger(full, coercion)) == ["partner_fear"]


# Joke threats the lexicon catches and the reader is sure of (training rows of blind writers).
OVERRULED = [
    "If you eat my leftovers one more time I will end you. Lovingly. But I will end you",
    "babe I'm going to kill you for spoiling the finale, I had ONE episode left 😭",
]


def test_the_reader_overrules_the_lexicon_only_on_a_sure_idiom_of_its_kinds(
    data: dict[str, Any], model: safety_model.SafetyModel
) -> None:
    """The veto (chosen by cross-validation: no danger message the lexicon caught with these
    kinds scored below it) quiets a joke threat, never self-harm or a reported threat."""
    full = Analyzer.from_pack(data)
    lexicon = Analyzer.from_pack(data)
    lexicon._learned_safety = False
    assert model.veto is not None and model.veto < model.threshold
    assert model.veto_kinds == {"threat", "violence"}
    for text in OVERRULED:
        assert lexicon.safety(text).concern and not full.safety(text).concern
    for text in (
        "he said he'll kill me if I leave",
        "I'll kill you if you leave me",
        "If you leave I will end it all. Lovingly. I will end it",  # self-harm: never overruled
        "I've decided to end things. I'm not changing my mind. Please don't message me.",
    ):
        assert full.safety(text).concern, text
    joke = full._normalise(OVERRULED[0]).text
    assert model.overrules(joke, ["threat"]) and not model.overrules(joke, ["self_harm"])
    assert not model.overrules(joke, ["threat", "control"])  # one kind it may not overrule
    unset = safety_model.SafetyModel(
        {**json.loads(safety_model.WEIGHTS.read_text(encoding="utf-8")), "veto": None}
    )
    assert not unset.overrules(joke, ["threat"])


def test_the_lexicon_still_names_its_categories(analyzer: Analyzer) -> None:
    """A lexicon hit keeps its category; the learned reader is asked only when there is none."""
    assert analyzer.safety("She slapped me").categories == ["violence"]
    assert analyzer.safety("I'm fine, thanks, just tired").categories == []


def test_concept_features_are_word_classes_and_pairs_in_a_clause() -> None:
    """Classes, not phrases: any monitoring word with a partner word makes the same pair."""
    for text in ("she tracks my location", "he reads my inbox", "my husband checks my phone"):
        assert {"c:PARTNER", "c:MONITOR", "cc:MONITOR+PARTNER"} <= set(
            safety_model.concept_features(text)
        )
    split = safety_model.concept_features("he was home early. the phone bill came")
    assert "c:PARTNER" in split and "c:MONITOR" in split
    assert "cc:MONITOR+PARTNER" not in split  # a pair is met within one clause only
    threat = safety_model.concept_features("if you take the kids you will regret it")
    assert {"c:THREAT", "c:LEVERAGE", "cc:LEVERAGE+THREAT"} <= set(threat)
    assert "c:GUARD" in safety_model.concept_features("lol just kidding")
    assert safety_model.concept_features("the weather is nice") == []
    plain = safety_model.features("she tracks my location", stem=5)
    assert not any(f.startswith(("c:", "cc:")) for f in plain)
    assert "cc:MONITOR+PARTNER" in safety_model.features("she tracks my location", 5, True)


def test_a_message_of_class_words_is_heard_through_its_classes(
    model: safety_model.SafetyModel,
) -> None:
    """Written for this test from class words (monitoring + partner), in no trained phrasing:
    the word classes carry it over the line; the words alone would not."""
    assert model.concepts
    text = "she screenshots my messages and monitors who i talk to"
    assert model.danger(text) >= model.threshold
    assert model.danger(text, concepts=False) < model.threshold
    assert model.page(text) == "partner_fear"


def test_a_joke_marker_guards_the_same_words(model: safety_model.SafetyModel) -> None:
    """The same monitoring words with "lol jk" (spelled out by the normaliser) and an innocent
    reason are not danger to the model; without the guard they are."""
    plain = "he reads my messages and tracks my location"
    joking = plain + " lol just kidding we both use it for hiking"
    assert model.page(plain) is not None
    assert model.page(joking) is None
    assert model.danger(joking) < model.danger(plain) - 2.0


def _training_answer_sections() -> tuple[str, ...]:
    tree = ast.parse((ROOT / "tools" / "train_safety.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "ANSWER_SECTIONS":
            return tuple(ast.literal_eval(node.value))
    raise AssertionError("tools/train_safety.py has no ANSWER_SECTIONS")


def test_the_apps_own_suggestions_are_never_read_as_danger(
    analyzer: Analyzer, data: dict[str, Any]
) -> None:
    """A feeling, need, wish or repair phrase picked from the pack is saved as an answer, and
    every answer is heard by the check: none of the app's own words may ask "are you safe?"."""
    texts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and len(node) > 3 and "{" not in node:
            texts.append(node)

    sections = _training_answer_sections()
    assert {"feelings", "needs", "bids", "repair"} <= set(sections)
    for section in sections:
        walk(data.get(section))
    assert len(texts) > 300
    assert [t for t in texts if analyzer.safety(t).concern] == []


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("sometimes I'm scared I'll snap and hit her", "hurt_partner"),
        ("If you leave I swear I'll kill myself", "self_harm"),
        ("he hit me last night and I'm scared of him", "partner_fear"),
        ("he's outside with a knife, I locked myself in the bathroom", "danger_now"),
    ],
)
def test_the_first_page_is_the_most_specific_kind(analyzer: Analyzer, text: str, page: str) -> None:
    """Fear of a partner is where every other danger goes, so a more specific page comes first."""
    assert kinds_of(find_danger(analyzer, text))[0] == page
