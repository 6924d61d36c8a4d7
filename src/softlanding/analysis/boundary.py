"""Boundaries honoured: a "no", a request to stop contact, an ending, or a request for space or
privacy is acknowledged as a boundary, never read as a pattern or a wish for closeness. A harsh
message someone received is first validated, then offered a possible wish.

Danger language is always read first (by the analyzer): a boundary never hides it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from softlanding.analysis.text import Doc, Rule

if TYPE_CHECKING:
    from softlanding.analysis.analyzer import Analysis, Analyzer

_HARSH = ("contempt",)  # scorn and insults; a plain complaint goes straight to its wish


def _section(analyzer: Analyzer) -> dict[str, Any]:
    found = analyzer._section.get("boundaries")  # noqa: SLF001 - the analyzer's own pack data
    return found if isinstance(found, dict) else {}


def _rule(analyzer: Analyzer) -> Rule | None:
    """The boundary matchers (the analyzer builds them with its other rules)."""
    return analyzer._boundary_rule  # noqa: SLF001


def in_doc(analyzer: Analyzer, doc: Doc) -> bool:
    rule = _rule(analyzer)
    return rule is not None and rule.first(doc) is not None


def is_boundary(analyzer: Analyzer, text: str) -> bool:
    """True when the message sets a boundary (and holds no danger language)."""
    doc = analyzer._doc(analyzer._normalise(text).text)  # noqa: SLF001
    return not analyzer.safety(text).concern and in_doc(analyzer, doc)


def acknowledged(found: Analysis, analyzer: Analyzer) -> Analysis:
    """The analysis of a boundary: no pattern, no wish, no rewrite; it is named and respected."""
    words = _section(analyzer)
    question = f"{words.get('acknowledge', '')} {words.get('question', '')}".strip()
    return found.replace(patterns=[], bid=None, rewrite=None, question=question or found.question)


def heard(analyzer: Analyzer, said: str, fallback: str) -> str:
    """What the Reframe step shows for words someone received from their partner."""
    words = _section(analyzer)
    if is_boundary(analyzer, said):
        return str(words.get("acknowledge") or "")
    wish = analyzer.bid(said) or fallback
    kinds = {f.kind for f in analyzer.analyze(said).patterns}
    if words.get("harsh") and kinds & set(_HARSH):
        return f"{words['harsh']}\n{words.get('maybe', '')} {wish}".strip()
    return wish
