"""Who owns each stored answer, and how unkept words leave the file: storage side of privacy.

Part of the storage layer (reads `store.conn`, writes inside `store._write()`); no Textual.
A row with `private = 1` is its partner's alone. Unless its value is sealed (see store.seal),
it is kept only while its session is open: erased when the session ends, or a day after the
session was last touched, and the file is rebuilt so the words cannot be read back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from softlanding.models import iso, now_utc
from softlanding.store import health
from softlanding.store.rows import BAD, decode, encode
from softlanding.store.seal import Keyring
from softlanding.store.sessions import Store

STALE_AFTER = timedelta(days=1)
LOCK_SETTING = "lock"  # the store lock's public key and sealed private key (store.seal)
# the SQL test for "this value is not sealed" (a sealed value is a JSON object with "sealed")
UNSEALED = "json_extract(CASE WHEN json_valid(value) THEN value END, '$.sealed') IS NULL"
# answers the app itself needs without a passphrase (times, not words): never locked
NOT_WORDS = frozenset(
    {
        ("pause", "return_at"),
        ("pause", "returned_at"),
        ("pause", "break_minutes"),
        ("closing", "follow_up_at"),
        ("summary", "completed"),
    }
)


def memory_store() -> Store:
    """A store that lives in memory only: a session saved here leaves nothing on disk."""
    store = Store(sqlite3.connect(":memory:", isolation_level=None), None, readonly=False)
    store._migrate()
    return store


def lock_public(store: Store) -> bytes | None:
    """The store lock's public key, when the store is locked (new words are sealed to it)."""
    from softlanding.store.seal import lock_public as public

    kept = store.get_setting(LOCK_SETTING)
    return public(kept) if isinstance(kept, dict) else None


def adopt_lock(store: Store, kept: Any) -> bool:
    """An imported file's lock becomes this store's when it has none (its sealed words stay
    sealed and open with the same passphrase). A store already locked keeps its own."""
    from softlanding.store.seal import valid_lock

    if not valid_lock(kept) or is_locked(store):
        return False
    store.set_setting(LOCK_SETTING, kept)
    return True


def is_locked(store: Store) -> bool:
    return isinstance(store.get_setting(LOCK_SETTING), dict)


def clear_lock(store: Store) -> None:
    with store._write() as db:
        db.execute("DELETE FROM settings WHERE key = ?", (LOCK_SETTING,))


def erase_unkept(store: Store, sid: str) -> int:
    """At the end of a session: its unsealed private words leave the file for good."""
    with store._write() as db:
        gone = db.execute(
            f"DELETE FROM answers WHERE session_id = ? AND private = 1 AND {UNSEALED}", (sid,)
        ).rowcount
        if gone:
            health.mark_scrub(db)  # a scrub cut short is finished on the next open
    if gone:
        store._scrub(wait_ms=1000)
    return int(gone)


def erase_stale(store: Store, now: datetime | None = None) -> int:
    """Unsealed private words of sessions left open for more than a day are erased too."""
    cutoff = iso((now or now_utc()) - STALE_AFTER)
    with store._write() as db:
        gone = db.execute(
            "DELETE FROM answers WHERE private = 1 AND "
            f"{UNSEALED} AND session_id IN "
            "(SELECT id FROM sessions WHERE status != 'open' OR updated_at < ?)",
            (cutoff,),
        ).rowcount
        if gone:
            health.mark_scrub(db)
    if gone:
        store._scrub(wait_ms=100)  # at start-up: a window still reading only delays it
    return int(gone)


def is_word(step: str, field: str) -> bool:
    return (step, field) not in NOT_WORDS


_KEEP = object()  # reseal_all: leave the lock setting as it is


def reseal_all(store: Store, change: Callable[[str, str, Any], Any], lock: Any = _KEEP) -> int:
    """Pass every answer value through `change(step, field, value)` (lock, unlock, re-seal),
    in one transaction, then rebuild the file so no old copy of a value survives.

    `lock`: the lock setting to keep from now on (None: no lock), written in the same
    transaction, so an interruption leaves the old words under the old lock or the new under
    the new, never words open while a lock is said to hold them."""
    rows = store.conn.execute("SELECT rowid, step, field, value FROM answers").fetchall()
    updates: list[tuple[str, int]] = []
    for rowid, step, field, raw in rows:
        value = decode(step, field, raw)
        if value is BAD:
            continue  # a damaged or hand-edited row is left as it is, never a crash
        new = change(step, field, value)
        if new is not value:
            updates.append((encode(new), rowid))
    with store._write() as db:
        db.executemany("UPDATE answers SET value = ? WHERE rowid = ?", updates)
        if lock is None:
            db.execute("DELETE FROM settings WHERE key = ?", (LOCK_SETTING,))
        elif lock is not _KEEP:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (LOCK_SETTING, json.dumps(lock)),
            )
        health.mark_scrub(db)
    store._scrub(wait_ms=1000)
    return len(updates)


def open_keyring(
    store: Store, passphrase: str, keyring: Keyring, sids: Iterable[str] | None = None
) -> bool:
    """Add what `passphrase` opens (the store lock, a partner's seal) to `keyring`; False
    when it opens nothing here (of these sessions, when given)."""
    from softlanding.store.seal import open_lock

    kept = store.get_setting(LOCK_SETTING)
    private = open_lock(kept, passphrase) if isinstance(kept, dict) else None
    if private is None and not _opens_a_seal(store, passphrase, sids):
        return False
    keyring.passphrases.append(passphrase)
    keyring.forget_derived()
    if private is not None:
        keyring.lock_private = private
    return True


def _opens_a_seal(store: Store, passphrase: str, sids: Iterable[str] | None) -> bool:
    """Whether the passphrase opens one partner-sealed answer (one derive per salt)."""
    from softlanding.store.seal import MARK, Keyring

    trial, seen = Keyring(passphrases=[passphrase]), set()
    where, args = f"NOT {UNSEALED}", tuple[str, ...]()
    if sids is not None:
        args = tuple(sids)
        where += f" AND session_id IN ({','.join('?' * len(args))})"
    for (raw,) in store.conn.execute(f"SELECT value FROM answers WHERE {where}", args):
        value = json.loads(raw)
        if value.get(MARK) != "passphrase" or value.get("salt") in seen:
            continue
        seen.add(value.get("salt"))
        if trial.open(value)[0]:
            return True
    return False


def sealed_rows(store: Store, sids: Iterable[str] | None = None) -> int:
    """How many stored answers are sealed (all, or of these sessions)."""
    if sids is None:
        query, args = "SELECT count(*) FROM answers WHERE NOT " + UNSEALED, tuple[str, ...]()
    else:
        ids = tuple(sids)
        marks = ",".join("?" * len(ids))
        query = f"SELECT count(*) FROM answers WHERE session_id IN ({marks}) AND NOT {UNSEALED}"
        args = ids
    return int(store.conn.execute(query, args).fetchone()[0])
