"""The shape of the pack's `analysis:` section: what the language analyzer matches, and why."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from softlanding.analysis import PATTERN_KINDS, SAFETY_CATEGORIES
from softlanding.analysis_text import (
    MACROS,
    NAME,
    UnknownName,
    expand,
    resolve_terms,
    strip_apostrophes,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Regex = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]
Word = Annotated[str, StringConstraints(pattern=r"^[^\W_]+$", max_length=20)]


class Strict(BaseModel):
    """Every pack model forbids unknown fields, so a typo is an error, not silence."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Matchers(Strict):
    """Words to look for: plain phrases, and regexes for what phrases cannot say."""

    phrases: list[Phrase] = Field(default_factory=list)
    regexes: list[Regex] = Field(default_factory=list)

    @model_validator(mode="after")
    def _regexes_are_safe(self) -> Matchers:
        # Terms are checked by the whole section; here each name stands in as a plain group.
        for number, source in enumerate(self.regexes, start=1):
            problem = regex_problem(strip_apostrophes(NAME.sub("(?:x)", source)))
            if problem:
                raise ValueError(f"regex {number} ({source!r}) {problem}")
        return self


class Rewrite(Strict):
    """The words that fill the softened start-up: I feel {feeling} about {situation}..."""

    feeling: Text
    situation: Text
    need: Text


class PatternRule(Strict):
    kind: Literal["criticism", "contempt", "defensiveness", "stonewalling"]
    name: Text
    why: Text
    antidote: Text
    wish: Text = Field(description="the wish that may be under this pattern, when no bid rule fits")
    rewrite: Rewrite
    match: Matchers
    exceptions: Matchers = Field(default_factory=Matchers)

    @model_validator(mode="after")
    def _has_matchers(self) -> PatternRule:
        _require_matchers(self.match)
        return self


class SafetyRule(Strict):
    id: Literal["threat", "violence", "fear", "self_harm", "control"]
    name: Text
    match: Matchers
    exceptions: Matchers = Field(default_factory=Matchers)

    @model_validator(mode="after")
    def _has_matchers(self) -> SafetyRule:
        _require_matchers(self.match)
        return self


class BidRule(Strict):
    id: Ident
    wish: Text
    rewrite: Rewrite
    match: Matchers
    exceptions: Matchers = Field(default_factory=Matchers)

    @model_validator(mode="after")
    def _has_matchers(self) -> BidRule:
        _require_matchers(self.match)
        return self


Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=3000)]


class Normalise(Strict):
    """Texting shorthand spelled out before matching ("u" → "you"); keys are single words."""

    words: dict[Word, Text] = Field(default_factory=dict)


class AnalysisSection(Strict):
    """The analyzer's whole lexicon, so a therapist can extend it without code."""

    source: Text = Field(description="author and work the ideas come from")
    normalise: Normalise = Field(default_factory=Normalise)
    terms: dict[Ident, Term] = Field(
        default_factory=dict, description="named regex pieces, used in regexes as {name}"
    )
    patterns: list[PatternRule] = Field(min_length=4, max_length=4)
    safety_language: list[SafetyRule] = Field(min_length=1)
    bid_rules: list[BidRule] = Field(min_length=1)
    bid_fallback: Text
    thought_not_feeling: Matchers
    default_rewrite: Rewrite
    fallback_template: Text
    fallback_question: Text
    safety_question: Text = Field(description="asked instead of a reflection question")

    @model_validator(mode="after")
    def _complete(self) -> AnalysisSection:
        kinds = [p.kind for p in self.patterns]
        if sorted(kinds) != sorted(PATTERN_KINDS):
            raise ValueError(f"patterns must hold each of {', '.join(PATTERN_KINDS)} exactly once")
        ids = [s.id for s in self.safety_language]
        missing = [c for c in SAFETY_CATEGORIES if c not in ids]
        if missing or len(ids) != len(set(ids)):
            raise ValueError(f"safety_language must hold each of {', '.join(SAFETY_CATEGORIES)} "
                             "exactly once")
        for name in ("{feeling}", "{situation}", "{need}"):
            if name not in self.fallback_template:
                raise ValueError(f"fallback_template must contain the placeholder {name}")
        _require_matchers(self.thought_not_feeling)
        _check_terms(self)
        return self


def _require_matchers(matchers: Matchers) -> None:
    if not matchers.phrases and not matchers.regexes:
        raise ValueError("needs at least one phrase or regex to match")


def _check_terms(section: AnalysisSection) -> None:
    """Every {name} is a term or macro, and each regex is still safe once terms are filled in."""
    clash = sorted(set(section.terms) & set(MACROS))
    if clash:
        raise ValueError(f"the term name '{clash[0]}' is built in; choose another name")
    try:
        terms = resolve_terms(section.terms)
    except UnknownName as exc:
        raise ValueError(_unknown(exc.args[0], "terms")) from None
    for where, matchers in _all_matchers(section):
        for number, source in enumerate(matchers.regexes, start=1):
            try:
                problem = regex_problem(expand(source, terms))
            except UnknownName as exc:
                problem = _unknown(exc.args[0], "")
            if problem:
                raise ValueError(f"{where}, regex {number} ({source!r}) {problem}")


def _unknown(name: str, where: str) -> str:
    inside = f" (in {where})" if where else ""
    return (f"uses {{{name}}}{inside}, which is not a term; add it under 'terms' or fix the "
            f"spelling (built in: {', '.join('{' + m + '}' for m in MACROS)}).")


def _all_matchers(section: AnalysisSection) -> list[tuple[str, Matchers]]:
    out: list[tuple[str, Matchers]] = [("thought_not_feeling", section.thought_not_feeling)]
    named = [("patterns", p.kind, p) for p in section.patterns]
    named += [("safety_language", s.id, s) for s in section.safety_language]
    named += [("bid_rules", b.id, b) for b in section.bid_rules]
    for group, name, rule in named:
        out.append((f"{group} → {name} → match", rule.match))
        out.append((f"{group} → {name} → exceptions", rule.exceptions))
    return out


def regex_problem(prepared: str) -> str | None:
    """Why a regex cannot be used (no compile, upper case, could take forever), or None."""
    try:
        compiled = re.compile(prepared)
    except re.error as exc:
        return f"is not a valid regular expression ({exc.msg})."
    if compiled.fullmatch(""):
        return "can match empty text (every part is optional); make at least one word required."
    if any(ch.isupper() for ch in re.sub(r"\\.", "", prepared)):
        return "has capital letters; messages are matched in lower case, so write it in lower case."
    if _nested_repeat(prepared):
        return ("repeats a group that itself repeats without limit, which can hang on long text; "
                "use a bounded count like {0,3}.")
    return None


def _nested_repeat(prepared: str) -> bool:
    """True when an unbounded repeat holds another unbounded repeat: (a+)+ style backtracking."""
    try:
        from re import _parser as sre_parse  # the parser behind `re`; absent only on odd builds
    except ImportError:  # pragma: no cover
        return False
    return _walk(sre_parse.parse(prepared), inside=False, sre=sre_parse)


def _walk(items: Any, inside: bool, sre: Any) -> bool:
    for op, arg in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            _low, high, body = arg
            unbounded = high == sre.MAXREPEAT
            if unbounded and inside:
                return True
            if _walk(body, inside or unbounded, sre):
                return True
        elif op is sre.SUBPATTERN:
            if _walk(arg[-1], inside, sre):
                return True
        elif op is sre.BRANCH:
            if any(_walk(branch, inside, sre) for branch in arg[1]):
                return True
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if _walk(arg[1], inside, sre):
                return True
    return False
