"""The language analyzer: the four patterns, the wish behind a complaint, and safety language.

Pure Python over plain pack data (no Textual, pydantic or YAML), so `reflect` starts fast.
Every word it matches comes from the pack's `analysis:` section; this module only knows how to
run the matchers and map what they find back onto the original characters.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any

from softlanding.analysis import boundary, rewrite, safety_model
from softlanding.analysis.model import PatternModel, quotations
from softlanding.analysis.text import (
    WORD,
    Doc,
    Matcher,
    Normalised,
    Normaliser,
    Rule,
    WordIndex,
    expand,
    phrase_regex,
    regex_key,
    resolve_terms,
    vocabulary,
)

PATTERN_KINDS: tuple[str, ...] = ("criticism", "contempt", "defensiveness", "stonewalling")
SAFETY_CATEGORIES: tuple[str, ...] = ("threat", "violence", "fear", "self_harm", "control")

_FALLBACK_TEMPLATE = "I feel {feeling} about {situation}, and I need {need}."
_START = "{start}"
# Live hints re-read only the text after the last sentence that ends this far before an edit.
_HINT_MARGIN = 80
_QUOTE_MARKS = "\"“”„'‘’"
_SENTENCE_END = re.compile(r"[.!?\n]\s+")


@dataclass(frozen=True, slots=True)
class Finding:
    """One pattern found in a message: `text[start:end] == match`."""

    kind: str
    start: int
    end: int
    match: str
    why: str
    antidote: str

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "match": self.match,
            "why": self.why,
            "antidote": self.antidote,
        }


@dataclass(frozen=True, slots=True)
class Safety:
    """Whether a message holds danger language, and which kinds (never a diagnosis)."""

    concern: bool
    categories: list[str]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analyzer noticed in one message."""

    text: str
    patterns: list[Finding]
    bid: str | None
    rewrite: str | None
    question: str
    safety: Safety

    def to_json(self, resources: list[dict[str, Any]]) -> dict[str, Any]:
        """The `reflect --json` object; resources are included only when there is a concern."""
        concern = self.safety.concern
        return {
            "text": self.text,
            "patterns": [f.to_json() for f in self.patterns],
            "bid": self.bid,
            "rewrite": self.rewrite,
            "question": self.question,
            "safety": {"concern": concern, "resources": list(resources) if concern else []},
        }


class Analyzer:
    """Compiled matchers from one pack; `analyze`, `hints`, `safety` and `bid` read a message."""

    def __init__(self, data: dict[str, Any]) -> None:
        section = _mapping(data.get("analysis"))
        self._section = section
        self._normalise = _normaliser(section)
        self._index = _mapping(section.get("first_words"))
        terms = _mapping(section.get("terms"))
        self._terms = resolve_terms({str(k): str(v) for k, v in terms.items()})
        self._load_rules(section, _items(_mapping(data.get("bids")), "translations"))
        self._template = str(
            _mapping(data.get("templates")).get("softened_startup")
            or section.get("fallback_template")
            or _FALLBACK_TEMPLATE
        )
        questions = _mapping(data.get("reflection")).get("questions")
        self._questions = [str(q) for q in questions] if isinstance(questions, list) else []
        self._last_hints: tuple[str, list[Finding], list[Finding]] = ("", [], [])
        shorthand = _mapping(_mapping(section.get("normalise")).get("words"))
        self._shorthand = {str(k): str(v) for k, v in shorthand.items()}
        self._model = PatternModel.load(self._shorthand)
        self._learned_safety = True  # the learned safety reader (safety_model) hears the rest

    def _load_rules(self, section: dict[str, Any], translations: list[dict[str, Any]]) -> None:
        patterns = [p for p in _items(section, "patterns") if p.get("kind") in PATTERN_KINDS]
        self._patterns = [self._rule(p, str(p["kind"])) for p in patterns]
        self._by_kind = {r.name: r for r in self._patterns}
        safety = _items(section, "safety_language")
        self._safety = [self._rule(s, str(s.get("id", ""))) for s in safety]
        self._bids = [self._rule(b, str(b.get("id", ""))) for b in _items(section, "bid_rules")]
        # The Reframe step's simple phrase list: heard only once something sounds like a complaint.
        self._pack_bids = [
            self._rule({"match": {"phrases": t.get("match", [])}}, "pack", t) for t in translations
        ]
        self._thought = self._rule({"match": section.get("thought_not_feeling")}, "thought")
        rules = [*self._patterns, *self._safety, *self._bids, *self._pack_bids, self._thought]
        self._by_word = WordIndex(m for r in rules for m in (*r.regexes, *r.exceptions))

    def _doc(self, text: str) -> Doc:
        return Doc(text, self._by_word)

    @classmethod
    def from_pack(cls, data: dict[str, Any]) -> Analyzer:
        """Compile an analyzer from the whole merged pack as plain data."""
        return cls(data)

    # --- reading a message ----------------------------------------------------------------

    def analyze(self, text: str) -> Analysis:
        """Patterns, bid, a softer rewrite, one question and safety for one message."""
        norm = self._normalise(text)
        doc = self._doc(norm.text)
        patterns = self._findings(text, norm, doc)
        safety = self._safety_of(doc)
        if safety.concern:  # no softening advice when someone may be in danger
            question = str(self._section.get("safety_question") or self._question(norm.text))
            return Analysis(text, patterns, None, None, question, safety)
        bid_rule, wish = self._bid_of(doc, patterns)
        found = rewrite.read(text)
        fear = self._fear(doc)
        said = self._rewrite(bid_rule, patterns, found, fear, text) if patterns else None
        question = self._question(norm.text, bid_rule, patterns, found, fear)
        return _honour_boundary(self, doc, Analysis(text, patterns, wish, said, question, safety))

    def hints(self, text: str) -> list[Finding]:
        """Patterns only, for live hints while typing: rule findings in sentences well before the
        edit are reused; the quotation guard and the model then read the whole draft."""
        last_text, last_rules, last_found = self._last_hints
        if text == last_text:
            return list(last_found)
        cut = _reusable(last_text, text)
        kept = [f for f in last_rules if f.end <= cut]
        norm = self._normalise(text[cut:])
        tail = self._rule_findings(text[cut:], norm, self._doc(norm.text))
        rules = kept + [_shifted(f, cut) for f in tail]
        found = self._combined(text, rules)
        if found and _sets_boundary(self, text):
            found = []  # a "no" or a request for space is not a pattern
        self._last_hints = (text, rules, found)
        return list(found)

    def safety(self, text: str) -> Safety:
        """Danger language in any typed text: threats, violence, fear, self-harm, control."""
        return self._safety_of(self._doc(self._normalise(text).text))

    def bid(self, text: str) -> str | None:
        """The wish that may be behind a partner's words; None when there is none or a concern."""
        norm = self._normalise(text)
        doc = self._doc(norm.text)
        if self._safety_of(doc).concern or _sets_boundary(self, text):
            return None
        return self._bid_of(doc, self._findings(text, norm, doc), every=True)[1]

    def is_thought_not_feeling(self, text: str) -> bool:
        """True for "I feel like you…": a thought about the partner dressed as a feeling."""
        return self._thought.first(self._doc(self._normalise(text).text)) is not None

    # --- the parts ------------------------------------------------------------------------

    def _findings(self, text: str, norm: Normalised, doc: Doc) -> list[Finding]:
        return self._combined(text, self._rule_findings(text, norm, doc))

    def _combined(self, text: str, found: list[Finding]) -> list[Finding]:
        """The rules' findings outside quotations, confirmed, overruled or added to by the model."""
        if found and any(q in text for q in _QUOTE_MARKS):
            quoted = quotations(text, self._shorthand)
            found = [f for f in found if not _inside(quoted, f)]
        model = self._model
        if model is None:
            return found
        read = model.read(text, {f.kind for f in found})
        if read is None:
            return found
        kept = [f for f in found if f.kind in read]
        for kind, (_p, start, end) in read.items():
            start, end = _trimmed(text, start, end)
            if start < end and not any(f.kind == kind for f in kept):
                rule = self._by_kind[kind].info
                why, antidote = str(rule.get("why", "")), str(rule.get("antidote", ""))
                kept.append(Finding(kind, start, end, text[start:end], why, antidote))
        kept.sort(key=lambda f: (f.start, PATTERN_KINDS.index(f.kind)))
        return kept

    def _rule_findings(self, text: str, norm: Normalised, doc: Doc) -> list[Finding]:
        found: list[Finding] = []
        for rule in self._patterns:
            why, antidote = str(rule.info.get("why", "")), str(rule.info.get("antidote", ""))
            for n_start, n_end in rule.matches(doc):
                start, end = _trimmed(text, *norm.original(n_start, n_end))
                if start < end:
                    found.append(Finding(rule.name, start, end, text[start:end], why, antidote))
        found.sort(key=lambda f: (f.start, PATTERN_KINDS.index(f.kind)))
        return found

    def _safety_of(self, doc: Doc) -> Safety:
        categories = [rule.name for rule in self._safety if rule.first(doc)]
        if not categories and self._learned_safety:  # what the lexicon does not name
            page = safety_model.page_of_text(doc.text)
            categories = [page] if page else []
        return Safety(bool(categories), categories)

    def _bid_of(
        self, doc: Doc, patterns: list[Finding], every: bool = False
    ) -> tuple[Rule | None, str | None]:
        best: tuple[int, Rule] | None = None
        for rule in self._bids + (self._pack_bids if patterns or every else []):
            span = rule.first(doc)
            if span and (best is None or span[0] < best[0]):
                best = (span[0], rule)
        if best is not None:
            return best[1], str(best[1].info.get("wish", "")) or None
        if patterns:
            kind = self._by_kind.get(patterns[0].kind)
            wish = kind.info.get("wish") if kind else None
            return None, str(wish or self._section.get("bid_fallback") or "") or None
        return None, None

    def _fear(self, doc: Doc) -> bool:
        """ "I feel like you don't love me": a fear about the bond, voiced as a thought."""
        return self._thought.first(doc) is not None and any(
            w in doc.words for w in ("love", "care", "matter", "want", "miss", "leave", "lose")
        )

    def _rewrite(
        self,
        bid_rule: Rule | None,
        patterns: list[Finding],
        found: rewrite.Found,
        fear: bool,
        text: str,
    ) -> str | None:
        frames = _mapping(self._section.get("rewrite_frames"))
        if not frames:
            return self._template_rewrite(bid_rule, patterns)
        kinds = {f.kind for f in patterns}
        kind = next(k for k in _REWRITE_ORDER if k in kinds)
        parts = _mapping(bid_rule.info.get("rewrite")) if bid_rule else {}
        values = {
            "ask": found.ask,
            "topic": found.topic,
            "admit": found.admit,
            "feeling": str(parts.get("feeling", "")).strip(),
            "need": str(parts.get("need", "")).strip(),
        }
        for key in _frame_keys(kind, values, fear):
            lines = frames.get(key)
            if isinstance(lines, list) and lines:
                said = rewrite.fill(rewrite.choose([str(x) for x in lines], text), values)
                return said + self._then_break(frames, kind, kinds, text)
        return self._template_rewrite(bid_rule, patterns)

    @staticmethod
    def _then_break(frames: dict[str, Any], kind: str, kinds: set[str], text: str) -> str:
        """A message that also walks away keeps that point too, as a timed break."""
        lines = frames.get("then_break")
        if kind == "stonewalling" or "stonewalling" not in kinds or not isinstance(lines, list):
            return ""
        return " " + rewrite.fill(rewrite.choose([str(x) for x in lines], text), {})

    def _template_rewrite(self, bid_rule: Rule | None, patterns: list[Finding]) -> str | None:
        """A pack without rewrite frames: the softened start-up filled from the pack's parts."""
        parts = _mapping(bid_rule.info.get("rewrite")) if bid_rule else {}
        if not parts and patterns:
            kind = self._by_kind.get(patterns[0].kind)
            parts = _mapping(kind.info.get("rewrite")) if kind else {}
        parts = parts or _mapping(self._section.get("default_rewrite"))
        if not parts:
            return None
        out = self._template
        for name in ("feeling", "situation", "need"):
            out = out.replace("{" + name + "}", str(parts.get(name, "")).strip())
        return out

    def _question(
        self,
        normalised: str,
        bid_rule: Rule | None = None,
        patterns: list[Finding] | tuple[()] = (),
        found: rewrite.Found | None = None,
        fear: bool = False,
    ) -> str:
        """A question about what was found (pattern, bid, topic, fear); a stock one otherwise."""
        frames = _mapping(self._section.get("question_frames")) if normalised.strip() else {}
        topic = found.topic if found else ""
        keys = ["fear"] if fear else []
        for kind in (k for k in _REWRITE_ORDER if any(f.kind == k for f in patterns)):
            keys += [f"{kind}_topic"] * bool(topic) + [kind]
        keys += [bid_rule.name] if bid_rule and bid_rule.name != "pack" else []
        keys += [] if patterns else ["clean_topic"] * bool(topic) + ["clean"]
        for key in keys:
            lines = frames.get(key)
            if isinstance(lines, list) and lines:
                line = rewrite.choose([str(x) for x in lines], normalised)
                return line.replace("{topic}", topic)
        if not self._questions:
            return str(self._section.get("fallback_question", ""))
        index = zlib.crc32(normalised.strip().encode("utf-8", "replace")) % len(self._questions)
        return self._questions[index]

    # --- compiling ------------------------------------------------------------------------

    def _rule(self, spec: dict[str, Any], name: str, info: dict[str, Any] | None = None) -> Rule:
        return Rule(
            name,
            self._compile(spec.get("match")),
            self._compile(spec.get("exceptions")),
            info if info is not None else spec,
        )

    def _compile(self, spec: Any) -> list[Matcher]:
        """One matcher per pack regex (each keeps its own fast literal prefix), one for phrases.

        A leading {start} is checked by position instead: a lookbehind first would be slow.
        """
        spec = _mapping(spec)
        out: list[Matcher] = []
        for source in (str(r).strip() for r in spec.get("regexes") or []):
            clause = source.startswith(_START)
            body = expand(source[len(_START) :] if clause else source, self._terms)
            out.append(self._matcher(body, clause))
        phrases = {self._normalise(str(p)).text.strip() for p in spec.get("phrases") or []} - {""}
        if phrases:
            body = "|".join(phrase_regex(p) for p in sorted(phrases, key=len, reverse=True))
            heads = {p.split()[0] for p in phrases}
            plain = all(WORD.fullmatch(h) for h in heads)
            firsts = frozenset(heads) if plain else None
            out.append(Matcher(body, False, firsts, firsts))
        return out

    def _matcher(self, body: str, clause: bool) -> Matcher:
        """A matcher with the words that let it be skipped, when the compiled pack lists them."""
        known = self._index.get(regex_key(body))  # absent (a raw pack): always tried
        if isinstance(known, list):  # a pack compiled before gates were listed
            known = {"first": known}
        known = _mapping(known)
        return Matcher(body, clause, _frozen(known.get("first")), _frozen(known.get("gate")))


def _honour_boundary(analyzer: Analyzer, doc: Doc, found: Analysis) -> Analysis:
    plain = Doc(doc.text)  # the word index knows only pattern rules: read the boundary rule whole
    return boundary.acknowledged(found, analyzer) if boundary.in_doc(analyzer, plain) else found


def _sets_boundary(analyzer: Analyzer, text: str) -> bool:
    return boundary.is_boundary(analyzer, text)


def _reusable(old: str, new: str) -> int:
    """Where a sentence starts, safely before the first change: findings up to there stand."""
    same, high = 0, min(len(old), len(new))
    while same < high:  # the longest common start, by halving (string compares run in C)
        mid = (same + high + 1) // 2
        same, high = (mid, high) if old[:mid] == new[:mid] else (same, mid - 1)
    cut = 0
    for m in _SENTENCE_END.finditer(new, 0, max(same - _HINT_MARGIN, 0)):
        cut = m.end()
    return cut


# Which pattern a rewrite answers first: the one that hurts most, then the one that asks most.
_REWRITE_ORDER = ("contempt", "criticism", "defensiveness", "stonewalling")


def _frame_keys(kind: str, values: dict[str, str], fear: bool) -> list[str]:
    """The rewrite frames to try, most specific first."""
    keys = ["fear"] if fear and kind in ("criticism", "contempt") else []
    if kind == "defensiveness" and values["admit"]:
        keys.append("defensiveness_admit")
    if values["ask"] and kind in ("criticism", "contempt"):
        keys.append(f"{kind}_ask")
    if values["feeling"] and values["need"] and kind == "criticism":
        keys += ["bid_topic"] * bool(values["topic"]) + ["bid"]
    if values["feeling"] and values["need"] and kind == "contempt" and not values["topic"]:
        keys.append("contempt_bid")
    if values["topic"]:
        keys.append(f"{kind}_topic")
    return [*keys, kind]


def _inside(quoted: list[tuple[int, int]], f: Finding) -> bool:
    return any(start <= f.start and f.end <= end for start, end in quoted)


def _shifted(finding: Finding, by: int) -> Finding:
    f = finding
    return Finding(f.kind, f.start + by, f.end + by, f.match, f.why, f.antidote)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _normaliser(section: dict[str, Any]) -> Normaliser:
    norm = _mapping(section.get("normalise"))
    words = {str(k).lower(): str(v).lower() for k, v in _mapping(norm.get("words")).items()}
    spelling = [str(w) for w in norm.get("spelling") or []]
    masked = [str(w) for w in norm.get("masked") or []]
    known = section.get("vocabulary")  # listed by the compiled pack; a raw pack is walked
    vocab = frozenset(known) if isinstance(known, list) else vocabulary(section, words)
    return Normaliser(words, vocab, spelling, masked)


def _frozen(words: Any) -> frozenset[str] | None:
    return frozenset(words) if isinstance(words, list) else None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(section: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = section.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
