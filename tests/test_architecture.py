"""The house's doors: no import cycles between softlanding's modules (import-linter and mypy
run as gates in `dev.py test`; this keeps the module graph a tree-like order of layers)."""

from __future__ import annotations

import grimp

from softlanding.analysis.graph import cycles as strongly_connected


def cycles(graph: grimp.ImportGraph) -> set[frozenset[str]]:
    """Strongly connected groups of more than one module (the shared Tarjan walk)."""
    found = strongly_connected(
        sorted(graph.modules), lambda m: sorted(graph.find_modules_directly_imported_by(m))
    )
    return {frozenset(part) for part in found}


def test_no_import_cycles_between_modules() -> None:
    # Function-level imports count (they run); imports only for type checkers do not.
    graph = grimp.build_graph("softlanding", exclude_type_checking_imports=True, cache_dir=None)
    assert cycles(graph) == set()


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert cycles(graph) == {frozenset({"pkg.a", "pkg.b"})}


def test_every_binding_has_an_id() -> None:
    """Ids let a keymap rename a key; the description stays the pack's word for the footer."""
    import importlib
    import pkgutil

    from textual.binding import Binding
    from textual.dom import DOMNode

    import softlanding

    missing = []
    for info in pkgutil.walk_packages(softlanding.__path__, "softlanding."):
        if info.name.startswith(("softlanding.screens", "softlanding.widgets", "softlanding.app")):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                ours = getattr(value, "__module__", "").startswith("softlanding")
                if ours and isinstance(value, type) and issubclass(value, DOMNode):
                    for binding in value.__dict__.get("BINDINGS", []):
                        if isinstance(binding, Binding) and not binding.id:
                            missing.append(f"{value.__name__}: {binding.key}")
    assert missing == []


def test_typography_is_defined_once_in_app_tcss() -> None:
    """.title, .hint and .question get their colour and weight from app.tcss only."""
    import re
    from pathlib import Path

    import softlanding

    package = Path(softlanding.__file__).parent
    rule = re.compile(r"\.(title|hint|question)\s*\{([^{}]*)\}")
    shared = {m.group(1): m.group(2) for m in rule.finditer((package / "app.tcss").read_text())}
    assert set(shared) == {"title", "hint", "question"}
    for sheet in package.glob("screens/**/*.tcss"):
        for match in rule.finditer(sheet.read_text()):
            assert "color:" not in match.group(2), f"{sheet.name}: .{match.group(1)} colour"
