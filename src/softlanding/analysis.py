"""The language analyzer: the four patterns, the wish behind a complaint, and safety language.

Pure Python over plain pack data (no Textual, pydantic or YAML), so `reflect` starts fast.
Every word it matches comes from the pack's `analysis:` section; this module only knows how to
run the matchers and map what they find back onto the original characters.
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from softlanding.analysis_text import (
    Normalised,
    Normaliser,
    expand,
    first_words,
    phrase_regex,
    resolve_terms,
    vocabulary,
    words_of,
)

PATTERN_KINDS: tuple[str, ...] = ("criticism", "contempt", "defensiveness", "stonewalling")
SAFETY_CATEGORIES: tuple[str, ...] = ("threat", "violence", "fear", "self_harm", "control")

_FALLBACK_TEMPLATE = "I feel {feeling} about {situation}, and I need {need}."
# A match must not end inside a word (its start is checked in `_scan`, which keeps regexes fast).
_WORD_END = r"(?:(?<!\w)|(?!\w))"
_START = "{start}"
# A compiled pack regex; whether it must begin a clause; the words it can begin with (if known).
_Matcher = tuple[re.Pattern[str], bool, frozenset[str] | None]
_CLAUSE = re.compile(r"[^\w ]\s*")  # a clause may start after punctuation, an emoji or a line break


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


class _Doc:
    """Normalised text being read, with where its clauses start (found once, when first asked)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._words: set[str] | None = None

    @property
    def words(self) -> set[str]:
        if self._words is None:
            self._words = words_of(self.text)
        return self._words

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            text = self.text
            found = [len(text) - len(text.lstrip())] + [m.end() for m in _CLAUSE.finditer(text)]
            self._starts = [p for p in found if p < len(text) and _is_word(text[p])]
        return self._starts


@dataclass(frozen=True, slots=True)
class _Rule:
    """One named group of matchers with its exceptions and whatever it carries."""

    name: str
    regexes: list[_Matcher]
    exceptions: list[_Matcher]
    info: dict[str, Any]

    def matches(self, doc: _Doc) -> list[tuple[int, int]]:
        """Where the rule matches, overlapping matches joined, spans an exception touches left out."""
        found = [span for matcher in self.regexes for span in _scan(matcher, doc)]
        if found and self.exceptions:
            blocked = _merged([span for matcher in self.exceptions for span in _scan(matcher, doc)])
            found = [(s, e) for s, e in found if not _overlaps(blocked, s, e)]
        return _merged(found)

    def first(self, doc: _Doc) -> tuple[int, int] | None:
        found = self.matches(doc)
        return found[0] if found else None


def _scan(matcher: _Matcher, doc: _Doc) -> list[tuple[int, int]]:
    """Non-empty matches that start at a word's edge (so "you" never matches inside "bayou")."""
    regex, clause, firsts = matcher
    if firsts is not None and firsts.isdisjoint(doc.words):
        return []  # none of the words it could begin with is in the message
    text = doc.text
    if clause:  # a regex that began with {start} is tried only where a clause starts
        return _at_clauses(regex, doc)
    out: list[tuple[int, int]] = []
    pos, size = 0, len(text)
    while pos < size:
        m = regex.search(text, pos)
        if m is None:
            break
        start, end = m.span()
        if end > start and (start == 0 or not (_is_word(text[start]) and _is_word(text[start - 1]))):
            out.append((start, end))
            pos = end
        else:
            pos = start + 1
    return out


def _at_clauses(regex: re.Pattern[str], doc: _Doc) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    done = 0
    for pos in doc.starts:
        if pos < done:
            continue
        m = regex.match(doc.text, pos)
        if m is not None and m.end() > pos:
            out.append(m.span())
            done = m.end()
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _overlaps(blocked: list[tuple[int, int]], start: int, end: int) -> bool:
    # blocked is sorted and disjoint, so only the span starting just before `end` can overlap
    i = bisect_right(blocked, (end, -1)) - 1
    return i >= 0 and blocked[i][1] > start


class Analyzer:
    """Compiled matchers from one pack; `analyze`, `hints`, `safety` and `bid` read a message."""

    def __init__(self, data: dict[str, Any]) -> None:
        section = _mapping(data.get("analysis"))
        words = _mapping(_mapping(section.get("normalise")).get("words"))
        words = {str(k).lower(): str(v).lower() for k, v in words.items()}
        self._normalise = Normaliser(words, vocabulary(section, words))
        self._terms = resolve_terms({str(k): str(v) for k, v in
                                     _mapping(section.get("terms")).items()})
        self._patterns = [self._rule(p, str(p.get("kind", ""))) for p in _items(section, "patterns")
                          if p.get("kind") in PATTERN_KINDS]
        self._by_kind = {r.name: r for r in self._patterns}
        self._safety = [self._rule(s, str(s.get("id", ""))) for s in
                        _items(section, "safety_language")]
        self._bids = [self._rule(b, str(b.get("id", ""))) for b in _items(section, "bid_rules")]
        # The Reframe step's simple phrase list: heard only once something sounds like a complaint.
        self._pack_bids = [self._rule({"match": {"phrases": t.get("match", [])}}, "pack", t)
                           for t in _items(_mapping(data.get("bids")), "translations")]
        self._thought = self._rule({"match": section.get("thought_not_feeling")}, "thought")
        self._section = section
        self._template = str(_mapping(data.get("templates")).get("softened_startup") or
                             section.get("fallback_template") or _FALLBACK_TEMPLATE)
        questions = _mapping(data.get("reflection")).get("questions")
        self._questions = [str(q) for q in questions] if isinstance(questions, list) else []
        self._last_hints: tuple[str, list[Finding]] = ("", [])

    @classmethod
    def from_pack(cls, data: dict[str, Any]) -> Analyzer:
        """Compile an analyzer from the whole merged pack as plain data."""
        return cls(data)

    # --- reading a message ----------------------------------------------------------------

    def analyze(self, text: str) -> Analysis:
        """Patterns, bid, a softer rewrite, one question and safety for one message."""
        norm = self._normalise(text)
        doc = _Doc(norm.text)
        patterns = self._findings(text, norm, doc)
        safety = self._safety_of(doc)
        if safety.concern:  # no softening advice when someone may be in danger
            question = str(self._section.get("safety_question") or self._question(norm.text))
            return Analysis(text, patterns, None, None, question, safety)
        bid_rule, wish = self._bid_of(doc, patterns)
        rewrite = self._rewrite(bid_rule, patterns) if patterns else None
        return Analysis(text, patterns, wish, rewrite, self._question(norm.text), safety)

    def hints(self, text: str) -> list[Finding]:
        """Patterns only, for live hints while typing (the last answer is reused)."""
        if text == self._last_hints[0]:
            return list(self._last_hints[1])
        norm = self._normalise(text)
        found = self._findings(text, norm, _Doc(norm.text))
        self._last_hints = (text, found)
        return list(found)

    def safety(self, text: str) -> Safety:
        """Danger language in any typed text: threats, violence, fear, self-harm, control."""
        return self._safety_of(_Doc(self._normalise(text).text))

    def bid(self, text: str) -> str | None:
        """The wish that may be behind a partner's words; None when there is none or a concern."""
        norm = self._normalise(text)
        doc = _Doc(norm.text)
        if self._safety_of(doc).concern:
            return None
        return self._bid_of(doc, self._findings(text, norm, doc), every=True)[1]

    def is_thought_not_feeling(self, text: str) -> bool:
        """True for "I feel like you…": a thought about the partner dressed as a feeling."""
        return self._thought.first(_Doc(self._normalise(text).text)) is not None

    # --- the parts ------------------------------------------------------------------------

    def _findings(self, text: str, norm: Normalised, doc: _Doc) -> list[Finding]:
        found: list[Finding] = []
        for rule in self._patterns:
            why, antidote = str(rule.info.get("why", "")), str(rule.info.get("antidote", ""))
            for n_start, n_end in rule.matches(doc):
                start, end = _trimmed(text, *norm.original(n_start, n_end))
                if start < end:
                    found.append(Finding(rule.name, start, end, text[start:end], why, antidote))
        found.sort(key=lambda f: (f.start, PATTERN_KINDS.index(f.kind)))
        return found

    def _safety_of(self, doc: _Doc) -> Safety:
        categories = [rule.name for rule in self._safety if rule.first(doc)]
        return Safety(bool(categories), categories)

    def _bid_of(
        self, doc: _Doc, patterns: list[Finding], every: bool = False
    ) -> tuple[_Rule | None, str | None]:
        best: tuple[int, _Rule] | None = None
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

    def _rewrite(self, bid_rule: _Rule | None, patterns: list[Finding]) -> str | None:
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

    def _question(self, normalised: str) -> str:
        if not self._questions:
            return str(self._section.get("fallback_question", ""))
        index = zlib.crc32(normalised.strip().encode("utf-8", "replace")) % len(self._questions)
        return self._questions[index]

    # --- compiling ------------------------------------------------------------------------

    def _rule(self, spec: dict[str, Any], name: str, info: dict[str, Any] | None = None) -> _Rule:
        return _Rule(name, self._compile(spec.get("match")), self._compile(spec.get("exceptions")),
                     info if info is not None else spec)

    def _compile(self, spec: Any) -> list[_Matcher]:
        """One regex per pack regex (each keeps its own fast literal prefix), one for the phrases.

        Text is lower case already, so no IGNORECASE (which would also slow the search down).
        A leading {start} is checked in `_scan` instead: a lookbehind first would be slow.
        """
        spec = _mapping(spec)
        out: list[_Matcher] = []
        for source in (str(r).strip() for r in spec.get("regexes") or []):
            clause = source.startswith(_START)
            body = expand(source[len(_START):] if clause else source, self._terms)
            out.append((re.compile(f"(?:{body}){_WORD_END}"), clause, first_words(body)))
        phrases = {self._normalise(str(p)).text.strip() for p in spec.get("phrases") or []} - {""}
        if phrases:
            body = "|".join(phrase_regex(p) for p in sorted(phrases, key=len, reverse=True))
            out.append((re.compile(f"(?:{body}){_WORD_END}"), False, first_words(body)))
        return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(section: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = section.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
