"""history, show, export, import and forget from the command line."""

from __future__ import annotations

import io
import json
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from history_seed import CANARY, SAID, SAM_PASSPHRASE, seed
from softlanding.cli import main
from softlanding.store.sessions import Store


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "softlanding", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
    )


def out(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def db_bytes(store: Store) -> bytes:
    """The database and its journal files, as they lie on disk."""
    assert store.path is not None
    found = b""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = Path(f"{store.path}{suffix}")
        if path.exists():
            found += path.read_bytes()
    return found


# --- history ----------------------------------------------------------------------------------


def test_history_table_lists_newest_first(store, capsys) -> None:
    ids = seed(store)
    code, text, _ = out(capsys, "history")
    assert code == 0 and "Sessions: 5 of 5" in text
    assert text.index(ids["reflect"][:8]) < text.index(ids["solo"][:8])
    assert "came back" in text and "let down" in text


def test_history_table_names_the_pair_as_the_look_back_screen_does(store, capsys) -> None:
    seed(store)
    store.create_session("together", partners=[("A", "[b]Jo"), ("B", "Ri\nki")])
    code, text, _ = out(capsys, "history")
    assert code == 0
    assert "Alex & Sam" in text  # the seeded pair, by name rather than "Together"
    assert "[b]Jo & Ri␊ki" in text  # names are data: no markup, one line


def test_history_json_limit_since_and_tag(store, capsys) -> None:
    ids = seed(store)
    code, text, _ = out(capsys, "history", "--json", "--limit", "2")
    rows = json.loads(text)
    assert code == 0 and [r["id"] for r in rows] == [ids["reflect"], ids["together"]]
    assert rows[1]["break_state"] is None and set(rows[1]["feelings"]) == {"stung", "worried"}
    _, text, _ = out(capsys, "history", "--json", "--since", "2025-03-01")
    assert {r["id"] for r in json.loads(text)} == {ids["reflect"], ids["together"], ids["solo"]}
    _, text, _ = out(capsys, "history", "--json", "--tag", "work")
    assert [r["id"] for r in json.loads(text)] == [ids["breathing"]]


def test_history_default_limit_is_a_screenful(store, capsys) -> None:
    for day in range(1, 26):
        store.create_session("solo", session_id=f"s{day:02d}")
    _, text, _ = out(capsys, "history", "--json")
    assert len(json.loads(text)) == 20


@pytest.mark.parametrize("bad", [["--limit", "0"], ["--limit", "x"], ["--since", "soon"]])
def test_history_bad_options_exit_2(bad: list[str]) -> None:
    result = run("history", *bad)
    assert result.returncode == 2 and "Traceback" not in result.stderr


# --- show -------------------------------------------------------------------------------------


def test_show_by_prefix_in_debrief_order(store, capsys) -> None:
    ids = seed(store)
    code, text, _ = out(capsys, "show", ids["solo"][:6])
    assert code == 0 and ids["solo"] in text
    assert text.index("The pause") < text.index("Feelings") < text.index("One change")
    assert "let down" in text and "I feel lonely about the evenings" in text


def test_show_opens_sealed_words_only_with_their_passphrase(store, capsys, monkeypatch) -> None:
    ids = seed(store)
    _, text, _ = out(capsys, "show", ids["together"])
    assert CANARY not in text and "Some words are not shown" in text
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "not it")
    code, text, err = out(capsys, "show", ids["together"], "--open")
    assert code == 1 and CANARY not in text and "does not open anything" in err
    monkeypatch.setattr("getpass.getpass", lambda prompt="": SAM_PASSPHRASE)
    code, text, _ = out(capsys, "show", ids["together"], "--open")
    assert code == 0 and CANARY in text and "Sam's private note" in text


def test_show_has_no_include_private(store, capsys) -> None:
    ids = seed(store)
    with pytest.raises(SystemExit):
        out(capsys, "show", ids["together"], "--include-private")


def test_show_json_is_the_export_shape(store, capsys) -> None:
    ids = seed(store)
    code, text, _ = out(capsys, "show", ids["reflect"], "--json")
    item = json.loads(text)
    assert code == 0 and item["id"] == ids["reflect"] and item["kind"] == "reflect"
    assert {a["field"] for a in item["answers"]} == {"text", "analysis"}


def test_show_unknown_or_ambiguous_ids_exit_1(store, capsys) -> None:
    store.create_session("solo", session_id="abc1")
    store.create_session("solo", session_id="abc2")
    code, _, err = out(capsys, "show", "zzz")
    assert code == 1 and "No saved session starts with 'zzz'" in err
    code, _, err = out(capsys, "show", "abc")
    assert code == 1 and "More than one session" in err


# --- export -----------------------------------------------------------------------------------


def test_export_markdown_to_stdout_leaves_private_notes_out(store, capsys) -> None:
    seed(store)
    code, text, _ = out(capsys, "export")
    assert code == 0 and text.startswith("# ") and "did not share is not in this file" in text
    assert CANARY not in text


def test_export_files_are_mode_600_even_over_an_old_file(store, capsys, tmp_path) -> None:
    seed(store)
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o644)
    code, text, _ = out(capsys, "export", "--format", "json", "-o", str(target), "--force")
    assert code == 0 and "Wrote 5 sessions" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text())["format"] == "softlanding-export"
    md = tmp_path / "out.md"
    assert out(capsys, "export", "--format", "md", "-o", str(md))[0] == 0
    assert stat.S_IMODE(md.stat().st_mode) == 0o600 and "Sam" in md.read_text()
    assert not list(tmp_path.glob(".*.tmp"))


def test_export_since_keeps_sealed_words_sealed_unless_opened(store, capsys, monkeypatch) -> None:
    ids = seed(store)
    _, text, _ = out(capsys, "export", "--format", "json", "--since", "2025-03-05")
    document = json.loads(text)
    assert [s["id"] for s in document["sessions"]] == [ids["together"], ids["reflect"]]
    assert CANARY not in text and '"sealed": "passphrase"' in text
    monkeypatch.setattr("getpass.getpass", lambda prompt="": SAM_PASSPHRASE)
    _, text, _ = out(capsys, "export", "--format", "md", "--open")
    assert CANARY in text


# --- import -----------------------------------------------------------------------------------


def test_round_trip_export_forget_all_import_gives_identical_history(store, capsys, tmp_path):
    ids = seed(store)
    saved = tmp_path / "all.json"
    assert out(capsys, "export", "--format", "json", "-o", str(saved))[0] == 0
    _, before, _ = out(capsys, "history", "--json")
    _, shown_before, _ = out(capsys, "show", ids["together"], "--json")
    assert out(capsys, "forget", "--all", "--yes")[0] == 0
    assert json.loads(out(capsys, "history", "--json")[1]) == []
    code, text, _ = out(capsys, "import", str(saved))
    assert code == 0 and "Imported 5 sessions." in text
    assert out(capsys, "history", "--json")[1] == before
    assert out(capsys, "show", ids["together"], "--json")[1] == shown_before
    assert '"sealed": "passphrase"' in shown_before  # import kept the sealed note sealed
    code, text, _ = out(capsys, "import", str(saved))
    assert code == 0 and "Imported 0 sessions." in text and "Skipped 5" in text


def test_import_truncated_json_imports_nothing(store, capsys, tmp_path) -> None:
    seed(store)
    whole = out(capsys, "export", "--format", "json")[1]
    store.delete_all()
    cut = tmp_path / "cut.json"
    cut.write_text(whole[: len(whole) // 2])
    code, _, err = out(capsys, "import", str(cut))
    assert code == 1 and "not complete JSON" in err and "Nothing was imported" in err
    assert store.count_sessions() == 0


@pytest.mark.parametrize("content", ["markdown", "hello\n", "\ufeff# Sessions\n"])
def test_importing_what_is_not_json_says_so_not_that_it_was_cut_short(
    store, capsys, tmp_path, content: str
) -> None:
    seed(store)
    if content == "markdown":
        content = out(capsys, "export")[1]  # the Markdown export: for reading
    made = tmp_path / "sessions.md"
    made.write_text(content, encoding="utf-8")
    before = store.count_sessions()
    code, _, err = out(capsys, "import", str(made))
    assert code == 1 and "is not a JSON export" in err and "cut short" not in err
    assert store.count_sessions() == before


def test_import_bad_records_are_listed_and_nothing_is_imported(store, capsys, tmp_path) -> None:
    seed(store)
    document = json.loads(out(capsys, "export", "--format", "json")[1])
    store.delete_all()
    document["sessions"][1]["kind"] = "duo"
    document["sessions"][3]["id"] = document["sessions"][0]["id"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    code, _, err = out(capsys, "import", str(bad))
    assert code == 1 and "has 2 problems" in err
    assert "session 2 in the file" in err and "session 4 in the file" in err
    assert store.count_sessions() == 0


@pytest.mark.parametrize("content", [b"[1, 2]", b"\xff\xfe not text", None])
def test_import_wrong_shape_unreadable_or_missing_exit_1(store, capsys, tmp_path, content) -> None:
    path = tmp_path / "file.json"
    if content is not None:
        path.write_bytes(content)
    code, _, err = out(capsys, "import", str(path))
    assert code == 1 and "Nothing was imported" in err


def test_import_from_stdin(store, capsys, monkeypatch) -> None:
    seed(store)
    text = out(capsys, "export", "--format", "json")[1]
    store.delete_all()
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert out(capsys, "import", "-")[0] == 0 and store.count_sessions() == 5


# --- forget -----------------------------------------------------------------------------------


def test_forget_one_removes_its_words_from_the_file_bytes(store, capsys) -> None:
    ids = seed(store)
    store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    assert SAID.encode() in db_bytes(store)
    code, text, _ = out(capsys, "forget", ids["solo"][:8], "--yes")
    assert code == 0 and "Deleted" in text
    assert store.load(ids["solo"]) is None and store.count_sessions() == 4
    assert SAID.encode() not in db_bytes(store)


def test_forget_all_removes_every_word_including_private_notes(store, capsys) -> None:
    seed(store)
    sealed = store.conn.execute("SELECT value FROM answers WHERE field = 'note'").fetchone()[0]
    assert sealed[-30:].encode() in db_bytes(store)  # the sealed note's ciphertext
    assert CANARY.encode() not in db_bytes(store)  # sealed: never in the clear
    code, text, _ = out(capsys, "forget", "--all", "--yes")
    assert code == 0 and "Deleted 5 sessions" in text
    data = db_bytes(store)
    assert sealed[-30:].encode() not in data and SAID.encode() not in data


def test_forget_without_a_terminal_needs_yes(store) -> None:
    ids = seed(store)
    result = run("forget", ids["solo"])
    assert result.returncode == 1 and "--yes" in result.stderr
    assert run("forget", "--all").returncode == 1
    assert store.count_sessions() == 5


def answer(monkeypatch: pytest.MonkeyPatch, typed: str) -> list[str]:
    """Pretend a person at a terminal types `typed`; returns what they were asked."""
    asked: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or typed)
    return asked


def test_forget_asks_at_a_terminal(store, capsys, monkeypatch) -> None:
    ids = seed(store)
    asked = answer(monkeypatch, "no")
    code, text, _ = out(capsys, "forget", ids["solo"])
    assert code == 1 and "Nothing was deleted" in text and "2025-03-03 21:40" in text
    assert asked and store.count_sessions() == 5
    answer(monkeypatch, "yes")
    assert out(capsys, "forget", ids["solo"])[0] == 0 and store.count_sessions() == 4
    answer(monkeypatch, "YES")
    code, text, _ = out(capsys, "forget", "--all")
    assert code == 0 and "Delete all 4" in text and store.count_sessions() == 0


@pytest.mark.parametrize("typed", ["y", "Y", "  y  ", "yes", " YES "])
def test_forget_takes_y_or_yes_in_any_case(store, capsys, monkeypatch, typed: str) -> None:
    ids = seed(store)
    asked = answer(monkeypatch, typed)
    code, text, _ = out(capsys, "forget", ids["solo"])
    assert code == 0 and store.load(ids["solo"]) is None
    assert "y or yes" in asked[0]  # the question says which answers delete


@pytest.mark.parametrize("typed", ["", "n", "no", "ye", "yy", "y es", "yes please", "oui", "|"])
def test_forget_takes_anything_else_as_no(store, capsys, monkeypatch, typed: str) -> None:
    ids = seed(store)
    answer(monkeypatch, typed)
    code, text, _ = out(capsys, "forget", ids["solo"])
    assert code == 1 and "Nothing was deleted" in text and store.count_sessions() == 5


def test_a_packs_yes_words_never_include_a_blank_answer() -> None:
    from softlanding.scripts.say import yes_words

    assert yes_words("y|yes") == {"y", "yes"}
    assert yes_words(" Ja || j |") == {"ja", "j"}  # a stray bar never lets Enter alone delete


def test_forget_usage_and_unknown_ids(store, capsys) -> None:
    assert run("forget").returncode == 2
    assert run("forget", "abc", "--all").returncode == 2
    code, _, err = out(capsys, "forget", "nope", "--yes")
    assert code == 1 and "No saved session" in err
    code, text, _ = out(capsys, "forget", "--all", "--yes")
    assert code == 0 and "no saved sessions" in text


# --- lean start-up ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["history"],
        ["history", "--json"],
        ["show", "zzz"],
        ["export", "--format", "md"],
        ["export", "--format", "json"],
        ["import", "missing.json"],
        ["forget", "--all", "--yes"],
    ],
)
def test_these_commands_do_not_import_textual(command: list[str], store: Any) -> None:
    seed(store)
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['softlanding', *{command!r}]\n"
        "try:\n    runpy.run_module('softlanding', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('textual', 'pydantic', 'yaml') if m in sys.modules]\n"
        "print('HEAVY ' + ' '.join(heavy) if heavy else 'CLEAN', file=sys.stderr)\n"
    )
    run("history")  # compiles the pack once, so the probe measures the usual path
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.stderr.strip().endswith("CLEAN"), result.stderr


async def test_a_break_ended_early_shows_in_both_lists_instead_of_crashing(
    store: Any, capsys: pytest.CaptureFixture[str], make_app: Any
) -> None:
    """Coming back before the agreed time is its own state; the list and the table name it
    (Look back crashed on it, and `softlanding history` exited with an error)."""
    from textual.widgets import DataTable

    from history_seed import open_history
    from softlanding.pack.loader import load_data

    sid = store.create_session("solo")
    store.save_answers(
        sid,
        "pause",
        {"return_at": "2025-03-03T22:10:00+00:00", "returned_at": "2025-03-03T21:45:00+00:00"},
    )
    early = str(load_data()["text"]["history"]["break_early"])
    code, text, _ = out(capsys, "history")
    assert code == 0 and early in text
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        table = app.screen.query_one(DataTable)
        assert early in [str(cell) for cell in table.get_row_at(0)]
