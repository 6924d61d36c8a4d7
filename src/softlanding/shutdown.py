"""Leaving when the terminal closes (SIGHUP) or the system asks (SIGTERM): save, never hang.

Textual's Linux driver writes through a 30-slot queue. Once the terminal is gone its writer
thread dies (EIO), or a SIGCONT starts a second writer, and the next write waits for ever while
the process still holds the one-window lock. So a watcher thread (woken by the signal itself,
whatever the main thread is stuck in) stops writes from blocking, asks the app to save its drafts
and exit, and ends the process itself if that has not happened within GRACE seconds.
"""

from __future__ import annotations

import contextlib
import os
import queue
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

GRACE = 1.2  # seconds Textual gets to finish by itself once a signal has come
HARD_STOP = 1.6  # the kernel ends the process (SIGALRM) even if no Python code can run
WRITE_WAIT = 0.1  # while leaving, a slow (but live) terminal gets this long per write
BEAT = 2.0  # seconds between heartbeats, which tell a later launch this window still responds
LEAVE = ("SIGTERM", "SIGHUP")


@contextlib.contextmanager
def guarded(app: Any, beat: Callable[[], None] | None = None) -> Iterator[Guard]:
    """Around `app.run()` in the real process (main thread, POSIX); elsewhere it only watches."""
    guard = Guard(app, beat)
    if not hasattr(signal, "SIGHUP") or threading.current_thread() is not threading.main_thread():
        yield guard
        return
    guard.install()
    try:
        yield guard
    finally:
        guard.uninstall()


class Guard:
    """Signal handling that works even when Textual's main thread is stuck."""

    def __init__(self, app: Any, beat: Callable[[], None] | None) -> None:
        self.app = app
        self.beat = beat
        self.leaving: int | None = None
        self.started = 0.0
        self._previous: dict[int, Any] = {}
        self._old_wakeup = -1
        self._read, self._write = -1, -1
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True, name="softlanding-leave")

    def install(self) -> None:
        self._read, self._write = os.pipe()
        for name in (*LEAVE, "SIGCONT", "SIGALRM"):
            sig = getattr(signal, name)
            self._previous[sig] = signal.getsignal(sig)
        for name in LEAVE:
            signal.signal(getattr(signal, name), self._on_signal)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the hard stop must kill, not be caught
        os.set_blocking(self._write, False)
        # The C-level handler writes the signal number here from whichever thread received it.
        self._old_wakeup = signal.set_wakeup_fd(self._write, warn_on_full_buffer=False)
        self._thread.start()

    def uninstall(self) -> None:
        signal.set_wakeup_fd(self._old_wakeup)
        for sig, handler in self._previous.items():
            if self.leaving is None or sig != signal.SIGALRM:  # a begun hard stop stays armed
                with contextlib.suppress(TypeError, ValueError):
                    signal.signal(sig, handler)
        self._done.set()
        with contextlib.suppress(OSError):
            os.write(self._write, b"\0")  # wake the watcher (0 is no signal)
        self._thread.join(0.5)
        if not self._thread.is_alive():
            os.close(self._read)
            os.close(self._write)

    def end_if_leaving(self, release: Callable[[], None]) -> None:
        """After a signal the words are saved and the store closed: free the lock and skip the
        interpreter's teardown (hundreds of milliseconds for a Textual app on a busy machine)."""
        if self.leaving is not None:
            release()
            os._exit(0)

    def _on_signal(self, signum: int, frame: Any) -> None:
        """Main thread, between two bytecodes: only stop Textual reopening the terminal."""
        # The kernel sends SIGCONT with a hang-up; Textual would then start a second writer.
        signal.signal(signal.SIGCONT, _ignore)

    # --- the watcher thread ------------------------------------------------------------------

    def _watch(self) -> None:
        leave = {int(getattr(signal, name)) for name in LEAVE}
        while not self._done.is_set():
            ready, _, _ = select.select([self._read], [], [], BEAT)
            if not ready:
                self._call_in_app(self.beat)
                continue
            try:
                got = os.read(self._read, 64)
            except OSError:
                return
            hit = next((n for n in got if n in leave), None)
            if hit is not None and self.leaving is None:
                self._begin(hit)
                return

    def _begin(self, signum: int) -> None:
        self.leaving, self.started = signum, time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, HARD_STOP)
        driver = getattr(self.app, "_driver", None)
        if driver is not None:
            never_block(driver, gone=not terminal_alive(driver))
        if not self._call_in_app(self.app.save_and_exit):
            self._exit_when_idle()  # not running yet (or any more): nothing left to save
        if not self._done.wait(max(0.0, self.started + GRACE - time.monotonic())):
            self._exit_when_idle()  # Textual did not finish in time
        # Otherwise the app has left run(); the hard stop still bounds the rest of the exit.

    def _call_in_app(self, callback: Callable[[], None] | None) -> bool:
        loop = getattr(self.app, "_loop", None)
        if callback is None or loop is None:
            return False
        try:
            loop.call_soon_threadsafe(callback)
        except RuntimeError:  # the loop has closed
            return False
        return True

    def _exit_when_idle(self) -> None:
        """End the process, but never inside a database write: wait (briefly) for its lock."""
        from softlanding.store.files import LockTimeout, WriteLock

        code = 128 + (self.leaving or signal.SIGTERM)
        restore_terminal(getattr(self.app, "_driver", None))
        db = getattr(getattr(self.app, "store", None), "path", None)
        remaining = self.started + HARD_STOP - 0.1 - time.monotonic()
        if isinstance(db, Path) and remaining > 0:
            with (
                contextlib.suppress(LockTimeout, OSError),
                WriteLock(db.with_name(db.name + ".lock"), timeout=remaining),
            ):
                os._exit(code)
        os._exit(code)


def _ignore(signum: int, frame: Any) -> None:
    """A Python-level handler that does nothing (SIG_IGN would also drop it for Textual)."""


def terminal_alive(driver: Any) -> bool:
    import termios

    try:
        termios.tcgetattr(driver.fileno)
    except (termios.error, OSError, AttributeError):
        return False
    return True


def never_block(driver: Any, gone: bool) -> None:
    """From now on a write waits at most WRITE_WAIT, and output to a closed terminal is dropped."""
    dropping = [gone]

    def write(data: str) -> None:
        writer = getattr(driver, "_writer_thread", None)
        if writer is None or dropping[0] or not writer.is_alive():
            return
        try:
            writer._queue.put(data, timeout=WRITE_WAIT)
        except queue.Full:
            dropping[0] = True  # the terminal stopped reading: drop the rest

    def close() -> None:
        writer = getattr(driver, "_writer_thread", None)
        if writer is not None:
            with contextlib.suppress(queue.Full):
                writer._queue.put_nowait(None)
            writer.join(WRITE_WAIT)

    driver.write, driver.close = write, close
    _release_waiting_write(driver)


def _release_waiting_write(driver: Any) -> None:
    """A write already waiting on a full queue (dead writer, closed or stalled terminal) is let
    through, so the app's loop can run the save; frames not yet drawn no longer matter."""
    writer = getattr(driver, "_writer_thread", None)
    if writer is None:
        return
    waiting: queue.Queue[Any] = writer._queue
    with waiting.mutex:
        waiting.queue.clear()
        waiting.not_full.notify_all()


def restore_terminal(driver: Any) -> None:
    """Give a live terminal back its settings; skipped when it is gone."""
    attrs = getattr(driver, "attrs_before", None)
    if driver is None or attrs is None or not terminal_alive(driver):
        return
    import termios

    with contextlib.suppress(termios.error, OSError):
        termios.tcsetattr(driver.fileno, termios.TCSANOW, attrs)
        os.write(driver.fileno, b"\x1b[?1049l\x1b[?25h")
