"""`softlanding show ID`: everything one session recorded, in the order of a calm debrief."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from softlanding.models import SessionRecord
from softlanding.pack.fill import fill
from softlanding.report.visible import Viewer, hidden_count
from softlanding.scripts.lock import open_viewer
from softlanding.store.archive import match_ids, session_json
from softlanding.store.sessions import Store

MAX_SHOWN = 500  # entries per section; a real session has a few dozen in all


def resolve(store: Store, typed: str, cli: dict[str, str]) -> str | None:
    """The one session an id or prefix names; says why on stderr when there is none."""
    found = match_ids(store, typed.strip())
    if len(found) == 1:
        return found[0]
    key = "ambiguous" if found else "not_found"
    print(fill(cli[key], id=typed), file=sys.stderr)
    return None


def main(argv: list[str], prog: str) -> int:
    parser = argparse.ArgumentParser(prog=prog, description="Show everything one session recorded.")
    parser.add_argument("id", help="the session id, or its first few characters")
    parser.add_argument("--json", action="store_true", help="print the session as JSON")
    parser.add_argument(
        "--open", action="store_true", help="type a passphrase to open the sealed words it opens"
    )
    args = parser.parse_args(argv)
    from softlanding.pack.loader import load_data

    pack = load_data()
    with Store.open(readonly=True) as store:
        sid = resolve(store, args.id, pack["text"]["history_cli"])
        if sid is None:
            return 1
        viewer = open_viewer(store, pack["text"]["lock_cli"], [sid]) if args.open else Viewer()
        if viewer is None:
            return 1
        if args.json:
            viewer.keep_sealed = True  # the export's shape: what it cannot open stays sealed
            item = session_json(store, sid, viewer)
            print(json.dumps(item, ensure_ascii=False, indent=2))
            return 0
        record = store.load(sid)
    assert record is not None
    _print_record(record, pack, viewer)
    return 0


def _print_record(record: SessionRecord, pack: dict[str, Any], viewer: Viewer) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from softlanding.report import layout
    from softlanding.textsafe import one_line, visible

    def shown(words: str, style: str = "", short: bool = True) -> Text:
        # saved words never drive the terminal; a name, tag or label never breaks its line
        return Text((one_line if short else visible)(words), style=style)

    words, cli = pack["text"]["session_view"], pack["text"]["history_cli"]
    console = Console(highlight=False)
    console.print(shown(layout.heading(record, pack), "bold"))
    console.print(shown(record.id, "dim"))
    for line in (layout.people(record, pack), _tags(record, words)):
        if line:
            console.print(shown(line))
    found = layout.sections(record, pack, viewer)
    hidden = hidden_count(record, viewer)
    if not found and not hidden:  # words sealed away were recorded: only say what is shown
        console.print(Text(words["nothing"]))
    for section in found:
        console.print()
        console.rule(shown(section.title, "bold"), align="left")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", max_width=30)
        grid.add_column()
        for entry in section.entries[:MAX_SHOWN]:  # a table of 200,000 rows takes minutes
            grid.add_row(shown(entry.label), shown(entry.value, short=False))
        console.print(grid)
        if len(section.entries) > MAX_SHOWN:
            more = len(section.entries) - MAX_SHOWN
            console.print(Text(fill(cli["more_entries"], count=more), style="italic"))
    if hidden:
        console.print()
        note = cli["private_hidden_solo" if layout.is_solo(record) else "private_hidden"]
        console.print(Text(fill(note, count=hidden), style="italic"))


def _tags(record: SessionRecord, words: dict[str, str]) -> str:
    return f"{words['tags']}: {', '.join(record.tags)}" if record.tags else ""
