"""`softlanding lock`, `unlock`, `passphrase change`, and opening a locked store in history."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from history_seed import SAID, open_history, seed
from softlanding.cli import main
from softlanding.report.visible import Viewer, hidden_count
from softlanding.store import privacy, seal
from softlanding.store.sessions import Store

LOCK_PASS = "our kitchen table"


def typing(monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
    """What the person types at each getpass prompt, in order."""
    queue: Iterator[str] = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(queue))


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def file_bytes(path: Path) -> bytes:
    return b"".join(
        Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm") if Path(f"{path}{s}").exists()
    )


def locked(store: Store, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    ids = seed(store)
    typing(monkeypatch, LOCK_PASS, LOCK_PASS)
    code, text = cli(capsys, "lock")
    assert code == 0 and "gone for good" in text and "Locked." in text
    return ids


def test_lock_seals_every_word_and_history_shows_dates_only(store, capsys, monkeypatch) -> None:
    ids = locked(store, capsys, monkeypatch)
    assert SAID.encode() not in file_bytes(store.path)
    _, text = cli(capsys, "history", "--json")
    rows = json.loads(text)
    assert len(rows) == 5 and all(row["feelings"] == [] for row in rows)
    assert all(row["started_at"] for row in rows)
    _, text = cli(capsys, "show", ids["solo"])
    assert SAID not in text and "let down" not in text and "not shown" in text
    typing(monkeypatch, "wrong one")
    code, text = cli(capsys, "show", ids["solo"], "--open")
    assert code == 1 and "does not open anything" in text and SAID not in text
    typing(monkeypatch, LOCK_PASS)
    code, text = cli(capsys, "show", ids["solo"], "--open")
    assert code == 0 and "let down" in text


def test_new_words_are_sealed_as_written_without_asking(make_app, store, capsys, monkeypatch):
    locked(store, capsys, monkeypatch)
    app = make_app()
    monkeypatch.setattr("getpass.getpass", lambda prompt="": pytest.fail("asked"))
    app.start_session("solo")
    app.session.record("reframe", "thought", "NEWWORDS-9931")
    app.session.record("pause", "return_at", "2030-01-01T00:00:00+00:00")  # a time, not words
    stored = store.load(app.session_id)
    assert seal.is_sealed(stored.get("reframe", "thought"))
    assert stored.get("pause", "return_at") == "2030-01-01T00:00:00+00:00"
    assert b"NEWWORDS-9931" not in file_bytes(store.path)


def test_passphrase_change_reseals_and_unlock_opens_for_good(store, capsys, monkeypatch) -> None:
    ids = locked(store, capsys, monkeypatch)
    before = store.conn.execute("SELECT value FROM answers WHERE field = 'final'").fetchone()[0]
    typing(monkeypatch, LOCK_PASS, "a new one", "a new one")
    code, text = cli(capsys, "passphrase", "change")
    assert code == 0 and "changed" in text
    after = store.conn.execute("SELECT value FROM answers WHERE field = 'final'").fetchone()[0]
    assert after != before and before[-20:].encode() not in file_bytes(store.path)
    typing(monkeypatch, LOCK_PASS)
    assert cli(capsys, "show", ids["solo"], "--open")[0] == 1
    typing(monkeypatch, "a new one")
    code, text = cli(capsys, "unlock")
    assert code == 0 and "Unlocked." in text and not privacy.is_locked(store)
    _, text = cli(capsys, "show", ids["solo"])
    assert "let down" in text and SAID in text


def test_a_locked_export_stays_sealed_and_imports_sealed(store, capsys, monkeypatch, tmp_path):
    ids = locked(store, capsys, monkeypatch)
    target = tmp_path / "all.json"
    assert cli(capsys, "export", "--format", "json", "-o", str(target))[0] == 0
    text = target.read_text()
    assert SAID not in text and '"sealed": "lock"' in text and '"lock"' in text
    assert cli(capsys, "forget", "--all", "--yes")[0] == 0
    privacy.clear_lock(store)
    code, said = cli(capsys, "import", str(target))
    assert code == 0 and "Imported 5" in said
    assert SAID.encode() not in file_bytes(store.path) and privacy.is_locked(store)
    typing(monkeypatch, LOCK_PASS)
    code, text = cli(capsys, "show", ids["solo"], "--open")
    assert code == 0 and "let down" in text


def test_lock_asks_twice_and_refuses_an_empty_passphrase(store, capsys, monkeypatch) -> None:
    seed(store)
    typing(monkeypatch, "one", "two")
    code, text = cli(capsys, "lock")
    assert code == 1 and "not the same" in text and not privacy.is_locked(store)
    typing(monkeypatch, "")
    assert cli(capsys, "lock")[0] == 1 and not privacy.is_locked(store)


async def test_history_opens_a_locked_store_with_its_passphrase(
    make_app, store, capsys, monkeypatch
) -> None:
    locked(store, capsys, monkeypatch)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        table = app.screen.query_one(DataTable)
        feelings = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert not any(feelings)
        assert "Locked" in str(app.screen.query_one("#count").render())
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*"wrong", "enter")
        await pilot.pause()
        assert "does not open anything" in str(app.screen.query_one("#unlock-problem").render())
        await pilot.press(*[("space" if c == " " else c) for c in LOCK_PASS], "enter")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        feelings = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert any("let down" in f for f in feelings)
        assert "Locked" not in str(app.screen.query_one("#count").render())


def test_a_locked_store_keeps_new_numbers_and_times_sealed_and_reads_them_back(
    store, capsys, monkeypatch
) -> None:
    """A scale answer sealed to the lock passes the store's one check; readers open it."""
    from softlanding.flow.keeping import Keeping
    from softlanding.report.visible import Viewer
    from softlanding.store import archive
    from softlanding.store.errors import StoreError

    locked(store, capsys, monkeypatch)
    keeping = Keeping(lock_public=privacy.lock_public(store))
    sid = store.create_session("solo")
    sealed = keeping.for_disk("pause", "calm_before", 7, "A", False)
    assert seal.is_sealed(sealed)
    store.save_answer(sid, "pause", "calm_before", sealed)
    record = store.load(sid)
    assert record is not None and record.skipped == 0
    assert seal.is_sealed(record.get("pause", "calm_before"))
    assert archive.pattern_facts(store)[-1].answers == {}  # not opened: nothing counted
    private = seal.open_lock(store.get_setting(privacy.LOCK_SETTING), LOCK_PASS)
    viewer = Viewer(keyring=seal.Keyring(lock_private=private))
    facts = {f.id: f for f in archive.pattern_facts(store, viewer=viewer)}
    assert facts[sid].answers == {("A", "pause", "calm_before"): 7}
    with pytest.raises(StoreError):  # only a seal as softlanding writes one
        store.save_answer(sid, "pause", "calm_before", {"sealed": "lock", "box": 1})


async def test_a_locked_solo_session_says_its_words_are_sealed_not_a_partners(
    make_app, store, capsys, monkeypatch
) -> None:
    from softlanding.screens.history.session_view import SessionScreen

    ids = locked(store, capsys, monkeypatch)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("down", "down", "enter")  # the third newest: the solo session
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.screen.session_id == ids["solo"]
        note = str(app.screen.query_one("#private-note").render())
        words = app.pack.text.session_view
        hidden = app.screen.library.hidden(app.screen.record)
        assert hidden and note == words.private_hidden_solo.format(count=hidden)
    words_only = store.create_session("solo")  # now the newest: every answer sealed
    public = seal.lock_public(store.get_setting(privacy.LOCK_SETTING))
    store.save_answers(words_only, "name", {"own_words": seal.seal_to_lock(public, "only words")})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.screen.session_id == words_only
        body = str(app.screen.query_one("#body").render())
        assert app.pack.text.session_view.nothing not in body  # sealed words were recorded


def test_show_of_a_locked_solo_session_says_its_words_are_sealed_not_a_partners(
    store, capsys, monkeypatch, pack
) -> None:
    """One person's session has no partner: `show` words its hidden note for one, as Look back
    does; a pair's session keeps the pair's wording."""
    ids = locked(store, capsys, monkeypatch)
    words = pack.text.history_cli
    _, text = cli(capsys, "show", ids["solo"])
    flat = " ".join(text.split())
    hidden = hidden_count(store.load(ids["solo"]), Viewer())
    assert hidden and words.private_hidden_solo.format(count=hidden) in flat
    assert "a partner's own words" not in flat
    words_only = store.create_session("solo")
    public = seal.lock_public(store.get_setting(privacy.LOCK_SETTING))
    store.save_answers(words_only, "name", {"own_words": seal.seal_to_lock(public, "only words")})
    _, text = cli(capsys, "show", words_only)
    flat = " ".join(text.split())
    assert words.private_hidden_solo.format(count=1) in flat
    assert pack.text.session_view.nothing not in flat  # sealed words were recorded
    _, text = cli(capsys, "show", ids["together"])
    assert words.private_hidden in " ".join(text.split())


@pytest.mark.parametrize("where", ["deriving the new key", "writing"])
def test_an_interrupted_passphrase_change_leaves_every_word_under_the_old_lock(
    store, capsys, monkeypatch, where: str
) -> None:
    """Ctrl+C, a crash or a closed terminal mid-change: never words open with no lock."""
    ids = locked(store, capsys, monkeypatch)

    def stop(*_: Any) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as broken:
        if where == "writing":  # inside the one transaction, after every row is updated
            broken.setattr(privacy.health, "mark_scrub", stop)
        else:
            broken.setattr(seal, "new_lock", stop)
        typing(broken, LOCK_PASS, "a new one", "a new one")
        assert cli(capsys, "passphrase", "change")[0] == 130
    assert privacy.is_locked(store) and SAID.encode() not in file_bytes(store.path)
    typing(monkeypatch, "a new one")
    assert cli(capsys, "show", ids["solo"], "--open")[0] == 1
    typing(monkeypatch, LOCK_PASS)
    code, text = cli(capsys, "show", ids["solo"], "--open")
    assert code == 0 and SAID in text


def test_stopping_at_a_passphrase_prompt_says_nothing_changed(store, capsys, monkeypatch) -> None:
    locked(store, capsys, monkeypatch)

    def interrupted(prompt: str = "") -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("getpass.getpass", interrupted)
    code, text = cli(capsys, "passphrase", "change")
    assert code == 130 and "Nothing was changed" in text and privacy.is_locked(store)


def test_a_passphrase_is_never_read_where_it_would_show(store, capsys, monkeypatch) -> None:
    """No keyboard (a pipe, a closed input): getpass would echo or fail; refused in words."""
    import getpass
    import warnings

    seed(store)

    def no_keyboard(prompt: str = "") -> str:
        warnings.warn("Can not control echo on the terminal.", getpass.GetPassWarning, stacklevel=1)
        return "typed into a pipe"

    monkeypatch.setattr("getpass.getpass", no_keyboard)
    code, text = cli(capsys, "lock")
    assert code == 130 and "never read from a pipe" in text and not privacy.is_locked(store)

    def closed(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("getpass.getpass", closed)
    code, text = cli(capsys, "lock")
    assert code == 130 and "Nothing was changed" in text and "EOFError" not in text
