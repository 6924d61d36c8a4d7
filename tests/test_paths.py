"""Where files live: on Linux the XDG rules are followed without importing platformdirs, and the
folders found are the ones platformdirs finds."""

from __future__ import annotations

import subprocess
import sys

import platformdirs
import pytest

from softlanding import paths

CASES = [
    {},
    {"XDG_DATA_HOME": "/srv/d", "XDG_CONFIG_HOME": "/srv/c", "XDG_CACHE_HOME": "/srv/k"},
    {"XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "", "XDG_CACHE_HOME": ""},
    {"XDG_DATA_HOME": "rel/d", "XDG_CONFIG_HOME": "./c", "XDG_CACHE_HOME": "k"},
]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG path is Linux only")
@pytest.mark.parametrize("env", CASES)
def test_the_folders_are_where_platformdirs_puts_them(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    found = (paths.data_dir(), paths.config_dir(), paths.cache_dir())
    expected = tuple(
        f(paths.APP_NAME, appauthor=False)
        for f in (
            platformdirs.user_data_path,
            platformdirs.user_config_path,
            platformdirs.user_cache_path,
        )
    )
    assert found == expected


def test_reflect_starts_without_platformdirs(tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.mktemp("home")
    probe = (
        "import sys; from softlanding.cli import main; sys.argv=['softlanding','reflect','hi'];"
        " code = main(); print('platformdirs' in sys.modules, file=sys.stderr); sys.exit(code)"
    )
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    expected = "False" if sys.platform.startswith("linux") else "True"
    assert done.stderr.strip().splitlines()[-1] == expected
