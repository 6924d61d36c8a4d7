"""SQLite session store: safe connection settings, migrations, autosave, resume, real deletion."""

from __future__ import annotations

import json
import sqlite3
import sys
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext, suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from softlanding import paths
from softlanding.models import (
    Kind,
    SessionRecord,
    SessionSummary,
    Status,
    answer_problem,
    iso,
    now_utc,
    parse_iso,
)
from softlanding.store import health
from softlanding.store.errors import (
    BUSY,
    NewerDatabaseError,
    StoreError,
    is_corruption,
    plain_sqlite,
)
from softlanding.store.files import (
    LockTimeout,
    WriteLock,
    linked,
    move_aside,
    private_umask,
    restrict_modes,
)
from softlanding.store.migrations import MIGRATIONS, applied, refuse_newer
from softlanding.store.rows import BAD, JSON_VALUE, decode, encode, session_filters, split


class Store:
    """All reads and writes of sessions; one short transaction per saved answer."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.notice: str | None = None
        self.scrub_waiting = False  # deleted words still pinned by another window's read
        self._lock = (
            WriteLock(path.with_name(path.name + ".lock")) if path and not readonly else None
        )

    # --- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None, readonly: bool = False) -> Store:
        """Open (creating if needed) the database; a corrupt file is moved aside, never deleted."""
        path = Path(path) if path else paths.database_path()
        _refuse_links(path)
        if readonly:
            return cls._open_readonly(path)
        try:
            paths.ensure_private_dir(path.parent)
        except paths.PathsError as exc:
            raise StoreError(str(exc)) from None
        _refuse_links(path)
        try:
            return cls._open_writable(path)
        except NewerDatabaseError:
            raise
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                raise StoreError(plain_sqlite(exc, path)) from None
        try:
            moved = move_aside(path)
        except OSError as exc:
            raise StoreError(
                f"The sessions file ({path}) is damaged, and softlanding could not move it aside "
                f"({exc.strerror or exc}). Check that its folder is yours and writable."
            ) from None
        try:
            store = cls._open_writable(path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(plain_sqlite(exc, path)) from None
        store.notice = (
            f"Your saved sessions file could not be read, so it was kept safe as {moved} and a "
            "new one was started. To try to recover it: "
            f'sqlite3 "{moved}" ".recover" | sqlite3 recovered.db'
        )
        return store

    @classmethod
    def _open_writable(cls, path: Path) -> Store:
        check = health.needs_check(path)
        with private_umask():
            conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
        try:
            restrict_modes(path)
            conn.execute("PRAGMA busy_timeout=5000")
            refuse_newer(conn, path)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            if sys.platform == "darwin":
                conn.execute("PRAGMA fullfsync=ON")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")
            if check and conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
            health.forget_clean(path)  # until we close cleanly, the next open checks again
            store = cls(conn, path, readonly=False)
            store._migrate()
            restrict_modes(path)
            store._finish_scrub()
            return store
        except BaseException:
            conn.close()
            raise

    @classmethod
    def _open_readonly(cls, path: Path, tidied: bool = False) -> Store:
        if not path.exists():
            try:
                paths.usable_folder(path.parent)
            except paths.PathsError as exc:
                raise StoreError(str(exc)) from None
            conn = sqlite3.connect(":memory:", isolation_level=None)
            store = cls(conn, None, readonly=True)
            store._migrate()
            return store
        try:
            conn = sqlite3.connect(
                f"{path.as_uri()}?mode=ro", uri=True, timeout=5.0, isolation_level=None
            )
            conn.execute("PRAGMA busy_timeout=5000")
            refuse_newer(conn, path)
            missing = {fn.__name__ for fn in MIGRATIONS} - applied(conn)
            if not tidied and (missing or health.scrub_pending(conn)):
                conn.close()  # finish an upgrade or an interrupted scrub first, if we may write
                notice = _tidy(path)
                store = cls._open_readonly(path, tidied=True)
                store.notice = notice
                return store
            if missing - READER_OPTIONAL:
                raise StoreError(
                    "Your saved sessions need an upgrade first: "
                    "open softlanding once, then try again."
                )
            return cls(conn, path, readonly=True)
        except sqlite3.DatabaseError as exc:
            raise StoreError(plain_sqlite(exc, path, reading=True)) from None

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations "
            "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = applied(self.conn)
        for fn in MIGRATIONS:
            if fn.__name__ in done:
                continue
            with self._write():
                fn(self.conn)
                self.conn.execute(
                    "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                    (fn.__name__, iso(now_utc())),
                )
                self.conn.execute(f"PRAGMA user_version={len(MIGRATIONS)}")

    def close(self) -> None:
        self.conn.close()
        if not self.readonly and self.path is not None:
            health.mark_clean(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One explicit write transaction under the cross-process lock (SQLite 3.40 WAL bug)."""
        if self.readonly and self.path is not None:
            raise StoreError("This view is read-only.")
        with self._locked():
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(plain_sqlite(exc, self.path)) from None
            try:
                yield self.conn
            except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
                self._rollback()
                raise
            except sqlite3.DatabaseError as exc:
                # A full disk or a read-only file fails mid-write: say so, keep what was saved.
                self._rollback()
                raise StoreError(plain_sqlite(exc, self.path)) from None
            except BaseException:
                self._rollback()
                raise
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self._rollback()
                raise StoreError(plain_sqlite(exc, self.path)) from None

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The cross-process write lock, given up with a plain message if another writer hangs."""
        try:
            with self._lock if self._lock else nullcontext():
                yield
        except LockTimeout:
            raise StoreError(BUSY) from None

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (SQLITE_FULL); don't mask the real error.
        if self.conn.in_transaction:
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    # --- sessions ----------------------------------------------------------------------------

    def create_session(
        self,
        kind: Kind,
        partners: Iterable[tuple[str, str]] = (("A", "You"),),
        tags: Iterable[str] = (),
        started_at: datetime | None = None,
        session_id: str | None = None,
    ) -> str:
        sid = session_id or uuid.uuid4().hex[:16]
        stamp = iso(started_at or now_utc())
        with self._write() as db:
            db.execute(
                "INSERT INTO sessions (id, kind, status, started_at, updated_at) "
                "VALUES (?, ?, 'open', ?, ?)",
                (sid, kind, stamp, stamp),
            )
            db.executemany(
                "INSERT INTO partners (session_id, slot, name) VALUES (?, ?, ?)",
                [(sid, slot, name) for slot, name in partners],
            )
            db.executemany(
                "INSERT OR IGNORE INTO tags (session_id, tag) VALUES (?, ?)",
                [(sid, tag) for tag in tags],
            )
        return sid

    def save_answer(
        self, sid: str, step: str, field: str, value: Any, partner: str = "A", private: bool = False
    ) -> None:
        """Autosave one answer the moment it is given."""
        self.save_answers(sid, step, {field: value}, partner=partner, private=private)

    def save_answers(
        self, sid: str, step: str, values: dict[str, Any], partner: str = "A", private: bool = False
    ) -> None:
        stamp = iso(now_utc())
        for name, value in values.items():
            problem = answer_problem(step, name, value)
            if problem:
                raise StoreError(f"softlanding could not save this answer: it {problem}.")
        rows = [
            (sid, partner, step, name, encode(value), int(private), stamp)
            for name, value in values.items()
        ]
        with self._write() as db:
            db.executemany(
                "INSERT INTO answers (session_id, partner, step, field, value, private, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, partner, step, field) "
                "DO UPDATE SET value = excluded.value, private = excluded.private, "
                "saved_at = excluded.saved_at",
                rows,
            )
            # A pair's position names the partner too ("name@B"); the flow keeps that up to date.
            db.execute(
                "UPDATE sessions SET updated_at = ?, "
                "current_step = CASE WHEN kind = 'solo' THEN ? ELSE current_step END WHERE id = ?",
                (stamp, step, sid),
            )

    def save_whole(self, kind: Kind, step: str, values: dict[str, Any]) -> str:
        """A finished one-step session in one transaction: never an empty one left open."""
        for name, value in values.items():
            problem = answer_problem(step, name, value)
            if problem:
                raise StoreError(f"softlanding could not save this: '{name}' {problem}.")
        sid, stamp = uuid.uuid4().hex[:16], iso(now_utc())
        with self._write() as db:
            db.execute(
                "INSERT INTO sessions (id, kind, status, started_at, updated_at, ended_at, "
                "current_step) VALUES (?, ?, 'completed', ?, ?, ?, ?)",
                (sid, kind, stamp, stamp, stamp, step),
            )
            db.execute(
                "INSERT INTO partners (session_id, slot, name) VALUES (?, 'A', 'You')", (sid,)
            )
            db.executemany(
                "INSERT INTO answers (session_id, partner, step, field, value, private, saved_at) "
                "VALUES (?, 'A', ?, ?, ?, 0, ?)",
                [(sid, step, name, encode(value), stamp) for name, value in values.items()],
            )
        return sid

    def forget_answer(self, sid: str, step: str, field: str, partner: str = "A") -> None:
        with self._write() as db:
            db.execute(
                "DELETE FROM answers "
                "WHERE session_id = ? AND partner = ? AND step = ? AND field = ?",
                (sid, partner, step, field),
            )

    def set_step(self, sid: str, step: str) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET current_step = ?, updated_at = ? WHERE id = ?",
                (step, iso(now_utc()), sid),
            )

    def set_tags(self, sid: str, tags: Iterable[str]) -> None:
        with self._write() as db:
            db.execute("DELETE FROM tags WHERE session_id = ?", (sid,))
            db.executemany(
                "INSERT OR IGNORE INTO tags (session_id, tag) VALUES (?, ?)",
                [(sid, t) for t in tags],
            )

    def finish(self, sid: str, status: Status) -> None:
        stamp = iso(now_utc())
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, updated_at = ? WHERE id = ?",
                (status, stamp, stamp, sid),
            )

    # --- reading -----------------------------------------------------------------------------

    def load(self, sid: str) -> SessionRecord | None:
        row = self.conn.execute(
            "SELECT id, kind, status, started_at, updated_at, ended_at, current_step "
            "FROM sessions WHERE id = ?",
            (sid,),
        ).fetchone()
        if row is None:
            return None
        record = SessionRecord(*row)
        for slot, name in self.conn.execute(
            "SELECT slot, name FROM partners WHERE session_id = ? ORDER BY slot", (sid,)
        ):
            record.partners[slot] = name
        record.tags = [
            t
            for (t,) in self.conn.execute(
                "SELECT tag FROM tags WHERE session_id = ? ORDER BY tag", (sid,)
            )
        ]
        for partner, step, name, value, private in self.conn.execute(
            "SELECT partner, step, field, value, private FROM answers WHERE session_id = ? "
            "ORDER BY saved_at, rowid",
            (sid,),
        ):
            decoded = decode(step, name, value)
            if decoded is BAD:  # a hand-edited or damaged row: left out, and counted
                record.skipped += 1
                continue
            record.answers[(partner, step, name)] = decoded
            if private:
                record.private.add((partner, step, name))
        return record

    def unfinished(self, skip: Iterable[str] = ()) -> SessionRecord | None:
        """The most recent open solo or together session with an answer, to offer resuming
        (sessions in `skip` passed over)."""
        skip = tuple(skip)
        row = self.conn.execute(
            "SELECT id FROM sessions s WHERE status = 'open' AND kind IN ('solo', 'together') "
            "AND EXISTS (SELECT 1 FROM answers a WHERE a.session_id = s.id) "
            f"AND id NOT IN ({','.join('?' * len(skip))}) ORDER BY updated_at DESC LIMIT 1",
            skip,
        ).fetchone()
        return self.load(row[0]) if row else None

    def latest_session(self, kinds: Iterable[str] = ("solo", "together")) -> SessionRecord | None:
        kinds = tuple(kinds)
        marks = ",".join("?" * len(kinds))
        row = self.conn.execute(
            f"SELECT id FROM sessions WHERE kind IN ({marks}) ORDER BY started_at DESC LIMIT 1",
            kinds,
        ).fetchone()
        return self.load(row[0]) if row else None

    def list_sessions(
        self, limit: int = 50, offset: int = 0, since: str | None = None, tag: str | None = None
    ) -> list[SessionSummary]:
        """Newest first, one page; feelings come from each partner's named word."""
        where, args = session_filters(since, tag)
        # Page the ids first, so deep pages don't compute tags and feelings for skipped rows.
        rows = self.conn.execute(
            "WITH page AS (SELECT s.id, s.kind, s.status, s.started_at FROM sessions s "
            f"{where} ORDER BY s.started_at DESC, s.id LIMIT ? OFFSET ?) "
            "SELECT p.id, p.kind, p.status, p.started_at, "
            "(SELECT group_concat(tag, char(31)) FROM tags t WHERE t.session_id = p.id), "
            f"(SELECT group_concat({JSON_VALUE}, char(31)) FROM answers a "
            " WHERE a.session_id = p.id AND a.step = 'name' AND a.field = 'word' "
            " AND a.private = 0) "
            "FROM page p ORDER BY p.started_at DESC, p.id",
            (*args, limit, offset),
        ).fetchall()
        return [
            SessionSummary(sid, kind, status, started, split(tags), split(feelings))
            for sid, kind, status, started, tags, feelings in rows
        ]

    def count_sessions(self, since: str | None = None, tag: str | None = None) -> int:
        where, args = session_filters(since, tag)
        return int(
            self.conn.execute(f"SELECT count(*) FROM sessions s {where}", args).fetchone()[0]
        )

    def pending_return(self) -> tuple[str, str] | None:
        """The latest agreed return time still in the future, with its session id."""
        rows = self.conn.execute(RETURN_SQL, (iso(now_utc() - RETURN_WINDOW),))
        for value, sid in rows:  # the index gives the newest first; a bad row is passed over
            if answer_problem("pause", "return_at", value) is None:
                return (value, sid) if iso(parse_iso(value)) > iso(now_utc()) else None
        return None

    # --- settings ----------------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )

    # --- deletion ----------------------------------------------------------------------------

    def delete(self, sid: str) -> bool:
        """Delete one session so its words cannot be read back from the file.

        `scrub_waiting` says afterwards whether another window still pins the old words.
        """
        with self._write() as db:
            gone = db.execute("DELETE FROM sessions WHERE id = ?", (sid,)).rowcount
            health.mark_scrub(db)
        self._scrub(wait_ms=1000)
        return bool(gone)

    def delete_all(self) -> int:
        with self._write() as db:
            gone = db.execute("DELETE FROM sessions").rowcount
            health.mark_scrub(db)
        self._scrub(wait_ms=1000)
        return int(gone)

    def _finish_scrub(self) -> None:
        """A deletion interrupted before its scrub (killed, or a window was reading): finish it."""
        if health.scrub_pending(self.conn):
            self._scrub(wait_ms=100)

    def _scrub(self, wait_ms: int) -> None:
        """Move freed pages out of the WAL and rebuild the file so no deleted text survives."""
        with self._locked():
            try:
                done = health.scrub(self.conn, wait_ms)
                if done:
                    self.conn.execute("DELETE FROM settings WHERE key = ?", (health.SCRUB_KEY,))
            except sqlite3.DatabaseError as exc:
                raise StoreError(plain_sqlite(exc, self.path)) from None
        self.scrub_waiting = not done


# Home asks this on every launch: the (step, field, saved_at) index finds it without a scan.
RETURN_SQL = (
    f"SELECT {JSON_VALUE}, session_id FROM answers a "
    "WHERE step = 'pause' AND field = 'return_at' AND NOT EXISTS ("
    " SELECT 1 FROM answers r WHERE r.session_id = a.session_id AND r.step = 'pause'"
    " AND r.field = 'returned_at') AND saved_at >= ? ORDER BY saved_at DESC"
)
RETURN_WINDOW = timedelta(hours=25)  # a break lasts at most 24 hours: older ones are past
READER_OPTIONAL = {"m002_answer_lookup"}  # an index: readers manage without it


def _tidy(path: Path) -> str | None:
    """Open for writing once (migrate, finish a scrub); its notice, if it set a file aside."""
    try:
        with Store.open(path) as writable:
            return writable.notice
    except (StoreError, sqlite3.Error, OSError):
        return None  # a file we may only read: read it as it is


def _refuse_links(path: Path) -> None:
    """A link in place of our folder or files would send the words elsewhere: never follow it."""
    found = linked(path)
    if found is not None:
        raise StoreError(
            f"softlanding did not open its sessions file, because {found} is a link to "
            "somewhere else. Remove the link (your sessions belong in a real file), or set "
            "SOFTLANDING_HOME to another folder."
        )
