"""The language analyzer: the JSON contract, offsets, hard negatives, texting, safety, speed-proof
regexes, the lexicon's schema, and the labelled evaluation set's floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from softlanding.analysis.analyzer import PATTERN_KINDS, Analyzer
from softlanding.analysis.rules import AnalysisSection
from softlanding.pack.yaml_reader import parse

ROOT = Path(__file__).resolve().parents[1]
PART = ROOT / "data" / "prompts.yaml"  # the lexicon is its `analysis:` section
LABELLED = ROOT / "tests" / "data" / "labelled_messages.jsonl"
FLOORS = {"macro_f1": 0.85, "clean_false_alarms": 0.05, "safety_recall": 1.0, "safety_fa": 0.03}


def kinds(analyzer: Analyzer, text: str) -> set[str]:
    return {f.kind for f in analyzer.analyze(text).patterns}


# --- the JSON contract ---------------------------------------------------------------------


def test_json_contract(analyzer: Analyzer, data: dict[str, Any]) -> None:
    resources = data["safety"]["resources"]
    out = analyzer.analyze("You NEVER listen, whatever 🙄").to_json(resources)
    assert set(out) == {"text", "patterns", "bid", "rewrite", "question", "safety"}
    assert out["text"] == "You NEVER listen, whatever 🙄"
    assert {"criticism", "contempt"} <= {p["kind"] for p in out["patterns"]}
    for p in out["patterns"]:
        assert set(p) == {"kind", "start", "end", "match", "why", "antidote"}
        assert p["kind"] in PATTERN_KINDS and p["why"] and p["antidote"]
        assert out["text"][p["start"] : p["end"]] == p["match"]
    assert isinstance(out["bid"], str) and isinstance(out["rewrite"], str)
    assert "listen" in out["rewrite"]  # the rewrite keeps what was asked for
    frames = data["analysis"]["question_frames"]
    assert out["question"] in [q for key in ("contempt", "criticism") for q in frames[key]]
    assert out["safety"] == {"concern": False, "resources": []}
    json.dumps(out)  # plain data all the way down


def test_clean_message_has_no_rewrite(analyzer: Analyzer) -> None:
    out = analyzer.analyze("Can you pick up milk on the way home?")
    assert out.patterns == [] and out.rewrite is None and out.bid is None
    assert out.question


def test_safety_brings_resources_and_no_softening(analyzer: Analyzer, data: dict[str, Any]) -> None:
    found = analyzer.analyze("He hit me last night and I'm scared of him")
    out = found.to_json(data["safety"]["resources"])
    assert out["safety"]["concern"] is True
    assert out["safety"]["resources"] == data["safety"]["resources"]
    assert out["bid"] is None and out["rewrite"] is None
    assert out["question"] == data["analysis"]["safety_question"]
    assert set(found.safety.categories) == {"violence", "fear"}


# --- offsets --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "You NEVERRR listen 🙄🙄 and you're sooo lazy",
        "👩\u200d👩\u200d👧 u never help!!! 😤 whatevs",
        "İ think you always\tforget,\n\nand it's NOT my fault",
        "you’re such an idiot — whatever.",
        "ok\u00a0whatever \ufeffyou never listen",
        "f*** you, you stupid b*tch",
    ],
)
def test_offsets_point_at_the_words(analyzer: Analyzer, text: str) -> None:
    found = analyzer.analyze(text).patterns
    assert found
    for f in found:
        assert text[f.start : f.end] == f.match
        assert f.match == f.match.strip() and f.match


def test_elongated_match_keeps_the_original_letters(analyzer: Analyzer) -> None:
    (finding,) = analyzer.analyze("omg you neverrrr listen").patterns
    assert finding.match == "you neverrrr listen"


# --- hard negatives and idioms --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "you always make me laugh",
        "you never know, it might rain",
        "it's not your fault",
        "I'm done with the dishes",
        "fine by me",
        "this traffic is killing me",
        "I'd die for a holiday",
    ],
)
def test_hard_negatives_stay_quiet(analyzer: Analyzer, text: str) -> None:
    found = analyzer.analyze(text)
    assert found.patterns == []
    assert found.safety.concern is False


@pytest.mark.parametrize(
    "text",
    [
        "my feet are killing me",
        "I'm dying to see you",
        "I nearly died laughing",
        "I could murder a pizza",
        "I'll kill you if you eat my fries",
        "I'll hit you up later",
        "He beat me at chess again",
        "She hit me up about the party",
        "You pushed me to apply and I got the job!",
        "I cut myself shaving",
        "I'm scared of spiders",
        "I'm afraid I can't make it tonight",
        "he follows me on instagram",
        "She won't let me pay for dinner",
        "did you read my message?",
        "It's threatening to rain",
        "I could die of embarrassment",
        "I'd rather die than wear that",
        "I was eaten alive by mosquitos",
        "the plant wants to die",
        "You're not leaving without a hug!",
        "nobody will find her keys in this mess lol",
        "you're never getting rid of me babe",
        "I'm going to put you through the wringer at tennis",
        "he's sulking because I beat him at Mario Kart again",
        'she hit me with the "we need to talk" text and it was about holidays',
    ],
)
def test_idioms_are_not_danger(analyzer: Analyzer, text: str) -> None:
    assert analyzer.safety(text).concern is False


# --- texting: case, stretched words, shorthand, missing apostrophes, emoji, typos -----------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("YOU NEVER LISTEN", "criticism"),
        ("u neverrrr listen", "criticism"),
        ("wtf is wrong w u", "criticism"),
        ("ur so lazy", "criticism"),
        ("youre always late", "criticism"),
        ("u r so stupd", "contempt"),
        ("🙄", "contempt"),
        ("stfu", "contempt"),
        ("its not my fault", "defensiveness"),
        ("ya but u said", "defensiveness"),
        ("k.", "stonewalling"),
        ("idc", "stonewalling"),
        ("whatevs", "stonewalling"),
        ("im done", "stonewalling"),
        ("nvm", "stonewalling"),
    ],
)
def test_texting_style_is_read(analyzer: Analyzer, text: str, kind: str) -> None:
    assert kind in kinds(analyzer, text)


@pytest.mark.parametrize(
    "text",
    ["he threatend to kil me", "i want to commit sucide", "he folows me evrywhere", "i wanna kms"],
)
def test_slips_in_danger_words_are_still_caught(analyzer: Analyzer, text: str) -> None:
    assert analyzer.safety(text).concern is True


# --- the other entry points -----------------------------------------------------------------


def test_hints_are_the_patterns(analyzer: Analyzer) -> None:
    text = "I feel hurt. You never listen to me, whatever."
    assert analyzer.hints(text) == analyzer.analyze(text).patterns
    assert analyzer.hints("") == []


def test_hints_while_typing_match_a_full_read(analyzer: Analyzer, data: dict[str, Any]) -> None:
    draft = " ".join(text for text, _, _ in DEV[:60])
    fresh = Analyzer.from_pack(data)  # reads every text whole
    for end in list(range(0, len(draft), 37)) + [len(draft)]:
        assert analyzer.hints(draft[:end]) == fresh.analyze(draft[:end]).patterns, end
    edited = draft[:200] + " whatever. " + draft[200:]  # an edit in the middle
    assert analyzer.hints(edited) == fresh.analyze(edited).patterns


def test_safety_categories(analyzer: Analyzer) -> None:
    assert analyzer.safety("I'll kill you").categories == ["threat"]
    assert analyzer.safety("She slapped me").categories == ["violence"]
    assert analyzer.safety("I'm afraid of my husband").categories == ["fear"]
    assert analyzer.safety("I want to die").categories == ["self_harm"]
    assert analyzer.safety("He checks my phone every night").categories == ["control"]
    assert analyzer.safety("I love you").concern is False


def test_bid_hears_the_wish(analyzer: Analyzer, data: dict[str, Any]) -> None:
    wish = analyzer.bid("You never spend time with me")
    assert wish and "miss you" in wish
    assert analyzer.bid("You're always on your phone") == (
        "I want your attention. I'd like to feel you're here with me."
    )
    assert analyzer.bid("You never listen, I want to die") is None  # danger first, no softening
    assert analyzer.bid("Lovely weather today") is None


def test_rewrite_is_an_i_statement_with_the_ask(analyzer: Analyzer) -> None:
    rewrite = analyzer.analyze("You never spend time with me!").rewrite
    assert rewrite and rewrite.startswith(("I ", "I'm ", "This matters to me"))
    assert "spend time with me?" in rewrite and "{" not in rewrite


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I feel like you don't care", True),
        ("i feel that ur never here", True),
        ("I feel hurt and lonely", False),
        ("I feel you, that's rough", False),
    ],
)
def test_thought_not_feeling(analyzer: Analyzer, text: str, expected: bool) -> None:
    assert analyzer.is_thought_not_feeling(text) is expected


def test_question_is_stable(analyzer: Analyzer) -> None:
    assert (
        analyzer.analyze("You never listen").question
        == analyzer.analyze("You never listen").question
    )


# --- long and hostile input -----------------------------------------------------------------


def test_one_megabyte_completes(analyzer: Analyzer) -> None:
    pieces = [
        "You NEVERRR listen!!! whatever 🙄 ur so lazy. It's not my fault. I'm done.\n" * 4000,
        "a" * 150_000,
        "ab" * 75_000,
        "'" * 60_000,
        "🙄" * 60_000,
        " " * 60_000,
        "f*" * 30_000,
        "(" * 40_000,
    ]
    text = "".join(pieces)[:1_000_000]
    found = analyzer.analyze(text)  # no time limit: finishing at all is the point
    assert found.patterns
    for f in found.patterns[:50] + found.patterns[-50:]:
        assert text[f.start : f.end] == f.match


# --- the lexicon ----------------------------------------------------------------------------


def test_yaml_part_validates() -> None:
    doc = parse(PART)  # the pack's safe loader: no aliases, no duplicate keys, YAML 1.2 scalars
    assert "analysis" in doc.data
    section = AnalysisSection.model_validate(doc.data["analysis"])
    assert {p.kind for p in section.patterns} == set(PATTERN_KINDS)
    assert "Gottman" in section.source and "Rosenberg" in section.source
    for rule in section.patterns:
        assert "horsemen" not in (rule.why + rule.antidote + rule.name).lower()


def test_compiled_pack_lists_first_words_and_gates(data: dict[str, Any]) -> None:
    table = data["analysis"]["first_words"]
    assert len(table["keys"].split("\n")) == len(table["entries"].split("\n")) > 500
    clauses = [set(c.split("|")) for c in table["clauses"].split("\n")]
    assert any("you" in c for c in clauses)
    words = table["words"].split("\n")
    assert {"hit", "punched"} <= set(words)  # violence regexes are filed under them


def test_first_word_shortcut_changes_nothing(analyzer: Analyzer, data: dict[str, Any]) -> None:
    section = {k: v for k, v in data["analysis"].items() if k != "first_words"}
    plain = Analyzer.from_pack({**data, "analysis": section})  # every regex tried everywhere
    for text, _, _ in DEV:
        assert plain.analyze(text).patterns == analyzer.analyze(text).patterns, text
        assert plain.safety(text) == analyzer.safety(text), text


def _section(**changes: Any) -> dict[str, Any]:
    doc = parse(PART).data["analysis"]
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"terms": {"x": "(a+)+"}}, "repeats a group"),
        ({"terms": {"start": "x"}}, "built in"),
        ({"thought_not_feeling": {"regexes": ["{nosuchterm} here"]}}, "not a term"),
        ({"thought_not_feeling": {"regexes": ["You Never"]}}, "capital letters"),
        ({"thought_not_feeling": {"regexes": ["(?:x)?"]}}, "empty text"),
        ({"thought_not_feeling": {"regexes": ["(unclosed"]}}, "not a valid regular expression"),
        ({"thought_not_feeling": {}}, "at least one phrase or regex"),
        ({"fallback_template": "I feel {feeling}."}, "{situation}"),
    ],
)
def test_schema_explains_mistakes(change: dict[str, Any], words: str) -> None:
    with pytest.raises(ValidationError) as info:
        AnalysisSection.model_validate(_section(**change))
    assert words in str(info.value)


def test_schema_needs_every_safety_kind() -> None:
    doc = _section()
    doc["safety_language"] = [s for s in doc["safety_language"] if s["id"] != "control"]
    with pytest.raises(ValidationError, match="exactly once"):
        AnalysisSection.model_validate(doc)


def test_analyzer_starts_without_heavy_imports() -> None:
    probe = (
        "import sys; import softlanding.analysis.analyzer; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'textual') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- my development examples ----------------------------------------------------------------

# My development examples, written per linguistic category (not taken from the labelled set).
# (text, patterns expected, safety expected)
DEV: list[tuple[str, set[str], bool]] = [
    ("You never listen to me.", {"criticism"}, False),
    ("you ALWAYS do this", {"criticism"}, False),
    ("Youre never home anymore", {"criticism"}, False),
    ("u never help with anything", {"criticism"}, False),
    ("You constantly interrupt me", {"criticism"}, False),
    ("you neverrr text back", {"criticism"}, False),
    ("You'll never change.", {"criticism"}, False),
    ("Why do you always have to be late?", {"criticism"}, False),
    ("Why can't you ever just help?", {"criticism"}, False),
    ("All you ever do is play video games", {"criticism"}, False),
    ("You can't even remember my birthday", {"criticism"}, False),
    ("you don't even care about me", {"criticism"}, False),
    ("You didn't even ask how my day was", {"criticism"}, False),
    ("You're so selfish.", {"criticism"}, False),
    ("you are being incredibly inconsiderate", {"criticism"}, False),
    ("ur so lazy omg", {"criticism"}, False),
    ("You're such a slob", {"criticism"}, False),
    ("Stop being so selfish", {"criticism"}, False),
    ("You're the most irresponsible person I know", {"criticism"}, False),
    ("You're a terrible listener", {"criticism"}, False),
    ("Why are you so lazy?", {"criticism"}, False),
    ("Whats wrong with you?", {"criticism"}, False),
    ("what is wrong with you", {"criticism"}, False),
    ("wtf is wrong w u", {"criticism"}, False),
    ("What's your problem?", {"criticism"}, False),
    ("How could you forget again?", {"criticism"}, False),
    ("It's all your fault", {"criticism"}, False),
    ("You only think about yourself", {"criticism"}, False),
    ("Everything is always about you", {"criticism"}, False),
    ("You ruin everything", {"criticism"}, False),
    ("You're just like your mother", {"criticism"}, False),
    ("How many times do I have to tell you?", {"criticism"}, False),
    ("I feel like you don't care about us", {"criticism"}, False),
    ("I feel that you never make time for me", {"criticism"}, False),
    ("Who even does that?", {"criticism"}, False),
    ("There's something seriously wrong with you", {"criticism"}, False),
    ("I'm the only one who ever cleans in this house", {"criticism"}, False),
    ("You're pathetic", {"contempt"}, False),
    ("you're such an idiot", {"contempt"}, False),
    ("ur so stupid lol", {"contempt"}, False),
    ("You disgust me", {"contempt"}, False),
    ("You make me sick", {"contempt"}, False),
    ("Oh poor you, boo hoo", {"contempt"}, False),
    ("Wow, great job genius", {"contempt"}, False),
    ("Nice one, Einstein.", {"contempt"}, False),
    ("Yeah right.", {"contempt"}, False),
    ("Sure you did.", {"contempt"}, False),
    ("Grow up.", {"contempt"}, False),
    ("You need to grow up", {"contempt"}, False),
    ("Get over yourself", {"contempt"}, False),
    ("🙄", {"contempt"}, False),
    ("ok 🙄🙄", {"contempt"}, False),
    ("*rolls eyes*", {"contempt"}, False),
    ("At least I have a job", {"defensiveness"}, False),
    ("I'm the only adult in this house", {"contempt"}, False),
    ("Even a child could do that", {"contempt"}, False),
    ("Do you even hear yourself?", {"contempt"}, False),
    ("Are you stupid?", {"contempt"}, False),
    ("what are you, five?", {"contempt"}, False),
    ("Shut up", {"contempt"}, False),
    ("stfu", {"contempt"}, False),
    ("Fuck you", {"contempt"}, False),
    ("Nobody else would put up with you", {"contempt"}, False),
    ("I can't believe I married you", {"contempt"}, False),
    ("Do you want a medal for doing the dishes?", {"contempt"}, False),
    ("Thanks for nothing", {"contempt"}, False),
    ("Don't be stupid", {"contempt"}, False),
    ("You're acting like a child", {"contempt"}, False),
    ("Look who finally decided to show up", {"contempt"}, False),
    ("Nice of you to finally call", {"contempt"}, False),
    ("You call that cleaning?", {"contempt"}, False),
    ("Whatever you say, your majesty", {"contempt"}, False),
    ("Real mature.", {"contempt"}, False),
    ("Good luck with that", {"contempt"}, False),
    ("Keep telling yourself that", {"contempt"}, False),
    ("How convenient.", {"contempt"}, False),
    ("you stupid cow", {"contempt"}, False),
    ("Did I hurt your little feelings?", {"contempt"}, False),
    ("Stop being such a drama queen", {"contempt"}, False),
    ("You're not worth arguing with", {"contempt"}, False),
    ("It's not my fault!", {"defensiveness"}, False),
    ("its not my fault u didnt tell me", {"defensiveness"}, False),
    ("So it's my fault now?", {"defensiveness"}, False),
    ("Don't blame me", {"defensiveness"}, False),
    ("Why are you always attacking me?", {"defensiveness"}, False),
    ("I was going to do it", {"defensiveness"}, False),
    ("I was just trying to help", {"defensiveness"}, False),
    ("How was I supposed to know?", {"defensiveness"}, False),
    ("Nobody told me", {"defensiveness"}, False),
    ("Well, you didn't do it either", {"defensiveness"}, False),
    ("What about when you forgot my birthday?", {"defensiveness"}, False),
    ("You're one to talk", {"defensiveness"}, False),
    ("Look who's talking", {"defensiveness"}, False),
    ("You do it too", {"defensiveness"}, False),
    ("You started it", {"defensiveness"}, False),
    ("Yes, but you were late too", {"defensiveness"}, False),
    ("Yeah but I was tired", {"defensiveness"}, False),
    ("I never said that", {"defensiveness"}, False),
    ("That's not what happened", {"defensiveness"}, False),
    ("I didn't do anything wrong", {"defensiveness"}, False),
    ("It's not a big deal", {"defensiveness"}, False),
    ("You're overreacting", {"defensiveness"}, False),
    ("ur overreacting", {"defensiveness"}, False),
    ("You're being too sensitive", {"defensiveness"}, False),
    ("It was just a joke", {"defensiveness"}, False),
    ("Calm down.", {"defensiveness"}, False),
    ("I said I'm sorry, what more do you want?", {"defensiveness"}, False),
    ("Sorry you feel that way", {"defensiveness"}, False),
    ("I can't do anything right", {"defensiveness"}, False),
    ("Nothing I do is ever good enough", {"defensiveness"}, False),
    ("You made me do it", {"defensiveness"}, False),
    ("I only yelled because you ignored me", {"defensiveness"}, False),
    ("It's not like I did it on purpose", {"defensiveness"}, False),
    ("I'm not a mind reader", {"defensiveness"}, False),
    ("I had no choice", {"defensiveness"}, False),
    ("As if you never forget things", {"defensiveness"}, False),
    ("Like you're any better", {"defensiveness"}, False),
    ("I didn't know!", {"defensiveness"}, False),
    ("So what?", {"defensiveness"}, False),
    ("That's your problem, not mine", {"defensiveness"}, False),
    ("Everyone does it", {"defensiveness"}, False),
    ("I'm doing the best I can", {"defensiveness"}, False),
    ("Whatever.", {"stonewalling"}, False),
    ("whatevs", {"stonewalling"}, False),
    ("Fine.", {"stonewalling"}, False),
    ("fine whatever", {"stonewalling"}, False),
    ("k.", {"stonewalling"}, False),
    ("idc", {"stonewalling"}, False),
    ("I don't care anymore", {"stonewalling"}, False),
    ("I'm done.", {"stonewalling"}, False),
    ("im done talking", {"stonewalling"}, False),
    ("I'm done with this conversation", {"stonewalling"}, False),
    ("I don't want to talk about it", {"stonewalling"}, False),
    ("I'm not discussing this", {"stonewalling"}, False),
    ("Leave me alone", {"stonewalling"}, False),
    ("Go away", {"stonewalling"}, False),
    ("Forget it.", {"stonewalling"}, False),
    ("never mind", {"stonewalling"}, False),
    ("nvm", {"stonewalling"}, False),
    ("Do whatever you want", {"stonewalling"}, False),
    ("I have nothing to say to you", {"stonewalling"}, False),
    ("Talk to the hand", {"stonewalling"}, False),
    ("There's no point talking to you", {"stonewalling"}, False),
    ("I can't do this anymore", {"stonewalling"}, False),
    ("Can we just drop it", {"stonewalling"}, False),
    ("This conversation is over", {"stonewalling"}, False),
    ("Don't talk to me", {"stonewalling"}, False),
    ("Not now.", {"stonewalling"}, False),
    ("It doesn't matter.", {"stonewalling"}, False),
    ("I'm not arguing with you", {"stonewalling"}, False),
    ("Think what you want", {"stonewalling"}, False),
    ("*silence*", {"stonewalling"}, False),
    ("Forget I said anything", {"stonewalling"}, False),
    ("Don't bother.", {"stonewalling"}, False),
    ("Whatever, you never listen anyway 🙄", {"contempt", "criticism", "stonewalling"}, False),
    ("It's not my fault you're so lazy", {"criticism", "defensiveness"}, False),
    ("you always make me laugh", set(), False),
    ("You always know how to cheer me up", set(), False),
    ("you never know, it might rain", set(), False),
    ("it's not your fault", set(), False),
    ("It wasn't your fault, love", set(), False),
    ("I'm done with the dishes", set(), False),
    ("im done with work, heading home", set(), False),
    ("fine by me", set(), False),
    ("That's fine with me!", set(), False),
    ("I'm fine, thanks", set(), False),
    ("this traffic is killing me", set(), False),
    ("I'd die for a holiday", set(), False),
    ("my feet are killing me", set(), False),
    ("I'm dying to see you", set(), False),
    ("I nearly died laughing", set(), False),
    ("I'm so tired today", set(), False),
    ("Can we talk tonight after dinner?", set(), False),
    ("I feel hurt about what happened and I need a hug", set(), False),
    ("Whatever you want for dinner is fine, babe", set(), False),
    ("I don't care which movie, you pick!", set(), False),
    ("I love how you always make time for me", set(), False),
    ("Thank you for always being there", set(), False),
    ("You're always so thoughtful", set(), False),
    ("You never fail to surprise me", set(), False),
    ("You'll never have to do it alone", set(), False),
    ("Do you always take the bus?", set(), False),
    ("Can you pick up milk on the way home?", set(), False),
    ("I need a break for 20 minutes, then let's come back to this", set(), False),
    ("I don't want to talk right now, can we take a break and talk at 8?", set(), False),
    ("Let me be honest with you", set(), False),
    ("I'm sorry, you're right", set(), False),
    ("It's my fault, I'm sorry", set(), False),
    ("Sure, but let's eat first", set(), False),
    ("Yeah, but the shop closes at six", set(), False),
    ("No big deal, I'll grab it", set(), False),
    ("You're crazy, I love it", set(), False),
    ("Shut up, that's amazing!", set(), False),
    ("you're my baby", set(), False),
    ("I love you baby", set(), False),
    ("When you were a child, did you like school?", set(), False),
    ("I was busy at work today, sorry I missed your call", set(), False),
    ("You never told me you could cook!", set(), False),
    ("I hope you never have to go through that", set(), False),
    ("What do you want me to pick up?", set(), False),
    ("I'm afraid I can't make it tonight", set(), False),
    ("I'm scared of spiders", set(), False),
    ("He beat me at chess again", set(), False),
    ("She hit me up about the party", set(), False),
    ("You pushed me to apply and I got the job!", set(), False),
    ("He grabbed me a coffee", set(), False),
    ("I cut myself shaving", set(), False),
    ("I hurt myself at the gym", set(), False),
    ("he follows me on instagram", set(), False),
    ("She won't let me pay for dinner", set(), False),
    ("did you read my message?", set(), False),
    ("He checked my email for me", set(), False),
    ("I'm not allowed to leave work early", set(), False),
    ("She cut me off in traffic", set(), False),
    ("I'll kill you if you eat my fries", set(), False),
    ("I could murder a pizza", set(), False),
    ("I'll hit you up later", set(), False),
    ("I'll shoot you a text", set(), False),
    ("I'm afraid you're right", set(), False),
    ("That movie was so violent", set(), False),
    ("It's threatening to rain", set(), False),
    ("I'm scared of losing you", set(), False),
    ("I'm afraid of you leaving me", set(), False),
    ("You scared me!", set(), False),
    ("I don't want to live in this city forever", set(), False),
    ("I want to end things with him", set(), False),
    ("I want to disappear for a weekend", set(), False),
    ("I'm killing myself at work for nothing", set(), False),
    ("I could die of embarrassment", set(), False),
    ("What about you?", set(), False),
    ("I'd love it if you came with me", set(), False),
    ("You hurt my feelings when you said that", set(), False),
    ("I was just going to say the same thing", set(), False),
    ("He hit me last night", set(), True),
    ("My husband hits me when he drinks", set(), True),
    ("She slapped me across the face", set(), True),
    ("he pushed me into the wall", set(), True),
    ("He choked me", set(), True),
    ("he put his hands on me", set(), True),
    ("He threw a plate at me", set(), True),
    ("he punched a hole in the wall next to my head", set(), True),
    ("I'm being abused", set(), True),
    ("my boyfriend is abusive", set(), True),
    ("He forced me to have sex", set(), True),
    ("I'll kill you", set(), True),
    ("I swear I'll hurt you", set(), True),
    ("If you leave me I'll kill myself", set(), True),
    ("You'll never see the kids again", set(), True),
    ("He threatened to take the kids", set(), True),
    ("she said she would hurt me", set(), True),
    ("Don't make me hit you", set(), True),
    ("He pulled a knife on me", set(), True),
    ("I'm scared of him", set(), True),
    ("I'm afraid of my husband", set(), True),
    ("I'm terrified of what he'll do when he gets home", set(), True),
    ("I'm afraid to go home", set(), True),
    ("I don't feel safe at home", set(), True),
    ("I feel unsafe around him", set(), True),
    ("He scares me", set(), True),
    ("I'm scared he'll hurt me", set(), True),
    ("I want to die", set(), True),
    ("i wanna kms", set(), True),
    ("I'm thinking about ending it", set(), True),
    ("I'm going to kill myself", set(), True),
    ("I don't want to be alive anymore", set(), True),
    ("Everyone would be better off without me", set(), True),
    ("I've been cutting myself again", set(), True),
    ("I feel suicidal", set(), True),
    ("I took too many pills", set(), True),
    ("No one would miss me if I was gone", set(), True),
    ("I just want to disappear", set(), True),
    ("Life isn't worth living", set(), True),
    ("I'm a burden to everyone", set(), True),
    ("He checks my phone every night", set(), True),
    ("she reads all my messages", set(), True),
    ("He won't let me see my friends", set(), True),
    ("I'm not allowed to leave the house", set(), True),
    ("He tracks my location", set(), True),
    ("He takes my paycheck", set(), True),
    ("I have to ask his permission to spend money", set(), True),
    ("He controls all the money", set(), True),
    ("He isolates me from my family", set(), True),
    ("He decides what I wear", set(), True),
    ("He changed my passwords", set(), True),
    ("He put a tracker on my car", set(), True),
    ("He made me quit my job", set(), True),
    ("He locks me in the house", set(), True),
]

# More safety language in other voices: texting, typos, reported threats, confinement.
SAFETY_MORE: list[str] = [
    "he beat me in the kitchen last night",  # "beat me in/to/by" is not always a game
    "she beat me to a pulp",
    "he wont let me go nowhere without him",
    "she goes thru my fone every nite",
    "bf makes me send pics of where i am",
    "he reads every single msg i send",
    "my gf has all my passwords and checks my insta",
    "he took my bank card n gives me 20 a week",
    "hes got my location on and freaks if i turn it off",
    "i cant see my mum cos he says no",
    "hes always checkin up on me every 5 mins",
    "he dont let me have a phone",
    "she hides my car keys so i cant go out",
    "i need his ok to buy anything",
    "he decides who i can talk to",
    "he follows me to work and waits outside",
    "hes put an app on my phone to watch me",
    "he controls evrything i do",
    "i have to ask him for money for food",
    "he keeps my passport locked up",
    "im not allowd out without him",
    "he wont let me see my frends or famly",
    "he smashed my phone so i couldnt call anyone",
    "she logs into my email and reads everything",
    "he watches my every move",
    "i dont have access to our money",
    "i just dont see the point anymore, i want it to be over",
    "honestly i think about not waking up",
    "sometimes i want to just end it",
    "i keep thinking everyone would be better off without me",
    "i dont want to be alive tbh",
    "i have been thinking of ways to kill myself",
    "i want to die, i mean it",
    "i feel like i cant go on living like this",
    "what is even the point of living",
    "i wish i could just go to sleep forever",
    "i want everything to stop, i want to be gone",
    "im so tired of being alive",
    "i think about suicide every day",
    "i have the pills ready",
    "i wrote a goodbye letter",
    "i dont want to exist anymore",
    "nobody would even notice if i was gone",
    "i might as well be dead",
    "you stupid bitch you aint leaving this house",
    "ur not going nowhere tonight",
    "i'll make sure you never walk out that door",
    "you try to leave and ill break your legs",
    "stay in the room or else",
    "do that again and you're dead",
    "he locked me in the bedroom",
    "he said if i go to the police he'll kill me",
    "she keeps saying shell stab me",
    "he told me hed bury me",
    "he threatened me with a knife",
    "ill put you in the hospital",
    "you'll be sorry when i find you",
    "one more word and i swear i'll hit you",
    "i know where your mum lives",
    "he said he would burn the house down with me in it",
    "if you tell anyone ill hurt you",
    "he said next time he wont stop",
    "he grabbed me by the throat",
    "my ex keeps showing up at my house",
    "he held a knife to my throat",
    "My partner monitors who I text and gets angry if I don't show him",
    "I've started hiding from her when she drinks",
    "When he's angry he blocks the door so I can't get out",
    "She's threatened to leave with the kids and make sure I never see them",
    "he strangled me during the argument last week",
    "i wanna end my life",
    "I'm honestly considering suicide",
    "Last night she hit me with a bottle",
    "He shoved me down and I hit my head",
    "I feel like I'm in danger when he comes home",
    "He said if I ever cheat he'll kill me",
    "he says he'll kill himself if i leave him",
    "She calls me fat and says she'll burn my stuff",
    "He controls our finances and I get nothing",
    "i cant leave because he has my passport",
    "my husband raped me",
    "i'm scared for my kids' safety around him",
    "He's been following me since I moved out",
    "She reads my texts while I sleep",
    "I keep thinking about jumping off the bridge",
    "I'm going to hang myself",
    "nobody cares if i live or die",
    "I don't think I want to live anymore",
    "I'm so done with everything, I just want to die",
    "i have a razor and i'm going to use it on myself",
    "u touch me again n ill kill u",
    "im gonna beat the shit out of you",
    "i swear to god ill end you",
    "keep talking and see what happens to you",
    "you better be home by 6 or you'll regret it",
    "if i cant have you nobody can",
    "ill make your life a living hell",
    "he's threatening to post my nudes",
    "He put his hands around my neck",
    "he kicked me in the stomach when i was pregnant",
    "She bit me and scratched my face",
    "he threw me against the wall",
    "he dragged me by my hair",
    "I flinch every time he raises his voice",
    "I'm terrified he's going to find out where I live",
    "He won't let me work and takes all my money",
    "I'm not allowed to wear makeup or see my friends",
    "He installed cameras to watch me",
    "he tracks me with an airtag",
    "Lately I've been thinking the world would be better without me in it",
    "sometimes i think about ending things for good",
    "i dont know how much longer i can keep doing this, i want out of life",
    "I've been having thoughts of killing myself again",
    "I wish I had never been born",
    "part of me wants to die",
    "I'm thinking about taking all my pills tonight",
    "I honestly don't care if I wake up tomorrow",
    "i feel like there's no way out except dying",
    "I want to die in my sleep",
    "there's no reason for me to be here anymore",
    "i keep picturing my own funeral",
    "I can't stop thinking about death",
    "what's the point in being alive if it's always like this",
    "I wish I could fall asleep and never wake up",
    "it would be easier for everyone if I just disappeared forever",
    "i've been googling how to kill myself",
    "I don't want to wake up anymore",
    "my family would be better off without me",
    "i want to end my suffering permanently",
    "I'm planning how to do it",
    "i feel so hopeless i want to die",
    "Everything hurts and I just want it all to end",
    "I've written letters to say goodbye",
    "I don't see myself being alive next year",
    "i want to go to sleep and not wake up",
    "if he leaves me i'll end it",
    "sometimes i just want to stop breathing",
    "I think about dying all the time",
    "I wish something would just kill me",
    "i wouldnt mind if a car hit me",
    "I'm so tired of living like this I want it over",
    "I have thought about suicide",
    "life is too much, i want to be done",
    "i dont want to be here on this earth anymore",
    "I feel like ending it all tonight",
    "i want to disappear and never come back",
    "no one would care if i died",
    "I've been self harming",
    "I keep thinking I should just kill myself",
    # formulas neither the lexicon nor the reader heard (session 6), in our own words
    "that isn't a threat, it's a promise",
    "you'll regret the day you married me",
    "say that again and I'm putting you through the window",
    "if she leaves me nobody will ever find her.",
    "talk to me like that again and you won't live to regret it",
    "he texted that when we get home I'm dead",
    "when they find me in the morning you'll know why",
    "or I'll shut you up for good",
]

DEV_CASES = [pytest.param(t, k, s, id=f"{i:03d}") for i, (t, k, s) in enumerate(DEV)]


@pytest.mark.parametrize(("text", "expected", "safe"), DEV_CASES)
def test_development_examples(
    analyzer: Analyzer, text: str, expected: set[str], safe: bool
) -> None:
    found = analyzer.analyze(text)
    assert {f.kind for f in found.patterns} == expected
    assert found.safety.concern is safe


@pytest.mark.parametrize("text", SAFETY_MORE)
def test_more_safety_language(analyzer: Analyzer, text: str) -> None:
    assert analyzer.safety(text).concern is True


# --- the labelled evaluation set (measured, never tuned against) ----------------------------


def test_labelled_set_meets_the_floors(analyzer: Analyzer) -> None:
    if not LABELLED.is_file():
        pytest.skip("tests/data/labelled_messages.jsonl is not there yet")
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line]
    score = evaluate(analyzer, rows)
    print(report(score))  # shown with -s, and with the failure below
    assert score["macro_f1"] >= FLOORS["macro_f1"], report(score)
    assert score["clean_false_alarms"] <= FLOORS["clean_false_alarms"], report(score)
    assert score["safety_recall"] >= FLOORS["safety_recall"], report(score)
    assert score["safety_fa"] <= FLOORS["safety_fa"], report(score)


def evaluate(analyzer: Analyzer, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-pattern precision, recall and F1; false alarms on clean text; safety recall."""
    counts = {k: {"tp": 0, "fp": 0, "fn": 0} for k in PATTERN_KINDS}
    clean = alarms = safe_hit = safe_all = safe_fa = unsafe_none = 0
    for row in rows:
        found = analyzer.analyze(row["text"])
        got, want = {f.kind for f in found.patterns}, set(row["patterns"])
        for kind in PATTERN_KINDS:
            key = (
                "tp"
                if kind in got & want
                else "fp"
                if kind in got
                else "fn"
                if kind in want
                else ""
            )
            if key:
                counts[kind][key] += 1
        clean += not want
        alarms += not want and bool(got)
        safe_all += row["safety"]
        safe_hit += row["safety"] and found.safety.concern
        unsafe_none += not row["safety"]
        safe_fa += not row["safety"] and found.safety.concern
    per = {k: _prf(**c) for k, c in counts.items()}
    return {
        "per_pattern": per,
        "macro_f1": sum(p[2] for p in per.values()) / len(per),
        "clean_false_alarms": alarms / max(clean, 1),
        "safety_recall": safe_hit / max(safe_all, 1),
        "safety_fa": safe_fa / max(unsafe_none, 1),
        "sizes": (len(rows), clean, safe_all),
    }


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def report(score: dict[str, Any]) -> str:
    lines = [
        f"labelled set: {score['sizes'][0]} messages, {score['sizes'][1]} clean, "
        f"{score['sizes'][2]} with safety language"
    ]
    for kind, (p, r, f) in score["per_pattern"].items():
        lines.append(f"  {kind:<14} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    lines.append(f"  macro-F1 {score['macro_f1']:.3f} (floor {FLOORS['macro_f1']})")
    lines.append(
        f"  clean false alarms {score['clean_false_alarms']:.3f} "
        f"(ceiling {FLOORS['clean_false_alarms']})"
    )
    lines.append(
        f"  safety recall {score['safety_recall']:.3f}, false alarms "
        f"{score['safety_fa']:.3f} (ceiling {FLOORS['safety_fa']})"
    )
    return "\n".join(lines)


def test_a_thank_you_is_asked_about_what_it_meant(analyzer: Analyzer, data: dict[str, Any]) -> None:
    frames = data["analysis"]["question_frames"]["appreciation"]
    out = analyzer.analyze("I love you. Thank you for making dinner tonight, it meant a lot.")
    assert not out.patterns and out.question in frames
    assert analyzer.analyze("thanks for nothing, as usual").question not in frames


WRITER_THREATENS = {
    "I'll kill you": True,
    "I will kill you if you leave": True,
    "im gonna beat the shit out of you": True,
    "If you leave I will hurt you": True,
    "I swear I'll make you pay": True,
    "I'm scared he'll kill me": False,
    "he said he would kill me": False,
    "He hit me": False,
    "I told her that he'll hurt me. He will kill me": False,
    "nobody would believe you, you're crazy": False,
}


@pytest.mark.parametrize("text", WRITER_THREATENS)
def test_a_threat_said_in_the_first_person_is_told_from_one_reported(
    analyzer: Any, text: str
) -> None:
    from softlanding.analysis.danger import find_danger, writer_threatens

    hits = find_danger(analyzer, text)
    assert hits, text
    assert writer_threatens(hits, text) is WRITER_THREATENS[text]
