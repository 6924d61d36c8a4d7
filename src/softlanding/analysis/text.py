"""Text handling for the analyzer: normalising a message, and turning pack regexes into patterns.

Pure Python (no pydantic, YAML or Textual), so the one-shot `reflect` command stays fast.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
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
WORD = re.compile(r"\w+")
# A match must not end inside a word (its start is checked in `scan`, which keeps regexes fast).
_WORD_END = r"(?:(?<!\w)|(?!\w))"
# Nor begin inside one: `search` then never retries a long word letter by letter (linear time).
_WORD_EDGE = _WORD_END
_SPARSE = 64  # rarer first words than one in this many characters: try just there, not search
_CLAUSE = re.compile(r"[^\w ]\s*")  # a clause may start after punctuation, an emoji or a line break
_LONGEST_WORD = 24  # longer "words" are never slips of a pack word (and would be slow to try)


class UnknownName(KeyError):
    """A regex uses `{name}` that is neither a term of the pack nor a built-in macro."""


_NO_APOSTROPHES = str.maketrans("", "", APOSTROPHES)


def strip_apostrophes(text: str) -> str:
    return text.translate(_NO_APOSTROPHES)


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


def regex_key(source: str) -> str:
    """A short, stable name for an expanded regex (the compiled pack lists first words by it)."""
    return hashlib.blake2b(source.encode("utf-8"), digest_size=8).hexdigest()


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


class Matcher:
    """One pack regex, compiled when a message first needs it (most never are, per message)."""

    __slots__ = ("source", "clause", "firsts", "gate", "_regex", "_searcher")

    def __init__(
        self,
        source: str,
        clause: bool,
        firsts: frozenset[str] | None,
        gate: frozenset[str] | None = None,
    ) -> None:
        self.source = source
        self.clause = clause  # it began with {start}: tried only where a clause starts
        self.firsts = firsts  # the words a match can begin with, when they can be listed
        self.gate = gate  # words one of which any match holds: none in a message, no need to try
        self._regex: re.Pattern[str] | None = None
        self._searcher: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(f"(?:{self.source}){_WORD_END}")
        return self._regex

    @property
    def searcher(self) -> re.Pattern[str]:
        """The regex for `search`: it never starts inside a word, so a long word costs O(n)."""
        if self._searcher is None:
            from softlanding.analysis.regex_safety import runs_over_words

            # The guard costs `re` its fast scan for a first letter: only where it is needed.
            guard = _WORD_EDGE if runs_over_words(self.source) else ""
            self._searcher = re.compile(f"{guard}(?:{self.source}){_WORD_END}")
        return self._searcher


class WordIndex:
    """From each word to the matchers it can set off, so a message wakes only the rules its
    words can trigger (a matcher needs one of its gate words, or begins with one of its firsts)."""

    def __init__(self, matchers: Iterable[Matcher]) -> None:
        self.always: set[Matcher] = set()
        self.by_word: dict[str, list[Matcher]] = {}
        for m in matchers:
            keys = m.gate if m.gate is not None else m.firsts
            if keys is None:
                self.always.add(m)
            else:
                for word in keys:
                    self.by_word.setdefault(word, []).append(m)

    def active(self, words: Iterable[str]) -> set[Matcher]:
        out = set(self.always)
        get = self.by_word.get
        for word in words:
            found = get(word)
            if found:
                out.update(found)
        return out


class Doc:
    """Normalised text being read, with where its clauses start (found once, when first asked)."""

    def __init__(self, text: str, index: WordIndex | None = None) -> None:
        self.text = text
        self._index = index
        self._active: set[Matcher] | None = None
        self._starts: list[int] | None = None
        self._at: dict[str, list[int]] | None = None
        self._words: frozenset[str] | None = None

    @property
    def active(self) -> set[Matcher] | None:
        """The matchers this text's words can set off (None: no index, try them all)."""
        if self._active is None and self._index is not None:
            self._active = self._index.active(self.at)
        return self._active

    @property
    def words(self) -> frozenset[str]:
        """The distinct words of the text (a set, so a gate test scans the smaller side)."""
        if self._words is None:
            self._words = frozenset(self.at)
        return self._words

    @property
    def at(self) -> dict[str, list[int]]:
        """Where each word of the text begins."""
        if self._at is None:
            self._at = {}
            for m in WORD.finditer(self.text):
                self._at.setdefault(m.group(), []).append(m.start())
        return self._at

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            text = self.text
            found = [len(text) - len(text.lstrip())] + [m.end() for m in _CLAUSE.finditer(text)]
            self._starts = [p for p in found if p < len(text) and is_word(text[p])]
        return self._starts


@dataclass(frozen=True, slots=True)
class Rule:
    """One named group of matchers with its exceptions and whatever it carries."""

    name: str
    regexes: list[Matcher]
    exceptions: list[Matcher]
    info: dict[str, Any]

    def matches(self, doc: Doc) -> list[tuple[int, int]]:
        """Where the rule matches: overlaps joined, spans an exception touches left out."""
        active = doc.active
        regexes = self.regexes if active is None else [m for m in self.regexes if m in active]
        if not regexes:
            return []
        found = [span for matcher in regexes for span in scan(matcher, doc)]
        if found and self.exceptions:
            excepts = self.exceptions
            if active is not None:
                excepts = [m for m in excepts if m in active]
            blocked = _merged([span for matcher in excepts for span in scan(matcher, doc)])
            found = [(s, e) for s, e in found if not _overlaps(blocked, s, e)]
        return _merged(found)

    def first(self, doc: Doc) -> tuple[int, int] | None:
        found = self.matches(doc)
        return found[0] if found else None


def scan(matcher: Matcher, doc: Doc) -> list[tuple[int, int]]:
    """Non-empty matches that start at a word's edge (so "you" never matches inside "bayou")."""
    clause, firsts = matcher.clause, matcher.firsts
    if matcher.gate is not None and matcher.gate.isdisjoint(doc.words):
        return []  # it needs one of these words, and the message has none of them
    if firsts is not None:
        at = doc.at
        places = [at[w] for w in firsts & doc.words]
        if not places:
            return []  # none of the words it could begin with is in the message
        if not clause and sum(map(len, places)) * _SPARSE < len(doc.text):
            spots = sorted(p for found in places for p in found)
            return _anchored(matcher.regex, doc.text, spots)
    if clause:  # a regex that began with {start} is tried only where a clause starts
        return _anchored(matcher.regex, doc.text, doc.starts)
    text, regex = doc.text, matcher.searcher
    out: list[tuple[int, int]] = []
    pos, size = 0, len(text)
    while pos < size:
        m = regex.search(text, pos)
        if m is None:
            break
        start, end = m.span()
        if end > start and (start == 0 or not (is_word(text[start]) and is_word(text[start - 1]))):
            out.append((start, end))
            pos = end
        else:
            pos = start + 1
    return out


def _anchored(regex: re.Pattern[str], text: str, places: list[int]) -> list[tuple[int, int]]:
    """Matches that begin exactly at one of `places` (sorted), none overlapping the last."""
    out: list[tuple[int, int]] = []
    done = 0
    for pos in places:
        if pos < done:
            continue
        m = regex.match(text, pos)
        if m is not None and m.end() > pos:
            out.append(m.span())
            done = m.end()
    return out


def is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _overlaps(blocked: list[tuple[int, int]], start: int, end: int) -> bool:
    # blocked is sorted and disjoint, so only the span starting just before `end` can overlap
    i = bisect_right(blocked, (end, -1)) - 1
    return i >= 0 and blocked[i][1] > start


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
