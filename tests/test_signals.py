"""A closed terminal (SIGHUP), SIGTERM or SIGKILL leave the database whole and resumable."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from ptyapp import PtyApp
from softlanding import paths
from softlanding.store.sessions import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals only")


def start_session_in_pty(home: Path) -> PtyApp:
    with Store.open() as store:
        store.set_setting("first_run_seen", True)
    app = PtyApp(home)
    assert app.read_until(b"Start now"), app.output[-500:]
    app.type("\r")  # "Start now, just me" is the first option
    app.settle(1.0)
    app.type("4\r")  # a calm number: the session is written with its first answer
    app.settle(0.5)
    return app


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signal_exits_cleanly_and_session_resumes(isolated_home: Path, sig: signal.Signals) -> None:
    app = start_session_in_pty(isolated_home)
    try:
        app.signal(sig)
        assert app.wait(timeout=5) == 0
    finally:
        app.close()
    with Store.open() as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        unfinished = store.unfinished()
        assert unfinished is not None and unfinished.status == "open"


def test_sigkill_leaves_database_intact(isolated_home: Path) -> None:
    app = start_session_in_pty(isolated_home)
    try:
        app.signal(signal.SIGKILL)
        assert app.wait(timeout=5) == -signal.SIGKILL
    finally:
        app.close()
    conn = sqlite3.connect(paths.database_path())
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store.open() as store:
        assert store.unfinished() is not None


def test_second_window_says_so_and_may_stay_out(isolated_home: Path) -> None:
    first = start_session_in_pty(isolated_home)
    try:
        second = PtyApp(isolated_home)
        try:
            assert second.read_until(b"(y/N)"), second.output[-500:]
            assert b"already open" in second.output
            second.type("\r")  # the default is No: the first window stays
            assert second.wait(timeout=10) == 3
        finally:
            second.close()
        assert first.wait(timeout=0.5) is None  # still running
    finally:
        first.signal(signal.SIGTERM)
        first.wait()
        first.close()


def test_second_window_may_close_the_first_which_saves(isolated_home: Path) -> None:
    first = start_session_in_pty(isolated_home)
    try:
        second = PtyApp(isolated_home)
        try:
            assert second.read_until(b"(y/N)"), second.output[-500:]
            second.type("y\r")
            assert first.wait(timeout=5) == 0  # SIGTERM: it saved and left by itself
            assert second.read_until(b"Carry on where you left off"), second.output[-500:]
        finally:
            second.close()
    finally:
        first.close()
