"""The storage side of privacy: unkept words leave the file, stale ones too, sealed ones stay."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from softlanding.flow.keeping import NOT_WRITTEN, Keeping
from softlanding.models import now_utc
from softlanding.store import privacy, seal


def file_bytes(path: Path) -> bytes:
    return b"".join(
        Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm") if Path(f"{path}{s}").exists()
    )


def test_a_session_left_open_over_a_day_loses_its_unsealed_private_words(store) -> None:
    old = store.create_session("together", started_at=now_utc() - timedelta(days=2))
    store.save_answer(old, "name", "word", "STALEWORD", partner="B", private=True)
    store.conn.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", ("2020-01-01", old))
    fresh = store.create_session("together")
    store.save_answer(fresh, "name", "word", "FRESHWORD", partner="B", private=True)
    assert privacy.erase_stale(store) == 1
    assert b"STALEWORD" not in file_bytes(store.path)
    assert store.load(fresh).get("name", "word", "B") == "FRESHWORD"  # still being typed


def test_ending_a_session_keeps_sealed_and_shared_words_only(store) -> None:
    sid = store.create_session("together")
    keeping = Keeping()
    keeping.set_passphrase("A", "alex's")
    sealed = keeping.for_disk("name", "word", "ALEXWORD", "A", private=True)
    store.save_answer(sid, "name", "word", sealed, partner="A", private=True)
    store.save_answer(sid, "name", "word", "SAMWORD", partner="B", private=True)
    store.save_answer(sid, "name", "need", "rest", partner="B", private=False)
    store.finish(sid, "completed")
    assert privacy.erase_unkept(store, sid) == 1
    record = store.load(sid)
    assert seal.is_sealed(record.get("name", "word", "A"))
    assert record.get("name", "word", "B") is None and record.get("name", "need", "B") == "rest"
    data = file_bytes(store.path)
    assert b"SAMWORD" not in data and b"ALEXWORD" not in data


def test_keeping_rules() -> None:
    keeping = Keeping()
    assert keeping.for_disk("name", "word", "x", "A", private=True) == "x"  # erased at the end
    keeping.sealing.add("B")  # a resumed session: B chose a passphrase, the key is gone
    assert keeping.for_disk("name", "word", "x", "B", private=True) is NOT_WRITTEN
    kept, _ = seal.new_lock("lock pass")
    locked = Keeping(lock_public=seal.lock_public(kept))
    assert locked.for_disk("name", "word", "x", "A", private=True) is NOT_WRITTEN
    assert seal.is_sealed(locked.for_disk("name", "word", "x", "A", private=False))
    at = "2030-01-01T00:00:00+00:00"
    assert locked.for_disk("pause", "return_at", at, "A", private=False) == at
