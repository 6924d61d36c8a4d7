"""Plain words and honest exit codes for odd input and odd outputs (issue 11 §6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from softlanding.store.sessions import Store

UNEXPECTED = ("unexpected problem", "Traceback", "Exception ignored")


def run(*args: str, env: dict[str, str] | None = None, **kw: Any) -> subprocess.CompletedProcess:
    kw.setdefault("stdin", subprocess.DEVNULL)
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "softlanding", *args],
        timeout=60,
        env={**os.environ, **(env or {})},
        **kw,
    )


def calm(result: subprocess.CompletedProcess) -> str:
    """stderr as text, asserting it holds no traceback or 'unexpected problem'."""
    err = result.stderr.decode("utf-8", "replace")
    assert not any(word in err for word in UNEXPECTED), err
    return err


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "softlanding-export", "version": 1, "x": ' + "9" * 5000 + "}", "number"),
        ('{"format": "softlanding-export", "version": 1, "sessions": [{"id": "\\ud800"}]}', "id"),
    ],
    ids=["deep", "long-number", "lone-surrogate-id"],
)
def test_hostile_json_gets_plain_words(body: str, said: str, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(body)
    result = run("import", str(path))
    assert result.returncode == 1 and said in calm(result)


def test_a_lone_surrogate_in_a_name_is_refused_plainly(tmp_path: Path) -> None:
    stamp = "2026-03-01T21:40:00+00:00"
    session = {"id": "s1", "kind": "solo", "status": "open", "started_at": stamp}
    session |= {"updated_at": stamp, "partners": {"A": "\ud83d"}, "answers": []}
    path = tmp_path / "x.json"
    path.write_text(
        json.dumps({"format": "softlanding-export", "version": 1, "sessions": [session]})
    )
    result = run("import", str(path))
    assert result.returncode == 1 and "lone surrogate" in calm(result)


@pytest.mark.parametrize("command", [["history"], ["export", "--format", "json"], ["export"]])
def test_a_full_stdout_is_said_plainly(command: list[str]) -> None:
    with Store.open() as store:
        store.save_answer(store.create_session("solo"), "name", "word", "hurt")
    with open("/dev/full", "wb") as full:
        result = run(*command, stdout=full)
    assert result.returncode == 1 and "could not write its output" in calm(result)


@pytest.mark.parametrize("limit", ["1e20", "100000000000000000000", "0", "-3"])
def test_limits_out_of_range_are_named(limit: str) -> None:
    result = run("history", "--limit", limit)
    assert result.returncode == 2 and "is not a whole number from 1 to" in calm(result)


@pytest.mark.parametrize("since", ["9999-12-31T23:00:00-05:00", "9999-12-31T23:59:59-12:00"])
def test_dates_past_the_end_of_time_are_named(since: str) -> None:
    result = run("export", "--since", since)
    assert result.returncode == 2 and "is not a date like" in calm(result)


@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
def test_non_utf8_stdin_saves_one_whole_reflection(locale: str) -> None:
    env = {"LC_ALL": locale, "PYTHONIOENCODING": ""}
    saved = run("reflect", "--save", env=env, input=b"you never \xff\xfe listen", stdin=None)
    assert saved.returncode == 0, calm(saved)
    with Store.open(readonly=True) as store:
        assert store.count_sessions() == 1
        record = store.latest_session(kinds=("reflect",))
        assert record is not None and record.status == "completed"
        assert record.get("reflect", "text") == "you never \ufffd\ufffd listen"
    shown = run("reflect", "--json", env=env, input=b"ur so \xff lazy", stdin=None)
    assert shown.returncode == 0
    assert json.loads(shown.stdout.decode("utf-8"))["text"] == "ur so \ufffd lazy"


def test_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    message = "you never listen to me, you always do this. " * 200
    script = (
        f'"{sys.executable}" -m softlanding reflect --json "{message}" 2>"{tmp_path}/err" '
        '| head -c 1500 >/dev/null; echo "${PIPESTATUS[0]}"'
    )
    for _ in range(5):
        done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
        assert done.stdout.strip() in ("0", "141")
        assert (tmp_path / "err").read_text() == ""


def test_a_home_that_is_a_file_is_named(tmp_path: Path) -> None:
    home = tmp_path / "afile"
    home.write_text("")
    result = run("history", env={"SOFTLANDING_HOME": str(home)})
    assert result.returncode == 1 and "is a file, not a folder" in calm(result)


def test_filters_that_match_nothing_say_so(store: Store) -> None:
    store.save_answer(store.create_session("solo", tags=["money"]), "name", "word", "hurt")
    for args in (("--tag", "chores"), ("--since", "2999-01-01")):
        result = run("history", *args)
        text = result.stdout.decode()
        assert "No sessions match" in text and "No saved sessions yet" not in text


def test_one_is_said_as_one(store: Store, tmp_path: Path) -> None:
    store.save_answer(store.create_session("solo"), "name", "word", "hurt")
    path = tmp_path / "one.json"
    wrote = run("export", "--format", "json", "-o", str(path)).stdout.decode()
    assert "Wrote 1 session to" in wrote
    forgot = run("forget", "--all", "--yes").stdout.decode()
    assert "Deleted 1 session." in forgot
    imported = run("import", str(path)).stdout.decode()
    assert "Imported 1 session." in imported
