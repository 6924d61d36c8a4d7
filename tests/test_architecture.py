"""The house's doors: no import cycles between softlanding's modules (import-linter and mypy
run as gates in `dev.py test`; this keeps the module graph a tree-like order of layers)."""

from __future__ import annotations

import grimp

# Cycles among screens held up by function-level imports; the screens' own restructure removes
# them. The test fails when one disappears, so this list can only shrink.
KNOWN_CYCLES: set[frozenset[str]] = {
    frozenset(
        {
            "softlanding.screens.history.patterns",
            "softlanding.screens.history.session_view",
            "softlanding.screens.history.history",
        }
    ),
    frozenset(
        {
            "softlanding.screens.pause.breathing",
            "softlanding.screens.pause.grounding",
            "softlanding.screens.pause.pause",
            "softlanding.screens.pause.break_",
        }
    ),
    frozenset({"softlanding.screens.together.handover", "softlanding.screens.together.intro"}),
}


def cycles(graph: grimp.ImportGraph) -> set[frozenset[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.add(frozenset(group))
    return found


def test_no_import_cycles_between_modules() -> None:
    # Function-level imports count (they run); imports only for type checkers do not.
    graph = grimp.build_graph("softlanding", exclude_type_checking_imports=True, cache_dir=None)
    found = cycles(graph)
    assert found - KNOWN_CYCLES == set(), "new import cycle"
    assert KNOWN_CYCLES - found == set(), "a known cycle is gone: remove it from KNOWN_CYCLES"


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert cycles(graph) == {frozenset({"pkg.a", "pkg.b"})}
