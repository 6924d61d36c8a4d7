"""Strongly connected parts of a directed graph (Tarjan's algorithm, without recursion).

Used by the regex safety proof (loops in a position automaton) and by the architecture test
(import cycles between modules).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def cycles(nodes: Iterable[T], children: Callable[[T], Iterable[T]]) -> list[list[T]]:
    """Every strongly connected part of more than one node, each listed once."""
    index: dict[T, int] = {}
    low: dict[T, int] = {}
    on: set[T] = set()
    stack: list[T] = []
    out: list[list[T]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(children(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            child = next(it, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(children(child))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    item = stack.pop()
                    on.discard(item)
                    part.append(item)
                    if item == node:
                        break
                if len(part) > 1:
                    out.append(part)
    return out
