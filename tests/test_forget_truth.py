"""Deleting really deletes, and says the truth (issue 11 §4)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from history_seed import SAID, seed
from softlanding import paths
from softlanding.store.sessions import Store


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "softlanding", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
    )


def words_left(text: str = SAID) -> list[str]:
    """The files in the data folder whose bytes still hold `text`."""
    needle = text.encode()
    return [p.name for p in paths.data_dir().iterdir() if p.is_file() and needle in p.read_bytes()]


def _seeded() -> None:
    with Store.open() as store:
        seed(store)
    assert words_left() == ["softlanding.db"]


def _damage() -> None:
    """Garbage over the header: SQLite no longer sees a database (the words stay in the bytes)."""
    db = paths.database_path()
    raw = bytearray(db.read_bytes())
    raw[:100] = b"\xa5" * 100
    db.write_bytes(bytes(raw))


def test_forget_all_on_a_damaged_file_tells_the_truth_and_erases_the_copies() -> None:
    _seeded()
    _damage()
    result = run("forget", "--all", "--yes")
    assert result.returncode == 0, result.stderr
    assert "There are no saved sessions" not in result.stdout
    assert "kept safe as" in result.stderr  # the set-aside is said
    assert "damaged cop" in result.stdout and "Erased" in result.stdout
    assert words_left() == []
    assert not list(paths.data_dir().glob("softlanding.db.corrupt-*"))


def test_forget_all_asks_before_erasing_the_copies() -> None:
    _seeded()
    _damage()
    result = run("forget", "--all")  # no terminal, no --yes: nothing may be erased
    assert result.returncode == 1
    assert "damaged cop" in result.stdout and "--yes" in result.stderr
    assert words_left() and list(paths.data_dir().glob("softlanding.db.corrupt-*"))


def test_reflect_save_and_import_say_when_they_set_a_damaged_file_aside(tmp_path: Path) -> None:
    _seeded()
    _damage()
    saved = run("reflect", "--save", "you never listen")
    assert saved.returncode == 0 and "kept safe as" in saved.stderr
    _damage()
    export = tmp_path / "empty.json"
    export.write_text('{"format": "softlanding-export", "version": 1, "sessions": []}')
    imported = run("import", str(export))
    assert imported.returncode == 0 and "kept safe as" in imported.stderr


_KILLED_MID_FORGET = textwrap.dedent("""\
    import os
    from softlanding.store import health
    from softlanding.store.sessions import Store

    def killed(*args, **kwargs):
        os._exit(9)  # the process dies after the delete, before the file is scrubbed

    health.scrub = killed
    Store.open().delete_all()
""")


def test_an_interrupted_scrub_is_finished_by_the_next_command() -> None:
    _seeded()
    killed = subprocess.run([sys.executable, "-c", _KILLED_MID_FORGET], timeout=60)
    assert killed.returncode == 9
    assert words_left(), "the kill must leave the words in the file for this test to mean much"
    result = run("history")
    assert result.returncode == 0 and "No saved sessions yet" in result.stdout
    assert words_left() == []
    with Store.open(readonly=True) as store:
        assert store.get_setting("scrub_pending") is None


def test_forget_says_honestly_when_another_window_still_reads_the_file() -> None:
    _seeded()
    reader = sqlite3.connect(paths.database_path(), isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM answers").fetchone()  # a snapshot with the words
    try:
        result = run("forget", "--all", "--yes")
        assert result.returncode == 0
        assert "gone from this computer" not in result.stdout
        assert "when that window closes" in result.stdout
        assert words_left()  # the truth: they are still there
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert run("history").returncode == 0  # any next command finishes the scrub
    assert words_left() == []
