"""`softlanding history`: saved sessions, newest first, as a table or JSON."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from softlanding.models import HistoryRow
from softlanding.pack.fill import fill
from softlanding.store.archive import history_page, since_iso
from softlanding.store.sessions import Store

MAX_LIMIT = 1_000_000


def positive(text: str) -> int:
    """An argparse type: a whole number from 1 to MAX_LIMIT."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a whole number from 1 to {MAX_LIMIT:,}"
        ) from None
    return value


def since_type(text: str) -> str:
    """An argparse type: DATE (YYYY-MM-DD) or an ISO time, as stored."""
    try:
        return since_iso(text)
    except (ValueError, OverflowError):  # not a date, or one past what a clock can hold
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-01") from None


def main(argv: list[str], prog: str) -> int:
    parser = argparse.ArgumentParser(prog=prog, description="List saved sessions, newest first.")
    parser.add_argument(
        "--limit", type=positive, default=20, metavar="N", help="how many to show (default 20)"
    )
    parser.add_argument(
        "--since", metavar="DATE", type=since_type, help="only sessions on or after DATE"
    )
    parser.add_argument("--tag", metavar="TAG", help="only sessions with this tag")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    with Store.open(readonly=True) as store:
        rows = history_page(store, args.limit, since=args.since, tag=args.tag)
        total = store.count_sessions(since=args.since, tag=args.tag)
        saved = store.count_sessions() if not rows else total
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    _print_table(rows, total, saved)
    return 0


def _print_table(rows: list[HistoryRow], total: int, saved: int) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from softlanding.pack.loader import load_data
    from softlanding.report.layout import (
        break_words,
        feeling_words,
        local_time,
        row_kind,
        unknown_date,
    )
    from softlanding.textsafe import one_line

    pack = load_data()
    words, cli = pack["text"]["history"], pack["text"]["history_cli"]
    console = Console(highlight=False)
    if not rows:
        from softlanding.scripts.say import counted

        empty = counted(cli, "no_match", saved, total=saved) if saved else cli["empty"]
        console.print(empty, markup=False)
        return
    table = Table(title=fill(cli["title"], shown=len(rows), total=total), title_justify="left")
    for label in (cli["col_id"], words["col_when"]):
        table.add_column(label, no_wrap=True)
    # a pair's names can be long: cut with an ellipsis so the columns after them keep their room
    table.add_column(words["col_kind"], no_wrap=True, max_width=20, overflow="ellipsis")
    for label in (words["col_feelings"], words["col_tags"], words["col_break"]):
        table.add_column(label)
    for r in rows:
        cells = (
            r.id[:8],
            local_time(r.started_at, unknown_date(pack)),
            row_kind(r.kind, r.partners, pack),
            ", ".join(feeling_words(r.feelings, pack)),
            ", ".join(r.tags),
            break_words(r.break_state, pack),
        )
        table.add_row(*(Text(one_line(cell)) for cell in cells))  # never markup, never escapes
    console.print(table)
