"""Start the app: take the one-window lock, open the store and the pack, then run Textual."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from softlanding import paths
from softlanding.instance import claim
from softlanding.store.files import InstanceLock

MIN_SIZE = (40, 12)


def run_tui(start: str = "home", prompts: Path | None = None) -> int:
    from softlanding.pack.loader import PackError, load_view
    from softlanding.store.connection import refuse_untrusted
    from softlanding.store.errors import StoreError
    from softlanding.store.sessions import Store

    try:
        pack = load_view(prompts, building=_getting_ready)
    except PackError as exc:
        print(
            f"{exc}\n\nFix the pack, or run without it (unset SOFTLANDING_PROMPTS).",
            file=sys.stderr,
        )
        return 1
    try:
        refuse_untrusted(paths.database_path())  # before the folder's mode or a lock is touched
        data = paths.ensure_private_dir(paths.data_dir())
    except (paths.PathsError, StoreError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    lock = InstanceLock(data / "softlanding.launch.lock")
    words = pack.text.launch
    if not claim(lock, words, sys.stderr, _asker(words) if sys.stdin.isatty() else None):
        return 3
    try:
        try:
            store = Store.open()
        except StoreError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        from softlanding.app import SoftlandingApp
        from softlanding.shutdown import guarded
        from softlanding.terminal_input import lenient_terminal_input

        lenient_terminal_input()  # a byte that is not UTF-8 must not end the app

        with store:
            app = SoftlandingApp(pack, store, start=start)
            # SIGHUP/SIGTERM: save, then gone within 2 s even if Textual's shutdown stalls.
            with guarded(app, beat=lock.touch) as guard:
                app.run()
        guard.end_if_leaving(lock.release)
        # Textual prints an unexpected error itself; the exit status must not claim success.
        return app.return_code or 0
    finally:
        lock.release()


# Said before the pack exists (it is what is being prepared), so in code, not in the pack.
GETTING_READY = "Getting softlanding ready (only the first time, or after a change to a pack)..."


def _getting_ready() -> None:
    """A line to read while the pack is compiled (seconds on a first run from a checkout), so
    the terminal is not simply blank."""
    if sys.stderr.isatty():
        print(GETTING_READY, file=sys.stderr, flush=True)


def _asker(words: Any) -> Callable[[str], bool]:
    def ask(question: str) -> bool:
        try:
            answer = input(question)
        except (EOFError, KeyboardInterrupt):
            return False
        from softlanding.scripts.say import yes_words  # only when the question is asked

        return answer.strip().lower() in yes_words(words.answer_yes)

    return ask
