"""File-level care for the database: owner-only modes, a cross-process write lock, moving aside."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from softlanding import paths

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one writer is still the TUI's rule
    fcntl = None  # type: ignore[assignment]

SIDE_FILES = ("-wal", "-shm")


@contextmanager
def private_umask() -> Iterator[None]:
    """Files created inside are owner-only; SQLite copies the main file's mode to -wal/-shm."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def restrict_modes(db_path: Path) -> None:
    """Owner-only for the database and its side files; a stricter mode (400) is kept."""
    for path in (db_path, *(db_path.with_name(db_path.name + s) for s in SIDE_FILES)):
        try:
            mode = stat.S_IMODE(path.lstat().st_mode)
            if mode & 0o177 and not path.is_symlink():
                os.chmod(path, mode & 0o600)
        except OSError:
            pass


def untrusted_files(db_path: Path) -> str | None:
    """Why the data folder, the database or a side file is not ours alone (plain words, naming
    the file and what to do), or None when all that exist are ours."""
    for path in (
        db_path.parent,
        db_path,
        *(db_path.with_name(db_path.name + s) for s in SIDE_FILES),
    ):
        reason = paths.untrusted(path)
        if reason == "owner":
            return (
                f"softlanding did not open its sessions file {db_path}, because {path} belongs "
                "to another user. If it holds your own sessions, make it yours again "
                f'(sudo chown "$USER" "{path}"); if not, move it away, or set SOFTLANDING_HOME '
                "to a folder of your own."
            )
        if reason == "writable":
            return (
                f"softlanding did not open its sessions file {db_path}, because other people on "
                f'this computer can change {path}. If it is yours, run: chmod go-w "{path}", '
                "then try again."
            )
    return None


def linked(db_path: Path) -> Path | None:
    """The first of the data folder, the database or its side files that is a symbolic link."""
    for path in (
        db_path.parent,
        db_path,
        *(db_path.with_name(db_path.name + s) for s in SIDE_FILES),
    ):
        if path.is_symlink():
            return path
    return None


def set_aside_copies(db_path: Path) -> list[Path]:
    """Damaged files moved aside earlier (`softlanding.db.corrupt-*`, with their side files)."""
    try:
        return sorted(db_path.parent.glob(f"{db_path.name}.corrupt-*"))
    except OSError:
        return []


def erase(path: Path) -> None:
    """Overwrite a file with zeros, then remove it (a plain unlink leaves the words on disk)."""
    try:
        fd = os.open(path, os.O_WRONLY | NOFOLLOW)
    except OSError:
        path.unlink(missing_ok=True)
        return
    try:
        size = os.fstat(fd).st_size
        block = b"\0" * (1 << 20)
        for start in range(0, size, len(block)):
            os.write(fd, block[: min(len(block), size - start)])
        os.fsync(fd)
    finally:
        os.close(fd)
    path.unlink(missing_ok=True)


def move_aside(db_path: Path) -> Path:
    """Rename the database and its side files together to a timestamped name; never delete."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = db_path.with_name(f"{db_path.name}.corrupt-{stamp}-{n}")
    os.replace(db_path, target)
    for suffix in SIDE_FILES:
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    restrict_modes(target)  # the kept copy holds the same words: owner-only too
    return target


class LockTimeout(TimeoutError):
    """Another process kept the write lock longer than we wait (it may be stopped or stuck)."""


class WriteLock:
    """An advisory lock file held around each write transaction, so writes never overlap."""

    def __init__(self, path: Path, timeout: float = 5.0) -> None:
        self.path = path
        self.timeout = timeout  # like SQLite's busy timeout: wait, then say so instead of hanging
        self._fd: int | None = None

    def __enter__(self) -> WriteLock:
        if fcntl is None:
            return self
        with private_umask():
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o600)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(self._fd)
                    self._fd = None
                    raise LockTimeout(f"{self.path} is held by another process") from None
                time.sleep(0.02)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class InstanceLock:
    """Held for the TUI's lifetime: a second window is told, instead of writing alongside.

    The file also names its holder (one line, see instance.py) and its modification time is the
    holder's heartbeat, so a later launch can tell a live window from one whose terminal is gone.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, record: str = "") -> bool:
        if fcntl is None:
            return True
        with private_umask():
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._fd)
            self._fd = None
            return False
        if record:
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, record.encode(), 0)
        return True

    def record(self) -> str:
        """The holder's line as it wrote it ("" if none or unreadable)."""
        try:
            return self.path.read_text(encoding="utf-8", errors="replace")[:200]
        except OSError:
            return ""

    def age(self) -> float:
        """Seconds since the holder's last heartbeat."""
        try:
            return max(0.0, time.time() - self.path.stat().st_mtime)
        except OSError:
            return 0.0

    def touch(self) -> None:
        """The heartbeat: called on the app's event loop, so it stops when the app freezes."""
        if self._fd is not None:
            with suppress(OSError):  # a read-only mount: the heartbeat is a hint, not a need
                os.utime(self._fd)

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
