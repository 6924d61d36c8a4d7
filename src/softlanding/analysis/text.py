"""Matching normalised text: pack regexes compiled only when a message can use them.

Each matcher carries what the compiled pack worked out about it (`analysis/prefilter.py`): the
words a match begins with, the words it needs. A `WordIndex` maps each word to the matchers it
can set off, so a message wakes only the rules its words can trigger; the rest are never
compiled or run. Pure Python (no pydantic, YAML or Textual), so `reflect` starts fast.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from softlanding.analysis import regex_cache
from softlanding.analysis.record import Record
from softlanding.analysis.terms import expand, is_word

if TYPE_CHECKING:
    from softlanding.analysis.index import NeedTable, WordIndex

WORD = re.compile(r"\w+")
# A match must not end inside a word (its start is checked in `scan`, which keeps regexes fast).
_WORD_END = r"(?:(?<!\w)|(?!\w))"
# Nor begin inside one: `search` then never retries a long word letter by letter (linear time).
_WORD_EDGE = _WORD_END
_SPARSE = 64  # rarer first words than one in this many characters: try just there, not search
_FEW = 8  # this many places or fewer: try just there
_CLAUSE = re.compile(r"[^\w ]\s*")  # a clause may start after punctuation, an emoji or a line break

Clauses = tuple[frozenset[str], ...]  # each clause: one of these words must be in the text
Needs = tuple[Clauses, ...]  # the ways a match can meet its needs, each rarest clause first


class Matcher:
    """One pack regex, compiled when a message first needs it (most never are, per message).

    What the compiled pack worked out about it (first words, needs) is read from the table only
    when the matcher is first woken or scanned."""

    __slots__ = (
        "_source",
        "_written",
        "clause",
        "firsts",
        "gate",
        "needs",
        "chars",
        "owner",
        "exception",
        "_guard",
        "_lazy",
        "_regex",
        "_searcher",
    )

    def __init__(
        self,
        source: str,
        clause: bool,
        firsts: frozenset[str] | None,
        gate: frozenset[str] | None = None,
        needs: Needs | None = None,
        chars: str | None = None,
        guard: bool | None = None,
    ) -> None:
        self._source = source  # the regex as compiled ("" until filled in from `_written`)
        self._written: tuple[str, Mapping[str, str]] | None = None
        self.clause = clause  # it began with {start}: tried only where a clause starts
        self.firsts = firsts  # the words a match can begin with, when they can be listed
        self.gate = gate  # words one of which any match holds: none in a message, no need to try
        self.needs = needs  # finer: the ways a match can meet its needs (one of them, wholly)
        self.chars = chars  # no words to go by: the characters a match can begin with
        self.owner = 0  # id() of the rule it belongs to, set by the rule
        self.exception = False  # one of the rule's exceptions, not one of its regexes
        self._guard = guard  # whether `search` must not start inside a word (None: work it out)
        self._lazy: tuple[NeedTable, str] | None = None
        self._regex: re.Pattern[str] | None = None
        self._searcher: re.Pattern[str] | None = None

    @property
    def source(self) -> str:
        """The regex as compiled: the pack's regex with its terms filled in (when first asked)."""
        written = self._written
        if written is not None:  # filled in before it is marked done (safe if two threads ask)
            self._source = expand(*written)
            self._written = None
        return self._source

    @classmethod
    def written(cls, written: str, terms: Mapping[str, str], clause: bool) -> Matcher:
        """A matcher for a pack regex as written: its terms are filled in when it is compiled."""
        made = cls("", clause, None)
        made._written = (written, terms)
        return made

    def resolve(self) -> Matcher:
        """Read what the table says about this matcher, once."""
        lazy = self._lazy
        if lazy is not None:  # every field set before it is marked done (safe if two threads ask)
            table, entry = lazy
            _guard, first, ways, _chars = entry.split(";", 3)
            clause = table.clause
            needs = tuple(
                tuple(clause(int(n)) for n in way.split(".")) for way in ways.split(",") if way
            )
            self.needs = needs or None
            self.gate = frozenset().union(*(way[0] for way in needs)) if needs else None
            self.firsts = clause(int(first)) if first else None
            self._lazy = None
        return self

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = regex_cache.compile(f"(?:{self.source}){_WORD_END}")
        return self._regex

    @property
    def searcher(self) -> re.Pattern[str]:
        """The regex for `search`: it never starts inside a word, so a long word costs O(n)."""
        if self._searcher is None:
            guard = self._guard
            if guard is None:  # a pack compiled without it: parse the regex once, here
                from softlanding.analysis.regex_safety import runs_over_words

                guard = runs_over_words(self.source)
            # The guard costs `re` its fast scan for a first letter: only where it is needed.
            self._searcher = regex_cache.compile(
                f"{_WORD_EDGE if guard else ''}(?:{self.source}){_WORD_END}"
            )
        return self._searcher

    def ways(self) -> list[Clauses]:
        """Each way a match can meet its needs, as clauses (rarest first; empty: no needs)."""
        self.resolve()
        if self.needs is None:
            return [(self.gate,)] if self.gate is not None else []
        return list(self.needs)


class Doc:
    """Normalised text being read, with where its clauses start (found once, when first asked)."""

    def __init__(self, text: str, index: WordIndex | None = None) -> None:
        self.text = text
        self._index = index
        self._active: set[Matcher] | None = None
        self._starts: list[int] | None = None
        self._at: dict[str, list[int]] | None = None
        self._words: frozenset[str] | None = None
        self._keys: frozenset[str] | None = None
        self._owned: dict[int, list[Matcher]] | None = None

    @property
    def touched(self) -> dict[int, list[Matcher]] | None:
        """The rules (by id) with a matcher this text can set off, with those matchers (None: no
        index)."""
        if self._owned is None and self.active is not None:
            owned: dict[int, list[Matcher]] = {}
            for m in self.active:
                found = owned.get(m.owner)
                if found is None:
                    owned[m.owner] = [m]
                else:
                    found.append(m)
            self._owned = owned
        return self._owned

    @property
    def active(self) -> set[Matcher] | None:
        """The matchers this text's words can set off (None: no index, try them all)."""
        if self._active is None and self._index is not None:
            self._active = self._index.active(self.keys, self.text)
        return self._active

    @property
    def words(self) -> frozenset[str]:
        """The distinct words of the text (a set, so a gate test scans the smaller side)."""
        if self._words is None:
            self._read_words()
        return self._words  # type: ignore[return-value]

    @property
    def keys(self) -> frozenset[str]:
        """The words, and each two words with one space between ("care about"): what the
        compiled pack's clauses are made of."""
        if self._keys is None:
            self._read_words()
        return self._keys  # type: ignore[return-value]

    @property
    def at(self) -> dict[str, list[int]]:
        """Where each word of the text begins."""
        if self._at is None:
            self._read_words()
        return self._at  # type: ignore[return-value]

    def _read_words(self) -> None:
        """Words, where each begins, and pairs of words one space apart, in one pass."""
        text = self.text
        at: dict[str, list[int]] = {}
        pairs: list[str] = []
        last_start, last_end = -2, -2
        for m in WORD.finditer(text):
            start, end = m.span()
            word = m.group()
            found = at.get(word)
            if found is None:
                at[word] = [start]
            else:
                found.append(start)
            if start == last_end + 1 and text[last_end] == " ":
                pairs.append(text[last_start:end])
            last_start, last_end = start, end
        self._at = at
        self._words = frozenset(at)
        self._keys = self._words.union(pairs)

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            text = self.text
            found = [len(text) - len(text.lstrip())] + [m.end() for m in _CLAUSE.finditer(text)]
            self._starts = [p for p in found if p < len(text) and is_word(text[p])]
        return self._starts


class Rule(Record):
    """One named group of matchers with its exceptions and whatever it carries.

    Matchers the compiled pack's table files under words are built only when a message wakes
    them (`later`): most are never needed in a run, and building all cost every start."""

    _fields = ("name", "regexes", "exceptions", "info")
    __slots__ = ("name", "_regexes", "_exceptions", "info", "_pending")
    name: str
    info: dict[str, Any]
    _regexes: list[Matcher]
    _exceptions: list[Matcher]
    _pending: tuple[NeedTable, list[str]] | None

    def __init__(
        self, name: str, regexes: list[Matcher], exceptions: list[Matcher], info: dict[str, Any]
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "_regexes", [])
        object.__setattr__(self, "_exceptions", [])
        object.__setattr__(self, "info", info)
        object.__setattr__(self, "_pending", None)
        for m in regexes:
            self.adopt(m, exception=False)
        for m in exceptions:
            self.adopt(m, exception=True)

    def adopt(self, matcher: Matcher, exception: bool) -> None:
        """Make `matcher` one of this rule's regexes (or exceptions)."""
        matcher.owner = id(self)
        matcher.exception = exception
        (self._exceptions if exception else self._regexes).append(matcher)

    def later(self, table: NeedTable, key: str) -> None:
        """A regex the table builds for this rule when a message first wakes it."""
        if self._pending is None:
            object.__setattr__(self, "_pending", (table, []))
        self._pending[1].append(key)  # type: ignore[index]

    def built(self) -> list[Matcher]:
        """The matchers built so far (those the table builds later are not among them)."""
        return [*self._regexes, *self._exceptions]

    def _build_all(self) -> None:
        pending = self._pending
        if pending is not None:
            object.__setattr__(self, "_pending", None)
            table, keys = pending
            for key in keys:
                table.build(key)

    @property
    def regexes(self) -> list[Matcher]:
        self._build_all()
        return self._regexes

    @property
    def exceptions(self) -> list[Matcher]:
        self._build_all()
        return self._exceptions

    def matches(self, doc: Doc) -> list[tuple[int, int]]:
        """Where the rule matches: overlaps joined, spans an exception touches left out."""
        touched = doc.touched
        if touched is None:  # no index: every matcher
            regexes, excepts = self.regexes, self.exceptions
        else:
            mine = touched.get(id(self))
            if mine is None:
                return []  # none of its matchers can match this text
            regexes = [m for m in mine if not m.exception]
            excepts = [m for m in mine if m.exception]
        found = [span for matcher in regexes for span in scan(matcher, doc)]
        if found and excepts:
            blocked = _merged([span for matcher in excepts for span in scan(matcher, doc)])
            found = [(s, e) for s, e in found if not _overlaps(blocked, s, e)]
        return _merged(found)

    def first(self, doc: Doc) -> tuple[int, int] | None:
        found = self.matches(doc)
        return found[0] if found else None


def scan(matcher: Matcher, doc: Doc) -> list[tuple[int, int]]:
    """Non-empty matches that start at a word's edge (so "you" never matches inside "bayou")."""
    if matcher._lazy is not None:  # noqa: SLF001 - scanned before any index woke it
        matcher.resolve()
    clause, firsts = matcher.clause, matcher.firsts
    if matcher.gate is not None and matcher.gate.isdisjoint(doc.keys):
        return []  # it needs one of these words, and the message has none of them
    if firsts is not None:
        present = firsts & doc.words
        if not present:
            return []  # none of the words it could begin with is in the message
        at = doc.at
        places = [at[w] for w in present]
        count = sum(map(len, places))
        # A few places (a short message) or sparse ones: try just there, with the regex the
        # anchored tries compile (a second, searching regex is compiled only for dense text).
        if not clause and (count <= _FEW or count * _SPARSE < len(doc.text)):
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
