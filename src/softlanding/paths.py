"""Where softlanding keeps its files: platformdirs, or SOFTLANDING_HOME (tests, portability)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "softlanding"
HOME_ENV = "SOFTLANDING_HOME"
PROMPTS_ENV = "SOFTLANDING_PROMPTS"


class PathsError(Exception):
    """A folder softlanding needs cannot be created or used; the message is plain words."""


def data_dir() -> Path:
    """The folder holding the database (created on demand, owner-only)."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The folder holding the user's own prompts pack and settings."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """The folder holding rebuildable files (the compiled prompts pack)."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def database_path() -> Path:
    return data_dir() / "softlanding.db"


def user_prompts_path() -> Path:
    return config_dir() / "prompts.yaml"


def shipped_prompts_path() -> Path:
    """The pack that ships with softlanding: inside the wheel, or at the repository root."""
    packaged = Path(__file__).parent / "data" / "prompts.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "prompts.yaml"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make it readable by the owner alone."""
    try:
        if path.exists() and not path.is_dir():
            raise PathsError(
                f"softlanding wants to keep its files in {path}, but that is a file, not a folder. "
                "Move that file away, or set SOFTLANDING_HOME to another folder."
            )
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)
    except PermissionError as exc:
        raise PathsError(
            f"softlanding cannot create or use the folder {path} (permission denied). "
            "Check the folder's permissions, or set SOFTLANDING_HOME to a folder you own."
        ) from exc
    except OSError as exc:
        raise PathsError(
            f"softlanding cannot use the folder {path}: {exc.strerror or exc}. "
            "Set SOFTLANDING_HOME to another folder."
        ) from exc
    return path
