"""Cost stays flat as the history grows (issue 11 §7)."""

from __future__ import annotations

import inspect
import io
import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from softlanding import paths
from softlanding.store import archive, connection, importer, sessions
from softlanding.store.sessions import Store


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every SQL statement the store's connections run from now on."""
    seen: list[str] = []
    real = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real(*args, **kwargs)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(connection.sqlite3, "connect", traced)
    return seen


def _checked(seen: list[str]) -> bool:
    return any("quick_check" in s for s in seen)


def test_a_cleanly_closed_file_is_not_checked_again(statements: list[str]) -> None:
    with Store.open() as store:
        store.save_answer(store.create_session("solo"), "name", "word", "hurt")
    statements.clear()
    with Store.open() as store:
        assert store.count_sessions() == 1
    assert not _checked(statements)


_DIES_WHILE_OPEN = textwrap.dedent("""\
    import os
    from softlanding.store.sessions import Store
    store = Store.open()
    store.save_answer(store.create_session("solo"), "name", "word", "hurt")
    os._exit(9)  # killed: no clean close
""")


def test_the_file_is_checked_after_an_unclean_exit(statements: list[str]) -> None:
    with Store.open():
        pass
    died = subprocess.run([sys.executable, "-c", _DIES_WHILE_OPEN], timeout=60)
    assert died.returncode == 9
    statements.clear()
    with Store.open() as store:
        assert store.count_sessions() == 1
    assert _checked(statements)
    statements.clear()
    with Store.open():
        pass
    assert not _checked(statements)  # and the next clean open is quick again


def test_a_file_changed_behind_our_back_is_checked(statements: list[str]) -> None:
    with Store.open():
        pass
    with sqlite3.connect(paths.database_path()) as other:  # another program wrote to it
        other.execute("INSERT INTO settings VALUES ('x', '1')")
    other.close()
    statements.clear()
    with Store.open():
        pass
    assert _checked(statements)


def test_homes_return_time_lookup_uses_an_index(store: Store) -> None:
    plan = " ".join(
        row[-1] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sessions.RETURN_SQL, ("",))
    )
    assert "answers_by_field" in plan and "SCAN a" not in plan


def test_an_older_file_gets_the_index_and_readers_manage_without_it() -> None:
    with Store.open() as store:
        store.create_session("solo")
        with store._write() as db:
            db.execute("DROP INDEX answers_by_field")
            db.execute("DELETE FROM _migrations WHERE name = 'm002_answer_lookup'")
    path = paths.database_path()
    path.chmod(0o400)  # a reader that may not write still reads
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    conn.close()
    with Store.open(readonly=True) as store:
        assert store.count_sessions() == 1
    path.chmod(0o600)
    with Store.open() as store:
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert "answers_by_field" in names


def test_json_export_is_written_a_batch_at_a_time(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from softlanding.store import stream

    for n in range(5):
        store.save_answer(store.create_session("solo"), "name", "word", f"w{n}")
    calls: list[int] = []
    real = stream._collect

    def counting(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        found = real(*args, **kwargs)
        calls.append(len(found))
        return found

    monkeypatch.setattr(stream, "_collect", counting)
    monkeypatch.setattr(stream, "BATCH", 2)
    text = "".join(stream.export_chunks(store, None))
    assert calls == [2, 2, 1]
    whole = archive.dumps(archive.export_json(store))
    assert json.loads(text)["sessions"] == json.loads(whole)["sessions"]
    assert text.splitlines()[1:] == whole.splitlines()[1:]  # the same layout, line for line


def test_import_reads_an_export_one_session_at_a_time(store: Store) -> None:
    from softlanding.store import stream

    for n in range(3):
        store.save_answer(store.create_session("solo"), "name", "word", f"w{n}")
    text = "".join(stream.export_chunks(store, None)).encode()
    header, items = stream.read_export(io.BytesIO(text))
    assert inspect.isgenerator(items) and header["format"] == "softlanding-export"
    store.delete_all()
    cut = b"\n".join(text.splitlines()[:3]) + b"\n"  # the head and two sessions, then nothing
    header, items = stream.read_export(io.BytesIO(cut))
    with pytest.raises(stream.ReadProblem):
        importer.import_items(store, header, items)
    assert store.count_sessions() == 0  # all or nothing, even streamed


def test_show_of_a_giant_session_lists_a_page_and_says_how_many_more(tmp_path: Path) -> None:
    with Store.open() as store:
        sid = store.create_session("solo")
        with store._write() as db:
            db.executemany(
                "INSERT INTO answers (session_id, partner, step, field, value, private, saved_at) "
                "VALUES (?, 'A', 'notes', ?, ?, 0, '2026-01-01T00:00:00+00:00')",
                [(sid, f"f{n}", json.dumps(f"note {n}")) for n in range(3000)],
            )
    done = subprocess.run(
        [sys.executable, "-m", "softlanding", "show", sid],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "…and 2500 more" in done.stdout
