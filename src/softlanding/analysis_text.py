"""Text handling for the analyzer: normalising a message, and turning pack regexes into patterns.

Pure Python (no pydantic, YAML or Textual), so the one-shot `reflect` command stays fast.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

APOSTROPHES = "'’‘ʼ`´"

# Built-in names a pack regex may use like a term: where a clause starts or ends.
MACROS: dict[str, str] = {
    "start": r"(?:(?<![\w ])\s*)",  # the start of a clause: text start or after punctuation
    "end": r"(?=\s*(?:[^\w\s]|$))",  # the end of a clause: punctuation, emoji or text end
    "stop": r"(?=\s*(?:[^\w\s,;:(\-]|$))",  # the end of a sentence (a comma does not count)
}

NAME = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_CONTROL = r"\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
_FORMAT = r"\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe0e\ufe0f\ufeff"
_RUN = re.compile(r"(\w)\1{2,}")
_REGEX_WORDS = re.compile(r"[^\W\d_]{2,}")
_ESCAPES = re.compile(r"\\[A-Za-z]")
_MEMO_LIMIT = 50_000


class UnknownName(KeyError):
    """A regex uses `{name}` that is neither a term of the pack nor a built-in macro."""


def strip_apostrophes(text: str) -> str:
    return "".join(ch for ch in text if ch not in APOSTROPHES)


def resolve_terms(terms: Mapping[str, str]) -> dict[str, str]:
    """Terms with their own `{names}` filled in; a term may use the terms listed before it."""
    done: dict[str, str] = {}
    for name, source in terms.items():
        done[name] = expand(source, done)
    return done


def expand(source: str, terms: Mapping[str, str]) -> str:
    """A pack regex as it is compiled: apostrophes dropped (text loses them too), names filled."""

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in MACROS:
            return MACROS[name]
        if name in terms:
            return f"(?:{terms[name]})"
        raise UnknownName(name)

    return NAME.sub(fill, strip_apostrophes(source))


def phrase_regex(phrase: str) -> str:
    """A plain phrase as a regex: any run of spaces between words (whole words are checked)."""
    return re.escape(phrase).replace("\\ ", r"\s").replace("\\\n", r"\s")


def vocabulary(section: Any, words: Mapping[str, str]) -> frozenset[str]:
    """Every word the matchers mention, to undo "sooo" as "so" but "alll" as "all"."""
    found: set[str] = set(words) | {w for v in words.values() for w in v.split()}
    stack: list[Any] = [section]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            found.update(w.lower() for w in _REGEX_WORDS.findall(_ESCAPES.sub(" ", item)))
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Normalised:
    """Matchable text plus the edits that map each of its characters back to the original."""

    text: str
    marks: list[int]
    edits: list[tuple[int, int, int, int]]  # (normalised start, length, original start, end)

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

    def __init__(self, words: Mapping[str, str], vocab: frozenset[str]) -> None:
        self._words = dict(words)
        self._keys = frozenset(self._words)
        self._vocab = vocab
        self._memo: dict[str, str] = {}
        self._finders: dict[frozenset[str], re.Pattern[str]] = {}

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
        out = [(m.start(), m.end(), "") for m in _DROP.finditer(low)]
        if "  " in low or _ODD_SPACE.search(low):
            out += [(m.start(), m.end(), "\n" if "\n" in m.group() else " ")
                    for m in _SPACE.finditer(low)]
        if any(ch * 3 in low for ch in set(low) if ch.isalnum()):
            out += self._stretched(low)
        shorthand = self._keys.intersection(_PUNCT.sub(" ", low).split())
        if shorthand:
            for m in self._finder(frozenset(shorthand)).finditer(low):
                out.append((m.start(), m.end(), self._words[m.group()]))
        out.sort()
        return out

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
_ODD_SPACE = re.compile(r"[^\S ]")
_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s(?:(?<=[^\S ])\s*|\s+)")  # line breaks, tabs, runs of spaces
_TRIPLE = re.compile(r"(\w)\1\1")
_WORD_RUN = re.compile(r"\w*")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole run of word characters around text[start:end]."""
    m = _WORD_RUN.match(text, end)
    end = m.end() if m else end
    while start > 0 and _is_word(text[start - 1]):
        start -= 1
    return start, end


def first_words(regex: str) -> frozenset[str] | None:
    """Every word a match of `regex` can begin with, or None when they cannot be listed.

    A regex whose first words are all absent from a message cannot match it, so the analyzer
    skips it: most pack regexes then cost one set lookup per keystroke instead of a search.
    """
    try:
        from re import _constants as sre, _parser  # the parser behind `re`
    except ImportError:  # pragma: no cover - another Python: no shortcut, same results
        return None
    try:
        found = _walk(list(_parser.parse(regex)), {""}, sre)
    except Exception:  # noqa: BLE001 - anything odd only means "no shortcut"
        return None
    if found is None:
        return None
    words = found[0] | found[1]
    return None if "" in words else frozenset(words)


def _walk(items: list[Any], open_: set[str], sre: Any) -> tuple[set[str], set[str]] | None:
    """(words still being spelled, words complete) after `items`, from the `open_` prefixes."""
    done: set[str] = set()
    for op, av in items:
        if not open_:
            break
        if op is sre.LITERAL:
            ch = chr(av)
            open_, done = ({p + ch for p in open_}, done) if _is_word(ch) else (set(), done | open_)
        elif op is sre.SUBPATTERN or op is sre.BRANCH:
            got = _walk_group(op, av, open_, sre)
            if got is None:
                return None
            open_, done = got[0], done | got[1]
        elif op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
            if tuple(av[:2]) != (0, 1):
                return None
            got = _walk(list(av[2]), open_, sre)
            if got is None:
                return None
            open_, done = open_ | got[0], done | got[1]
        elif op is sre.IN and _breaks_word(av, sre):
            open_, done = set(), done | open_
        elif op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero-width ops spell nothing
            return None
        if len(open_) + len(done) > 512:
            return None
    return open_, done


def _walk_group(op: Any, av: Any, open_: set[str], sre: Any) -> tuple[set[str], set[str]] | None:
    branches = [list(av[-1])] if op is sre.SUBPATTERN else [list(b) for b in av[1]]
    still: set[str] = set()
    done: set[str] = set()
    for branch in branches:
        got = _walk(branch, open_, sre)
        if got is None:
            return None
        still |= got[0]
        done |= got[1]
    return still, done


def _breaks_word(members: Any, sre: Any) -> bool:
    """True for a character set that holds only spaces or punctuation ([- ], \\s)."""
    for op, av in members:
        if op is sre.LITERAL and not _is_word(chr(av)):
            continue
        if op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            continue
        return False
    return True


def words_of(text: str) -> set[str]:
    """The words in normalised text, as `first_words` spells them."""
    return set(_PUNCT.sub(" ", text).split())
