"""Faults: killed mid-session, closed terminal while typing, and a sessions file that is damaged,
locked, read-only or on a full disk — each ends in plain words and loses nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ptyapp import PtyApp
from softlanding import paths
from softlanding.store.errors import BUSY
from softlanding.store.files import WriteLock
from softlanding.store.sessions import Store, StoreError

pytestmark = pytest.mark.usefixtures("warm_pack_cache")
DOWN = b"\x1b[B"  # one escape sequence, written at once so it is never read as Escape
posix_signals = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals only")
as_root = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def run_cli(*args: str, wrapper: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m softlanding ARGS`, or under a `-c` wrapper that patches something first."""
    head = ["-c", wrapper, *args] if wrapper else ["-m", "softlanding", *args]
    return subprocess.run(
        [sys.executable, *head],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def plain(result: subprocess.CompletedProcess[str]) -> str:
    """Everything the person saw, after checking it holds no traceback."""
    seen = result.stdout + result.stderr
    assert "Traceback" not in seen, seen
    return seen


def saved_answers() -> dict[tuple[str, str, str], Any]:
    """The open session's answers, read by a second, read-only connection (as `reflect` does)."""
    with Store.open(readonly=True) as store:
        record = store.unfinished()
        return dict(record.answers) if record else {}


def integrity_ok() -> bool:
    conn = sqlite3.connect(paths.database_path())
    try:
        return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    finally:
        conn.close()


def fill_the_disk(store: Store) -> int:
    """Cap the file at its current size, then add sessions until SQLite reports SQLITE_FULL."""
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count={pages}")
    made = 0
    while True:
        try:
            store.create_session("solo")
        except StoreError as exc:
            assert "disk is full" in str(exc)
            return made
        made += 1


# --- killed, hung up, terminated (a real terminal) ---------------------------------------------


class Pty:
    """PtyApp plus waiting on the database, which is steadier than waiting on drawn text."""

    def __init__(self, home: Path) -> None:
        self.app = PtyApp(home)

    def keys(self, *chunks: bytes) -> None:
        for chunk in chunks:
            os.write(self.app.fd, chunk)
            self.app.settle(0.15)

    def until_saved(self, key: tuple[str, str, str], timeout: float = 10) -> Any:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = saved_answers()
            if key in found:
                return found[key]
            self.app.settle(0.05)
        raise AssertionError(f"{key} never saved; screen ended with {self.app.output[-300:]!r}")


@pytest.fixture
def pty(isolated_home: Path) -> Iterator[Callable[[], Pty]]:
    opened: list[Pty] = []

    def start() -> Pty:
        with Store.open() as store:
            store.set_setting("first_run_seen", True)
        opened.append(Pty(isolated_home))
        return opened[-1]

    yield start
    for each in opened:
        each.app.close()


@posix_signals
def test_sigkill_after_answers_keeps_every_one_and_offers_to_carry_on(pty: Any) -> None:
    run = pty()
    assert run.app.read_until(b"Start now"), run.app.output[-500:]
    run.keys(b"\r")  # Home → Start now, just me
    assert run.app.read_until(b"How calm do you feel"), run.app.output[-500:]
    run.app.settle(0.3)
    run.keys(b"3", b"\r")  # how calm: 3
    assert run.until_saved(("A", "pause", "calm_before")) == 3
    run.keys(DOWN, b"\r")  # flooded? No
    assert run.until_saved(("A", "pause", "flooded")) is False
    run.keys(DOWN, b"\r", b"\r")  # afraid? No; then the first way to settle: breathing
    pattern = run.until_saved(("A", "pause", "pattern"))
    run.app.signal(signal.SIGKILL)
    assert run.app.wait(timeout=5) == -signal.SIGKILL

    assert integrity_ok()
    answers = saved_answers()
    assert answers == {
        ("A", "pause", "calm_before"): 3,
        ("A", "pause", "flooded"): False,
        ("A", "pause", "choice"): "breathe",
        ("A", "pause", "pattern"): pattern,
    }
    again = pty()
    assert again.app.read_until(b"Carry on where you left off"), again.app.output[-500:]


def _seed(step: str, answers: dict[str, Any]) -> str:
    """An open session standing at `step`, as if the earlier steps were done a moment ago."""
    with Store.open() as store:
        sid = store.create_session("solo")
        for name, value in answers.items():
            where, _, field = name.partition(".")
            store.save_answer(sid, where, field, value)
        store.set_step(sid, step)
    return sid


TYPING_CASES = {
    # step, answers before it, a fragment of the screen to wait for, the field being typed
    "name-own-words": (
        "name",
        {"name.family": "hurt", "name.word": "stung"},
        b"in your own words",
        "own_words",
    ),
    "reframe-thought": ("reframe", {"pause.calm_before": 4}, b"Unhook from", "thought"),
    "respond-draft": (
        "respond",
        {"name.word": "stung", "name.need": "rest", "respond.situation": "the dishes"},
        b"Change anything you like",
        "draft",
    ),
}


@posix_signals
@pytest.mark.parametrize(
    ("case", "sig"),
    [
        ("name-own-words", signal.SIGTERM),
        ("reframe-thought", signal.SIGHUP),
        ("respond-draft", signal.SIGHUP),
    ],
)
def test_signal_while_typing_keeps_the_words(pty: Any, case: str, sig: signal.Signals) -> None:
    step, before, marker, field = TYPING_CASES[case]
    sid = _seed(step, before)
    run = pty()
    assert run.app.read_until(b"Carry on"), run.app.output[-500:]
    run.keys(b"\r")
    assert run.app.read_until(marker), run.app.output[-800:]
    run.app.settle(0.3)
    words = "we were late again, café"
    run.app.type(words, pause=0.02)
    # Wait until the app has drawn the words: a person's keys are read long before they quit.
    assert run.app.read_until("late again, café".encode()), run.app.output[-800:]
    if case != "respond-draft":  # no Enter was pressed: nothing is saved until the signal
        assert ("A", step, field) not in saved_answers()
    run.app.signal(sig)
    assert run.app.wait(timeout=5) == 0

    with Store.open() as store:
        record = store.load(sid)
    assert record is not None and record.status == "open"
    # Respond's draft is a draft by name; a question's half-typed words are kept as drafts.
    drafts = record.get(step, "drafts") or {}
    kept = record.get(step, field) if case == "respond-draft" else drafts.get(field)
    assert words in str(kept), record.answers
    assert integrity_ok()


# --- a damaged file ----------------------------------------------------------------------------


def _with_sessions(count: int = 40) -> bytes:
    with Store.open() as store:
        for i in range(count):
            sid = store.create_session("solo")
            store.save_answer(sid, "reframe", "thought", f"thought number {i} " * 10)
    return paths.database_path().read_bytes()


def _damage(kind: str, data: bytes) -> bytes:
    if kind == "header":
        return b"\x8f" * 100 + data[100:]
    if kind == "truncated":
        return data[: len(data) // 2]
    # b-tree page garbage: overwrite the root page of the sessions table (what history reads)
    conn = sqlite3.connect(paths.database_path())
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sessions'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    start = (root - 1) * size
    return data[:start] + b"\xa5" * 64 + data[start + 64 :]


@pytest.mark.parametrize("kind", ["header", "btree", "truncated"])
def test_damaged_file_is_named_plainly_by_commands_and_kept_by_the_app(kind: str) -> None:
    db = paths.database_path()
    damaged = _damage(kind, _with_sessions())
    db.write_bytes(damaged)

    # A read-only command says what happened and what to do, and changes nothing.
    seen = plain(result := run_cli("history"))
    assert result.returncode == 1
    assert "damaged" in seen and "Open softlanding" in seen
    assert db.read_bytes() == damaged

    # Opening to write keeps the damaged file aside, untouched, and starts a fresh one.
    with Store.open() as store:
        assert store.notice and "kept safe" in store.notice and ".recover" in store.notice
        assert store.count_sessions() == 0
        sid = store.create_session("solo")
        store.save_answer(sid, "name", "word", "hurt")
        for suffix in ("", "-wal", "-shm"):
            side = db.with_name(db.name + suffix)
            if side.exists():
                assert stat.S_IMODE(side.stat().st_mode) == 0o600, side
    aside = list(db.parent.glob("softlanding.db.corrupt-*"))
    assert [p.read_bytes() for p in aside] == [damaged]
    assert stat.S_IMODE(aside[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert integrity_ok()
    assert plain(run_cli("history")).count("hurt") == 1


async def test_app_on_a_damaged_file_starts_and_says_where_the_old_one_is(pack: Any) -> None:
    from softlanding.app import SoftlandingApp
    from softlanding.screens.home import HomeScreen

    db = paths.database_path()
    db.write_bytes(_damage("header", _with_sessions(3)))
    with Store.open() as store:
        store.set_setting("first_run_seen", True)
        app = SoftlandingApp(pack, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            notes = [n for n in app._notifications if "kept safe" in n.message]
            assert notes and notes[0].severity == "warning"
            assert "softlanding.db.corrupt-" in notes[0].message


def test_app_refuses_newer_file_without_touching_it() -> None:
    with Store.open() as store:
        store.conn.execute("INSERT INTO _migrations VALUES ('m999_from_the_future', 'x')")
    before = paths.database_path().read_bytes()
    result = run_cli()  # the app itself: it stops before drawing anything
    assert result.returncode == 1
    assert "newer version" in plain(result)
    assert paths.database_path().read_bytes() == before


# --- locked by another writer ------------------------------------------------------------------


HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


@pytest.fixture
def hold_lock() -> Iterator[Callable[[float], subprocess.Popen[str]]]:
    """Another process holding a write transaction on the sessions file for `seconds`."""
    started: list[subprocess.Popen[str]] = []

    def hold(seconds: float) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(paths.database_path()), str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        started.append(proc)
        return proc

    yield hold
    for proc in started:
        proc.kill()
        proc.wait()


def test_short_lock_just_waits(hold_lock: Any) -> None:
    with Store.open() as store:
        sid = store.create_session("solo")
        holder = hold_lock(0.5)
        store.save_answer(sid, "name", "word", "hurt")  # waits for the other writer, then saves
        assert holder.wait(5) == 0
        assert store.load(sid).get("name", "word") == "hurt"


def test_long_lock_is_named_plainly_and_nothing_is_lost(hold_lock: Any) -> None:
    with Store.open() as store:
        sid = store.create_session("solo")
        store.save_answer(sid, "name", "word", "hurt")
        store.conn.execute("PRAGMA busy_timeout=300")  # the real wait is 5 s; the path is the same
        hold_lock(30)
        with pytest.raises(StoreError) as info:
            store.save_answer(sid, "name", "need", "rest")
        assert str(info.value) == BUSY
    with Store.open(readonly=True) as reader:
        assert reader.load(sid).step_answers("name") == {"word": "hurt"}


def test_cli_under_a_long_lock_says_so_after_the_busy_timeout(hold_lock: Any) -> None:
    with Store.open() as store:
        store.create_session("solo")
    hold_lock(30)
    begun = time.monotonic()
    result = run_cli("forget", "--all", "--yes")
    assert 4 < time.monotonic() - begun < 30  # waited the busy timeout, then gave up
    assert result.returncode == 1
    assert BUSY in plain(result)
    with Store.open(readonly=True) as reader:
        assert reader.count_sessions() == 1


def test_a_stuck_softlanding_writer_does_not_hang_the_next_save() -> None:
    """Another softlanding process stopped mid-save (Ctrl+Z) holds the write lock file."""
    with Store.open() as store:
        sid = store.create_session("solo")
        assert store._lock is not None
        stuck = WriteLock(store._lock.path)
        with stuck:
            store._lock.timeout = 0.3  # the real wait is 5 s
            begun = time.monotonic()
            with pytest.raises(StoreError, match="saving to your sessions file"):
                store.save_answer(sid, "name", "word", "hurt")
            assert time.monotonic() - begun < 3
        store.save_answer(sid, "name", "word", "hurt")  # the lock is free again: it saves
        assert store.load(sid).get("name", "word") == "hurt"


@pytest.mark.parametrize("then", ["answer again", "next answer", "quit"])
async def test_an_answer_given_during_a_lock_is_written_once_the_disk_takes_it(
    make_app: Any, store: Any, hold_lock: Any, then: str
) -> None:
    """The app keeps running and says to wait; the answer is not lost meanwhile: it goes to
    disk before the next one, or as softlanding closes (it was kept nowhere when the first
    answer met a lock), and an answer given again replaces it."""
    from softlanding.screens.pause.pause import PauseScreen

    app = make_app(start="pause")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        store.conn.execute("PRAGMA busy_timeout=200")
        holder = hold_lock(30)
        sid = app.session_id
        await pilot.press("4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert any(n.message == BUSY and n.severity == "error" for n in app._notifications)
        holder.kill()
        holder.wait()
        keys = {"answer again": ("escape", "5", "enter"), "next answer": ("down", "enter")}
        await pilot.press(*keys.get(then, ("ctrl+q",)))  # back to the question: answer again
        await pilot.pause()
    record = store.load(sid)
    assert record is not None
    assert record.get("pause", "calm_before") == (5 if then == "answer again" else 4)
    if then == "next answer":
        assert record.get("pause", "flooded") is False


# --- a folder we may not write, a read-only file -----------------------------------------------


@pytest.mark.skipif(as_root, reason="root ignores folder permissions")
def test_home_folder_not_writable_is_named_plainly(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True)
    isolated_home.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="permission denied"):
            Store.open()
        result = run_cli("forget", "--all", "--yes")
        assert result.returncode == 1 and "permission denied" in plain(result)
    finally:
        isolated_home.chmod(0o700)


def test_stricter_modes_chosen_by_the_user_are_kept() -> None:
    """A folder at 500 and a file at 400 are the owner's choice: only ever tightened."""
    _with_sessions(2)
    data, db = paths.data_dir(), paths.database_path()
    data.chmod(0o500)
    db.chmod(0o400)
    try:
        with Store.open(readonly=True) as store:
            assert store.count_sessions() == 2
        for command in (("history",), ("export", "--format", "json")):
            assert run_cli(*command).returncode == 0
        assert stat.S_IMODE(data.stat().st_mode) == 0o500
        assert stat.S_IMODE(db.stat().st_mode) == 0o400
    finally:
        data.chmod(0o700)


def test_folder_that_cannot_be_created_is_named_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated for root too: mkdir refused as it would be in a folder owned by someone else."""

    def refused(self: Path, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refused)
    with pytest.raises(StoreError, match="permission denied"):
        Store.open()


@pytest.fixture
def read_only_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection opens the file read-only, as on a read-only disk (works as root too)."""
    real = sqlite3.connect

    def read_only(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if str(database).endswith(".db"):
            kwargs["uri"] = True
            return real(f"{Path(database).as_uri()}?mode=ro", *args, **kwargs)
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)


def test_no_file_and_no_way_to_create_it(read_only_files: None) -> None:
    with pytest.raises(StoreError, match="cannot write its sessions file"):
        Store.open()


def test_read_only_file_refuses_saves_plainly_and_keeps_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with Store.open() as store:
        sid = store.create_session("solo")
        store.save_answer(sid, "name", "word", "hurt")
    real = sqlite3.connect
    monkeypatch.setattr(
        sqlite3,
        "connect",
        lambda db, *a, **k: real(f"{Path(db).as_uri()}?mode=ro", *a, **{**k, "uri": True}),
    )
    with Store.open() as store:
        with pytest.raises(StoreError, match="cannot write its sessions file"):
            store.save_answer(sid, "name", "need", "rest")
        assert store.load(sid).step_answers("name") == {"word": "hurt"}


# --- a full disk -------------------------------------------------------------------------------


def test_full_disk_is_named_plainly_and_earlier_rows_stay() -> None:
    with Store.open() as store:
        sid = store.create_session("solo")
        store.save_answer(sid, "name", "word", "hurt")
        fill_the_disk(store)
        with pytest.raises(StoreError, match="disk is full") as info:
            store.save_answer(sid, "reframe", "thought", "x" * 100_000)
        assert "x" * 20 not in str(info.value)  # the words themselves never reach a message
        assert store.load(sid).get("name", "word") == "hurt"
        assert not store.conn.in_transaction
    assert integrity_ok()


FULL_DISK = """
import runpy, sqlite3, sys
real = sqlite3.connect
def capped(*args, **kwargs):
    conn = real(*args, **kwargs)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={max(pages, 1)}")
    return conn
sqlite3.connect = capped
sys.argv = ["softlanding", *sys.argv[1:]]
runpy.run_module("softlanding", run_name="__main__")
"""


def test_cli_import_onto_a_full_disk_is_plain_and_changes_nothing(tmp_path: Path) -> None:
    export = tmp_path / "all.json"
    _with_sessions(30)
    plain(run_cli("export", "--format", "json", "--output", str(export)))
    plain(run_cli("forget", "--all", "--yes"))
    with Store.open() as store:
        sid = store.create_session("solo")
        store.save_answer(sid, "name", "word", "hurt")

    result = run_cli("import", str(export), wrapper=FULL_DISK)
    assert result.returncode == 1
    assert "disk is full" in plain(result)
    with Store.open(readonly=True) as reader:
        assert reader.count_sessions() == 1
        assert reader.load(sid).get("name", "word") == "hurt"
    assert integrity_ok()


async def test_app_keeps_running_when_an_autosave_hits_a_full_disk(
    make_app: Any, store: Any
) -> None:
    from textual import events
    from textual.widgets import Input

    from softlanding.screens.name import NameScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session("solo")
        sid = app.session_id
        app.session.record("pause", "calm_before", 3)
        await app.switch_screen(app.step_screen("name"))
        await pilot.press("enter", "enter")  # a family, a word (both saved)
        assert store.load(sid).get("name", "word")
        fill_the_disk(store)
        box = app.screen.query_one("#own_words-input", Input)
        assert app.focused is box
        app.post_message(events.Paste("so much to say " * 20_000))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)  # still running, on to the next question
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "disk is full" in errors[0].message
        assert "so much" not in errors[0].message
    record = store.load(sid)
    assert record.get("pause", "calm_before") == 3
    assert record.get("name", "own_words") is None


async def test_start_now_on_a_full_disk_says_so(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        fill_the_disk(store)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3", "enter")  # the first answer: the session is written now
        await pilot.pause()
        assert any("disk is full" in n.message for n in app._notifications)
