"""Writing a message in $EDITOR for `reflect --edit`, in a private folder removed on every
way out (a signal included), so the words never stay on disk."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def from_editor() -> bytes:
    """Write the message in $EDITOR, in a private folder removed on every way out; its bytes
    (none when the editor failed)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    folder = Path(tempfile.mkdtemp(prefix="softlanding-"))  # mode 700: only we can look in
    path = folder / "message.txt"
    path.touch(mode=0o600)
    try:
        with _ended_by_signals():
            done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        raw = path.read_bytes() if done.returncode == 0 else b""
    except OSError:
        raw = b""
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return raw


class _Ended(BaseException):
    """SIGTERM or SIGHUP while the editor is open: unwind so the message file is removed."""


@contextlib.contextmanager
def _ended_by_signals() -> Iterator[None]:
    def end(signum: int, frame: object) -> None:
        raise _Ended(signum)

    wanted = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    old = {sig: signal.signal(sig, end) for sig in wanted}
    try:
        yield
    except _Ended as ended:
        raise SystemExit(128 + ended.args[0]) from None
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
