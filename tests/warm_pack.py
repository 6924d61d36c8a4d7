"""A fixture that gives each test's fresh SOFTLANDING_HOME the compiled pack built once per run.

Every test starts with an empty cache folder, so without this each one validates the whole
shipped pack again (about a second, mostly the analyzer's lexicon checks). Use it with
`pytestmark = pytest.mark.usefixtures("warm_pack_cache")` after importing both fixtures.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from softlanding import paths, prompts


@pytest.fixture(scope="session")
def compiled_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped pack compiled once, in a throwaway home."""
    home = tmp_path_factory.mktemp("warm-pack-home")
    before = os.environ.get(paths.HOME_ENV)
    os.environ[paths.HOME_ENV] = str(home)
    try:
        prompts.load_data()
        return next(paths.cache_dir().glob("pack-*.json"))
    finally:
        if before is None:
            del os.environ[paths.HOME_ENV]
        else:
            os.environ[paths.HOME_ENV] = before


@pytest.fixture
def warm_pack_cache(isolated_home: Path, compiled_pack: Path) -> None:
    """Copy the compiled pack into this test's cache folder (owner-only, as the app writes it)."""
    target = paths.ensure_private_dir(paths.cache_dir()) / compiled_pack.name
    shutil.copyfile(compiled_pack, target)
    target.chmod(0o600)
