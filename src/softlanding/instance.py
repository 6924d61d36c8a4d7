"""One window at a time, without ever locking the person out.

The one-window lock names its holder (pid and process start time) and carries a heartbeat (see
shutdown.py). A launch that finds the lock taken looks at the holder: a process whose terminal
was closed, or that stopped responding, is stale and is ended (it saves first on SIGTERM); a
window that is really open elsewhere is named, and the person may close it from here.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from softlanding.store.files import InstanceLock

STALE_AFTER = 10.0  # seconds without a heartbeat (one every 2 s) before we look closer
RECHECK = 2.5  # then watch this long for a new heartbeat before calling it unresponsive
OWN_EXIT = 1.0  # a window whose terminal closed ends itself within 2 s: give it a moment
ON_TERM = 2.5  # seconds to wait after SIGTERM (the holder saves, then leaves) before SIGKILL
CLOSING = 0.6  # a window closed a moment ago may still be finishing


@dataclass(frozen=True)
class Proc:
    started: str  # start-time token: a reused pid has a different one
    has_terminal: bool
    stopped: bool  # suspended with Ctrl+Z


def inspect(pid: int) -> Proc | None:
    """What the system says about `pid`, or None if no such process (of ours) runs."""
    if pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # gone, or not ours to end
        return None
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        return _from_proc(stat)
    return _from_ps(pid)


def _from_proc(stat: Path) -> Proc | None:
    try:
        fields = stat.read_text().rpartition(")")[2].split()
    except OSError:
        return None
    # After the command name: state, ppid, pgrp, session, tty_nr, ... starttime (22nd overall).
    return Proc(started=fields[19], has_terminal=fields[4] != "0", stopped=fields[0] in "Tt")


def _from_ps(pid: int) -> Proc | None:
    """macOS and other systems without /proc."""
    try:
        out = subprocess.run(
            ["ps", "-o", "stat=,tty=,lstart=", "-p", str(pid)],
            capture_output=True,
            text=True,
            timeout=5,
        ).stdout.split(None, 2)
    except (OSError, subprocess.SubprocessError):
        return None
    if len(out) < 3:
        return None
    stopped = "T" in out[0]
    return Proc(started=out[2].strip(), has_terminal=out[1] not in ("?", "??"), stopped=stopped)


def record_for(pid: int) -> str:
    proc = inspect(pid)
    return f"{pid} {proc.started if proc else '-'}\n"


def holder(lock: InstanceLock) -> tuple[int, str]:
    """The pid and start token the lock file names (0 if it names none)."""
    pid, _, started = lock.record().strip().partition(" ")
    return (int(pid), started) if pid.isdigit() else (0, "")


def claim(lock: InstanceLock, words: Any, out: TextIO, ask: Callable[[str], bool] | None) -> bool:
    """Take the one-window lock, ending a stale holder; False (after saying why) if we may not."""
    mine = record_for(os.getpid())
    if lock.acquire(mine) or _wait(lock, mine, CLOSING):
        return True
    pid, started = holder(lock)
    proc = inspect(pid) if pid != os.getpid() else None
    if proc is None or proc.started != started:  # not a softlanding we can see: leave it be
        print(words.already_open, file=out)
        return False
    if not proc.has_terminal:
        print(words.closed_window, file=out, flush=True)
        return _wait(lock, mine, OWN_EXIT) or take_over(lock, pid, mine, words, out)
    if not proc.stopped and unresponsive(lock):
        print(words.not_responding, file=out, flush=True)
        return take_over(lock, pid, mine, words, out)
    print(words.already_open, file=out, flush=True)
    if ask is not None and ask(words.ask_take_over):
        return take_over(lock, pid, mine, words, out)
    return False


def unresponsive(lock: InstanceLock) -> bool:
    if lock.age() < STALE_AFTER:
        return False
    end = time.monotonic() + RECHECK
    while time.monotonic() < end:  # a computer just woken from sleep beats again within 2 s
        if lock.age() < STALE_AFTER:
            return False
        time.sleep(0.1)
    return True


def take_over(lock: InstanceLock, pid: int, mine: str, words: Any, out: TextIO) -> bool:
    """End the holder (SIGTERM lets it save first; SIGKILL if it cannot), then take the lock."""
    for sig, wait in ((signal.SIGTERM, ON_TERM), (signal.SIGKILL, ON_TERM)):
        try:
            os.kill(pid, sig)
            if sig == signal.SIGTERM:
                os.kill(pid, signal.SIGCONT)  # a suspended window must run to leave
        except (ProcessLookupError, PermissionError):
            pass
        if _wait(lock, mine, wait):
            return True
    print(words.could_not_end.format(pid=pid), file=out)
    return False


def _wait(lock: InstanceLock, mine: str, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.05)
        if lock.acquire(mine):
            return True
    return False
