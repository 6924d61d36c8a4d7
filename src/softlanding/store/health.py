"""Keeping the file sound cheaply: a clean-close marker, and finishing an interrupted scrub.

`PRAGMA quick_check` reads every page (0.8 s at 100,000 sessions), so it runs only when the
file was not closed cleanly by us (or was changed since): opening stays flat as history grows.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from contextlib import suppress
from pathlib import Path

SCRUB_KEY = "scrub_pending"  # set in the deleting transaction, cleared once no trace is left


def _marker(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".clean")


def _fingerprint(db_path: Path) -> dict[str, int] | None:
    try:
        info = db_path.stat()
    except OSError:
        return None
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "ino": info.st_ino}


def needs_check(db_path: Path) -> bool:
    """True unless the file is exactly as our last clean close left it, with no WAL pending."""
    wal = db_path.with_name(db_path.name + "-wal")
    with suppress(OSError):
        if wal.stat().st_size > 0:
            return True  # a writer died, or another window is open: check to be safe
    try:
        saved = json.loads(_marker(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _fingerprint(db_path) is not None  # no marker: check an existing file
    return bool(saved != _fingerprint(db_path))


def mark_clean(db_path: Path) -> None:
    """After the last connection closed (SQLite removed the WAL): remember the file as sound."""
    if db_path.with_name(db_path.name + "-wal").exists():
        return  # another connection is still open; it marks the file when it closes
    print_ = _fingerprint(db_path)
    if print_ is None:
        return
    with suppress(OSError):
        fd, tmp = tempfile.mkstemp(prefix=".clean-", dir=db_path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(print_, fh)
            os.replace(tmp, _marker(db_path))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def forget_clean(db_path: Path) -> None:
    with suppress(OSError):
        _marker(db_path).unlink(missing_ok=True)


def scrub(conn: sqlite3.Connection, wait_ms: int) -> bool:
    """Move freed pages out of the WAL and rebuild the file; False if a reader kept old pages.

    A reader's snapshot pins the old pages: then the words stay until that reader ends.
    """
    old = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout={int(wait_ms)}")
    try:
        if not _checkpoint(conn):
            return False
        conn.execute("VACUUM")
        return _checkpoint(conn)
    finally:
        conn.execute(f"PRAGMA busy_timeout={int(old)}")


def _checkpoint(conn: sqlite3.Connection) -> bool:
    busy, log, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0 and log in (0, -1) and done in (0, -1)


def mark_scrub(db: sqlite3.Connection) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, 'true') "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (SCRUB_KEY,),
    )


def scrub_pending(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT 1 FROM settings WHERE key = ?", (SCRUB_KEY,)).fetchone()
    except sqlite3.OperationalError:
        return False
    return row is not None
