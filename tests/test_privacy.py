"""Privacy: no network, ever (proved for the guard itself, the commands and the app in a real
terminal), and every file softlanding writes readable by its owner alone, whatever the umask."""

from __future__ import annotations

import ast
import os
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ptyapp import PtyApp
from softlanding import paths
from softlanding.pack import loader as prompts
from softlanding.store.sessions import Store

SRC = Path(__file__).resolve().parents[1] / "src" / "softlanding"
CANARY = "tangerine-canary-5521"

# Loaded by every child Python (via PYTHONPATH): records each attempt to reach another machine.
RECORDER = """
import os, socket

_log = os.environ["SL_NET_LOG"]
with open(_log + ".loaded", "a") as fh:
    fh.write(f"{os.getpid()}\\n")


def _note(what, address):
    with open(_log, "a") as fh:
        fh.write(f"{os.getpid()} {what} {address!r}\\n")


def _wrap(name):
    real = getattr(socket.socket, name)

    def watched(self, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _note(name, args[-1] if args else None)
        return real(self, *args)

    setattr(socket.socket, name, watched)


for _name in ("connect", "connect_ex", "sendto", "bind"):
    _wrap(_name)
_real_getaddrinfo = socket.getaddrinfo


def _getaddrinfo(host, *args, **kwargs):
    _note("getaddrinfo", host)
    return _real_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _getaddrinfo
"""


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Children started from here run with the recorder; the log must stay empty."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(RECORDER)
    log = tmp_path / "net.log"
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("SL_NET_LOG", str(log))
    yield log
    assert Path(f"{log}.loaded").read_text().strip(), "the recorder never ran"
    assert not log.exists(), log.read_text()


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most careless umask there is: files would be world-readable unless made private."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def softlanding(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "softlanding", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
    )


def assert_owner_only(home: Path) -> list[Path]:
    """Every folder softlanding made is 700 and every file in them 600; returns the files."""
    files = []
    for top in (paths.data_dir(), paths.cache_dir(), paths.config_dir()):
        if not top.exists():
            continue
        for path in [top, *top.rglob("*")]:
            mode = stat.S_IMODE(path.lstat().st_mode)
            assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"
            if path.is_file():
                files.append(path)
    return files


# --- the network -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("family", "address"),
    [(socket.AF_INET, ("127.0.0.1", 9)), (socket.AF_INET, ("93.184.216.34", 80))]
    + ([(socket.AF_INET6, ("::1", 9))] if socket.has_ipv6 else []),
)
def test_the_guard_itself_stops_internet_sockets(family: int, address: tuple[str, int]) -> None:
    with (
        socket.socket(family, socket.SOCK_STREAM) as sock,
        pytest.raises(AssertionError, match="network connection"),
    ):
        sock.connect(address)
    with pytest.raises(AssertionError, match="network connection"):
        socket.create_connection(address[:2], timeout=1)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets only")
def test_the_guard_leaves_local_pipes_alone(tmp_path: Path) -> None:
    """Only the internet is refused: the event loop's own local socket pairs must still work."""
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"


def test_no_module_imports_a_network_library() -> None:
    banned = {"socket", "ssl", "http", "urllib", "requests", "httpx", "aiohttp", "smtplib"}
    banned |= {"ftplib", "webbrowser", "xmlrpc", "telnetlib", "socketserver"}
    found = []
    for source in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            found += [f"{source.name}: {n}" for n in names if n.split(".")[0] in banned]
    assert found == []


@pytest.mark.usefixtures("warm_pack_cache")
def test_commands_open_no_socket(watched: Path, open_umask: None, tmp_path: Path) -> None:
    with Store.open() as store:
        sid = store.create_session("solo")
        store.save_answer(sid, "reframe", "thought", CANARY)
    out = tmp_path / "export.md"
    runs = [
        softlanding("history"),
        softlanding("history", "--json"),
        softlanding("show", sid[:6]),
        softlanding("export", "--output", str(out)),
        softlanding("prompts", "check"),
        softlanding("prompts", "path"),
        softlanding("reflect", "You never listen to me"),
        softlanding("reflect", stdin="whatever, I'm done\n"),
        softlanding("forget", sid, "--yes"),
    ]
    for run in runs:
        assert "Traceback" not in run.stdout + run.stderr, run
    assert [r.returncode for r in runs if r.args[3:4] != ["reflect"]] == [0] * 7
    assert CANARY in runs[2].stdout  # `show` really read the session it was asked for
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert_owner_only(paths.data_dir().parent)


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX terminals only")
@pytest.mark.usefixtures("warm_pack_cache")
def test_the_app_in_a_real_terminal_opens_no_socket_and_writes_only_private_files(
    watched: Path, open_umask: None, isolated_home: Path
) -> None:
    with Store.open() as store:
        store.set_setting("first_run_seen", True)
    assert_owner_only(isolated_home)
    paths.database_path().chmod(0o644)  # as if restored from a backup that left it readable
    app = PtyApp(isolated_home)
    try:
        assert app.read_until(b"Start now"), app.output[-500:]
        app.type("\r")
        assert app.read_until(b"How calm do you feel"), app.output[-500:]
        app.settle(0.3)
        app.type("4\r")
        app.settle(0.5)
        app.type("\x11")  # Ctrl+Q: save and quit
        assert app.wait(timeout=10) == 0
    finally:
        app.close()
    files = {p.name for p in assert_owner_only(isolated_home)}
    assert {"softlanding.db", "softlanding.db.lock", "softlanding.launch.lock"} <= files
    assert any(name.startswith("pack-") for name in files)
    with Store.open(readonly=True) as store:
        record = store.unfinished()
        assert record is not None and record.get("pause", "calm_before") == 4


# --- files -------------------------------------------------------------------------------------


def test_files_are_private_even_with_an_open_umask(open_umask: None) -> None:
    with Store.open() as store:
        sid = store.create_session("solo")
        store.save_answer(sid, "name", "word", "hurt")  # -wal and -shm exist while open
        prompts.load_data()  # writes the compiled pack
        files = {p.name for p in assert_owner_only(paths.data_dir().parent)}
    assert {"softlanding.db", "softlanding.db-wal", "softlanding.db-shm"} <= files
    assert any(name.startswith("pack-") and name.endswith(".json") for name in files)
    # A cache folder loosened by hand is tightened again when the pack is next compiled.
    for cached in paths.cache_dir().glob("pack-*.json"):
        cached.unlink()
    paths.cache_dir().chmod(0o777)
    prompts.load_data()
    assert_owner_only(paths.data_dir().parent)


def test_existing_loose_modes_are_tightened_on_open() -> None:
    Store.open().close()
    data, db = paths.data_dir(), paths.database_path()
    data.chmod(0o755)
    db.chmod(0o644)
    with Store.open():
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
