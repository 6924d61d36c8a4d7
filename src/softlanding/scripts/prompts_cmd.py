"""`softlanding prompts check [FILE]` and `softlanding prompts path`."""

from __future__ import annotations

import argparse
from pathlib import Path

from softlanding import paths
from softlanding.pack import loader as prompts


def main(argv: list[str], prog: str) -> int:
    parser = argparse.ArgumentParser(prog=prog, description="Work with prompts packs.")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = sub.add_parser("check", help="validate a pack (yours laid over the shipped one)")
    check.add_argument("file", nargs="?", type=Path, help="a pack file (default: the active pack)")
    sub.add_parser("path", help="show where the shipped pack and your own pack live")
    args = parser.parse_args(argv)
    return _check(args.file) if args.action == "check" else _path()


def _check(file: Path | None) -> int:
    src = prompts.sources(file)
    try:
        pack = prompts.load_pack(file)
    except prompts.PackError as exc:
        print(str(exc))
        return 1
    checked = src.user or src.shipped
    print(
        f"{checked}: looks good ({len(pack.feelings.families)} feeling families, "
        f"{len(pack.breathing.patterns)} breathing patterns, "
        f"{len(pack.repair.groups)} repair groups)."
    )
    for note in _safety_notes(src.user):
        print(note)
    return 0


def _safety_notes(user: Path | None) -> list[str]:
    """Plain words on what a user pack's safety parts can and cannot do."""
    if user is None:
        return []
    from softlanding.pack.safety_lock import notes
    from softlanding.pack.yaml_reader import parse

    try:
        doc = parse(user)
    except Exception:  # noqa: BLE001 - it was read a moment ago; silence only loses a note
        return []
    return notes(doc.data) if isinstance(doc.data, dict) else []


def _path() -> int:
    src = prompts.sources()
    user = paths.user_prompts_path()
    print(f"shipped pack:  {src.shipped}")
    state = "exists" if user.is_file() else "not created"
    print(f"your pack:     {user} ({state})")
    if src.user and src.user != user:
        print(f"active overlay: {src.user} (from {src.how})")
    print(
        "To change words, copy only the sections you want into your pack; the rest comes "
        "from the shipped one."
    )
    return 0
