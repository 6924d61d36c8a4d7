"""The typed run-time view of the pack: generated from the schema, complete, read-only, cheap."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from softlanding.pack import loader, view
from softlanding.pack.fill import Label

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import gen_pack_view  # noqa: E402


def test_the_generated_view_matches_the_schema() -> None:
    for path, text in gen_pack_view.sources().items():
        # Both sides through the same formatter: a new ruff release must not fail this test.
        committed = gen_pack_view._formatted(path.read_text(encoding="utf-8"))
        assert committed == text, f"{path.name} is out of date: run python tools/gen_pack_view.py"


def _same(shape: Any, data: Any, where: str) -> None:
    """Every value of the compiled data is in the view, under the same (or keyword-safe) name."""
    if isinstance(data, dict):
        renamed = {v: k for k, v in type(shape).RENAMED.items()}
        fields = vars(shape)
        assert {renamed.get(name, name) for name in fields} == set(data), where
        for name, value in fields.items():
            key = renamed.get(name, name)
            if type(shape).NESTED.get(name, False) is None or name == "raw":
                assert value == data[key], where  # plain data kept as it is
            else:
                _same(value, data[key], f"{where} → {key}")
    elif isinstance(data, list):
        assert len(shape) == len(data), where
        for i, (item, raw) in enumerate(zip(shape, data, strict=True)):
            _same(item, raw, f"{where} → item {i + 1}")
    else:
        assert shape == data, where
        if isinstance(data, str):
            assert isinstance(shape, Label), where


def test_the_view_holds_the_whole_pack_typed(compiled_pack: Path) -> None:
    data = json.loads(compiled_pack.read_text(encoding="utf-8"))
    pack = loader.load_view()
    assert isinstance(pack, view.Pack)
    assert pack.raw == data
    sections = {k: v for k, v in data.items() if k != "_format"}
    _same(pack, {**sections, "raw": data}, "pack")
    assert pack.analysis is pack.raw["analysis"]  # the analyzer's plain data, not copied
    assert pack.text.break_.minutes == data["text"]["break"]["minutes"]
    assert pack.text.session_view.with_ == data["text"]["session_view"]["with"]
    assert getattr(pack.text, "break") is pack.text.break_  # screens may look a block up by name
    assert not hasattr(pack.text, "brake")


def test_the_view_is_read_only() -> None:
    pack = loader.load_view()
    with pytest.raises(AttributeError):
        pack.text.home.title = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del pack.safety.title


def test_the_app_starts_without_pydantic_or_yaml_once_compiled() -> None:
    code = (
        "import sys\n"
        "from softlanding.pack.loader import load_view\n"
        "pack = load_view()\n"
        "assert pack.text.home.title\n"
        "print(sorted(m for m in ('pydantic', 'yaml') if m in sys.modules))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert found.stdout.strip() == "[]"
