"""An import can never break the app later (issue 11 §5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from softlanding.store import importer
from softlanding.store.sessions import Store


def run(*args: str, timeout: float = 60, **kw: Any) -> subprocess.CompletedProcess[str]:
    kw.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run(
        [sys.executable, "-m", "softlanding", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        **kw,
    )


def _export(answers: list[dict[str, Any]], sid: str = "abc123") -> dict[str, Any]:
    stamp = "2026-03-01T21:40:00+00:00"
    session = {
        "id": sid,
        "kind": "solo",
        "status": "open",
        "started_at": stamp,
        "updated_at": stamp,
        "ended_at": None,
        "current_step": "pause",
        "partners": {"A": "You"},
        "tags": [],
        "answers": [{"partner": "A", "private": False, "saved_at": stamp, **a} for a in answers],
    }
    return {"format": "softlanding-export", "version": 1, "sessions": [session]}


BAD_VALUES = [
    ({"step": "pause", "field": "calm_before", "value": float("nan")}, "0 to 10"),
    ({"step": "name", "field": "own_words", "value": float("inf")}, "NaN or Infinity"),
    ({"step": "pause", "field": "return_at", "value": "9999-99-99 later"}, "a time like"),
    ({"step": "pause", "field": "return_at", "value": 5}, "a time like"),
    # at the edge of what Python holds: overflowed wherever it was shown (Home, Look back, show)
    ({"step": "pause", "field": "return_at", "value": "9999-12-31T23:59:59-23:59"}, "a time like"),
    ({"step": "pause", "field": "return_at", "value": "0001-01-01T00:00:00+23:59"}, "a time like"),
    ({"step": "pause", "field": "flooded", "value": "yes"}, "true or false"),
    ({"step": "name", "field": "intensity", "value": 11}, "0 to 10"),
    ({"step": "name", "field": "word", "value": {"a": {"b": {"c": {"d": {"e": 1}}}}}}, "deeply"),
]


@pytest.mark.parametrize(("answer", "said"), BAD_VALUES)
def test_wrong_answer_values_are_refused_with_their_place(
    store: Store, answer: dict[str, Any], said: str
) -> None:
    report = importer.import_json(store, _export([answer]))
    assert not report.ok and store.count_sessions() == 0
    text = str(report.problems[0])
    assert text.startswith("session 1 in the file (id abc123): answer 1") and said in text


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_a_session_time_out_of_range_is_refused_with_its_place(store: Store, stamp: str) -> None:
    """It was an unlocated 'unexpected problem (OverflowError)', exit 70."""
    found = _export([{"step": "pause", "field": "calm_before", "value": 3}])
    found["sessions"][0]["started_at"] = stamp
    report = importer.import_json(store, found)
    assert not report.ok and store.count_sessions() == 0
    assert "'started_at' is out of range" in str(report.problems[0])


def test_nan_from_a_file_is_refused_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(_export([{"step": "pause", "field": "calm_after", "value": 1}])))
    path.write_text(path.read_text().replace('"value": 1', '"value": NaN'))
    result = run("import", str(path))
    assert result.returncode == 1 and "answer 1" in result.stderr and "0 to 10" in result.stderr


@pytest.mark.parametrize("sid", [" abc", "abc ", "ab/c", "🙂", "-abc", "a" * 101, "ab\x1b[2Jc"])
def test_ids_outside_the_safe_alphabet_are_refused(store: Store, sid: str) -> None:
    report = importer.import_json(store, _export([], sid=sid))
    assert not report.ok and "'id' should be" in str(report.problems[0])


@pytest.mark.parametrize("special", ["/dev/zero", "fifo", "folder"])
def test_special_files_are_refused_without_reading_them(special: str, tmp_path: Path) -> None:
    path = Path(special) if special.startswith("/") else tmp_path / special
    if special == "fifo":
        os.mkfifo(path)
    elif special == "folder":
        path.mkdir()
    began = time.monotonic()
    result = run("import", str(path), timeout=20)
    assert result.returncode == 1 and "not a plain file" in result.stderr
    assert time.monotonic() - began < 10


def test_dev_zero_on_stdin_is_refused() -> None:
    with open("/dev/zero", "rb") as zero:
        result = run("import", "-", stdin=zero, timeout=20)
    assert result.returncode == 1 and "not a plain file" in result.stderr


def test_a_file_over_the_size_cap_is_refused_with_flat_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from softlanding.cli import main
    from softlanding.store import stream

    monkeypatch.setattr(stream, "LIMIT", 1024)  # the cap, scaled down so the test is quick
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"format": "softlanding-export", "pad": "x" * 5000}))
    assert main(["import", str(path)]) == 1
    assert "larger than" in capsys.readouterr().err


def test_a_streamed_export_round_trips_and_a_cut_short_one_adds_nothing(
    store: Store, tmp_path: Path
) -> None:
    for n in range(3):
        store.save_answer(store.create_session("solo"), "name", "word", f"w{n}")
    path = tmp_path / "all.json"
    assert run("export", "--format", "json", "-o", str(path)).returncode == 0
    lines = path.read_text().splitlines(keepends=True)
    assert len(lines) == 5  # the head, one line per session, the close
    cut = tmp_path / "cut.json"
    cut.write_text("".join(lines[:3]))
    store.delete_all()
    result = run("import", str(cut))
    assert result.returncode == 1 and "cut short" in result.stderr
    assert store.count_sessions() == 0
    done = run("import", str(path))
    assert done.returncode == 0 and "Imported 3 sessions." in done.stdout


# --- the app survives any row --------------------------------------------------------------------


def _bad_rows(store: Store) -> str:
    """Rows an older import let in, written straight to the file."""
    sid = store.create_session("solo")
    store.save_answer(sid, "name", "word", "hurt")
    stamp = "2026-03-01T21:40:00+00:00"
    rows = [
        ("pause", "return_at", "5"),
        ("pause", "calm_before", "NaN"),
        ("pause", "calm_after", "Infinity"),
        ("name", "intensity", '"lots"'),
        ("reframe", "thought", "{not json"),
    ]
    with store._write() as db:
        db.executemany(
            "INSERT INTO answers (session_id, partner, step, field, value, private, saved_at) "
            "VALUES (?, 'A', ?, ?, ?, 0, ?)",
            [(sid, step, name, value, stamp) for step, name, value in rows],
        )
    other = store.create_session("solo")
    store.save_answer(other, "pause", "return_at", "2026-03-01T22:00:00+00:00")
    with store._write() as db:
        db.execute(
            "UPDATE answers SET value = '\"9999-99-99 later\"' WHERE session_id = ?", (other,)
        )
    return sid


def test_bad_rows_are_passed_over_by_every_reader(store: Store) -> None:
    from datetime import UTC, datetime

    from softlanding.report.insights import summarise
    from softlanding.store import archive

    sid = _bad_rows(store)
    assert store.pending_return() is None
    record = store.load(sid)
    assert record is not None and record.skipped == 5 and record.get("name", "word") == "hurt"
    assert len(archive.history_page(store, 10)) == 2
    summarise(archive.pattern_facts(store), datetime.now(UTC))
    assert store.list_sessions()
    exported = run("export", "--format", "json")
    assert exported.returncode == 0 and "NaN" not in exported.stdout


async def test_the_app_starts_lists_and_resumes_with_bad_rows(make_app, store: Store) -> None:
    from softlanding.screens.history.history import HistoryScreen

    sid = _bad_rows(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_history()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        app.resume_session(sid)
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert any("could not be read" in n for n in notes)
    assert app.return_code in (None, 0)
