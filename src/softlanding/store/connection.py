"""The sessions file's connection: safe settings, migrations on open, locked writes, scrubbing."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import Self

from softlanding import paths
from softlanding.models import iso, now_utc
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
    untrusted_files,
)
from softlanding.store.migrations import MIGRATIONS, applied, refuse_newer


class Connection:
    """An open sessions file: opened safely, migrated, written one locked transaction at a time."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.notice: str | None = None
        self.scrub_waiting = False  # deleted words still pinned by another window's read
        self._lock = (
            WriteLock(path.with_name(path.name + ".lock")) if path and not readonly else None
        )

    @classmethod
    def open(cls, path: Path | None = None, readonly: bool = False) -> Self:
        """Open (creating if needed) the database; a corrupt file is moved aside, never deleted."""
        path = Path(path) if path else paths.database_path()
        _refuse_links(path)
        refuse_untrusted(path)
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
    def _open_writable(cls, path: Path) -> Self:
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
    def _open_readonly(cls, path: Path, tidied: bool = False) -> Self:
        if not path.exists():
            try:
                paths.usable_folder(path.parent)
            except paths.PathsError as exc:
                raise StoreError(str(exc)) from None
            conn = sqlite3.connect(":memory:", isolation_level=None)
            store = cls(conn, None, readonly=True)
            store._migrate()
            return store
        _tighten_existing(path)  # before connecting: side files SQLite makes copy the file's mode
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
            restrict_modes(path)  # reading made a -shm: owner-only as well
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

    def __enter__(self) -> Self:
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


READER_OPTIONAL = {"m002_answer_lookup"}  # an index: readers manage without it


def _tidy(path: Path) -> str | None:
    """Open for writing once (migrate, finish a scrub); its notice, if it set a file aside."""
    try:
        with Connection.open(path) as writable:
            return writable.notice
    except (StoreError, sqlite3.Error, OSError):
        return None  # a file we may only read: read it as it is


def _tighten_existing(path: Path) -> None:
    """A reader leaves the folder, the file and its side files owner-only, as a writer does
    (a backup restored at 644 is tightened by `history` too); bits are only ever removed."""
    with suppress(OSError):  # a folder we may only read: reading still works
        paths.tighten(path.parent, 0o700)
    restrict_modes(path)


def refuse_untrusted(path: Path) -> None:
    """Words in a file another user owns or can change are not the person's own: never use it
    (nor tighten it: its mode is not ours to change)."""
    reason = untrusted_files(path)
    if reason is not None:
        raise StoreError(reason)


def _refuse_links(path: Path) -> None:
    """A link in place of our folder or files would send the words elsewhere: never follow it."""
    found = linked(path)
    if found is not None:
        raise StoreError(
            f"softlanding did not open its sessions file, because {found} is a link to "
            "somewhere else. Remove the link (your sessions belong in a real file), or set "
            "SOFTLANDING_HOME to another folder."
        )
