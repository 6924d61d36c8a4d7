"""Writing a file the person named: never through a link, never onto a device, never unasked.

The text goes to a new private file made with O_EXCL in the same folder (mkstemp), which then
replaces the target in one step: a planted name or link can't redirect it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from softlanding.scripts.say import confirmed


class Refused(Exception):
    """Nothing was written; the message says why in plain words."""


def check_target(path: Path, cli: dict[str, str], force: bool) -> None:
    """Raise Refused unless `path` may be written: a new file, or a plain file we may replace."""
    folder = path.parent
    if not folder.is_dir():
        raise Refused(cli["no_folder"].format(folder=folder))
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise Refused(cli["cannot_write"].format(path=path, reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise Refused(cli["not_a_file"].format(path=path))
    if force:
        return
    asked = cli["ask_replace"].format(path=path)
    if not (os.isatty(0) and confirmed(asked, cli, False, "ask_type_replace")):
        raise Refused(cli["exists"].format(path=path))


@contextmanager
def private_output(path: Path, cli: dict[str, str]) -> Iterator[TextIO]:
    """A text file only its owner can read; it appears at `path` only if writing succeeded."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise Refused(cli["cannot_write"].format(path=path, reason=exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise Refused(cli["cannot_write"].format(path=path, reason=exc.strerror or exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
