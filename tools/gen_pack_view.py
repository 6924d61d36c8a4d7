"""Write the typed run-time view of the prompts pack from its pydantic schema.

Run `python tools/gen_pack_view.py` after changing `pack/schema.py` or `pack/labels*.py` (a test
fails while the view is out of date). The view is plain read-only classes, needing neither pydantic
nor YAML, so screens get one typed shape of the pack and start-up stays cheap.
"""

from __future__ import annotations

import re
import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from softlanding.pack import (  # noqa: E402
    after_schema,
    labels,
    labels_history,
    labels_together,
    safety_schema,
    schema,
    schema_base,
)

PACKAGE = ROOT / "src" / "softlanding" / "pack"
# Each schema module becomes one view module (keeps every file under the size the house allows).
TARGETS = {
    schema.__name__: "view",
    labels.__name__: "view_labels",
    labels_history.__name__: "view_labels_history",
    labels_together.__name__: "view_labels_together",
    after_schema.__name__: "view_after",
    safety_schema.__name__: "view_safety",
    schema_base.__name__: "view",
}
RAW = {"AnalysisSection"}  # kept as plain data: the analyzer compiles it from dicts
HEADER = '''"""The prompts pack as typed, read-only data (tools/gen_pack_view.py writes it).

Built from the compiled JSON copy by `frozen.build` without pydantic; every text is a `Label`,
whose `.format()` fills in only plain `{name}` placeholders.
"""
'''


def render(kind: object, needs: set[type[BaseModel]]) -> str:
    """The view's annotation for one pydantic annotation."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin is typing.Annotated:
        return render(args[0], needs)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(render(a, needs) for a in args)
    if origin is typing.Literal:
        return "Literal[" + ", ".join(repr(a) for a in args) + "]"
    if origin in (list, dict):
        return f"{origin.__name__}[{', '.join(render(a, needs) for a in args)}]"
    if kind is type(None):
        return "None"
    if kind is str:
        return "Label"
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        if kind.__name__ in RAW:
            return "dict[str, Any]"
        needs.add(kind)
        return kind.__name__
    assert isinstance(kind, type), kind
    return kind.__name__


def model_source(model: type[BaseModel], needs: set[type[BaseModel]]) -> list[str]:
    by_alias = bool(model.model_config.get("serialize_by_alias"))
    lines = ["", "", f"class {model.__name__}(Frozen):"]
    doc = (model.__doc__ or "").strip().splitlines()
    if doc and model.__module__ != labels.__name__ and not doc[0].startswith("Usage docs"):
        lines += [f'    """{doc[0]}"""', ""]
    nested: dict[str, str] = {}
    renamed: dict[str, str] = {}
    for name, info in model.model_fields.items():
        inner: set[type[BaseModel]] = set()
        lines.append(f"    {name}: {render(info.annotation, inner)}")
        if inner:
            (nested[name],) = (m.__name__ for m in inner)
        needs |= inner
        if by_alias and info.alias and info.alias != name:
            renamed[info.alias] = name
        if render(info.annotation, set()) == "dict[str, Any]":
            nested[name] = "None"
    if model is schema.Pack:
        lines.append("    raw: dict[str, Any]  # the same pack as plain data, for the analyzer")
    if nested:
        items = ", ".join(f'"{k}": {v}' for k, v in nested.items())
        lines.append(f"    NESTED = {{{items}}}")
    if renamed:
        items = ", ".join(f'"{k}": "{v}"' for k, v in renamed.items())
        lines.append(f"    RENAMED = {{{items}}}")
    return lines


def ordered(root: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model reachable from `root`, each after the models it holds."""
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        needs: set[type[BaseModel]] = set()
        for info in model.model_fields.values():
            render(info.annotation, needs)
        for inner in sorted(needs, key=lambda m: m.__name__):
            visit(inner)
        seen.append(model)

    visit(root)
    return seen


def sources() -> dict[Path, str]:
    """The text of each view module."""
    bodies: dict[str, list[str]] = {target: [] for target in TARGETS.values()}
    imports: dict[str, set[tuple[str, str]]] = {target: set() for target in TARGETS.values()}
    for model in ordered(schema.Pack):
        target = TARGETS[model.__module__]
        needs: set[type[BaseModel]] = set()
        bodies[target] += model_source(model, needs)
        for inner in needs:
            if TARGETS[inner.__module__] != target:
                imports[target].add((TARGETS[inner.__module__], inner.__name__))
    out = {}
    for target, body in bodies.items():
        text = "\n".join(body)
        head = [HEADER, "from __future__ import annotations", ""]
        typing_names = [n for n in ("Any", "Literal") if re.search(rf"\b{n}\b", text)]
        if typing_names:
            head += [f"from typing import {', '.join(typing_names)}", ""]
        head += [
            "from softlanding.pack.fill import Label",
            "from softlanding.pack.frozen import Frozen",
        ]
        for module in sorted({m for m, _ in imports[target]}):
            names = sorted(n for m, n in imports[target] if m == module)
            head.append(f"from softlanding.pack.{module} import {', '.join(names)}")
        out[PACKAGE / f"{target}.py"] = "\n".join(head) + text + "\n"
    return {path: _formatted(text) for path, text in out.items()}


def _formatted(text: str) -> str:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--quiet", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout


def main() -> int:
    for path, text in sources().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
