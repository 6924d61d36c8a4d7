"""The shape of the pack's `analysis:` section: what the language analyzer matches, and why."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    computed_field,
    model_validator,
)

from softlanding.analysis.findings import PATTERN_KINDS, SAFETY_CATEGORIES
from softlanding.analysis.prefilter import Table
from softlanding.analysis.regex_safety import linear_problem
from softlanding.analysis.terms import (
    MACROS,
    NAME,
    UnknownName,
    expand,
    resolve_terms,
    strip_apostrophes,
    vocabulary,
)
from softlanding.textsafe import plain_pack_text

Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
    AfterValidator(plain_pack_text),  # shown on screens and cards: plain words only
]
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
    id: Literal[
        "threat",
        "violence",
        "fear",
        "self_harm",
        "control",
        "sexual_coercion",
        "stalking",
        "gaslighting",
        "hurt_partner",
        "danger_now",
    ]
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


class BoundaryRule(Strict):
    """A "no", a request to stop contact, an ending, space or privacy: respected, not read."""

    acknowledge: Text
    question: Text
    harsh: Text = Field(description="said first about a harsh message someone received")
    maybe: Text = Field(description="before a possible wish under a harsh message")
    not_respected: Text = Field(description="reflect, under a boundary: when a no is not respected")
    match: Matchers
    exceptions: Matchers = Field(default_factory=Matchers)


Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=3000)]


class Normalise(Strict):
    """Texting shorthand spelled out before matching ("u" → "you"); keys are single words."""

    words: dict[Word, Text] = Field(default_factory=dict)
    masked: list[Word] = Field(
        default_factory=list, description='words people write with * for letters ("f***")'
    )
    spelling: list[Annotated[Word, StringConstraints(min_length=5)]] = Field(
        default_factory=list,
        description="words whose one-letter slips (missing, extra or swapped) are put right",
    )


class ReflectWords(Strict):
    """What `softlanding reflect` says around an analysis (the card's labels come from `text`)."""

    nothing: Text = Field(description="no message was given")
    editor_failed: Text = Field(description="the editor closed without a message")
    debrief_from: Text = Field(description="which session is being looked back on; {when}")
    no_sessions: Text
    saved: Text
    highlight_note: Text = Field(description="how the highlighted words are marked")
    no_pattern: Text = Field(
        description="no pattern in the message (it may be the reader's own or one received)"
    )
    more_help: Text = Field(description="where every line is, below reflect's short safety card")
    own_urge_question: Text = Field(
        description="the question after a threat in the writer's own words (fear of one's urge)"
    )

    @model_validator(mode="after")
    def _when(self) -> ReflectWords:
        if "{when}" not in self.debrief_from:
            raise ValueError("debrief_from must contain the placeholder {when}")
        return self


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
    boundaries: BoundaryRule | None = None
    safety_question: Text = Field(description="asked instead of a reflection question")
    rewrite_frames: dict[Ident, list[Text]] = Field(
        default_factory=dict,
        description="softer ways to say it, by what was found: {ask} {topic} {admit} {feeling} "
        "{need}",
    )
    question_frames: dict[Ident, list[Text]] = Field(
        default_factory=dict, description="a question about the message, by what was found; {topic}"
    )
    reflect_words: ReflectWords

    @computed_field(description="derived: the words each regex can begin with, and needs")  # type: ignore[prop-decorator]
    @property
    def first_words(self) -> dict[str, Any]:
        return _first_words_index(self)

    @computed_field(description="derived: every word the matchers mention")  # type: ignore[prop-decorator]
    @property
    def vocabulary(self) -> list[str]:
        words = {str(k).lower(): str(v).lower() for k, v in self.normalise.words.items()}
        section = self.model_dump(mode="json", exclude={"vocabulary", "first_words"})
        return sorted(vocabulary(section, words))

    @model_validator(mode="after")
    def _complete(self) -> AnalysisSection:
        kinds = [p.kind for p in self.patterns]
        if sorted(kinds) != sorted(PATTERN_KINDS):
            raise ValueError(f"patterns must hold each of {', '.join(PATTERN_KINDS)} exactly once")
        ids = [s.id for s in self.safety_language]
        missing = [c for c in SAFETY_CATEGORIES if c not in ids]
        if missing or len(ids) != len(set(ids)):
            raise ValueError(
                f"safety_language must hold each of {', '.join(SAFETY_CATEGORIES)} exactly once"
            )
        for name in ("{feeling}", "{situation}", "{need}"):
            if name not in self.fallback_template:
                raise ValueError(f"fallback_template must contain the placeholder {name}")
        _require_matchers(self.thought_not_feeling)
        _check_terms(self)
        _check_frames(self.rewrite_frames, _REWRITE_SLOTS, "rewrite_frames")
        _check_frames(self.question_frames, frozenset({"topic"}), "question_frames")
        return self


_REWRITE_SLOTS = frozenset({"ask", "topic", "admit", "feeling", "need"})


def _check_frames(frames: dict[str, list[str]], allowed: frozenset[str], where: str) -> None:
    for key, lines in frames.items():
        for line in lines:
            unknown = sorted(set(NAME.findall(line)) - allowed)
            if unknown:
                raise ValueError(
                    f"{where} → {key}: {{{unknown[0]}}} is not a placeholder here "
                    f"(use {', '.join('{' + a + '}' for a in sorted(allowed))})"
                )


def _require_matchers(matchers: Matchers) -> None:
    if not matchers.phrases and not matchers.regexes:
        raise ValueError("needs at least one phrase or regex to match")


def _first_words_index(section: AnalysisSection) -> dict[str, Any]:
    """Per regex: the words a match begins with and the words it needs (see prefilter.py).

    Worked out once, when the pack is compiled, so `reflect` parses no regex it cannot use.
    """
    terms = resolve_terms(section.terms)
    table = Table()
    for _where, matchers in _all_matchers(section):
        for source in matchers.regexes:
            written = source.removeprefix("{start}")
            if "\n" not in written:  # the table lists one regex a line (else: always tried)
                table.add(written, expand(written, terms))
    return table.to_json()


def _check_terms(section: AnalysisSection) -> None:
    """Every {name} is a term or macro, and each regex is still safe once terms are filled in."""
    clash = sorted(set(section.terms) & set(MACROS))
    if clash:
        raise ValueError(f"the term name '{clash[0]}' is built in; choose another name")
    try:
        terms = resolve_terms(section.terms)
    except UnknownName as exc:
        raise ValueError(_unknown(exc.args[0], "terms")) from None
    for name, value in terms.items():
        problem = regex_problem(f"(?:{value})", may_be_empty=True)  # {0,3} boosters may be empty
        if problem:
            raise ValueError(f"terms → {name} {problem}")
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
    return (
        f"uses {{{name}}}{inside}, which is not a term; add it under 'terms' or fix the "
        f"spelling (built in: {', '.join('{' + m + '}' for m in MACROS)})."
    )


def _all_matchers(section: AnalysisSection) -> list[tuple[str, Matchers]]:
    out: list[tuple[str, Matchers]] = [("thought_not_feeling", section.thought_not_feeling)]
    named: list[tuple[str, str, PatternRule | SafetyRule | BidRule]]
    named = [("patterns", p.kind, p) for p in section.patterns]
    named += [("safety_language", s.id, s) for s in section.safety_language]
    named += [("bid_rules", b.id, b) for b in section.bid_rules]
    for group, name, rule in named:
        out.append((f"{group} → {name} → match", rule.match))
        out.append((f"{group} → {name} → exceptions", rule.exceptions))
    if section.boundaries is not None:
        out.append(("boundaries → match", section.boundaries.match))
        out.append(("boundaries → exceptions", section.boundaries.exceptions))
    return out


def regex_problem(prepared: str, may_be_empty: bool = False) -> str | None:
    """Why a regex cannot be used (no compile, upper case, could be slow on long text), or None."""
    try:
        compiled = re.compile(prepared)
    except re.error as exc:
        return f"is not a valid regular expression ({exc.msg})."
    if not may_be_empty and compiled.fullmatch(""):
        return "can match empty text (every part is optional); make at least one word required."
    if any(ch.isupper() for ch in re.sub(r"\\.", "", prepared)):
        return "has capital letters; messages are matched in lower case, so write it in lower case."
    return linear_problem(prepared)
