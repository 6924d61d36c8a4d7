"""What the analyzer reports about a message: the patterns found, safety, and the suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PATTERN_KINDS: tuple[str, ...] = ("criticism", "contempt", "defensiveness", "stonewalling")
SAFETY_CATEGORIES: tuple[str, ...] = ("threat", "violence", "fear", "self_harm", "control")


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
