"""The models' table copies: the same weights as the JSON, read without building a dict."""

from __future__ import annotations

import binascii
import json
import shutil
from array import array
from pathlib import Path

import pytest

from softlanding.analysis import feature_table, model, safety_model
from softlanding.analysis.feature_table import Rows

MODELS = [(model.WEIGHTS, 4), (safety_model.WEIGHTS, len(safety_model.HEADS))]


@pytest.mark.parametrize(("path", "k"), MODELS, ids=["patterns", "safety"])
def test_the_committed_table_agrees_with_the_json(path: Path, k: int) -> None:
    """Trainers write both; a hand edit of one alone would make processes read other weights."""
    data = json.loads(path.read_text(encoding="utf-8"))
    table = feature_table.read(path, k)
    assert table is not None, "run tools/write_tables.py"
    names = data["features"].split("\n")
    assert bytes(table.weights) == binascii.a2b_base64(data["weights"])
    assert table.header == {key: v for key, v in data.items() if key not in ("features", "weights")}
    assert len(table.rows) == len(names)
    assert table.rows.mapping() == {name: i * k for i, name in enumerate(names)}


def test_a_lookup_by_table_finds_what_the_dict_finds() -> None:
    names = [f"word{i}" for i in range(3000)] + ["ça va", "you never", "<s> i", "c:THREAT"]
    keys, rows = feature_table.build(names, 3)
    table = (array("Q", keys), array("i", rows))
    by_table = Rows(3, table, len(names), "\n".join(names))
    for i, name in enumerate(names):
        assert by_table.get(name) == i * 3
    for unknown in ("word3000", "", "Word1", "you  never", "ça"):
        assert by_table.get(unknown) is None
    assert by_table.of(["word2", "nope", "c:THREAT"]) == [6, len(names) * 3 - 3]


def test_after_many_messages_the_dict_takes_over_with_the_same_rows() -> None:
    names = ["a", "b", "c"]
    keys, rows = feature_table.build(names, 2)
    by_table = Rows(2, (array("Q", keys), array("i", rows)), 3, "a\nb\nc")
    answers = {tuple(by_table.of(["c", "x", "a"])) for _ in range(200)}
    assert answers == {(4, 0)}
    assert by_table.mapping() == {"a": 0, "b": 2, "c": 4}


@pytest.mark.parametrize("damage", [b"", b"not marshal", None])
def test_a_damaged_or_missing_table_means_reading_the_json(
    tmp_path: Path, damage: bytes | None
) -> None:
    path = tmp_path / "safety_model.json"
    shutil.copy(safety_model.WEIGHTS, path)
    if damage is not None:
        path.with_suffix(".table").write_bytes(damage)
    assert feature_table.read(path, len(safety_model.HEADS)) is None
    loaded = safety_model.SafetyModel.load(path)
    shipped = safety_model.SafetyModel.load()
    assert loaded is not None and shipped is not None
    text = "he said i will regret it if i leave and he took my phone"
    assert loaded.scores(text) == shipped.scores(text)


def test_a_table_that_does_not_add_up_means_reading_the_json(tmp_path: Path) -> None:
    """Weights and names of different lengths never give rows to the wrong steps."""
    path = tmp_path / "pattern_model.json"
    shutil.copy(model.WEIGHTS, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    feature_table.write(path, {**data, "weights": _short_weights(data["weights"])}, 4)
    table = feature_table.read(path, 4)
    assert table is not None
    with pytest.raises(ValueError):
        model.PatternModel(table.header, {}, table)
    loaded, shipped = model.PatternModel.load({}, path), model.PatternModel.load({})
    assert loaded is not None and shipped is not None
    assert loaded.steps == shipped.steps and len(loaded.rows) == len(shipped.rows)


def _short_weights(encoded: str) -> str:
    return binascii.b2a_base64(binascii.a2b_base64(encoded)[:-4], newline=False).decode()


def test_the_table_is_read_in_place_not_copied() -> None:
    """The arrays are views of the mapped file: a start reads no more of it than it uses."""
    table = feature_table.read(safety_model.WEIGHTS, len(safety_model.HEADS))
    assert table is not None
    assert isinstance(table.weights, memoryview)
    assert table.weights.format == "b" and table.weights.readonly


@pytest.mark.parametrize("cut", [8, 16, 200, -100])
def test_a_cut_short_table_means_reading_the_json(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "safety_model.json"
    shutil.copy(safety_model.WEIGHTS, path)
    whole = safety_model.WEIGHTS.with_suffix(".table").read_bytes()
    path.with_suffix(".table").write_bytes(whole[:cut])
    assert feature_table.read(path, len(safety_model.HEADS)) is None
