"""The word index: from the words of a message to the pack regexes they can set off.

The compiled pack's need table (`prefilter.Table`) is read as messages use it: a word's ways
are looked up the first time the word is seen, a clause becomes a set once. Matchers the table
does not know (phrases, a raw pack) are filed here when the analyzer is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from softlanding.analysis.terms import expand
from softlanding.analysis.text import Clauses, Matcher

if TYPE_CHECKING:
    from softlanding.analysis.text import Rule

_WAYS = 32  # the table numbers ways within a regex below this (prefilter.WAYS)
_WORD_LIMIT = 100_000  # words whose filed ways are remembered


class NeedTable:
    """The compiled pack's `first_words` (see prefilter.Table), read as it is needed: each
    clause becomes a set once, however many regexes share it, and only when a message uses it."""

    def __init__(self, data: Any) -> None:
        data = data if isinstance(data, dict) else {}
        part = {k: data.get(k) for k in ("clauses", "keys", "entries", "words", "codes")}
        if not all(isinstance(v, str) for v in part.values()):
            part = dict.fromkeys(part, "")  # a raw pack (or an older table): no shortcuts
        lines = {k: str(v).split("\n") if v else [] for k, v in part.items()}
        self._texts: list[str] = lines["clauses"]
        self.keys: list[str] = lines["keys"]  # regex number -> key
        self._regexes: dict[str, str] = dict(zip(self.keys, lines["entries"], strict=False))
        self.index: dict[str, str] = dict(zip(lines["words"], lines["codes"], strict=False))
        self.made: dict[str, list[Matcher]] = {}  # regex key -> the matchers built for it
        # regex key -> the rules waiting for it: (rule, terms, clause, exception)
        self._waiting: dict[str, list[tuple[Rule, Mapping[str, str], bool, bool]]] = {}
        self._sets: dict[int, frozenset[str]] = {}

    def clause(self, number: int) -> frozenset[str]:
        found = self._sets.get(number)
        if found is None:
            found = self._sets[number] = frozenset(self._texts[number].split("|"))
        return found

    def matcher(self, written: str, terms: Mapping[str, str], clause: bool) -> Matcher:
        """A matcher for a pack regex as written (without {start}); unknown to the table (a raw
        pack), it is always tried."""
        key = written  # the table is keyed by the regex as written: no hashing at start-up
        known = self._regexes.get(key)
        if not isinstance(known, str) or known.count(";") < 3:
            return Matcher(expand(written, terms), clause, None)
        made = Matcher.written(written, terms, clause)
        made._guard = known[0] == "1"  # noqa: SLF001
        if known[1:4] == ";;;":  # filed under no words: an emoji's characters, or always
            made.chars = known[4:] or None
        made._lazy = (self, known)  # noqa: SLF001 - the rest is read when first woken
        self.made.setdefault(key, []).append(made)
        return made

    def defer(
        self, written: str, terms: Mapping[str, str], clause: bool, rule: Rule, exception: bool
    ) -> bool:
        """Keep a regex the table files under words to build when a message first wakes it
        (most never are in a run); False when it must be built now."""
        known = self._regexes.get(written)
        if not isinstance(known, str) or known.count(";") < 3 or known[1:4] == ";;;":
            return False
        self._waiting.setdefault(written, []).append((rule, terms, clause, exception))
        rule.later(self, written)
        return True

    def build(self, key: str) -> list[Matcher]:
        """The matchers for a regex key, built now for the rules still waiting for them."""
        made = self.made.get(key)
        if made is None:
            made = self.made[key] = []
        waiting = self._waiting.pop(key, None)
        if waiting:
            known = self._regexes[key]
            for rule, terms, clause, exception in waiting:
                m = Matcher.written(key, terms, clause)
                m._guard = known[0] == "1"  # noqa: SLF001
                m._lazy = (self, known)  # noqa: SLF001
                rule.adopt(m, exception)
                made.append(m)
        return made

    def filed(self, matcher: Matcher) -> bool:
        """True when the table's index files this matcher under words (it needs some)."""
        lazy = matcher._lazy  # noqa: SLF001
        return lazy is not None and lazy[1][1:4] != ";;;"

    def woken(self, word: str) -> list[tuple[Matcher, Clauses]]:
        """The ways filed under `word`: each matcher with the clauses left to check."""
        out: list[tuple[Matcher, Clauses]] = []
        codes = self.index.get(word)
        if not codes:
            return out
        for code in map(int, codes.split()):
            number, way = divmod(code, _WAYS)
            for m in self.build(self.keys[number]):
                ways = m.ways()
                if way < len(ways):
                    out.append((m, ways[way][1:]))
                elif m.firsts is not None:  # filed under the words it begins with
                    out.append((m, ()))
        return out


class WordIndex:
    """From each word to the matchers it can set off, so a message wakes only the rules its
    words can trigger. Each way a matcher's needs can be met is filed under the words of its
    rarest clause, with the clauses left to check (rarest first, so a miss is found at once).
    A compiled pack's table files them itself (looked up per word, as messages use words); the
    rest are filed here. A matcher with no words to go by is tried when the text holds a
    character it can begin with (an emoji), or always."""

    def __init__(self, matchers: Iterable[Matcher], table: NeedTable | None = None) -> None:
        self.always: set[Matcher] = set()
        self.by_char: dict[str, list[Matcher]] = {}
        self.by_word: dict[str, list[tuple[Matcher, Clauses]]] = {}
        self._table = table
        self._from_table: dict[str, tuple[frozenset[Matcher], list[tuple[Matcher, Clauses]]]] = {}
        for m in matchers:
            if table is not None and table.filed(m):
                continue
            ways = [w for w in m.ways() if w]
            if not ways and m.firsts is not None:
                ways = [(m.firsts,)]
            for way in ways:
                entry = (m, way[1:])
                for word in way[0]:
                    self.by_word.setdefault(word, []).append(entry)
            if ways:
                continue
            if m.chars:
                for ch in m.chars:
                    self.by_char.setdefault(ch, []).append(m)
            else:
                self.always.add(m)

    def _filed(self, word: str) -> tuple[frozenset[Matcher], list[tuple[Matcher, Clauses]]]:
        """The matchers `word` sets off by itself, and those with clauses left to check."""
        found = self._from_table.get(word)
        if found is None:
            ways = self.by_word.get(word, [])
            if self._table is not None:
                ways = ways + self._table.woken(word)
            found = (frozenset(m for m, rest in ways if not rest), [w for w in ways if w[1]])
            if len(self._from_table) < _WORD_LIMIT:
                self._from_table[word] = found
        return found

    def active(self, words: frozenset[str], text: str) -> set[Matcher]:
        out = set(self.always)
        filed = self._filed
        for word in words:
            alone, rest_of = filed(word)
            if alone:
                out |= alone
            for m, rest in rest_of:
                for clause in rest:
                    if clause.isdisjoint(words):
                        break
                else:
                    out.add(m)
        for ch, found in self.by_char.items():
            if ch in text:
                out.update(found)
        return out
