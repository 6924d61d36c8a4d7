"""Normalising a message for matching: lower case, no apostrophes, texting shorthand spelled
out, elongations and one-letter slips undone, tidy spaces; each change mapped back to the
characters typed, so a finding always points at the user's own words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping

from softlanding.analysis.record import Record
from softlanding.analysis.terms import APOSTROPHES, is_word

_CONTROL = r"\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
_FORMAT = r"\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe0e\ufe0f\ufeff"
_RUN = re.compile(r"(\w)\1{2,}")
_MEMO_LIMIT = 50_000
_LONGEST_WORD = 24  # longer "words" are never slips of a pack word (and would be slow to try)


class Normalised(Record):
    """Matchable text plus the edits that map each of its characters back to the original."""

    __slots__ = _fields = ("text", "marks", "edits")
    text: str
    marks: list[int]
    edits: list[tuple[int, int, int, int]]  # (normalised start, length, original start, end)

    def __init__(self, text: str, marks: list[int], edits: list[tuple[int, int, int, int]]) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "marks", marks)
        object.__setattr__(self, "edits", edits)

    def original(self, start: int, end: int) -> tuple[int, int]:
        return self._at(start)[0], self._at(end - 1)[1]

    def _at(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.marks, pos) - 1
        if i < 0:
            return pos, pos + 1
        n_start, n_len, o_start, o_end = self.edits[i]
        if pos < n_start + n_len:
            return o_start, o_end
        here = o_end + pos - n_start - n_len
        return here, here + 1


class Normaliser:
    """Lower case, no apostrophes, shorthand spelled out, elongations undone, tidy spaces."""

    def __init__(
        self,
        words: Mapping[str, str],
        vocab: frozenset[str],
        spelling: Iterable[str] = (),
        masked: Iterable[str] = (),
    ) -> None:
        self._words = dict(words)
        self._keys = frozenset(self._words)
        self._vocab = vocab
        self._slips = _slips([w.lower() for w in spelling])
        self._targets = frozenset(self._slips.values())
        self._memo: dict[str, str] = {}
        self._fixed: dict[str, str] = {}
        self._finders: dict[frozenset[str], re.Pattern[str]] = {}
        self._masked = [w.lower() for w in masked]

    def __call__(self, text: str) -> Normalised:
        low = text.lower()
        if len(low) != len(text):  # a few letters grow when lowered (İ); keep one for one
            low = "".join(c.lower()[:1] or c for c in text)
        pieces: list[str] = []
        marks: list[int] = []
        edits: list[tuple[int, int, int, int]] = []
        done = size = 0
        for start, end, new in self._edits(low):
            pieces.append(low[done:start])
            size += start - done
            marks.append(size)
            edits.append((size, len(new), start, end))
            pieces.append(new)
            size += len(new)
            done = end
        pieces.append(low[done:])
        return Normalised("".join(pieces), marks, edits)

    def _edits(self, low: str) -> list[tuple[int, int, str]]:
        """What to replace, as disjoint (start, end, new) spans; cheap checks skip most passes."""
        out = self._unmasked(low) if "*" in low else []
        taken = {i for start, end, _ in out for i in range(start, end)}
        out += [(m.start(), m.end(), "") for m in _DROP.finditer(low) if m.start() not in taken]
        if "  " in low or _ODD_SPACE.search(low):
            out += [
                (m.start(), m.end(), "\n" if "\n" in m.group() else " ")
                for m in _SPACE.finditer(low)
            ]
        if any(ch * 3 in low for ch in set(low) if ch.isalnum()):
            out += self._stretched(low)
        words = set(_PUNCT.sub(" ", low).split())
        spelled = {w: self._words[w] for w in self._keys.intersection(words)}
        unknown = words - self._vocab - self._keys
        spelled.update(self._dropped_g(unknown))
        spelled.update(self._respelled(unknown))
        if spelled:
            for m in self._finder(frozenset(spelled)).finditer(low):
                out.append((m.start(), m.end(), spelled[m.group()]))
        out.sort()
        return out

    def _dropped_g(self, unknown: set[str]) -> dict[str, str]:
        """ "stalkin" -> "stalking", when the pack knows the -ing word (and not the short one)."""
        return {
            w: w + "g"
            for w in unknown
            if len(w) >= 6 and w.endswith("in") and w + "g" in self._vocab
        }

    def _unmasked(self, low: str) -> list[tuple[int, int, str]]:
        """ "f***" -> "fuck": a word with * for some letters, matched on length and the rest."""
        out: list[tuple[int, int, str]] = []
        for m in _MASK.finditer(low):
            token = m.group()
            for word in self._masked:
                if len(word) == len(token) and all(
                    t in ("*", w) for t, w in zip(token, word, strict=True)
                ):
                    out.append((m.start(), m.end(), word))
                    break
        return out

    def _respelled(self, unknown: set[str]) -> dict[str, str]:
        """Slips of the pack's `spelling` words put right: "threatend" -> "threatened"."""
        out: dict[str, str] = {}
        for word in unknown:
            fixed = self._fixed.get(word)
            if fixed is None:
                fixed = self._fix(word) if 4 <= len(word) <= _LONGEST_WORD else ""
                if len(self._fixed) < _MEMO_LIMIT:
                    self._fixed[word] = fixed
            if fixed:
                out[word] = fixed
        return out

    def _fix(self, word: str) -> str:
        found = self._slips.get(word)  # a letter left out, or two letters swapped
        if found:
            return found
        for i in range(len(word)):  # one letter too many
            shorter = word[:i] + word[i + 1 :]
            if shorter in self._targets:
                return shorter
        return ""

    def _finder(self, keys: frozenset[str]) -> re.Pattern[str]:
        found = self._finders.get(keys)
        if found is None:
            alternatives = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
            found = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
            if len(self._finders) < 256:
                self._finders[keys] = found
        return found

    def _stretched(self, low: str) -> list[tuple[int, int, str]]:
        """Whole words with a letter typed three or more times ("neverrr"), shortened."""
        out: list[tuple[int, int, str]] = []
        last = -1
        for m in _TRIPLE.finditer(low):
            if m.start() < last:
                continue
            start, end = _word_span(low, m.start(), m.end())
            last = end
            new = self._memo.get(low[start:end])
            if new is None:
                new = self._word(low[start:end])
                if len(self._memo) < _MEMO_LIMIT:
                    self._memo[low[start:end]] = new
            out.append((start, end, new))
        return out

    def _word(self, word: str) -> str:
        double = _RUN.sub(r"\1\1", word)
        word = double if double in self._vocab else _RUN.sub(r"\1", word)
        return self._words.get(word, word)


_DROP = re.compile(f"[{re.escape(APOSTROPHES)}{_CONTROL}{_FORMAT}]")
_MASK = re.compile(r"(?<![\w*])\w*\*[\w*]*(?![\w*])")  # a word with * for some letters
_ODD_SPACE = re.compile(r"[^\S ]")
_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s(?:(?<=[^\S ])\s*|\s+)")  # line breaks, tabs, runs of spaces
_TRIPLE = re.compile(r"(\w)\1\1")
_WORD_RUN = re.compile(r"\w*")


def _slips(targets: list[str]) -> dict[str, str]:
    """Each target word with one letter left out, or two neighbours swapped -> the target."""
    out: dict[str, str] = {}
    for word in targets:
        for i in range(len(word)):
            out.setdefault(word[:i] + word[i + 1 :], word)
            if i + 1 < len(word) and word[i] != word[i + 1]:
                out.setdefault(word[:i] + word[i + 1] + word[i] + word[i + 2 :], word)
    for word in targets:  # a target is never a slip of another
        out.pop(word, None)
    return out


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole run of word characters around text[start:end]."""
    m = _WORD_RUN.match(text, end)
    end = m.end() if m else end
    while start > 0 and is_word(text[start - 1]):
        start -= 1
    return start, end
