"""A second reader for `reflect --jsonl`: a forked copy of this process answers half of each
large batch on another core, so a big file is read about twice as fast on two cores.

The copy is forked once this process has read a first stretch of lines (so it starts with their
compiled regexes and memos instead of making them again), reads lists of lines from a pipe
and writes back each line's answer; it ends when the pipe closes. Small batches (a pipe fed line
by line) never wait for it. Anything wrong with the copy (no fork, one core, it died) means
reading the lines here: slower, never different, since a line's answer depends on the line
alone. A machine already busy on every core gets no copy (it would only add its warm-up).
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
from collections.abc import Callable
from contextlib import suppress

Answer = tuple[str, bool]  # the JSON line (empty under --check) and whether it was flagged

_LENGTH = struct.Struct("<Q")
MIN_LINES = 64  # a batch with fewer new lines is read here alone: not worth the round trip
WARM_LINES = 1500  # read here first, so the copy starts with the regexes and memos they made


class Pool:
    """One forked helper; `answer` reads a batch's lines, half of them in the helper."""

    def __init__(self, read: Callable[[str], Answer]) -> None:
        self._read = read
        self._pid = 0
        self._to: int | None = None
        self._back: int | None = None
        self._tried = False
        self._read_here = 0

    def answer(self, lines: list[str]) -> list[Answer]:
        if len(lines) < MIN_LINES or self._read_here < WARM_LINES or not self._started():
            self._read_here += len(lines)
            return [self._read(line) for line in lines]
        half = len(lines) // 2
        theirs = lines[half:]
        try:
            _send(self._to, marshal.dumps(theirs))
        except OSError:
            self.close()
            return [self._read(line) for line in lines]
        mine = [self._read(line) for line in lines[:half]]
        got = _receive(self._back)
        if not isinstance(got, list) or len(got) != len(theirs):
            self.close()  # the helper failed: read its share here
            return mine + [self._read(line) for line in theirs]
        return mine + [(str(out), bool(hit)) for out, hit in got]

    def _started(self) -> bool:
        if self._to is not None:
            return True
        if self._tried or not hasattr(os, "fork") or not _idle_core():
            return False
        self._tried = True
        sys.stdout.flush()  # the copy must never write what this process still holds
        sys.stderr.flush()
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (down_r, down_w, up_r, up_w):
                os.close(fd)
            return False
        if pid == 0:  # the helper: answer until the pipe closes, then leave without cleanup
            code = 0
            try:
                os.close(down_w)
                os.close(up_r)
                _serve(self._read, down_r, up_w)
            except BaseException:  # noqa: BLE001 - the parent reads the lines itself
                code = 1
            finally:
                os._exit(code)
        os.close(down_r)
        os.close(up_w)
        self._pid, self._to, self._back = pid, down_w, up_r
        return True

    def close(self) -> None:
        for fd in (self._to, self._back):
            if fd is not None:
                with suppress(OSError):
                    os.close(fd)
        self._to = self._back = None
        if self._pid:
            with suppress(OSError):
                os.waitpid(self._pid, 0)
            self._pid = 0


def _idle_core() -> bool:
    """Two or more cores for us, and the machine not already busy on all of them (a second
    reader on a saturated machine only adds its warm-up work)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        load = 0.0
    return cores >= 2 and load < cores


def _serve(read: Callable[[str], Answer], inbox: int, outbox: int) -> None:
    while True:
        lines = _receive(inbox)
        if not isinstance(lines, list):
            return
        _send(outbox, marshal.dumps([read(str(line)) for line in lines]))


def _send(fd: int | None, payload: bytes) -> None:
    if fd is None:
        raise OSError("no helper")
    data = memoryview(_LENGTH.pack(len(payload)) + payload)
    while data:
        data = data[os.write(fd, data) :]


def _receive(fd: int | None) -> object:
    """One message from the pipe, or None when it closed or broke."""
    if fd is None:
        return None
    head = _exactly(fd, _LENGTH.size)
    if head is None:
        return None
    body = _exactly(fd, _LENGTH.unpack(head)[0])
    if body is None:
        return None
    try:
        return marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None


def _exactly(fd: int, size: int) -> bytes | None:
    parts: list[bytes] = []
    while size:
        try:
            chunk = os.read(fd, min(size, 1 << 20))
        except OSError:
            return None
        if not chunk:
            return None
        parts.append(chunk)
        size -= len(chunk)
    return b"".join(parts)
