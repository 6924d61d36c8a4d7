"""Run softlanding in a real pseudo-terminal, type into it, and read what it drew."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import struct
import sys
import termios
import threading
import time
from fcntl import ioctl
from pathlib import Path

_FORKING = threading.Lock()  # pty.fork's terminal is inheritable until we say otherwise


class PtyApp:
    """A `python -m softlanding` process on an 80×24 pty, for signal and real-terminal tests."""

    def __init__(
        self,
        home: Path,
        *args: str,
        size: tuple[int, int] = (80, 24),
        main: tuple[str, ...] = ("-m", "softlanding"),
    ) -> None:
        env = {**os.environ, "SOFTLANDING_HOME": str(home), "TERM": "xterm-256color"}
        with _FORKING:
            self.pid, self.fd = pty.fork()
            if self.pid == 0:  # the child becomes the app
                os.execvpe(sys.executable, [sys.executable, *main, *args], env)
            # Another launch (tests run several at once) must not keep this terminal open.
            os.set_inheritable(self.fd, False)
        ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.output = b""
        self.status: int | None = None

    def read_until(self, marker: bytes, timeout: float = 15) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if marker in self.output:
                return True
            self._read(0.05)
        return marker in self.output

    def _read(self, wait: float) -> None:
        if self.fd < 0:  # hung up: nothing more can be read
            time.sleep(wait)
            return
        ready, _, _ = select.select([self.fd], [], [], wait)
        if ready:
            with contextlib.suppress(OSError):  # the child has gone: nothing more to read
                self.output += os.read(self.fd, 65536)

    def type(self, keys: str, pause: float = 0.05) -> None:
        for char in keys:
            os.write(self.fd, char.encode())
            time.sleep(pause)
            self._read(0)

    def settle(self, seconds: float = 0.5) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self._read(0.05)

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does: the kernel sends SIGHUP."""
        os.close(self.fd)
        self.fd = -1

    def signal(self, sig: signal.Signals) -> None:
        os.kill(self.pid, sig)

    def wait(self, timeout: float = 10) -> int | None:
        """Exit status (or -signal), or None if still running after `timeout`."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self._read(0.02)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        return None

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        if self.fd >= 0:
            os.close(self.fd)
