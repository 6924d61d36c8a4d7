"""Proof that a pack regex matches in time linear in the text, or the reason it might not.

Python's `re` backtracks, so a regex that can read the same text in two ways costs
exponential (`(?:you |you )+`) or polynomial (`\\w+\\w+`) time. A pack regex must keep to a
dialect in which backtracking stays bounded:

- a repeat without limit (`*`, `+`, `{2,}`) repeats one character or class that stays inside a
  word or a space (`\\w+`, `\\s*`; the analyzer folds runs of spaces into one), so with matches
  starting only at word edges, each letter is read by a bounded number of tries;
  groups repeat only a bounded number of times (`(?:\\w+ ){0,4}`);
- no repeated part can read the same text in two ways (two alternatives or two splits of one
  string): checked on the regex's position automaton, the standard test for exponential
  backtracking (Weideman et al., 2016, "Analyzing matching time behavior of backtracking
  regular expression matchers by using ambiguity of NFA");
- no two unlimited repeats can share a stretch of text (`\\w+ ?\\w+`), the test for polynomial
  backtracking in the same work;
- a lookaround or back-reference follows the same rules.

Bounded repeats of groups are treated as unlimited by the checks (safe, only stricter).
"""

from __future__ import annotations

from typing import Any

from softlanding.analysis.graph import cycles

_LIMIT_WORK = 200_000  # pairs of positions examined; a pack regex is far smaller than this
_PAIR_BOUND = 1000  # two bounded class repeats sharing text: at most this many splits
_AMBIGUOUS: dict[tuple[str, str], bool] = {}
_MASKS: dict[tuple[str, Any, str], int] = {}
_PROBE_EXTRA = " \t\n\u00a0\u2019éßжψ中あ😀🙄"


class _Positions:
    """The position automaton (Glushkov) of a parsed regex: one state per character class."""

    def __init__(self, sre: Any, compiler: Any, state: Any, alphabet: str) -> None:
        self.sre, self.compiler, self.state, self.alphabet = sre, compiler, state, alphabet
        self.masks: list[int] = []  # the probe characters each position accepts, as bits
        self.follow: list[set[int]] = []
        self.loops: dict[int, int] = {}  # position -> how often it may repeat (0: no limit)
        self.asides: list[Any] = []  # lookaround bodies, checked as regexes of their own
        self.unbounded_group = False
        self.wide_run = False  # an unlimited run across words ([^.]*): costs a sentence a start
        self.two_paths = False  # one stretch read two ways in a repeat: (?:a|)+, (?:a+)+
        self.depth = 0  # how many repeats (more than once) hold the node being built
        self.repeated: list[Any] = []  # bodies of outermost group repeats, checked one by one

    def add(self, op: Any, av: Any) -> int:
        key = (self.alphabet, op, str(av))
        mask = _MASKS.get(key)
        if mask is None:
            from re import _parser  # type: ignore[attr-defined]

            one = self.compiler.compile(_parser.SubPattern(self.state, [(op, av)]), 0)
            mask = sum(1 << i for i, ch in enumerate(self.alphabet) if one.fullmatch(ch))
            _MASKS[key] = mask
        self.masks.append(mask)
        self.follow.append(set())
        return len(self.masks) - 1

    def within_word_or_space(self, item: Any) -> bool:
        """True for a class of letters only (\\w+) or of spaces only (\\s*)."""
        mask = self.masks[self.add(*item)]
        self.masks.pop()
        self.follow.pop()
        word, space = _class_masks(self.alphabet)
        return mask & ~word == 0 or mask & ~space == 0

    def link(self, sources: set[int], targets: set[int], looping: bool) -> None:
        """Add moves; the same move made twice inside a repeat is two ways to read one text."""
        for pos in sources:
            if looping and self.follow[pos] & targets:
                self.two_paths = True
            self.follow[pos] |= targets

    def build(self, items: Any) -> tuple[bool, set[int], set[int]]:
        """(can be empty, first positions, last positions) of a sequence, filling `follow`."""
        nullable, first, last = True, set[Any](), set[Any]()
        for op, av in items:
            n2, f2, l2 = self.node(op, av)
            self.link(last, f2, looping=self.depth > 0)
            first = first | f2 if nullable else first
            last = l2 | last if n2 else l2
            nullable = nullable and n2
        return nullable, first, last

    def node(self, op: Any, av: Any) -> tuple[bool, set[int], set[int]]:
        sre = self.sre
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            pos = self.add(op, av)
            return False, {pos}, {pos}
        if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
            return self.build(av[-1] if op is sre.SUBPATTERN else av)
        if op is sre.BRANCH:
            parts = [self.build(branch) for branch in av[1]]
            if self.depth and sum(p[0] for p in parts) > 1:
                self.two_paths = True
            return (
                any(p[0] for p in parts),
                set().union(*(p[1] for p in parts)),
                set().union(*(p[2] for p in parts)),
            )
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            return self.repeat(*av)
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            self.asides.append(av[1])
        elif op is sre.GROUPREF:
            pos = self.add(sre.ANY, None)  # a back-reference may read anything: assume the worst
            return False, {pos}, {pos}
        return True, set(), set()  # zero-width: \b, ^, $, lookarounds

    def repeat(self, low: int, high: int, body: Any) -> tuple[bool, set[int], set[int]]:
        one_char = (self.sre.LITERAL, self.sre.NOT_LITERAL, self.sre.IN, self.sre.ANY)
        single = len(body) == 1 and body[0][0] in one_char
        if high == self.sre.MAXREPEAT and not single:
            self.unbounded_group = True
        if high == self.sre.MAXREPEAT and single and not self.within_word_or_space(body[0]):
            self.wide_run = True
        if high > 1 and not single and not self.depth:
            self.repeated.append(body)
        self.depth += high > 1
        nullable, first, last = self.build(body)
        self.depth -= high > 1
        if high > 1 and nullable and not single:
            self.two_paths = True
        if high > 1:
            self.link(last, first, looping=True)
            if single:
                self.loops.update(dict.fromkeys(first, 0 if high == self.sre.MAXREPEAT else high))
        return low == 0 or nullable, first, last


def linear_problem(prepared: str) -> str | None:
    """Why `prepared` might backtrack more than linearly, or None when it provably cannot."""
    from re import _compiler, _parser  # type: ignore[attr-defined]
    from re import _constants as sre  # type: ignore[attr-defined]

    parsed = _parser.parse(prepared)
    alphabet = _alphabet(prepared)
    todo = [list(parsed)]
    while todo:
        auto = _Positions(sre, _compiler, parsed.state, alphabet)
        auto.build(todo.pop())
        if auto.unbounded_group:
            return (
                "repeats a group without limit, which can hang on long text; repeat single "
                "characters only (like \\w+), or give the group a bounded count like {0,3}."
            )
        if auto.wide_run:
            return (
                "repeats without limit a character class that reads across words (like [^.]*), "
                "which slows down on long text; give it a bounded count like {0,30}."
            )
        if auto.two_paths or any(_two_ways(auto, body) for body in auto.repeated):
            return (
                "can read the same words in two ways inside a repeat (two alternatives or two "
                "splits match the same text), which can hang on long text; make the "
                "alternatives differ."
            )
        if _shared_stretch(auto):
            return (
                "has two unlimited repeats that can read the same stretch of text (like "
                "\\w+ ?\\w+), which slows down on long text; put a required word or space "
                "between them."
            )
        todo.extend(list(aside) for aside in auto.asides)
    return None


def _class_masks(alphabet: str) -> tuple[int, int]:
    """The probe characters that are word characters, and those that are spaces, as bits."""
    import re

    word = sum(1 << i for i, ch in enumerate(alphabet) if re.fullmatch(r"\w", ch))
    space = sum(1 << i for i, ch in enumerate(alphabet) if ch.isspace())
    return word, space


def _alphabet(prepared: str) -> str:
    """Characters to probe classes with: ASCII, a few of every script, and the regex's own."""
    base = "".join(chr(c) for c in range(0x20, 0x7F))
    own = "".join(sorted(set(prepared) - set(base)))
    return base + _PROBE_EXTRA + own


def _two_ways(outer: _Positions, body: Any) -> bool:
    """True when two different paths through a repeat meet again on the same text (EDA).

    A cycle of pairs of positions lies inside one outermost repeat, so each is checked alone.
    """
    key = (outer.alphabet, str(body))
    if key not in _AMBIGUOUS:
        auto = _Positions(outer.sre, outer.compiler, outer.state, outer.alphabet)
        auto.repeat(0, outer.sre.MAXREPEAT, body)
        _AMBIGUOUS[key] = auto.two_paths or _pairs_cycle(auto)
    return _AMBIGUOUS[key]


def _pairs_cycle(auto: _Positions) -> bool:
    follow, masks = auto.follow, auto.masks
    edges: dict[tuple[int, int], list[tuple[int, int]]] = {}
    stack = [(p, p) for p in range(len(masks))]
    while stack:
        a, b = stack.pop()
        if (a, b) in edges:
            continue
        nxt = [(x, y) for x in follow[a] for y in follow[b] if masks[x] & masks[y]]
        edges[(a, b)] = nxt
        stack.extend(nxt)
        if len(edges) > _LIMIT_WORK:
            return True  # too big to prove safe: refuse rather than guess
    return any(
        any(a == b for a, b in part) and any(a != b for a, b in part)
        for part in cycles(edges, edges.__getitem__)
    )


def _shared_stretch(auto: _Positions) -> bool:
    """True when one looping class can hand over to another on text both could read (IDA)."""
    follow, masks = auto.follow, auto.masks
    for p, p_most in auto.loops.items():
        for q, q_most in auto.loops.items():
            both = masks[p] & masks[q]
            if p == q or not both or _bounded_enough(p_most, q_most):
                continue
            stack, seen = [x for x in follow[p] if x != p and masks[x] & both], set()
            while stack:
                x = stack.pop()
                if x == q:
                    return True
                if x in seen:
                    continue
                seen.add(x)
                stack.extend(y for y in follow[x] if masks[y] & both)
    return False


def _bounded_enough(one: int, two: int) -> bool:
    """A bounded repeat beside another multiplies the work by a small constant at most."""
    return bool(one or two) and (not one or not two or one * two <= _PAIR_BOUND)


def _reaches(follow: list[set[int]], source: int, target: int) -> bool:
    stack, seen = list(follow[source]), set()
    while stack:
        x = stack.pop()
        if x == target:
            return True
        if x not in seen:
            seen.add(x)
            stack.extend(follow[x])
    return False


def runs_over_words(source: str) -> bool:
    """True when `source` repeats, without limit, something that can read letters (\\w+, .*).

    Only such a regex can cost a whole long word at each place `search` tries inside it.
    """
    from re import _compiler, _parser  # type: ignore[attr-defined]
    from re import _constants as sre  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(source)
    except Exception:  # noqa: BLE001 - anything odd: assume the worst
        return True
    stack = [list(parsed)]
    while stack:
        for op, av in stack.pop():
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                body = av[2]
                if av[1] == sre.MAXREPEAT and _reads_letters(body, parsed.state, _compiler):
                    return True
                stack.append(list(body))
            elif op is sre.SUBPATTERN:
                stack.append(list(av[-1]))
            elif op is sre.BRANCH:
                stack.extend(list(branch) for branch in av[1])
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                stack.append(list(av[1]))
            elif op is sre.ATOMIC_GROUP:
                stack.append(list(av))
    return False


def _reads_letters(body: Any, state: Any, compiler: Any) -> bool:
    from re import _parser  # type: ignore[attr-defined]

    if len(body) != 1:
        return True  # a repeated group: assume it can
    one = compiler.compile(_parser.SubPattern(state, list(body)), 0)
    return any(one.fullmatch(ch) for ch in "a1_éж中")
