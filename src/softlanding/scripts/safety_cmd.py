"""`softlanding ordinary` (ordinary conflict, or something else?) and `softlanding safety`."""

from __future__ import annotations

import argparse
from typing import Any

from softlanding.analysis.danger import PAGE_KINDS, ordered_resources


def main(argv: list[str], prog: str) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=_summary(prog))
    if prog.endswith("safety"):
        parser.add_argument("kind", nargs="?", choices=PAGE_KINDS, help="one kind of danger")
    args = parser.parse_args(argv)
    from softlanding.pack.loader import load_data

    safety = load_data()["safety"]
    if prog.endswith("ordinary"):
        page = safety["ordinary"]
        print("\n\n".join([page["title"], *page["lines"]]))
        return 0
    _print_safety(safety, getattr(args, "kind", None))
    return 0


def _summary(prog: str) -> str:
    if prog.endswith("ordinary"):
        return "Ordinary conflict, or something else? A short page to read before you start."
    return "Where to find help now, for each kind of danger. Nothing is saved."


def _print_safety(safety: dict[str, Any], kind: str | None) -> None:
    page = safety["pages"][kind] if kind else None
    lines = (page or safety)["lines"] + safety["added_lines"]
    print((page or safety)["title"], *lines, "", f"({safety['check_country']})", sep="\n")
    for res in ordered_resources(safety["resources"], page["first"] if page else []):
        note = f"\n    {res['note']}" if res.get("note") else ""
        print(f"  {res['name']}: {res['contact']} ({res['region']}){note}")
    for res in safety["added_resources"]:
        print(f"  {safety['own_pack']} {res['name']}: {res['contact']} ({res['region']})")
    print("", safety["resources_note"], sep="\n")
