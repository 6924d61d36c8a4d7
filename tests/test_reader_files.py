"""Every open of the sessions file, reading ones included, leaves it ours alone."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from softlanding import paths
from softlanding.cli import main
from softlanding.store.sessions import Store, StoreError

SIDES = ("", "-wal", "-shm")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_files() -> Iterator[str]:
    """A session saved, then the folder at 755 and the file and side files at 644 (a restored
    backup); a writer stays open so that the -wal and -shm files are there to check."""
    with Store.open() as store:
        sid = store.create_session("solo")
        store.save_answer(sid, "name", "word", "hurt")
    writer = Store.open()
    db = paths.database_path()
    paths.data_dir().chmod(0o755)
    for side in SIDES:
        Path(f"{db}{side}").chmod(0o644)
    try:
        yield sid
    finally:
        writer.close()


@pytest.mark.parametrize(
    "command",
    [["history"], ["show", "{sid}"], ["export"], ["export", "--format", "json"], ["reflect"]],
)
def test_reading_commands_make_a_loose_database_owner_only(
    loose_files: str,
    command: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal())  # `reflect` alone: the debrief
    assert main([part.replace("{sid}", loose_files) for part in command]) == 0
    db = paths.database_path()
    for side in SIDES:
        assert mode(Path(f"{db}{side}")) == 0o600, side
    assert mode(paths.data_dir()) == 0o700


def test_a_read_only_open_tightens_and_never_loosens(loose_files: str) -> None:
    db = paths.database_path()
    db.chmod(0o444)  # readable by others, but the owner chose no write bit: keep that choice
    with Store.open(readonly=True) as store:
        assert store.count_sessions() == 1
        assert mode(db) == 0o400
        for side in SIDES[1:]:  # SQLite may give an empty -wal the file's own 400
            assert not mode(Path(f"{db}{side}")) & 0o077, side


# --- files that are not ours alone ------------------------------------------------------------

OTHER_UID = 65534  # "nobody": stands for another user on the machine (we run as root in CI)
as_root = hasattr(os, "geteuid") and os.geteuid() == 0


def _spoil(where: str, how: str) -> Path:
    """One session saved, then the folder, the file or a -wal made another's or open to all."""
    with Store.open() as store:
        store.create_session("solo")
    db = paths.database_path()
    target = {"folder": db.parent, "file": db, "wal": Path(f"{db}-wal")}[where]
    target.touch()
    if how == "owner":
        if not as_root:
            pytest.skip("only root can give a file to another user")
        os.chown(target, OTHER_UID, -1)
    else:
        target.chmod(stat.S_IMODE(target.stat().st_mode) | 0o002)
    return target


@pytest.mark.parametrize("how", ["owner", "writable"])
@pytest.mark.parametrize("where", ["folder", "file", "wal"])
def test_a_database_not_ours_alone_is_refused_in_plain_words(
    where: str, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _spoil(where, how)
    before = target.stat()
    said = "belongs to another user" if how == "owner" else "other people on this computer"
    for readonly in (False, True):
        with pytest.raises(StoreError, match=said) as caught:
            Store.open(readonly=readonly)
        assert str(target) in str(caught.value)
    for command in (["history"], ["show", "x"], ["export"], ["forget", "--all", "--yes"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert said in err and str(target) in err and "Traceback" not in err
    after = target.stat()
    assert (after.st_mode, after.st_uid) == (before.st_mode, before.st_uid)  # left as it was


@pytest.mark.parametrize("how", ["owner", "writable"])
@pytest.mark.parametrize("where", ["folder", "file"])
def test_the_app_says_so_too_and_changes_nothing(
    where: str, how: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from softlanding.app import SoftlandingApp
    from softlanding.launch import run_tui

    def started(self: object) -> None:
        raise AssertionError("the app started on a file that is not ours")

    monkeypatch.setattr(SoftlandingApp, "run", started)
    target = _spoil(where, how)
    before = target.stat()
    assert run_tui() == 1
    err = capsys.readouterr().err
    assert str(target) in err and "Traceback" not in err
    assert ("belongs to another user" if how == "owner" else "chmod go-w") in err
    after = target.stat()
    assert (after.st_mode, after.st_uid) == (before.st_mode, before.st_uid)
    assert not (paths.data_dir() / "softlanding.launch.lock").exists()
