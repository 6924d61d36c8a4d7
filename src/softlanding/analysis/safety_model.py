"""A small learned reader of danger language, beside the lexicon: logistic regression over words.

The lexicon (the pack's `analysis.safety_language`) names the danger words it knows; this reader
was trained by tools/train_safety.py on messages written by people who never saw those words, so
it also hears danger said in other ways (control, coercion, veiled threats, indirect talk of
ending one's life). One head says "danger"; four more say which safety page fits. Weights ship
as int8 steps in safety_model.json and load only when a message is first read (a few ms), so
start-up does not pay for them. It reads the analyzer's normalised text (lower case, apostrophes
dropped, shorthand spelled out), the same text it learned from.
"""

from __future__ import annotations

import base64
import json
import re
from array import array
from functools import cache
from pathlib import Path
from typing import Any

WEIGHTS = Path(__file__).with_name("safety_model.json")
HEADS: tuple[str, ...] = ("danger", "danger_now", "self_harm", "hurt_partner", "partner_fear")
PAGES = HEADS[1:]
_WORD = re.compile(r"[^\W_]+")
_CLAUSE = re.compile(r"[^.!?\n;]+[.!?\n;]*")
_STEM = 5  # a word's first letters also count: "strangled" and "strangling" meet at "strang"
_MAX_CHARS = 5000  # a long paste is left to the lexicon


def features(text: str, stem: int = _STEM) -> list[str]:
    """A text's distinct features: words, word pairs (with the edges marked) and word stems."""
    flat = ["<s>", *_WORD.findall(text.lower()), "</s>"]
    out = dict.fromkeys(flat)
    for i in range(len(flat) - 1):
        out[flat[i] + " " + flat[i + 1]] = None
    if stem:
        for w in flat:
            if len(w) > stem:
                out[w[:stem] + "~"] = None
    return list(out)


class SafetyModel:
    """Per-head weights; `page` says which safety page a message calls for, or None."""

    def __init__(self, data: dict[str, Any]) -> None:
        if tuple(data["heads"]) != HEADS:
            raise ValueError("the weights are for other heads")
        k = len(HEADS)
        self.settings: dict[str, Any] = dict(data.get("settings") or {})
        self.stem = int(self.settings.get("stem", _STEM))
        names = str(data["features"]).split("\n") if data["features"] else []
        self.rows = dict(zip(names, range(0, len(names) * k, k), strict=True))
        self.steps = array("b", base64.b64decode(str(data["weights"])))
        if len(self.steps) != len(names) * k:
            raise ValueError("the weights do not match the features")
        self.scale: list[float] = [float(x) for x in data["scale"]]
        self.bias: list[float] = [float(x) for x in data["bias"]]
        self.threshold = float(data["threshold"])  # log-odds of "danger" that flags a message
        if len(self.scale) != k or len(self.bias) != k:
            raise ValueError("the weights do not match the heads")

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> SafetyModel | None:
        """The shipped weights, or None when missing or damaged (the lexicon still runs)."""
        try:
            return cls(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def danger(self, text: str) -> float:
        """The log-odds that `text` holds danger language (the first head only: cheap)."""
        get, steps, total = self.rows.get, self.steps, 0
        for f in features(text, self.stem):
            row = get(f)
            if row is not None:
                total += steps[row]
        return self.bias[0] + total * self.scale[0]

    def scores(self, text: str) -> list[float]:
        """Every head's log-odds for `text`."""
        k, get, steps = len(HEADS), self.rows.get, self.steps
        sums = [0] * k
        for f in features(text, self.stem):
            row = get(f)
            if row is not None:
                for i in range(k):
                    sums[i] += steps[row + i]
        return [b + s * c for b, s, c in zip(self.bias, sums, self.scale, strict=True)]

    def page(self, text: str) -> str | None:
        """The safety page `text` calls for when the model hears danger in it; else None."""
        if not text or len(text) > _MAX_CHARS or self.danger(text) < self.threshold:
            return None
        s = self.scores(text)
        return PAGES[max(range(len(PAGES)), key=lambda i: s[i + 1])]

    def span(self, text: str) -> tuple[int, int]:
        """The clause that sounds most like danger: the place a flag points to, and why."""
        best, where = float("-inf"), (0, len(text))
        for m in _CLAUSE.finditer(text):
            if m.group().strip():
                score = self.danger(m.group())
                if score > best:
                    best, where = score, (m.start(), m.end())
        start, end = where
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end


@cache
def shared() -> SafetyModel | None:
    """The shipped model, loaded once, on first use."""
    return SafetyModel.load()


def page_of_text(text: str) -> str | None:
    """The safety page the shipped model hears in `text` (normalised), or None."""
    model = shared()
    return model.page(text) if model is not None else None
