"""The session store: schema, migrations, autosave, resume, deletion, corruption, concurrency."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from softlanding import paths
from softlanding.store.archive import history_page
from softlanding.store.migrations import MIGRATIONS
from softlanding.store.sessions import NewerDatabaseError, Store, StoreError

CANARY = "purple-elephant-canary-7731"


def schema(db: Path) -> dict[str, list[tuple[str, str, int, int]]]:
    conn = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            t: [(c[1], c[2], c[3], c[5]) for c in conn.execute(f"PRAGMA table_info({t})")]
            for t in tables
        }
    finally:
        conn.close()


def test_blank_database_gets_exact_schema() -> None:
    Store.open().close()
    got = schema(paths.database_path())
    assert sorted(got) == ["_migrations", "answers", "partners", "sessions", "settings", "tags"]
    assert got["sessions"] == [
        ("id", "TEXT", 0, 1),
        ("kind", "TEXT", 1, 0),
        ("status", "TEXT", 1, 0),
        ("started_at", "TEXT", 1, 0),
        ("updated_at", "TEXT", 1, 0),
        ("ended_at", "TEXT", 0, 0),
        ("current_step", "TEXT", 0, 0),
    ]
    assert [c[0] for c in got["answers"]] == [
        "session_id",
        "partner",
        "step",
        "field",
        "value",
        "private",
        "saved_at",
    ]
    conn = sqlite3.connect(paths.database_path())
    names = [r[0] for r in conn.execute("SELECT name FROM _migrations")]
    assert names == [fn.__name__ for fn in MIGRATIONS]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_applies_nothing_twice_and_keeps_rows() -> None:
    with Store.open() as store:
        sid = store.create_session("solo")
        store.save_answer(sid, "name", "word", "hurt")
    with Store.open() as store:
        assert store.load(sid).get("name", "word") == "hurt"
        count = store.conn.execute("SELECT count(*) FROM _migrations").fetchone()[0]
    assert count == len(MIGRATIONS)


def test_upgrade_from_m001_keeps_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A database made by the first migration only is upgraded with every row intact."""
    from softlanding.store import connection as store_module
    from softlanding.store import migrations

    first_only = MIGRATIONS[:1]
    monkeypatch.setattr(store_module, "MIGRATIONS", first_only)
    with Store.open() as old:
        sid = old.create_session("solo", tags=["money"])
        old.save_answer(sid, "reframe", "thought", "they don't care")

    def m999_extra(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE sessions ADD COLUMN mood TEXT")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*first_only, m999_extra])
    with Store.open() as new:
        record = new.load(sid)
        assert record.get("reframe", "thought") == "they don't care"
        assert record.tags == ["money"]
        cols = [c[1] for c in new.conn.execute("PRAGMA table_info(sessions)")]
        assert "mood" in cols
    assert migrations.MIGRATIONS  # the real registry is untouched


def test_autosave_is_on_disk_without_close() -> None:
    store = Store.open()
    sid = store.create_session("solo")
    store.save_answer(sid, "pause", "calm_before", 3)
    # A second, independent connection sees the committed answer while the first is still open.
    with Store.open(readonly=True) as reader:
        assert reader.load(sid).get("pause", "calm_before") == 3
    store.close()


def test_resume_finds_latest_open_session_and_step() -> None:
    with Store.open() as store:
        done = store.create_session("solo")
        store.finish(done, "completed")
        open_id = store.create_session("solo")
        store.save_answer(open_id, "name", "word", "lonely")
        unfinished = store.unfinished()
        assert unfinished is not None and unfinished.id == open_id
        assert unfinished.current_step == "name"
        store.finish(open_id, "abandoned")
        assert store.unfinished() is None


def test_private_flag_and_partners_are_kept() -> None:
    with Store.open() as store:
        sid = store.create_session("together", partners=[("A", "Alex"), ("B", "Sam")])
        store.save_answer(sid, "name", "note", "just for me", partner="B", private=True)
        record = store.load(sid)
    assert record.partners == {"A": "Alex", "B": "Sam"}
    assert ("B", "name", "note") in record.private


def _file_bytes(db: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            data += side.read_bytes()
    return data


def test_delete_one_leaves_no_trace_of_its_text() -> None:
    with Store.open() as store:
        keep = store.create_session("solo")
        store.save_answer(keep, "name", "word", "calm-keeper")
        gone = store.create_session("solo")
        store.save_answer(gone, "reframe", "thought", CANARY * 20)
        assert CANARY.encode() in _file_bytes(paths.database_path())
        assert store.delete(gone)
        assert store.load(gone) is None
        assert store.load(keep) is not None
    assert CANARY.encode() not in _file_bytes(paths.database_path())


def test_delete_all_leaves_no_trace() -> None:
    with Store.open() as store:
        for _ in range(5):
            sid = store.create_session("solo")
            store.save_answer(sid, "respond", "final", CANARY)
        assert store.delete_all() == 5
        assert store.count_sessions() == 0
    assert CANARY.encode() not in _file_bytes(paths.database_path())


def test_modes_are_owner_only() -> None:
    with Store.open() as store:
        sid = store.create_session("solo")
        store.save_answer(sid, "name", "word", "hurt")
        db = paths.database_path()
        assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
        for suffix in ("", "-wal", "-shm"):
            side = db.with_name(db.name + suffix)
            if side.exists():
                assert stat.S_IMODE(side.stat().st_mode) == 0o600, side


def test_corrupt_file_is_moved_aside_and_kept() -> None:
    db = paths.database_path()
    paths.ensure_private_dir(db.parent)
    db.write_bytes(b"this is not a database at all " * 200)
    with Store.open() as store:
        assert store.notice and "kept safe" in store.notice
        assert store.count_sessions() == 0
    aside = list(db.parent.glob("softlanding.db.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes().startswith(b"this is not a database")
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_newer_database_is_refused_and_untouched() -> None:
    with Store.open() as store:
        store.conn.execute("INSERT INTO _migrations VALUES ('m999_from_the_future', 'x')")
    before = paths.database_path().read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        Store.open()
    assert paths.database_path().read_bytes() == before


def test_data_folder_that_is_a_file_gives_plain_error(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "data").write_text("oops")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        Store.open()


def test_readonly_open_of_missing_file_is_empty_and_creates_nothing() -> None:
    with Store.open(readonly=True) as store:
        assert history_page(store, 50) == []
    assert not paths.database_path().exists()


def _writer(home: str, label: str, count: int) -> None:
    os.environ["SOFTLANDING_HOME"] = home
    with Store.open() as store:
        for i in range(count):
            sid = store.create_session("solo")
            store.save_answer(sid, "name", "word", f"{label}-{i}")


def test_two_processes_writing_at_once(isolated_home: Path) -> None:
    Store.open().close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(isolated_home), n, 40)) for n in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with Store.open() as store:
        assert store.count_sessions() == 80
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_list_filters_and_pages() -> None:
    with Store.open() as store:
        for i in range(30):
            sid = store.create_session("solo", tags=["money"] if i % 3 == 0 else [])
            store.save_answer(sid, "name", "word", f"w{i}")
        assert len(history_page(store, 10)) == 10
        assert store.count_sessions(tag="money") == 10
        assert all("money" in r.tags for r in history_page(store, 50, tag="money"))


def test_return_time_no_longer_pending_once_they_came_back() -> None:
    with Store.open() as store:
        sid = store.create_session("solo")
        store.save_answer(sid, "pause", "return_at", "2099-01-01T12:00:00+00:00")
        assert store.pending_return() == ("2099-01-01T12:00:00+00:00", sid)
        store.save_answer(sid, "pause", "returned_at", "2026-01-01T12:00:00+00:00")
        assert store.pending_return() is None


def test_pair_position_is_not_overwritten_by_a_save() -> None:
    with Store.open() as store:
        sid = store.create_session("together", partners=[("A", "Alex"), ("B", "Sam")])
        store.set_step(sid, "name@B")
        store.save_answer(sid, "name", "word", "hurt", partner="B")
        assert store.load(sid).current_step == "name@B"
