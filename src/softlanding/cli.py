"""The `softlanding` command: parse the command name, then import only what that command needs."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

from softlanding import __version__

# name -> (module with `main(argv, prog) -> int`, one line for --help)
COMMANDS: dict[str, tuple[str, str]] = {
    "pause": ("", "open straight into Pause (breathe, or take a break)"),
    "together": ("", "both at one keyboard, taking turns (--after: talk it over)"),
    "reflect": ("softlanding.scripts.reflect", "look at a message, or debrief the last session"),
    "history": ("softlanding.scripts.history", "list saved sessions, newest first"),
    "show": ("softlanding.scripts.show", "show everything one session recorded"),
    "export": ("softlanding.scripts.export", "write sessions as Markdown or JSON"),
    "import": ("softlanding.scripts.importer", "restore sessions from a JSON export"),
    "forget": ("softlanding.scripts.forget", "delete one session, or all of them, for good"),
    "lock": ("softlanding.scripts.lock", "seal the words of every session under a passphrase"),
    "unlock": ("softlanding.scripts.lock", "open every sealed word for good, remove the lock"),
    "passphrase": ("softlanding.scripts.lock", "passphrase change: seal everything again"),
    "safety": ("softlanding.scripts.safety_cmd", "where to find help now (nothing is saved)"),
    "ordinary": (
        "softlanding.scripts.safety_cmd",
        "read: ordinary conflict, or something else?",
    ),
    "prompts": (
        "softlanding.scripts.prompts_cmd",
        "check a prompts pack, or show where packs live",
    ),
}

DESCRIPTION = (
    "softlanding: a calm companion for partners in the middle of an argument.\n"
    "Self-help for ordinary conflict; not therapy, not a crisis service, and not for a\n"
    "relationship with fear, violence or control. Inside the app, press F1 for help and\n"
    "the 'not safe' key (Ctrl+S) for crisis and domestic-violence resources.\n"
    "Not sure if it's ordinary conflict or something else? Run 'softlanding ordinary'."
)


def build_parser() -> argparse.ArgumentParser:
    import argparse  # only when there are options to read: it costs every start

    parser = argparse.ArgumentParser(
        prog="softlanding",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run 'softlanding COMMAND --help' for a command's options. "
        "With no command, the app opens.",
    )
    parser.add_argument("--version", action="version", version=f"softlanding {__version__}")
    parser.add_argument(
        "--prompts", metavar="FILE", type=Path, help="use your own prompts pack laid over ours"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, (_, summary) in COMMANDS.items():
        sub.add_parser(name, help=summary, add_help=False)
    return parser


def split_command(argv: list[str]) -> tuple[list[str], str | None, list[str]]:
    """Split argv at the command name: options before it are ours, the rest the command's."""
    i = 0
    while i < len(argv):
        token = argv[i]
        if token in COMMANDS:
            return argv[:i], token, argv[i + 1 :]
        i += 2 if token == "--prompts" else 1
    return argv, None, []


def main(argv: Sequence[str] | None = None) -> int:
    own, command, rest = split_command(list(sys.argv[1:] if argv is None else argv))
    # No options of our own (the common case): no parser to build (argparse costs a start).
    prompts = build_parser().parse_args(own).prompts if own or command is None else None
    if prompts is not None:
        os.environ["SOFTLANDING_PROMPTS"] = str(prompts)
    try:
        code = _dispatch(command, rest, prompts)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        return _reader_left()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # every failure reaches the person as plain words, never a traceback
        if os.environ.get("SOFTLANDING_DEBUG"):
            raise
        return _report(exc)


def _reader_left() -> int:
    """The reader stopped early (`| head`): end quietly, as a command killed by SIGPIPE does."""
    _drop_stdout()
    return 141


def _drop_stdout() -> None:
    """Point stdout at /dev/null so Python's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _dispatch(command: str | None, rest: list[str], prompts: Path | None) -> int:
    if command in (None, "pause", "together"):
        if rest and rest[0] in ("-h", "--help"):
            print(
                f"usage: softlanding {command or ''}\n\n{COMMANDS.get(command or '', ('', ''))[1]}"
            )
            return 0
        from softlanding.launch import run_tui

        start = "after" if command == "together" and "--after" in rest else command or "home"
        return run_tui(start=start, prompts=prompts)
    module_name, _ = COMMANDS[command]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        print(f"'softlanding {command}' is not built yet. It is planned; see the README.")
        return 2
    return int(module.main(rest, prog=f"softlanding {command}"))


def _report(exc: Exception) -> int:
    import sqlite3

    from softlanding.pack.loader import PackError
    from softlanding.paths import PathsError, database_path
    from softlanding.store.errors import StoreError, plain_sqlite

    if isinstance(exc, PackError | StoreError | PathsError):
        print(str(exc), file=sys.stderr)
        return 1
    if isinstance(exc, sqlite3.DatabaseError):
        # Damage deep in the file shows only when a command reads that part: still plain words.
        print(plain_sqlite(exc, database_path(), reading=True), file=sys.stderr)
        return 1
    if isinstance(exc, OSError) and (exc.filename is None or _stdout_failed()):
        _drop_stdout()
        reason = exc.strerror or type(exc).__name__
        print(f"softlanding could not write its output: {reason}.", file=sys.stderr)
        return 1
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        reason = exc.strerror or type(exc).__name__
        print(f"softlanding could not use a file{where}: {reason}.", file=sys.stderr)
        return 1
    print(
        f"softlanding hit an unexpected problem ({type(exc).__name__}). Your saved sessions are "
        "safe. Run again with SOFTLANDING_DEBUG=1 to see details.",
        file=sys.stderr,
    )
    return 70


def _stdout_failed() -> bool:
    """Whether stdout still holds text it could not write (a full disk, /dev/full).

    An OSError without a file name is almost always the output itself failing.
    """
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False


if __name__ == "__main__":
    raise SystemExit(main())
