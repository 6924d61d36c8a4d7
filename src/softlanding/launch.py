"""Start the app: take the one-window lock, open the store and the pack, then run Textual."""

from __future__ import annotations

import sys
from pathlib import Path

from softlanding import paths
from softlanding.store.files import InstanceLock

MIN_SIZE = (40, 12)


def run_tui(start: str = "home", prompts: Path | None = None) -> int:
    from softlanding.pack.loader import PackError, load_view
    from softlanding.store.sessions import Store, StoreError

    try:
        pack = load_view(prompts)
    except PackError as exc:
        print(
            f"{exc}\n\nFix the pack, or run without it (unset SOFTLANDING_PROMPTS).",
            file=sys.stderr,
        )
        return 1
    try:
        data = paths.ensure_private_dir(paths.data_dir())
    except paths.PathsError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    lock = InstanceLock(data / "softlanding.launch.lock")
    if not lock.acquire():
        print(
            "softlanding is already open in another window. Switch to that window, "
            "or close it first.",
            file=sys.stderr,
        )
        return 3
    try:
        try:
            store = Store.open()
        except StoreError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        from softlanding.app import SoftlandingApp

        with store:
            app = SoftlandingApp(pack, store, start=start)
            app.run()
        # Textual prints an unexpected error itself; the exit status must not claim success.
        return app.return_code or 0
    finally:
        lock.release()
