"""What to offer for a message: a softer way to say it that keeps its point, and one question
about what was found. Every word comes from the pack (`analysis.rewrite_frames`,
`analysis.question_frames`); `rewrite.py` finds the message's own ask, topic and admission.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

from softlanding.analysis import rewrite
from softlanding.analysis.findings import Finding
from softlanding.analysis.rewrite import Found
from softlanding.analysis.text import Rule

FALLBACK_TEMPLATE = "I feel {feeling} about {situation}, and I need {need}."
# Which pattern a rewrite answers first: the one that hurts most, then the one that asks most.
REWRITE_ORDER = ("contempt", "criticism", "defensiveness", "stonewalling")
# Thanks and appreciation, in the normalised text (lower case, apostrophes dropped).
_THANKS = re.compile(
    r"\b(?:thank|thanks|thankyou|thx|appreciate|appreciated|grateful|proud of you"
    r"|(?:meant|means) (?:a lot|so much))\b"
)


class Suggester:
    """Rewrite and question frames from one pack, chosen by what a message holds."""

    def __init__(
        self,
        section: dict[str, Any],
        template: str,
        questions: list[str],
        kinds: dict[str, Rule],
    ) -> None:
        self._section = section
        self._template = template
        self._questions = questions
        self._by_kind = kinds
        self._rewrites = _mapping(section.get("rewrite_frames"))
        self._asks = _mapping(section.get("question_frames"))

    def rewrite(
        self,
        bid_rule: Rule | None,
        patterns: list[Finding],
        found: Found,
        fear: bool,
        text: str,
    ) -> str | None:
        frames = self._rewrites
        if not frames:
            return self._template_rewrite(bid_rule, patterns)
        kinds = {f.kind for f in patterns}
        kind = next(k for k in REWRITE_ORDER if k in kinds)
        parts = _mapping(bid_rule.info.get("rewrite")) if bid_rule else {}
        values = {
            "ask": found.ask,
            "topic": found.topic,
            "admit": found.admit,
            "feeling": str(parts.get("feeling", "")).strip(),
            "need": str(parts.get("need", "")).strip(),
        }
        for key in frame_keys(kind, values, fear):
            lines = frames.get(key)
            if isinstance(lines, list) and lines:
                said = rewrite.fill(rewrite.choose([str(x) for x in lines], text), values)
                return said + self._then_break(kind, kinds, text)
        return self._template_rewrite(bid_rule, patterns)

    def _then_break(self, kind: str, kinds: set[str], text: str) -> str:
        """A message that also walks away keeps that point too, as a timed break."""
        lines = self._rewrites.get("then_break")
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

    def question(
        self,
        normalised: str,
        bid_rule: Rule | None = None,
        patterns: list[Finding] | tuple[()] = (),
        found: Found | None = None,
        fear: bool = False,
    ) -> str:
        """A question about what was found (pattern, bid, topic, fear); a stock one otherwise."""
        frames = self._asks if normalised.strip() else {}
        topic = found.topic if found else ""
        keys = ["fear"] if fear else []
        for kind in (k for k in REWRITE_ORDER if any(f.kind == k for f in patterns)):
            keys += [f"{kind}_topic"] * bool(topic) + [kind]
        keys += [bid_rule.name] if bid_rule and bid_rule.name != "pack" else []
        if not patterns and _THANKS.search(normalised):
            keys.append("appreciation")  # a thank-you asks about what it meant, not a problem
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


def frame_keys(kind: str, values: dict[str, str], fear: bool) -> list[str]:
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


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
