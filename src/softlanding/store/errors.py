"""What can go wrong with the sessions file, said in plain words."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class StoreError(Exception):
    """The database cannot be used right now; the message says why and what to do."""


class NewerDatabaseError(StoreError):
    """The file was written by a newer softlanding; we leave it untouched."""


def is_corruption(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


BUSY = (
    "Another softlanding window (or another program) is saving to your sessions file right now. "
    "Wait a moment and try again."
)


def plain_sqlite(exc: sqlite3.Error, path: Path | None, reading: bool = False) -> str:
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "locked" in text or "busy" in text:
        return BUSY
    if "full" in text:
        return (
            f"The disk is full, so softlanding cannot save{where}. Free some space and try again."
        )
    if (
        "readonly" in text
        or "read-only" in text
        or "permission" in text
        or "unable to open" in text
    ):
        return (
            f"softlanding cannot write its sessions file{where}. Check that the folder is yours "
            "and writable, or set SOFTLANDING_HOME to another folder."
        )
    if is_corruption(exc):
        advice = (
            " Open softlanding (with no command): it keeps the damaged file safe under another "
            "name and starts a new one."
            if reading
            else ""
        )
        return f"The sessions file{where} is damaged and could not be read.{advice}"
    return f"softlanding could not use its sessions file{where}: {exc}."


def plain_error(exc: Exception, path: Path | None) -> str:
    """Any failure of the sessions file (ours, SQLite's or the disk's) in plain words."""
    if isinstance(exc, StoreError):
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        return plain_sqlite(exc, path)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return plain_sqlite(sqlite3.OperationalError("disk is full"), path)
    where = f" ({path})" if path else ""
    reason = getattr(exc, "strerror", None) or exc
    return f"softlanding could not use its sessions file{where}: {reason}."


# what a failing sessions file can raise: reported in plain words, never a crash
STORE_FAILURES: tuple[type[Exception], ...] = (StoreError, sqlite3.Error, OSError)
