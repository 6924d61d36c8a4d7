"""`softlanding export`: sessions as Markdown (for reading, or a therapist) or JSON (to import)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from softlanding.report.export import export_markdown
from softlanding.report.visible import Viewer
from softlanding.scripts.history import since_type
from softlanding.scripts.lock import open_viewer
from softlanding.scripts.outfile import Refused, check_target, private_output
from softlanding.scripts.say import counted
from softlanding.store.sessions import Store


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Write sessions as Markdown (to read) or JSON (to import elsewhere). "
        "What a partner did not share never goes in; sealed words stay sealed unless you add "
        "--open and type the passphrase.",
    )
    parser.add_argument("--format", choices=("md", "json"), default="md", help="default: md")
    parser.add_argument(
        "--since", metavar="DATE", type=since_type, help="only sessions on or after DATE"
    )
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument(
        "--open", action="store_true", help="type a passphrase to open the sealed words it opens"
    )
    return parser


def main(argv: list[str], prog: str) -> int:
    args = _parser(prog).parse_args(argv)
    from softlanding.pack.loader import load_data

    pack = load_data()
    cli = pack["text"]["history_cli"]
    to_file = args.output is not None and str(args.output) != "-"
    try:
        if to_file:
            check_target(args.output, cli, args.force)  # before any work: say no at once
        with Store.open(readonly=True) as store:
            viewer = open_viewer(store, pack["text"]["lock_cli"]) if args.open else Viewer()
            if viewer is None:
                return 1
            if args.format == "json":
                viewer.keep_sealed = True  # what it cannot open goes in sealed, to import elsewhere
            count = store.count_sessions(since=args.since)
            if to_file:
                with private_output(args.output, cli) as fh:
                    _write(fh, store, args, pack, viewer)
            else:
                _write(sys.stdout, store, args, pack, viewer)
    except Refused as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if to_file:
        print(counted(cli, "written", count, path=args.output))
    return 0


def _write(
    fh: object, store: Store, args: argparse.Namespace, pack: dict[str, Any], viewer: Viewer
) -> None:
    """What `viewer` may see: JSON a batch of sessions at a time; Markdown built whole."""
    write = fh.write  # type: ignore[attr-defined]
    if args.format == "json":
        from softlanding.store.stream import export_chunks

        for chunk in export_chunks(store, args.since, viewer):
            write(chunk)
    else:
        write(export_markdown(store, args.since, viewer, pack))
