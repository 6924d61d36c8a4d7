"""`softlanding history`: saved sessions, newest first, as a table or JSON."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from softlanding.store import Store


def main(argv: list[str], prog: str) -> int:
    parser = argparse.ArgumentParser(prog=prog, description="List saved sessions, newest first.")
    parser.add_argument("--limit", type=int, default=20, help="how many to show (default 20)")
    parser.add_argument("--since", metavar="DATE", help="only sessions on or after DATE (YYYY-MM-DD)")
    parser.add_argument("--tag", metavar="TAG", help="only sessions with this tag")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    with Store.open(readonly=True) as store:
        rows = store.list_sessions(limit=max(args.limit, 0), since=args.since, tag=args.tag)
        total = store.count_sessions(since=args.since, tag=args.tag)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not rows:
        console.print("No saved sessions yet. They appear here after you use softlanding.")
        return 0
    table = Table(title=f"Sessions ({len(rows)} of {total})", title_justify="left")
    for column in ("id", "when", "kind", "status", "feelings", "tags"):
        table.add_column(column)
    for r in rows:
        table.add_row(r.id[:8], r.started_at[:16].replace("T", " "), r.kind, r.status,
                      ", ".join(r.feelings), ", ".join(r.tags))
    console.print(table)
    return 0
