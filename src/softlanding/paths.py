"""Where softlanding keeps its files: platformdirs, or SOFTLANDING_HOME (tests, portability)."""

from __future__ import annotations

import os
import stat
import sys
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
    return _xdg("XDG_DATA_HOME", ".local/share") or _platform("user_data_path")


def config_dir() -> Path:
    """The folder holding the user's own prompts pack and settings."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / "config"
    return _xdg("XDG_CONFIG_HOME", ".config") or _platform("user_config_path")


def cache_dir() -> Path:
    """The folder holding rebuildable files (the compiled prompts pack)."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / "cache"
    return _xdg("XDG_CACHE_HOME", ".cache") or _platform("user_cache_path")


def _xdg(variable: str, default: str) -> Path | None:
    """The folder by the XDG Base Directory rules on Linux, as platformdirs finds it there.

    Importing platformdirs costs a one-message `reflect` about 8 ms of its start (it pulls in
    tempfile, shutil and three compression modules); elsewhere, or with an unusual home, it
    decides. A variable that is empty or not absolute is ignored, as the specification says.
    """
    home = os.environ.get("HOME", "")
    if not sys.platform.startswith("linux") or "ANDROID_DATA" in os.environ:
        return None
    if not os.path.isabs(home):
        return None
    base = os.environ.get(variable, "")
    return Path(base if os.path.isabs(base) else os.path.join(home, default), APP_NAME)


def _platform(name: str) -> Path:
    import platformdirs

    path: Path = getattr(platformdirs, name)(APP_NAME, appauthor=False)
    return path


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
    """Create `path` (and parents) owner-only; an existing folder's mode is only ever tightened."""
    try:
        if path.exists() and not path.is_dir():
            raise PathsError(
                f"softlanding wants to keep its files in {path}, but that is a file, not a folder. "
                "Move that file away, or set SOFTLANDING_HOME to another folder."
            )
        _make_dirs(path)
        tighten(path, 0o700)
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


def _make_dirs(path: Path) -> None:
    """Like mkdir -p, but every folder we create is owner-only (whatever the umask)."""
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)


def tighten(path: Path, limit: int) -> None:
    """Drop any permission bit beyond `limit`; never add one (a user's 500 or 400 stays)."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & ~limit:
        os.chmod(path, mode & limit)


def usable_folder(path: Path) -> None:
    """Raise PathsError if `path` cannot become a folder (a file sits where it or a parent goes)."""
    for folder in (path, *path.parents):
        try:
            info = folder.stat()
        except (FileNotFoundError, NotADirectoryError):
            continue  # look further up for what is in the way
        except OSError as exc:
            raise PathsError(
                f"softlanding cannot use the folder {path}: {exc.strerror or exc}. "
                "Set SOFTLANDING_HOME to another folder."
            ) from None
        if not stat.S_ISDIR(info.st_mode):
            raise PathsError(
                f"softlanding cannot use the folder {path}: {folder} is a file, not a folder. "
                "Move that file away, or set SOFTLANDING_HOME to another folder."
            )
        return


def untrusted(path: Path) -> str | None:
    """ "owner" (not ours) or "writable" (others may change it), or None if it is ours alone.

    Group-writable is fine only for a group that is just us (the usual per-user group).
    """
    try:
        info = path.stat()
    except OSError:
        return None  # nothing there: nothing planted
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return "owner"
    if info.st_mode & stat.S_IWOTH or (info.st_mode & stat.S_IWGRP and not _own_group(info.st_gid)):
        return "writable"
    return None


def _own_group(gid: int) -> bool:
    try:
        import grp
        import pwd

        group = grp.getgrgid(gid)
        me = pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return False
    return group.gr_name == me and not (set(group.gr_mem) - {me})


def trusted_file(path: Path, folders: tuple[Path, ...]) -> str | None:
    """Why `path` (inside `folders`) must not be trusted, in plain words; None if it may be."""
    for item in (*folders, path):
        reason = untrusted(item)
        if reason == "owner":
            return (
                f"softlanding did not use {path}, because {item} belongs to another user. "
                "Remove it, or set SOFTLANDING_HOME to a folder of your own."
            )
        if reason == "writable":
            return (
                f"softlanding did not use {path}, because other people on this computer can "
                f'change {item}. If it is yours, run: chmod go-w "{item}", then try again.'
            )
    return None
