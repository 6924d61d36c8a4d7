"""The command line: help, version, history, prompts, lean imports, plain errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from softlanding.cli import COMMANDS, main


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "softlanding", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
    )


def test_help_lists_every_command_with_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for name, (_, summary) in COMMANDS.items():
        assert f"{name}" in out and summary in out
    assert "not therapy" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from softlanding import __version__

    with pytest.raises(SystemExit):
        main(["--version"])
    assert __version__ in capsys.readouterr().out


def test_history_on_a_new_machine_is_empty(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    assert "No saved sessions yet" in capsys.readouterr().out
    assert main(["history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_history_lists_sessions(store, capsys: pytest.CaptureFixture[str]) -> None:
    sid = store.create_session("solo", tags=["money"])
    store.save_answer(sid, "name", "word", "hurt")
    assert main(["history", "--json", "--tag", "money"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [sid]
    assert rows[0]["feelings"] == ["hurt"]


def test_prompts_check_passes_shipped_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prompts", "check"]) == 0
    assert "looks good" in capsys.readouterr().out


def test_prompts_check_rejects_broken_pack(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("tags:\n  - fine\nbreak_guidance:\n  min_minutes: 5\n")
    result = run("prompts", "check", str(bad))
    assert result.returncode == 1
    assert f"{bad}, line 4: break_guidance → min_minutes" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_prompts_path(capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    assert main(["prompts", "path"]) == 0
    out = capsys.readouterr().out
    assert "shipped pack:" in out and str(isolated_home / "config" / "prompts.yaml") in out


def test_app_refuses_a_broken_user_pack_plainly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("tags: [\n")
    result = run("--prompts", str(bad))
    assert result.returncode == 1
    assert "bad.yaml, line" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["history"], ["prompts", "path"], ["--help"]])
def test_one_shot_commands_do_not_import_textual(command: list[str]) -> None:
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['softlanding', *{command!r}]\n"
        "try:\n    runpy.run_module('softlanding', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.stderr.strip().endswith("CLEAN"), result.stderr


def test_newer_database_is_refused_without_traceback(store) -> None:
    store.conn.execute("INSERT INTO _migrations VALUES ('m999_future', 'x')")
    store.close()
    result = run("history")
    assert result.returncode == 1
    assert "newer version" in result.stderr and "Traceback" not in result.stderr
