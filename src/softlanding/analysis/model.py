"""A small learned reader of the four patterns: logistic regression over word n-grams.

Trained by tools/train_patterns.py on the labelled development messages and shipped as plain
weights (pattern_model.json), so reading needs no numpy or scikit-learn. The rules' own findings
are inputs too, so the model can both trust and overrule them. Every positive reading names the
clause whose words pushed it over the line, so each flag keeps a span and a why. Words inside
quotation marks are someone else's (or a word being mentioned): they count as one quote token.
"""

from __future__ import annotations

import binascii  # base64 would import more modules at every start for the same decoding
import math
import re
from array import array
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from softlanding.analysis import feature_table
from softlanding.analysis.feature_table import Rows
from softlanding.analysis.model_context import context_features, has_context

WEIGHTS = Path(__file__).with_name("pattern_model.json")
_KINDS = 4  # patterns the shipped weights read (a table for another count is refused)
_APOS = "'’‘ʼ`´"
# A word (apostrophes inside it kept together), a quote mark, or tone-carrying punctuation/emoji.
_TOKEN = re.compile(
    r"[^\W_]+(?:['’ʼ][^\W_]+)*|[\"“”„]|(?<!\w)['‘’](?=\w)|(?<=[\w.,!?])['’](?!\w)|[?!]|[^\w\s.,;:'\"()\-]"
)
_LAUGH = re.compile(r"^(?:(?:ha|he|ah|hah|hua)+h?|l+o+l+(?:o+l+)*|lm+f?a+o+|rofl|kek|xd+|jaja+)$")
_CLAUSE = re.compile(r"[^.!?\n;]+[.!?\n;]*")
_OPEN = {'"': '"', "“": "”", "„": "“", "'": "'", "‘": "’", "’": "’"}
_QUOTE_LIMIT = 40  # an unclosed quote mark is not a quotation: only this many words are held


def tokens(
    text: str, shorthand: Mapping[str, str], memo: dict[str, str] | None = None
) -> list[tuple[str, int, int]]:
    """(token, start, end) of `text`: lower case, shorthand spelled out, quotations folded."""
    out: list[tuple[str, int, int]] = []
    raw = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(raw):
        tok, start, end = raw[i]
        if tok in _OPEN:
            close = _closing(raw, i, _OPEN[tok])
            if close is not None:
                words = close - i - 1
                out.append(("_quote1" if words == 1 else "_quote", start, raw[close][2]))
                i = close + 1
                continue
            i += 1
            continue
        out.append((_word(tok, shorthand, memo), start, end))
        i += 1
    return out


def quotations(text: str, shorthand: Mapping[str, str]) -> list[tuple[int, int]]:
    """Where `text` quotes someone (or mentions a word): spans of the quotation marks' contents."""
    return [(s, e) for t, s, e in tokens(text, shorthand) if t.startswith("_quote")]


def _closing(raw: list[tuple[str, int, int]], i: int, close: str) -> int | None:
    for j in range(i + 1, min(len(raw), i + _QUOTE_LIMIT)):
        if raw[j][0] == close or (close in "’'" and raw[j][0] in "’'"):
            return j if j > i + 1 else None
    return None


_MEMO_LIMIT = 50_000
_MAX_CLAUSES = 60  # the longest labelled messages have about a dozen
_MAX_CHARS = 5000  # ... and under a thousand characters: a long paste is left to the rules


def _word(tok: str, shorthand: Mapping[str, str], memo: dict[str, str] | None = None) -> str:
    """One token as the model reads it (remembered: the same words come back all day)."""
    found = memo.get(tok) if memo is not None else None
    if found is None:
        found = _read_word(tok, shorthand)
        if memo is not None and len(memo) < _MEMO_LIMIT:
            memo[tok] = found
    return found


def _read_word(tok: str, shorthand: Mapping[str, str]) -> str:
    if len(tok) > 1 and tok.isupper() and tok.isalpha() and tok not in ("OK", "TV", "OMG"):
        low = tok.lower()
        return "_caps " + shorthand.get(low, low)
    low = "".join(ch for ch in tok.lower() if ch not in _APOS)
    if _LAUGH.match(low):
        return "_laugh"
    return shorthand.get(low, low)


def features(words: list[str], stem: int = 0) -> Iterable[str]:
    """Word 1-3 grams, with the message edges marked so openers ("and you") count as openers;
    with `stem`, a longer word's first letters too ("pathe~" meets "pathetic", "pathetically")."""
    flat: list[str] = ["<s>"]
    for w in words:
        flat.extend(w.split())
    flat.append("</s>")
    for i, w in enumerate(flat):
        yield w
        if stem and len(w) > stem and w[0] != "_":
            yield w[:stem] + "~"
        if i + 1 < len(flat):
            yield w + " " + flat[i + 1]
            if i + 2 < len(flat):
                yield w + " " + flat[i + 1] + " " + flat[i + 2]


# Context that lets the model overrule a rule: someone else's words (quoted or reported), talk
# about a third party, teasing (laughter, affection), owning one's part, or a screen story.
class PatternModel:
    """Per-pattern weights and thresholds; `read` gives each pattern found and its best clause."""

    def __init__(
        self,
        data: dict[str, Any],
        shorthand: Mapping[str, str],
        table: feature_table.Table | None = None,
    ) -> None:
        self.kinds: list[str] = list(data["kinds"])
        k = len(self.kinds)
        # Weights are int8 steps of `scale`, one row of len(kinds) per feature: loads in ~ms.
        self.scale = float(data.get("scale", 1.0))
        self.steps: Sequence[int]
        if table is not None:  # the table copy: no names to split, no base64 to decode
            self.rows, self.steps = table.rows, table.weights  # views of the mapped file
        else:
            self.rows = Rows(k, names=str(data.get("features") or ""))
            self.steps = array("b", binascii.a2b_base64(str(data.get("weights", ""))))
        if len(self.steps) != len(self.rows) * k:
            raise ValueError("the weights do not match the features")
        self.bias: list[float] = list(data["bias"])
        self.threshold: list[float] = list(data["threshold"])
        # A pattern the rules found stands unless the model is this sure it is not there; where
        # the words are someone else's, about someone else, or teasing, the bar is its own.
        self.veto: list[float] = list(data.get("veto") or self.threshold)
        self.veto_context: list[float] = list(data.get("veto_context") or self.veto)
        self.settings: dict[str, Any] = dict(data.get("settings") or {})
        self.stem = int(self.settings.get("stem", 0))
        self.context = bool(self.settings.get("context", False))
        self.shorthand = shorthand
        self._memo: dict[str, str] = {}
        self._scores: dict[tuple[str, ...], list[float]] = {}
        self._lanes = Lanes(self.rows, self.steps, k)

    @classmethod
    def load(cls, shorthand: Mapping[str, str], path: Path = WEIGHTS) -> PatternModel | None:
        """The shipped weights (their table copy when it is there), or None when they are
        missing or damaged (the rules still run)."""
        fast = feature_table.read(path, _KINDS)
        try:
            if fast is not None:
                return cls(fast.header, shorthand, fast)
        except (ValueError, KeyError, TypeError):
            pass  # a table that does not add up: the JSON, as when there is none
        try:
            import json  # only without the table copy

            return cls(json.loads(path.read_text(encoding="utf-8")), shorthand)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def clauses(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, words) per clause; quotations are folded across the whole text first."""
        toks = tokens(text, self.shorthand, self._memo)
        out: list[tuple[int, int, tuple[str, ...]]] = []
        i = 0
        for m in _CLAUSE.finditer(text):
            words: list[str] = []
            while i < len(toks) and toks[i][1] < m.end():
                words.append(toks[i][0])
                i += 1
            out.append((m.start(), m.end(), tuple(words)))
        if i < len(toks) and out:  # a quotation may run past the last clause mark
            start, end, kept = out[-1]
            out[-1] = (start, max(end, toks[-1][2]), kept + tuple(t for t, _, _ in toks[i:]))
        return out

    def feature_list(self, text: str, ruled: Iterable[str] = ()) -> list[str]:
        """Every feature of a message: each clause's n-grams, and the patterns the rules found."""
        clauses = self.clauses(text)
        distinct = dict.fromkeys(words for _s, _e, words in clauses)
        out = [f for words in distinct for f in clause_features(words, self.stem)]
        return out + self.message_features(clauses, ruled)

    def message_features(
        self, clauses: list[tuple[int, int, tuple[str, ...]]], ruled: Iterable[str]
    ) -> list[str]:
        """What the rules found, and (when trained so) the context that may overrule them."""
        ruled = sorted(ruled)
        out = ["rule:" + k for k in ruled]
        if self.context:
            out += context_features([w for _s, _e, ws in clauses for w in ws], ruled)
        return out

    def clause_score(self, words: tuple[str, ...]) -> list[float]:
        """One clause's contribution to each pattern (remembered: drafts repeat their clauses)."""
        found = self._scores.get(words)
        if found is None:
            found = self.scores(clause_features(words, self.stem), bias=False)
            if len(self._scores) < _MEMO_LIMIT:
                self._scores[words] = found
        return found

    def scores(self, feats: Iterable[str], bias: bool = True) -> list[float]:
        k, lanes = len(self.kinds), self._lanes
        total = sum(map(lanes.__getitem__, feats))  # every pattern's sum at once, in C
        known = total >> (_LANE * k)
        sums = [((total >> (_LANE * i)) & _MASK) - _OFFSET * known for i in range(k)]
        base = self.bias if bias else [0.0] * k
        return [b + s * self.scale for b, s in zip(base, sums, strict=True)]

    def bar(self, i: int, ruled: bool, context: bool = False) -> float:
        """The score pattern `i` needs: lower when a rule already found it (unless the message
        quotes, reports, talks of a third party or teases: then the model may overrule sooner)."""
        if not ruled:
            return self.threshold[i]
        return self.veto_context[i] if context else self.veto[i]

    def read(
        self, text: str, ruled: Iterable[str] = ()
    ) -> dict[str, tuple[float, int, int]] | None:
        """kind -> (probability, start, end) for each pattern over its threshold: the message's
        score is the sum of its distinct clauses', and the span is the clause that adds most.
        None when the text is far longer than any message it learned from (the rules decide)."""
        ruled = set(ruled)
        if len(text) > _MAX_CHARS:
            return None
        clauses = self.clauses(text)
        distinct = {words: self.clause_score(words) for _s, _e, words in clauses}  # repeats once
        parts = [(start, end, distinct[words]) for start, end, words in clauses]
        if len(distinct) > _MAX_CLAUSES:
            return None
        extra = self.message_features(clauses, ruled)
        context = has_context(extra)
        sums = self.scores(extra)
        for got in distinct.values():
            sums = [a + b for a, b in zip(sums, got, strict=True)]
        out = {}
        for i, kind in enumerate(self.kinds):
            if sums[i] >= self.bar(i, kind in ruled, context) and parts:
                start, end, _ = max(parts, key=lambda c: c[2][i])
                out[kind] = (_sigmoid(sums[i]), start, end)
        return out


_LANE = 24  # bits per pattern in a packed row: room for 65,000 features of one message
_MASK = (1 << _LANE) - 1
_OFFSET = 128  # int8 steps are stored offset to stay positive inside their lane
_LANES_LIMIT = 200_000  # features whose packed rows are remembered


class Lanes(dict[str, int]):
    """feature -> its weights for every pattern packed into one int (a lane each, offset to
    stay positive, and a count of known features on top), made when a feature is first met:
    summing packed rows adds every pattern's weights at once. Unknown features are 0."""

    def __init__(self, rows: Rows, steps: Sequence[int], k: int) -> None:
        super().__init__()
        self._rows, self._steps, self._k = rows, steps, k

    def __missing__(self, feature: str) -> int:
        row = self._rows.get(feature)
        packed = 0
        if row is not None:
            packed = 1 << (_LANE * self._k)
            for i in range(self._k):
                packed |= (self._steps[row + i] + _OFFSET) << (_LANE * i)
        if len(self) < _LANES_LIMIT:
            self[feature] = packed
        return packed


def clause_features(words: tuple[str, ...] | list[str], stem: int = 0) -> list[str]:
    """A clause's distinct n-grams (each counts once, in training and in reading alike)."""
    return list(dict.fromkeys(features(list(words), stem)))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))
