"""The language analyzer: the four patterns, the wish behind a complaint, and safety language.

Pure Python over plain pack data (no Textual, pydantic or YAML), so `reflect` starts fast.
Every word it matches comes from the pack's `analysis:` section; this module only knows how to
run the matchers and map what they find back onto the original characters.
"""

from __future__ import annotations

import re
from typing import Any

from softlanding.analysis import boundary, rewrite, safety_model
from softlanding.analysis.findings import PATTERN_KINDS, Analysis, Finding, Safety
from softlanding.analysis.index import NeedTable, WordIndex
from softlanding.analysis.model import PatternModel, quotations
from softlanding.analysis.normalise import Normalised, Normaliser
from softlanding.analysis.suggest import FALLBACK_TEMPLATE, Suggester
from softlanding.analysis.terms import (
    phrase_regex,
    rarity,
    resolve_terms,
    vocabulary,
)
from softlanding.analysis.text import WORD, Doc, Matcher, Needs, Rule

__all__ = ["PATTERN_KINDS", "Analysis", "Analyzer", "Finding", "Safety"]

_START = "{start}"
# Live hints re-read only the text after the last sentence that ends this far before an edit.
_HINT_MARGIN = 80
_QUOTE_MARKS = "\"“”„'‘’"
_SENTENCE_END = re.compile(r"[.!?\n]\s+")


class Analyzer:
    """Compiled matchers from one pack; `analyze`, `hints`, `safety` and `bid` read a message."""

    def __init__(self, data: dict[str, Any]) -> None:
        section = _mapping(data.get("analysis"))
        self._section = section
        self._normalise = _normaliser(section)
        self._needs = NeedTable(section.get("first_words"))
        terms = _mapping(section.get("terms"))
        self._terms = resolve_terms({str(k): str(v) for k, v in terms.items()})
        self._load_rules(section, _items(_mapping(data.get("bids")), "translations"))
        template = str(
            _mapping(data.get("templates")).get("softened_startup")
            or section.get("fallback_template")
            or FALLBACK_TEMPLATE
        )
        questions = _mapping(data.get("reflection")).get("questions")
        stock = [str(q) for q in questions] if isinstance(questions, list) else []
        self._suggest = Suggester(section, template, stock, self._by_kind)
        self._last_hints: tuple[str, list[Finding], list[Finding]] = ("", [], [])
        shorthand = _mapping(_mapping(section.get("normalise")).get("words"))
        self._shorthand = {str(k): str(v) for k, v in shorthand.items()}
        self._model = PatternModel.load(self._shorthand)
        self._learned_safety = True  # the learned safety reader (safety_model) hears the rest
        # A user pack that changed `analysis` (its normaliser, terms...) could keep danger from
        # the rules: the shipped section also listens, through its own words (built when needed).
        core = data.get("_safety_core")
        self._core_data: dict[str, Any] | None = (
            {"analysis": core} if isinstance(core, dict) else None
        )
        self._core: Analyzer | None = None

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
        limits = _mapping(section.get("boundaries"))
        self._boundary_rule = self._rule(limits, "boundary") if limits.get("match") else None
        rules = [*self._patterns, *self._safety, *self._bids, *self._pack_bids, self._thought]
        rules += [self._boundary_rule] if self._boundary_rule else []
        matchers = (m for r in rules for m in r.built())  # the table files the rest itself
        self._by_word = WordIndex(matchers, self._needs)

    def _doc(self, text: str) -> Doc:
        return Doc(text, self._by_word)

    @classmethod
    def from_pack(cls, data: dict[str, Any]) -> Analyzer:
        """Compile an analyzer from the whole merged pack as plain data."""
        return cls(data)

    def compile_all(self) -> int:
        """Compile every regex both ways a message may use it (the wheel ships their opcodes, so
        even the first run parses none); how many matchers there are."""
        rules = [*self._patterns, *self._safety, *self._bids, *self._pack_bids, self._thought]
        rules += [self._boundary_rule] if self._boundary_rule else []
        matchers = [m for r in rules for m in (*r.regexes, *r.exceptions)]
        for m in matchers:
            _ = (m.regex, m.searcher)
        return len(matchers)

    # --- reading a message ----------------------------------------------------------------

    def analyze(self, text: str) -> Analysis:
        """Patterns, bid, a softer rewrite, one question and safety for one message."""
        norm = self._normalise(text)
        doc = self._doc(norm.text)
        patterns = self._findings(text, norm, doc)
        safety = self._safety_of(doc, text)
        if safety.concern:  # no softening advice when someone may be in danger
            question = str(
                self._section.get("safety_question") or self._suggest.question(norm.text)
            )
            return Analysis(text, patterns, None, None, question, safety)
        if boundary.in_doc(self, doc):  # a "no" or a request for space is respected, not read
            plain = Analysis(text, [], None, None, self._suggest.question(norm.text), safety)
            return boundary.acknowledged(plain, self)
        bid_rule, wish = self._bid_of(doc, patterns)
        found = rewrite.read(text, flagged=bool(patterns))
        fear = self._fear(doc)
        said = self._suggest.rewrite(bid_rule, patterns, found, fear, text) if patterns else None
        question = self._suggest.question(norm.text, bid_rule, patterns, found, fear)
        return Analysis(text, patterns, wish, said, question, safety)

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
        return self._safety_of(self._doc(self._normalise(text).text), text)

    def bid(self, text: str) -> str | None:
        """The wish that may be behind a partner's words; None when there is none or a concern."""
        norm = self._normalise(text)
        doc = self._doc(norm.text)
        if self._safety_of(doc, text).concern or _sets_boundary(self, text):
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
        for rule in _live(self._patterns, doc):
            why, antidote = str(rule.info.get("why", "")), str(rule.info.get("antidote", ""))
            for n_start, n_end in rule.matches(doc):
                start, end = _trimmed(text, *norm.original(n_start, n_end))
                if start < end:
                    found.append(Finding(rule.name, start, end, text[start:end], why, antidote))
        found.sort(key=lambda f: (f.start, PATTERN_KINDS.index(f.kind)))
        return found

    def _safety_of(self, doc: Doc, text: str) -> Safety:
        categories = [rule.name for rule in _live(self._safety, doc) if rule.first(doc)]
        if categories and self._learned_safety and safety_model.overruled(doc.text, categories):
            categories = []  # an idiom the reader is sure of: "I'll end you if you spoil it 😂"
        if not categories and self._learned_safety:  # what the lexicon does not name
            page = safety_model.page_of_text(doc.text)
            categories = [page] if page else []
        if not categories and self._core_data is not None:  # the shipped words, unchanged
            if self._core is None:
                self._core = Analyzer(self._core_data)
            return self._core.safety(text)
        return Safety(bool(categories), categories)

    def _bid_of(
        self, doc: Doc, patterns: list[Finding], every: bool = False
    ) -> tuple[Rule | None, str | None]:
        best: tuple[int, Rule] | None = None
        for rule in _live(self._bids + (self._pack_bids if patterns or every else []), doc):
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

    # --- compiling ------------------------------------------------------------------------

    def _rule(self, spec: dict[str, Any], name: str, info: dict[str, Any] | None = None) -> Rule:
        rule = Rule(name, [], [], info if info is not None else spec)
        for exception, part in ((False, spec.get("match")), (True, spec.get("exceptions"))):
            for matcher in self._compile(part, rule, exception):
                rule.adopt(matcher, exception)
        return rule

    def _compile(self, spec: Any, rule: Rule, exception: bool) -> list[Matcher]:
        """One matcher per pack regex (each keeps its own fast literal prefix), one for phrases.
        Regexes the compiled pack's table files under words are left to it to build, when a
        message first needs one.

        A leading {start} is checked by position instead: a lookbehind first would be slow.
        Terms are filled in only when a regex is compiled (most never are, per process).
        """
        spec = _mapping(spec)
        out: list[Matcher] = []
        needs = self._needs
        for source in (str(r).strip() for r in spec.get("regexes") or []):
            clause = source.startswith(_START)
            written = source[len(_START) :] if clause else source
            if not needs.defer(written, self._terms, clause, rule, exception):
                out.append(needs.matcher(written, self._terms, clause))
        phrases = {self._normalise(str(p)).text.strip() for p in spec.get("phrases") or []} - {""}
        if phrases:
            body = "|".join(phrase_regex(p) for p in sorted(phrases, key=len, reverse=True))
            heads = {p.split()[0] for p in phrases}
            plain = all(WORD.fullmatch(h) for h in heads)
            firsts = frozenset(heads) if plain else None
            out.append(Matcher(body, False, firsts, *_phrase_needs(phrases)))
        return out


def _live(rules: list[Rule], doc: Doc) -> list[Rule]:
    """The rules a text can set off (all of them when the text has no index)."""
    touched = doc.touched
    return rules if touched is None else [r for r in rules if id(r) in touched]


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


def _phrase_needs(phrases: set[str]) -> tuple[frozenset[str] | None, Needs | None]:
    """A match holds every word of one phrase: the gate is each phrase's rarest word."""
    spelled = [[frozenset({w}) for w in WORD.findall(p)] for p in phrases]
    if not all(spelled):
        return None, None
    gate = frozenset().union(*(min(words, key=rarity) for words in spelled))
    return gate, tuple(tuple(sorted(words, key=rarity)) for words in spelled)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(section: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = section.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
