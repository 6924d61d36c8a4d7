"""What a pack regex needs before it can match: worked out once, when the pack is compiled.

For each regex the compiled pack lists
- `first`: every word a match can begin with;
- `gate`: a set of words one of which every match holds (the analyzer's index is keyed by it);
- `needs`: the words a match needs, as alternatives of clauses (any alternative whose every
  clause meets a word of the message), finer than the gate for regexes built of alternatives;
- `chars`: for a regex that begins with no word (an emoji), the characters it can begin with;
- `guard`: whether `search` must be kept from starting inside a word (it repeats letters).

A message holding none of a regex's gate words, or missing a clause of each alternative, cannot
match it, so the regex is neither compiled nor run: the work follows the message, not the pack.
Everything here only ever answers "no shortcut" (None) when unsure, never a wrong "cannot match".
"""

from __future__ import annotations

from typing import Any

from softlanding.analysis.regex_safety import runs_over_words
from softlanding.analysis.terms import is_word, rarity

Needs = list[list[frozenset[str]]]  # alternatives of clauses of words

_MAX_WORDS = 4096  # more spellings than this: not listed
_MAX_ALTERNATIVES = 16  # more than this: folded into one clause
_MAX_CHARS = 64
_MAX_PAIRS = 64  # two-word clauses ("care about") listed for at most this many spellings
WAYS = 32  # ways are numbered within a regex below this
_MAX_WAYS = 16  # more ways than this: the regex is filed under its gate alone
_MAX_CLAUSES = 6  # a way is checked by its rarest clauses only


class Table:
    """The compiled pack's `first_words`, written so it loads fast (a few thousand strings):
    - `clauses`: each distinct clause once, its words joined by "|";
    - `keys` and `entries`: per regex (its source as written), "guard;first;ways;chars":
      guard 1 or 0, the clause number of its first words, its ways as clause numbers ("3.4,5"),
      and the characters an emoji regex begins with;
    - `words` and `codes`: each word -> the ways filed under it ("regex number * 32 + way
      number", spaced), so the analyzer looks up only the words of a message, never the pack.
    Each is one string with an item a line (see `to_json`)."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.numbers: dict[frozenset[str], int] = {}
        self.regexes: dict[str, str] = {}
        self.index: dict[str, list[int]] = {}

    def add(self, key: str, body: str) -> None:
        if key in self.regexes:
            return
        entry = prepare(body)
        first = entry["first"]
        ways = entry.get("ways") or ([[entry["gate"]]] if entry["gate"] else [])
        if len(ways) > _MAX_WAYS:
            ways = [[entry["gate"]]]
        ways = [way[:_MAX_CLAUSES] for way in ways]
        number = len(self.regexes)
        for way_number, way in enumerate(ways or ([[first]] if first is not None else [])):
            for word in way[0]:
                self.index.setdefault(word, []).append(number * WAYS + way_number)
        spelled = ",".join(".".join(str(self._number(frozenset(c))) for c in way) for way in ways)
        head = "" if first is None else str(self._number(frozenset(first)))
        chars = entry.get("chars", "").replace("\n", "").replace("\r", "")  # one entry a line
        self.regexes[key] = f"{int(entry['guard'])};{head};{spelled};{chars}"

    def _number(self, clause: frozenset[str]) -> int:
        found = self.numbers.get(clause)
        if found is None:
            found = self.numbers[clause] = len(self.clauses)
            self.clauses.append("|".join(sorted(clause)))
        return found

    def to_json(self) -> dict[str, str]:
        """Five long strings, one item a line: a few strings load far faster than thousands."""
        words = sorted(self.index)
        return {
            "clauses": "\n".join(self.clauses),
            "keys": "\n".join(self.regexes),
            "entries": "\n".join(self.regexes.values()),
            "words": "\n".join(words),
            "codes": "\n".join(" ".join(map(str, self.index[w])) for w in words),
        }


def prepare(body: str) -> dict[str, Any]:
    """What one expanded regex body (without a leading {start}) needs, as plain data."""
    parsed = _parse(body)
    first = gate = needs = chars = None
    if parsed is not None:
        items, sre = parsed
        first = _first_words(items, sre)
        needs = _needs(items, sre)
        gate = _gate(needs)
        if gate is None and first is None:  # an emoji, say: only its own characters wake it
            chars = _first_chars(items, sre)
            chars = chars if chars and not any(map(is_word, chars)) else None
    entry: dict[str, Any] = {
        "first": sorted(first) if first is not None else None,
        "gate": sorted(gate) if gate is not None else None,
        "guard": runs_over_words(body),
    }
    found = ways(needs or [])
    if len(found) > 1 or (found and len(found[0]) > 1):  # more than the gate says
        entry["ways"] = [[sorted(c) for c in way] for way in found]
    if chars:
        entry["chars"] = "".join(sorted(chars))
    return entry


def ways(needs: Needs) -> list[list[frozenset[str]]]:
    """Each distinct way a match meets its needs, rarest clause first (none: no needs)."""
    out: list[list[frozenset[str]]] = []
    for alt in needs:
        way = sorted(set(alt), key=_order)
        if not way:
            return []
        if way not in out:
            out.append(way)
    return out


def _order(clause: frozenset[str]) -> tuple[int, list[str]]:
    return rarity(clause), sorted(clause)


def first_words(regex: str) -> frozenset[str] | None:
    """Every word a match of `regex` can begin with, or None when they cannot be listed."""
    parsed = _parse(regex)
    return None if parsed is None else _first_words(*parsed)


def gate_words(regex: str) -> frozenset[str] | None:
    """A set of words one of which every match of `regex` must hold, or None."""
    parsed = _parse(regex)
    return None if parsed is None else _gate(_needs(*parsed))


def _parse(regex: str) -> tuple[list[Any], Any] | None:
    try:
        from re import _constants as sre  # type: ignore[attr-defined]  # behind `re`
        from re import _parser  # type: ignore[attr-defined]

        return list(_parser.parse(regex)), sre
    except Exception:  # noqa: BLE001 - another Python or an odd regex: no shortcut
        return None


def _first_words(items: list[Any], sre: Any) -> frozenset[str] | None:
    found = _heads(items, {""}, sre)
    if found is None:
        return None
    words = found[0] | found[1]
    return None if "" in words else frozenset(words)


def _gate(needs: Needs | None) -> frozenset[str] | None:
    """The union of each alternative's rarest clause: every match holds one of these words."""
    if not needs or any(not alt for alt in needs):
        return None
    return frozenset().union(*(min(alt, key=rarity) for alt in needs))


# --- needs: whole-word stretches of a sequence, and alternatives inside them -------------------


def _needs(items: list[Any], sre: Any) -> Needs | None:
    """Alternatives of clauses for a sequence that starts and ends at word edges."""
    out: Needs = [[]]
    last: set[str] | None = None  # the word the stretch before ends with, when it is one word
    for part, spaced in _segments(items, sre):
        got = _part_needs(part, sre)
        if len(out) * len(got) > _MAX_ALTERNATIVES:
            got = [_folded(got)]  # this stretch's alternatives: one of their rarest words
        out = [a + b for a in out for b in got]
        pair = _pair(last, _part_words(part, sre)) if spaced else None
        if pair:  # "care about": two words with one space between, far rarer than either
            out = [[*alt, pair] for alt in out]
        last = _one_word(part, sre)
    out = [[c for c in alt if c] for alt in out]
    return out if any(alt for alt in out) else None


def _folded(needs: Needs) -> list[frozenset[str]]:
    """Alternatives folded into one: the clauses all share, and one of their rarest words."""
    shared = [c for c in needs[0] if all(c in alt for alt in needs[1:])]
    gate = _gate(needs)
    return shared + ([gate] if gate and gate not in shared else [])


def _part_needs(part: list[Any], sre: Any) -> Needs:
    """One whole-word stretch: its first words, and its alternatives when it is one group."""
    words = _part_words(part, sre)
    base = [frozenset(words)] if words and "" not in words and len(words) <= _MAX_WORDS else []
    branches = _branches(part, sre)
    if branches is None:
        return [base]
    out: Needs = []
    for branch in branches:
        inner = _needs(branch, sre)
        if inner is None:
            return [base]
        out += [base + alt for alt in inner]
    return out if len(out) <= _MAX_ALTERNATIVES else [base + _folded(out)]


def _branches(part: list[Any], sre: Any) -> list[list[Any]] | None:
    """The alternatives of a stretch that is one group (or one alternation), else None."""
    if len(part) != 1:
        return None
    op, av = part[0]
    if op is sre.SUBPATTERN:
        inner = list(av[-1])
        return _branches(inner, sre) or [inner]
    if op is sre.BRANCH:
        return [list(b) for b in av[1]]
    return None


def _segments(items: list[Any], sre: Any) -> list[tuple[list[Any], bool]]:
    """The whole-word stretches of a sequence (zero-width parts left out), each with whether
    exactly one space joins it to the stretch before."""
    out: list[tuple[list[Any], bool]] = []
    part: list[Any] = []
    between: list[Any] = []  # what was read since the last stretch ended
    spaced = False
    for op, av in items:
        if _is_break(op, av, sre) or (op is sre.AT and av is sre.AT_BOUNDARY):
            if part:  # a \b ends a word as surely as a space does
                out.append((part, spaced))
                part, between = [], []
            between.append((op, av))
        elif not part and op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and _ends_in_break(av[2], sre):
            between.append(None)  # "(?:\w+ ){0,2}" between words: the next still starts one
        elif op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            if not part:
                spaced = bool(out) and between == [(sre.LITERAL, 32)]
            part.append((op, av))
    if part:
        out.append((part, spaced))
    return out


def _one_word(part: list[Any], sre: Any) -> set[str] | None:
    """The words a stretch can spell when it is always exactly one word ("hit|hits"), else None."""
    got = _heads(part, {""}, sre)
    if got is None or got[1] or not got[0] or "" in got[0]:
        return None
    return got[0]


def _pair(last: set[str] | None, first: set[str]) -> frozenset[str] | None:
    if not last or not first or "" in first or len(last) * len(first) > _MAX_PAIRS:
        return None
    return frozenset(f"{a} {b}" for a in last for b in first)


def _part_words(part: list[Any], sre: Any) -> set[str]:
    got = _heads(part, {""}, sre) if part else None
    return set() if got is None else got[0] | got[1]


def _is_break(op: Any, av: Any, sre: Any) -> bool:
    if op is sre.LITERAL:
        return not is_word(chr(av))
    if op is sre.IN:
        return _breaks_word(av, sre)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:  # \W{1,5}, [ -]+
        body = list(av[2])
        if len(body) != 1:
            return False
        inner_op, inner_av = body[0]
        return _is_break(inner_op, inner_av, sre)
    return False


def _ends_in_break(body: Any, sre: Any) -> bool:
    """True when every way through `body` ends with a space or punctuation ("(?:so |very )")."""
    items = list(body)
    if not items:
        return False
    op, av = items[-1]
    if op is sre.SUBPATTERN:
        return _ends_in_break(av[-1], sre)
    if op is sre.BRANCH:
        return all(_ends_in_break(b, sre) for b in av[1])
    return _is_break(op, av, sre)


def _breaks_word(members: Any, sre: Any) -> bool:
    """True for a character set that holds only spaces or punctuation ([- ], \\s, \\W)."""
    for op, av in members:
        if op is sre.LITERAL and not is_word(chr(av)):
            continue
        if op is sre.CATEGORY and av in (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD):
            continue
        return False
    return True


# --- first words: every spelling a match can begin with -----------------------------------------


def _heads(items: list[Any], open_: set[str], sre: Any) -> tuple[set[str], set[str]] | None:
    """(words still being spelled, words complete) after `items`, from the `open_` prefixes."""
    done: set[str] = set()
    for op, av in items:
        if not open_:
            break
        if op is sre.LITERAL:
            ch = chr(av)
            open_, done = ({p + ch for p in open_}, done) if is_word(ch) else (set(), done | open_)
        elif op is sre.SUBPATTERN or op is sre.BRANCH:
            got = _heads_group(op, av, open_, sre)
            if got is None:
                return None
            open_, done = got[0], done | got[1]
        elif op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
            if tuple(av[:2]) != (0, 1):
                return None
            got = _heads(list(av[2]), open_, sre)
            if got is None:
                return None
            open_, done = open_ | got[0], done | got[1]
        elif op is sre.IN and _breaks_word(av, sre):
            open_, done = set(), done | open_
        elif op is sre.IN and _letters(av, sre):  # patroni[sz]ing: each spelling
            open_ = {p + chr(ch) for p in open_ for _, ch in av}
        elif op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero-width ops spell nothing
            return None
        if len(open_) + len(done) > _MAX_WORDS:
            return None
    return open_, done


def _letters(members: Any, sre: Any) -> bool:
    """True for a small set of single letters ([sz])."""
    return len(members) <= 4 and all(o is sre.LITERAL and is_word(chr(a)) for o, a in members)


def _heads_group(op: Any, av: Any, open_: set[str], sre: Any) -> tuple[set[str], set[str]] | None:
    branches = [list(av[-1])] if op is sre.SUBPATTERN else [list(b) for b in av[1]]
    still: set[str] = set()
    done: set[str] = set()
    for branch in branches:
        got = _heads(branch, open_, sre)
        if got is None:
            return None
        still |= got[0]
        done |= got[1]
    return still, done


def _first_chars(items: list[Any], sre: Any) -> set[str] | None:
    """The characters a match can begin with, when few and listable (🙄, 👏), else None."""
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            return {chr(av)}
        if op is sre.IN:
            if not all(o is sre.LITERAL for o, _ in av):
                return None
            return {chr(a) for _, a in av}
        if op is sre.SUBPATTERN or op is sre.BRANCH:
            branches = [list(av[-1])] if op is sre.SUBPATTERN else [list(b) for b in av[1]]
            found: set[str] = set()
            for branch in branches:
                got = _first_chars(branch, sre)
                if not got:
                    return None
                found |= got
            return found if len(found) <= _MAX_CHARS else None
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            return _first_chars(list(av[2]), sre)
        return None
    return None
