"""Names and tags are one line wherever they are shown, and an import makes them one line."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from softlanding.cli import main
from softlanding.store.importer import import_json
from softlanding.store.sessions import Store
from softlanding.textsafe import flat, one_line

NAMES = {"A": "Sam\n## Forged heading", "B": "Jo\rAl\x1b[31mex"}
TAG = "mo\nney"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def named() -> str:
    """A together session whose names and tag hold line breaks and an escape (an old import)."""
    with Store.open() as store:
        sid = store.create_session("together", partners=NAMES.items(), tags=[TAG])
        store.save_answer(sid, "name", "word", "hurt", partner="A")
        store.save_answer(sid, "name", "word", "lonely", partner="B")
        store.save_answer(sid, "reframe", "thought", "one\ntwo", partner="A")
    return sid


def no_raw_break(out: str) -> None:
    for name in (*NAMES.values(), TAG):
        assert name not in out, f"{name!r} printed raw"
    assert "\x1b" not in out and "\r" not in out
    assert "Sam␊" in out and ("Jo␍Al␛[31mex" in out or "Jo␍Al␛\\[31mex" in out)


@pytest.mark.parametrize(
    "command", [["show", "{sid}"], ["export"], ["reflect"], ["export", "-o", "{file}"]]
)
def test_names_print_on_one_line(
    named: str,
    command: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal())  # `reflect` alone: the debrief
    target = tmp_path / "out.md"
    args = [part.replace("{sid}", named).replace("{file}", str(target)) for part in command]
    assert main(args) == 0
    out = target.read_text(encoding="utf-8") if "-o" in args else capsys.readouterr().out
    no_raw_break(out)
    assert "\n## Forged" not in out and "\n\\#\\# Forged" not in out  # never a line of its own
    if command[0] != "reflect":
        assert "mo␊ney" in out
    if command[0] == "show":
        assert "one␊two" not in out  # a typed answer keeps its lines: only short fields are flat


def test_history_shows_a_tag_on_one_line(named: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "mo␊ney" in out and TAG not in out


def test_json_keeps_the_names_exact(named: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", named, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["partners"] == NAMES


def test_one_line_and_flat() -> None:
    assert one_line("a\nb\tc\r\u2028") == "a␊b␉c␍␤"
    assert flat(" Sam\r\nAlex\t\x1b[31m ") == "Sam Alex [31m"


def test_import_makes_names_and_tags_one_line(store: Store) -> None:
    item = {
        "id": "imported1",
        "kind": "together",
        "status": "completed",
        "started_at": "2026-03-01T21:40:00+00:00",
        "updated_at": "2026-03-01T21:40:00+00:00",
        "partners": {"A": "Sam\nAlex", "B": "Jo\r\n\x1b[31mAl"},
        "tags": ["mo\nney", "money", "\x1b"],
        "answers": [],
    }
    report = import_json(store, {"format": "softlanding-export", "version": 1, "sessions": [item]})
    assert report.ok and report.imported == 1
    record = store.load("imported1")
    assert record is not None
    assert record.partners == {"A": "Sam Alex", "B": "Jo [31mAl"}
    assert record.tags == ["mo ney", "money"]
