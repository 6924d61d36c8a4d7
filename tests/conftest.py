"""Shared fixtures: every test gets its own SOFTLANDING_HOME; no test touches the network."""

from __future__ import annotations

import asyncio
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import textual.app
from textual._wait import wait_for_idle
from textual.pilot import Pilot

ROOT = Path(__file__).resolve().parents[1]


async def _quick_idle(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """Between the keys of one `pilot.press`: idle once a 4 ms slice passes with no CPU used
    (Textual's `wait_for_idle`, with slices of 4 ms instead of 20)."""
    start = time.monotonic()
    while True:
        cpu = time.process_time()
        await asyncio.sleep(0.004)
        elapsed = time.monotonic() - start
        if elapsed >= max_sleep or (elapsed > min_sleep and time.process_time() - cpu < 0.0002):
            return


# Pilot waits for "idle" after every key it presses by sleeping in slices of 20 ms until a slice
# passes with no work done, so a typed sentence costs a second of sleep. Between keys a 4 ms
# slice is the same test; `pilot.pause()` and the end of each `press` keep Textual's 20 ms.
textual.app.wait_for_idle = _quick_idle  # type: ignore[attr-defined]
_press = Pilot.press


async def _press_then_settle(self: Pilot[Any], *keys: str) -> None:
    await _press(self, *keys)
    await wait_for_idle(0)  # after the last key, Textual's own wait, as before


Pilot.press = _press_then_settle  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point data, config and cache at a temp dir so no test reads the developer's files."""
    home = tmp_path / "home"
    monkeypatch.setenv("SOFTLANDING_HOME", str(home))
    monkeypatch.delenv("SOFTLANDING_PROMPTS", raising=False)
    monkeypatch.delenv("SOFTLANDING_DEBUG", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    return home


@pytest.fixture(scope="session")
def compiled_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped pack validated and compiled once per run, in a throwaway home."""
    from softlanding import paths
    from softlanding.pack import loader as prompts

    home = tmp_path_factory.mktemp("warm-pack-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(paths.HOME_ENV, str(home))
        prompts.load_data()
        return next(paths.cache_dir().glob("pack-*.json"))


@pytest.fixture(autouse=True)
def warm_pack_cache(isolated_home: Path, compiled_pack: Path) -> None:
    """Each fresh home starts with the compiled pack (validating it again costs about a second)."""
    from softlanding import paths

    target = paths.ensure_private_dir(paths.cache_dir()) / compiled_pack.name
    shutil.copyfile(compiled_pack, target)
    target.chmod(0o600)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to reach the internet (softlanding never needs it)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"softlanding tried to open a network connection to {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots must not race the cursor's blink timer."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def store() -> Iterator[Any]:
    from softlanding.store.sessions import Store

    with Store.open() as opened:
        yield opened


@pytest.fixture
def pack() -> Any:
    from softlanding.pack.loader import load_view

    return load_view()


@pytest.fixture(scope="session")
def data(tmp_path_factory: pytest.TempPathFactory, compiled_pack: Path) -> Iterator[dict[str, Any]]:
    """The shipped pack as plain data (what the analyzer is built from), loaded once per run."""
    from softlanding import paths
    from softlanding.pack import loader

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOFTLANDING_HOME", str(tmp_path_factory.mktemp("pack-data-home")))
        mp.delenv("SOFTLANDING_PROMPTS", raising=False)
        target = paths.ensure_private_dir(paths.cache_dir()) / compiled_pack.name
        shutil.copyfile(compiled_pack, target)  # read, not validated a second time
        target.chmod(0o600)
        yield loader.load_data()


@pytest.fixture(scope="session")
def analyzer(data: dict[str, Any]) -> Any:
    """The analyzer of the shipped pack, built once per run (tests only read from it)."""
    from softlanding.analysis.analyzer import Analyzer

    return Analyzer.from_pack(data)


@pytest.fixture
def make_app(store: Any, pack: Any) -> Callable[..., Any]:
    """Build the app on the test's store; first run already seen unless asked otherwise."""
    from softlanding.app import SoftlandingApp

    def factory(start: str = "home", first_run_seen: bool = True) -> Any:
        if first_run_seen:
            store.set_setting("first_run_seen", True)
        return SoftlandingApp(pack, store, start=start)

    return factory
