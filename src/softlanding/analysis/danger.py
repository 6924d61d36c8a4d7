"""Danger language with its place and kind, and which safety page and resources fit it.

Pure Python over plain pack data. The lexicon is the pack's `analysis.safety_language`; each
rule's id is a category, and each category belongs to one safety page (a kind of danger). What
the lexicon does not name, the learned reader (safety_model) may hear: its hit is the clause that
sounds most like danger, with the page its heads chose, under the category "learned".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from softlanding.analysis import safety_model

if TYPE_CHECKING:
    from softlanding.analysis.analyzer import Analyzer

PAGE_KINDS: tuple[str, ...] = ("danger_now", "partner_fear", "self_harm", "hurt_partner")
# Categories with their own page; every other category is about fear of a partner.
_OWN_PAGE = {"danger_now": "danger_now", "self_harm": "self_harm", "hurt_partner": "hurt_partner"}
_EVERYWHERE, _INTERNATIONAL = "everywhere", "international"
LEARNED = "learned"  # the category of a hit from the learned reader


@dataclass(frozen=True, slots=True)
class DangerHit:
    """One stretch of danger language: `text[start:end] == match`."""

    kind: str  # the safety page it belongs to
    category: str  # the lexicon rule that found it
    start: int
    end: int
    match: str


def page_of(category: str) -> str:
    return _OWN_PAGE.get(category, "partner_fear")


def find_danger(analyzer: Analyzer, text: str) -> list[DangerHit]:
    """Every piece of danger language in `text`, with its span in the original characters."""
    norm = analyzer._normalise(text)  # noqa: SLF001 - same module family, one normalisation
    doc = analyzer._doc(norm.text)  # noqa: SLF001 - the word index: only what can match
    hits: list[DangerHit] = []
    for rule in analyzer._safety:  # noqa: SLF001
        for n_start, n_end in rule.matches(doc):
            start, end = norm.original(n_start, n_end)
            hits.append(DangerHit(page_of(rule.name), rule.name, start, end, text[start:end]))
    if not hits and analyzer._learned_safety:  # noqa: SLF001
        hits = _learned(norm.text, norm.original, text)
    hits.sort(key=lambda h: (h.start, h.end))
    return hits


def _learned(normalised: str, original: Any, text: str) -> list[DangerHit]:
    """The learned reader's hit, when it hears danger the lexicon did not name."""
    model = safety_model.shared()
    page = model.page(normalised) if model is not None else None
    if model is None or page is None:
        return []
    start, end = original(*model.span(normalised))
    return [DangerHit(page, LEARNED, start, end, text[start:end])] if start < end else []


# Most urgent first; fear of a partner last, as it is also where every other kind of danger
# goes ("I'm scared I'll snap and hit her" is about hurting a partner, not fearing one).
URGENCY: tuple[str, ...] = ("danger_now", "self_harm", "hurt_partner", "partner_fear")


def kinds_of(hits: list[DangerHit]) -> list[str]:
    """The pages the hits call for, most urgent first."""
    found = {h.kind for h in hits}
    return [k for k in URGENCY if k in found]


# "I'll", "I will", "im gonna"...: the writer is the one who would do it. A third person named
# after it ("I'm scared he'll...") makes them the one who would, and the writer the one afraid.
_I = re.compile(r"\b(?:i|i'll|i’ll|i'm|i’m|im|i'd|i’d)\b", re.IGNORECASE)
_THEY = re.compile(r"\b(?:he|she|they|he's|she's|they're|he'll|she'll|they'll|he'd|she'd)\b", re.I)
_CLAUSE_END = re.compile(r"[.!?;\n]")
_DONE_BY_WRITER = frozenset({"threat", "violence"})


def writer_threatens(hits: list[DangerHit], text: str) -> bool:
    """True when a threat or violence is said in the first person ("I'll kill you", "im gonna
    hurt you"): the words may be the reader's own, so the page for fearing one's own urge fits
    as well as the page for fearing a partner."""
    for hit in hits:
        if hit.category not in _DONE_BY_WRITER:
            continue
        ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, hit.start)]
        before = text[ends[-1] if ends else 0 : hit.end]
        said = list(_I.finditer(before))
        if said and not _THEY.search(before, said[-1].end()):
            return True
    return False


def reflect_pages(hits: list[DangerHit], text: str) -> list[str]:
    """The pages `reflect` shows, most urgent first: a first-person threat adds the page for
    someone afraid they might hurt their partner (reflect reads one's own messages, too)."""
    kinds = kinds_of(hits) or ["partner_fear"]
    if "hurt_partner" not in kinds and writer_threatens(hits, text):
        kinds = kinds_of([*hits, DangerHit("hurt_partner", "threat", 0, 0, "")])
    return kinds


def ordered_resources(
    resources: list[Any], first: list[str] | None = None, region: str | None = None
) -> list[Any]:
    """The order a safety page lists its help in: the emergency line for everywhere always on
    top; then the chosen region's lines of the page's kinds; then the international directory
    (what matters most when the region is not listed); then every other line, the page's kinds
    first and the region's first within a kind. A region's line of another kind never jumps the
    queue: someone afraid of a partner is not shown a line for people who harm first. A service
    listed for two kinds (a hotline that also talks with people worried about their own
    behaviour) is shown once, where it ranks first."""
    first = first or []
    here = (region or "").strip().lower()

    def rank(item: tuple[int, Any]) -> tuple[int, int, bool, int]:
        index, res = item
        kind, where = _get(res, "kind"), _get(res, "region").strip().lower()
        kind_rank = first.index(kind) if kind in first else len(first)
        mine = bool(here) and here in where
        if where == _EVERYWHERE:
            group = 0
        elif mine and kind in first:
            group = 1
        elif where == _INTERNATIONAL or kind == "directory":
            group = 2
        else:
            group = 3
        return (group, kind_rank, not mine, index)

    shown: set[tuple[str, str]] = set()
    found = []
    for _, res in sorted(enumerate(resources), key=rank):
        same = (_get(res, "name"), _get(res, "contact"))
        if same not in shown:
            shown.add(same)
            found.append(res)
    return found


def _get(resource: Any, name: str) -> str:
    value = resource.get(name) if isinstance(resource, dict) else getattr(resource, name, "")
    return str(value or "")


# Choices that together say "I may not be safe": the scared family felt strongly, and the need
# for safety. Either alone is often ordinary (fear of losing closeness, wanting to feel secure).
FEAR_FAMILY, SAFETY_NEED, HIGH_INTENSITY = "scared", "safety", 8


def choices_signal(answers: dict[str, Any]) -> bool:
    """True when the Name step's choices add up to a possible danger, asked about gently."""
    intensity = answers.get("intensity")
    strong = isinstance(intensity, int) and intensity >= HIGH_INTENSITY
    return answers.get("family") == FEAR_FAMILY and strong and answers.get("need") == SAFETY_NEED


def page_after_check(kind: str, answer: str) -> str:
    """The page an answer to "Are you safe right now?" leads to (never back to the flow)."""
    if answer == "no" and kind == "partner_fear":
        return "danger_now"
    return kind
