"""`softlanding forget ID` / `forget --all`: delete for good, so the words leave the file too."""

from __future__ import annotations

import argparse
import sys

from softlanding.pack.fill import fill
from softlanding.report.layout import local_time
from softlanding.scripts.show import resolve
from softlanding.store.sessions import Store


def main(argv: list[str], prog: str) -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Delete one session, or all of them, for good. Asks first; "
        "--yes skips the question (for scripts).",
    )
    parser.add_argument("id", nargs="?", help="the session id, or its first few characters")
    parser.add_argument("--all", action="store_true", help="delete every saved session")
    parser.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    args = parser.parse_args(argv)
    if bool(args.id) == args.all:
        parser.error("give one session id, or --all")
    from softlanding.pack.loader import load_data

    cli = load_data()["text"]["history_cli"]
    with Store.open() as store:
        if args.all:
            return _forget_all(store, cli, args.yes)
        return _forget_one(store, args.id, cli, args.yes)


def _forget_one(store: Store, typed: str, cli: dict[str, str], yes: bool) -> int:
    sid = resolve(store, typed, cli)
    record = store.load(sid) if sid else None
    if record is None:
        return 1
    if not _confirmed(fill(cli["ask_one"], when=local_time(record.started_at)), cli, yes):
        return 1
    store.delete(record.id)
    print(cli["forgot_one"])
    return 0


def _forget_all(store: Store, cli: dict[str, str], yes: bool) -> int:
    count = store.count_sessions()
    if count == 0:
        print(cli["nothing_saved"])
        return 0
    if not _confirmed(fill(cli["ask_all"], count=count), cli, yes):
        return 1
    gone = store.delete_all()
    print(fill(cli["forgot_all"], count=gone))
    return 0


def _confirmed(question: str, cli: dict[str, str], yes: bool) -> bool:
    """--yes, or a person at a terminal typing the word; never a silent default."""
    if yes:
        return True
    if not sys.stdin.isatty():
        print(cli["needs_yes"], file=sys.stderr)
        return False
    print(question)
    try:
        answer = input(cli["ask_type"])
    except EOFError:
        answer = ""
    if answer.strip().lower() == cli["answer_yes"].lower():
        return True
    print(cli["kept"])
    return False
