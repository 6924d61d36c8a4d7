"""The shipped compiled pack in marshal form: read when this Python wrote it, else the JSON."""

from __future__ import annotations

import json
import marshal
from pathlib import Path

import pytest

from softlanding import paths
from softlanding.pack import fast_copy, loader

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "prompts.yaml"
    path.parent.mkdir()
    path.write_bytes((ROOT / "data" / "prompts.yaml").read_bytes())
    monkeypatch.setattr(paths, "shipped_prompts_path", lambda: path)
    monkeypatch.setenv("SOFTLANDING_HOME", str(tmp_path / "first-run"))
    monkeypatch.delenv("SOFTLANDING_PROMPTS", raising=False)
    return path


def _marked(marker: str) -> dict[str, object]:
    compiled = loader.compiled_shipped()
    compiled["analysis"]["bid_fallback"] = marker  # type: ignore[index]
    return compiled


def test_the_marshal_copy_is_read_first_and_a_stale_one_ignored(shipped: Path) -> None:
    shipped.with_name(loader.SHIPPED_COMPILED).write_text(json.dumps(_marked("from json")))
    shipped.with_name(fast_copy.FILE_NAME).write_bytes(fast_copy.dumps(_marked("from marshal")))
    assert loader.load_data()["analysis"]["bid_fallback"] == "from marshal"
    shipped.write_bytes(shipped.read_bytes() + b"\n# edited\n")  # both copies are stale now
    assert loader.load_data()["analysis"]["bid_fallback"] not in ("from marshal", "from json")


@pytest.mark.parametrize(
    "content",
    [
        marshal.dumps(("softlanding-pack|2.7|0", {})),  # another Python wrote it
        b"\x00damaged",
        marshal.dumps(["not", "a", "pair"]),
        marshal.dumps((fast_copy.STAMP, ["not a pack"])),
    ],
)
def test_a_foreign_or_damaged_marshal_copy_means_the_json(shipped: Path, content: bytes) -> None:
    shipped.with_name(loader.SHIPPED_COMPILED).write_text(json.dumps(_marked("from json")))
    shipped.with_name(fast_copy.FILE_NAME).write_bytes(content)
    assert loader.load_data()["analysis"]["bid_fallback"] == "from json"


def test_the_marshal_copy_holds_the_same_pack(shipped: Path) -> None:
    compiled = loader.compiled_shipped()
    shipped.with_name(fast_copy.FILE_NAME).write_bytes(fast_copy.dumps(compiled))
    assert fast_copy.read(shipped) == json.loads(json.dumps(compiled))
