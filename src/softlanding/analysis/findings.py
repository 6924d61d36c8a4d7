"""What the analyzer reports about a message: the patterns found, safety, and the suggestions."""

from __future__ import annotations

from typing import Any

from softlanding.analysis.record import Record

PATTERN_KINDS: tuple[str, ...] = ("criticism", "contempt", "defensiveness", "stonewalling")
SAFETY_CATEGORIES: tuple[str, ...] = ("threat", "violence", "fear", "self_harm", "control")

_set = object.__setattr__


class Finding(Record):
    """One pattern found in a message: `text[start:end] == match`."""

    __slots__ = _fields = ("kind", "start", "end", "match", "why", "antidote")
    kind: str
    start: int
    end: int
    match: str
    why: str
    antidote: str

    def __init__(
        self, kind: str, start: int, end: int, match: str, why: str, antidote: str
    ) -> None:
        _set(self, "kind", kind)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "match", match)
        _set(self, "why", why)
        _set(self, "antidote", antidote)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "match": self.match,
            "why": self.why,
            "antidote": self.antidote,
        }


class Safety(Record):
    """Whether a message holds danger language, and which kinds (never a diagnosis)."""

    __slots__ = _fields = ("concern", "categories")
    concern: bool
    categories: list[str]

    def __init__(self, concern: bool, categories: list[str]) -> None:
        _set(self, "concern", concern)
        _set(self, "categories", categories)


class Analysis(Record):
    """Everything the analyzer noticed in one message."""

    __slots__ = _fields = ("text", "patterns", "bid", "rewrite", "question", "safety")
    text: str
    patterns: list[Finding]
    bid: str | None
    rewrite: str | None
    question: str
    safety: Safety

    def __init__(
        self,
        text: str,
        patterns: list[Finding],
        bid: str | None,
        rewrite: str | None,
        question: str,
        safety: Safety,
    ) -> None:
        _set(self, "text", text)
        _set(self, "patterns", patterns)
        _set(self, "bid", bid)
        _set(self, "rewrite", rewrite)
        _set(self, "question", question)
        _set(self, "safety", safety)

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
