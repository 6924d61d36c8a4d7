"""Named schema migrations, applied in order on every open and recorded by name."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from softlanding.store.errors import NewerDatabaseError

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


def applied(conn: sqlite3.Connection) -> set[str]:
    try:
        return {name for (name,) in conn.execute("SELECT name FROM _migrations")}
    except sqlite3.OperationalError:
        return set()


def refuse_newer(conn: sqlite3.Connection, path: Path) -> None:
    """A file from a newer softlanding has migrations we don't know: stop before writing."""
    known = {fn.__name__ for fn in MIGRATIONS}
    unknown = applied(conn) - known
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if unknown or version > len(MIGRATIONS):
        conn.close()
        raise NewerDatabaseError(
            f"Your saved sessions in {path} were written by a newer version of softlanding. "
            "This version will not change them. Please update softlanding to open them."
        )


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('solo', 'together', 'reflect')),
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'completed', 'abandoned')),
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            ended_at TEXT,
            current_step TEXT
        )
        """
    )
    db.execute("CREATE INDEX sessions_started ON sessions (started_at DESC)")
    db.execute("CREATE INDEX sessions_status ON sessions (status, updated_at DESC)")
    db.execute(
        """
        CREATE TABLE partners (
            session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            slot TEXT NOT NULL CHECK (slot IN ('A', 'B')),
            name TEXT NOT NULL,
            PRIMARY KEY (session_id, slot)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE answers (
            session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            partner TEXT NOT NULL CHECK (partner IN ('A', 'B')),
            step TEXT NOT NULL,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
            saved_at TEXT NOT NULL,
            PRIMARY KEY (session_id, partner, step, field)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE tags (
            session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (session_id, tag)
        )
        """
    )
    db.execute("CREATE INDEX tags_by_tag ON tags (tag)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migration
def m002_answer_lookup(db: sqlite3.Connection) -> None:
    """Home asks for the newest agreed return time on every launch: find it without a scan.

    Partial, so that it holds only return times and other queries keep using the primary key.
    """
    db.execute(
        "CREATE INDEX answers_by_field ON answers (saved_at) "
        "WHERE step = 'pause' AND field = 'return_at'"
    )
