"""Every open of the sessions file, reading ones included, leaves it ours alone."""

from __future__ import annotations

import io
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from softlanding import paths
from softlanding.cli import main
from softlanding.store.sessions import Store

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
