"""`softlanding forget ID` / `forget --all`: delete for good, so the words leave the file too."""

from __future__ import annotations

import argparse
from pathlib import Path

from softlanding.pack.fill import fill
from softlanding.report.layout import local_time, unknown_date
from softlanding.scripts.say import confirmed, counted, notice
from softlanding.scripts.show import resolve
from softlanding.store.files import erase, set_aside_copies
from softlanding.store.sessions import Store


def main(argv: list[str], prog: str) -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Delete one session, or all of them, for good. Asks first; "
        "--yes skips the question (for scripts). --all also offers to erase damaged copies "
        "of the sessions file that softlanding set aside.",
    )
    parser.add_argument("id", nargs="?", help="the session id, or its first few characters")
    parser.add_argument("--all", action="store_true", help="delete every saved session")
    parser.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    args = parser.parse_args(argv)
    if bool(args.id) == args.all:
        parser.error("give one session id, or --all")
    from softlanding.pack.loader import load_data

    pack = load_data()
    cli = pack["text"]["history_cli"] | {"date_unknown": unknown_date(pack)}
    with Store.open() as store:
        notice(store)  # a damaged file set aside on opening: say so before anything else
        if args.all:
            return _forget_all(store, cli, args.yes)
        return _forget_one(store, args.id, cli, args.yes)


def _forget_one(store: Store, typed: str, cli: dict[str, str], yes: bool) -> int:
    sid = resolve(store, typed, cli)
    record = store.load(sid) if sid else None
    if record is None:
        return 1
    when = local_time(record.started_at, cli["date_unknown"])
    if not _confirmed(fill(cli["ask_one"], when=when), cli, yes):
        return 1
    store.delete(record.id)
    print(cli["forgot_one_waiting" if store.scrub_waiting else "forgot_one"])
    return 0


def _forget_all(store: Store, cli: dict[str, str], yes: bool) -> int:
    count = store.count_sessions()
    copies = set_aside_copies(store.path) if store.path else []
    if count == 0 and not copies:
        print(cli["nothing_saved"])
        return 0
    if count and not _confirmed(counted(cli, "ask_all", count), cli, yes):
        return 1
    if count:
        gone = store.delete_all()
        key = "forgot_waiting" if store.scrub_waiting else "forgot_all"
        print(counted(cli, key, gone))
    return _forget_copies(copies, cli, yes) if copies else 0


def _forget_copies(copies: list[Path], cli: dict[str, str], yes: bool) -> int:
    """Damaged files set aside earlier hold the same words: erase them too, if the person agrees."""
    print(counted(cli, "copies_found", len(copies), folder=copies[0].parent))
    if not confirmed(cli["ask_copies"], cli, yes):
        print(cli["copies_kept"])
        return 1
    for path in copies:
        erase(path)
    print(cli["copies_erased"])
    return 0


def _confirmed(question: str, cli: dict[str, str], yes: bool) -> bool:
    if confirmed(question, cli, yes):
        return True
    print(cli["kept"])
    return False
