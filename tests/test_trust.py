"""Files and folders are trusted only when they are ours (issue 11 §3)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from softlanding import paths
from softlanding.pack import loader
from softlanding.store.sessions import Store, StoreError

OTHER_UID = 65534  # "nobody": stands for another user on the machine (we run as root in CI)
as_root = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args: str, timeout: float = 60, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "softlanding", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        **kw,  # type: ignore[arg-type]
    )


def _plant_pack(folder_mode: int, group: int = -1) -> Path:
    config = paths.ensure_private_dir(paths.config_dir())
    planted = config / "prompts.yaml"
    planted.write_text('meta:\n  name: "planted"\n', encoding="utf-8")
    config.chmod(folder_mode)
    if group != -1:
        os.chown(config, -1, group)
    return planted


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o707])
def test_a_pack_planted_in_a_folder_others_can_change_is_refused(mode: int) -> None:
    if mode == 0o770 and not as_root:
        pytest.skip("only root can give a folder to another group")
    # Group-writable is fine for a group that is just us; a shared group is "others".
    planted = _plant_pack(mode, group=OTHER_UID if mode == 0o770 else -1)
    result = run("reflect", "--json", "you never listen")
    assert result.returncode == 1
    assert "other people on this computer can change" in result.stderr
    assert str(planted) in result.stderr and "Traceback" not in result.stderr


def test_a_home_others_can_change_makes_its_pack_untrusted(isolated_home: Path) -> None:
    _plant_pack(0o700)
    isolated_home.chmod(0o777)  # another user could swap the config folder for their own
    with pytest.raises(loader.PackError, match="other people on this computer"):
        loader.load_data()


@pytest.mark.skipif(not hasattr(os, "chown"), reason="needs chown")
def test_a_pack_owned_by_someone_else_is_refused() -> None:
    if not as_root:
        pytest.skip("only root can give a file to another user")
    planted = _plant_pack(0o700)
    os.chown(planted, OTHER_UID, -1)
    with pytest.raises(loader.PackError, match="belongs to another user"):
        loader.load_data()


def _real_numbers() -> list[str]:
    return [r["contact"] for r in loader.load_data()["safety"]["resources"]]


def _plant_cache(mode: int, owner: int | None = None) -> Path:
    cached = next(paths.cache_dir().glob("pack-*.json"))
    data = json.loads(cached.read_text(encoding="utf-8"))
    for item in data["safety"]["resources"]:
        item["contact"] = "call 555-PLANTED"
    cached.write_text(json.dumps(data), encoding="utf-8")
    cached.chmod(mode)
    if owner is not None:
        os.chown(cached, owner, -1)
    return cached


def test_a_compiled_pack_others_could_have_written_is_ignored_and_rebuilt() -> None:
    cached = _plant_cache(0o644)
    numbers = _real_numbers()
    assert numbers and not any("PLANTED" in n for n in numbers)
    rebuilt = next(paths.cache_dir().glob("pack-*.json"))
    assert stat.S_IMODE(rebuilt.stat().st_mode) == 0o600 and rebuilt.name == cached.name
    assert "PLANTED" not in rebuilt.read_text(encoding="utf-8")


def test_a_compiled_pack_owned_by_someone_else_is_ignored() -> None:
    if not as_root:
        pytest.skip("only root can give a file to another user")
    _plant_cache(0o600, owner=OTHER_UID)
    assert not any("PLANTED" in n for n in _real_numbers())


def test_a_compiled_pack_in_a_cache_folder_others_can_change_is_ignored() -> None:
    _plant_cache(0o600)
    paths.cache_dir().chmod(0o777)
    assert not any("PLANTED" in n for n in _real_numbers())


def test_folders_we_create_are_owner_only_whatever_the_umask(isolated_home: Path) -> None:
    old = os.umask(0)
    try:
        with Store.open():
            pass
    finally:
        os.umask(old)
    for folder in (isolated_home, paths.data_dir()):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


# --- links where the database belongs ------------------------------------------------------------


@pytest.mark.parametrize("name", ["softlanding.db", "softlanding.db-wal", "softlanding.db-shm"])
def test_a_link_at_the_database_is_refused_never_followed(name: str, tmp_path: Path) -> None:
    with Store.open() as store:
        store.create_session("solo")
    outside = tmp_path / "outside"
    outside.write_bytes(b"not yours")
    outside.chmod(0o644)
    link = paths.data_dir() / name
    link.unlink(missing_ok=True)
    link.symlink_to(outside)
    for readonly in (False, True):
        with pytest.raises(StoreError, match="is a link"):
            Store.open(readonly=readonly)
    assert outside.read_bytes() == b"not yours" and stat.S_IMODE(outside.stat().st_mode) == 0o644
    result = run("history")
    assert result.returncode == 1 and "is a link" in result.stderr


def test_a_linked_data_folder_is_refused(isolated_home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    elsewhere.chmod(0o755)  # explicit: another test in this process may have set a tight umask
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "data").symlink_to(elsewhere)
    with pytest.raises(StoreError, match="is a link"):
        Store.open()
    assert list(elsewhere.iterdir()) == [] and stat.S_IMODE(elsewhere.stat().st_mode) == 0o755


# --- export -o --------------------------------------------------------------------------------


def _one_session() -> None:
    with Store.open() as store:
        store.save_answer(store.create_session("solo"), "name", "word", "hurt")


def test_export_refuses_a_link_and_leaves_its_target_alone(tmp_path: Path) -> None:
    _one_session()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "out.json"
    link.symlink_to(victim)
    result = run("export", "--format", "json", "-o", str(link), "--force")
    assert result.returncode == 1 and "not a plain file" in result.stderr
    assert victim.read_text() == "keep me" and link.is_symlink()


@pytest.mark.parametrize("target", ["/dev/full", "folder", "fifo"])
def test_export_refuses_special_targets(target: str, tmp_path: Path) -> None:
    _one_session()
    path = Path(target) if target.startswith("/") else tmp_path / target
    if target == "folder":
        path.mkdir()
    elif target == "fifo":
        os.mkfifo(path)
    result = run("export", "-o", str(path), "--force", timeout=20)
    assert result.returncode == 1 and "not a plain file" in result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr


def test_export_asks_before_replacing_a_file(tmp_path: Path) -> None:
    _one_session()
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "sessions.md"
    target.write_text("my notes")
    refused = run("export", "-o", str(target))
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert target.read_text() == "my notes"
    replaced = run("export", "-o", str(target), "--force")
    assert replaced.returncode == 0 and "Wrote 1 session to" in replaced.stdout
    assert target.read_text() != "my notes" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["sessions.md"]  # no temp file left


def test_export_to_a_missing_folder_says_so(tmp_path: Path) -> None:
    result = run("export", "-o", str(tmp_path / "nowhere" / "x.md"))
    assert result.returncode == 1 and "does not exist" in result.stderr


def test_export_to_a_folder_it_cannot_write_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Simulated for root too: making the temp file is refused as in a read-only folder."""
    import tempfile

    from softlanding.cli import main

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    assert main(["export", "-o", str(tmp_path / "x.md")]) == 1
    assert "Nothing was written" in capsys.readouterr().err


# --- reflect --edit -------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_the_edit_file_is_removed_when_reflect_is_ended(sig: int, tmp_path: Path) -> None:
    told = tmp_path / "where"
    editor = tmp_path / "editor.sh"
    editor.write_text(
        textwrap.dedent(f"""\
        #!/bin/sh
        echo "my private words" > "$1"
        echo "$1" > "{told}"
        sleep 30
        """)
    )
    editor.chmod(0o700)
    env = {**os.environ, "EDITOR": str(editor), "VISUAL": str(editor)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "softlanding", "reflect", "--edit"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while not (told.exists() and told.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    message = Path(told.read_text().strip())
    assert message.exists() and stat.S_IMODE(message.parent.stat().st_mode) == 0o700
    proc.send_signal(sig)
    proc.wait(timeout=10)
    assert not message.exists() and not message.parent.exists()
    assert proc.returncode == 128 + sig
