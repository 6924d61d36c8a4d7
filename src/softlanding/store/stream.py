"""Exports written and read a session at a time, so memory stays flat at any size.

The JSON export puts one session on each line (see `archive.dumps`); reading that layout back
needs one line in memory at a time. Any other JSON is read whole, up to a size cap.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from itertools import count
from typing import IO, Any

from softlanding.models import iso, now_utc
from softlanding.store.archive import _collect, lock_of
from softlanding.store.importer import ENCODE, FORMAT, VERSION
from softlanding.store.sessions import Store
from softlanding.store.visibility import Viewer

LIMIT = 64 * 1024 * 1024  # one piece of JSON read at once (a whole file, or one session's line)
HEAD_END = b', "sessions": [\n'
BATCH = 500  # sessions per query when exporting


# --- export -----------------------------------------------------------------------------------


def export_chunks(
    store: Store, since: str | None = None, viewer: Viewer | None = None
) -> Iterator[str]:
    """The JSON export as text pieces, in `archive.dumps`'s layout, BATCH sessions at a time;
    like `archive.export_json`, only what `viewer` may see (sealed words it cannot open stay
    sealed, a partner's unshared words never go in)."""
    viewer = viewer or Viewer(keep_sealed=True)
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(now_utc()),
        "includes_private": False,
    } | lock_of(store, viewer)
    yield json.dumps(head, ensure_ascii=False)[:-1] + HEAD_END.decode()
    first, after = True, ("", "")
    while True:
        batch = _batch(store, since, after, viewer)
        for item in batch:
            yield ("" if first else ",\n") + ENCODE(item)
            first = False
        if len(batch) < BATCH:
            break
        after = (batch[-1]["started_at"], batch[-1]["id"])
    yield "]}\n" if first else "\n]}\n"


def _batch(
    store: Store, since: str | None, after: tuple[str, str], viewer: Viewer
) -> list[dict[str, Any]]:
    """The next BATCH sessions after `after` (started_at, id), oldest first."""
    since_clause = "AND started_at >= ?" if since else ""
    where = (
        "WHERE id IN (SELECT id FROM sessions WHERE (started_at, id) > (?, ?)"
        f" {since_clause} ORDER BY started_at, id LIMIT {BATCH})"
    )
    args = (after[0], after[1], *((since,) if since else ()))
    return _collect(store, where, args, viewer)


# --- import -----------------------------------------------------------------------------------


class ReadProblem(Exception):
    """The input cannot be read as an export: `key` names the words, `fields` fill them in."""

    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


def open_input(name: str, stdin: IO[bytes]) -> IO[bytes]:
    """A regular file, or a pipe for "-"; never a folder, device or FIFO (they never end)."""
    if name == "-":
        try:
            mode = os.fstat(stdin.fileno()).st_mode
        except (OSError, ValueError):  # not a real file descriptor: an in-memory stream
            return stdin
        if not (stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)):
            raise ReadProblem("import_not_a_file")
        return stdin
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # opening a FIFO won't wait
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ReadProblem("import_not_a_file")
    return os.fdopen(fd, "rb")


def read_export(fh: IO[bytes]) -> tuple[Any, Iterator[tuple[int, Any]] | None]:
    """The export's header, and its sessions as (index, item) as they are read."""
    first = _line(fh)
    if first.startswith(b"{") and first.endswith(HEAD_END):
        return _loads(first[: -len(HEAD_END)] + b"}", 1), _sessions(fh)
    rest = fh.read(LIMIT + 1 - len(first))
    if len(first) + len(rest) > LIMIT:
        raise ReadProblem("import_too_big", limit=LIMIT // (1024 * 1024))
    document = _loads(first + rest, 0)
    items = document.get("sessions") if isinstance(document, dict) else None
    return document, (enumerate(items) if isinstance(items, list) else None)


def _sessions(fh: IO[bytes]) -> Iterator[tuple[int, Any]]:
    for index in count():
        raw = _line(fh)
        line = raw.rstrip(b"\r\n")
        if line == b"]}":
            return
        if not raw:  # the file ends before the closing ]}: cut short
            raise ReadProblem("not_json", line=index + 2, column=1)
        body = line[:-1] if line.endswith(b",") else line
        yield index, _loads(body, index + 2)


def _line(fh: IO[bytes]) -> bytes:
    line = fh.readline(LIMIT + 1)
    if len(line) > LIMIT:
        raise ReadProblem("import_too_big", limit=LIMIT // (1024 * 1024))
    return line


def _loads(raw: bytes, line: int) -> Any:
    """JSON text to data; every way it can fail becomes a ReadProblem (never a traceback)."""
    try:
        return json.loads(raw.decode("utf-8-sig"))  # an editor's byte-order mark is not data
    except UnicodeDecodeError:
        raise ReadProblem("import_unreadable_json", reason="it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        opening = raw.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
        if not line and opening not in (b"{", b"["):  # not JSON cut short: not JSON at all
            raise ReadProblem("import_not_an_export") from None
        at = line or exc.lineno
        raise ReadProblem("not_json", line=at, column=exc.colno) from None
    except RecursionError:
        reason = "it is nested too deeply"
        raise ReadProblem("import_unreadable_json", reason=reason) from None
    except ValueError:  # e.g. a number thousands of digits long
        reason = "it holds a number too long to read"
        raise ReadProblem("import_unreadable_json", reason=reason) from None
