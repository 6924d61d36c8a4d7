"""`softlanding export`: sessions as Markdown (for reading, or a therapist) or JSON (to import)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from softlanding.pack.fill import fill
from softlanding.report.export import export_markdown
from softlanding.scripts.history import since_type
from softlanding.store.archive import dumps, export_json
from softlanding.store.sessions import Store


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (mode 600), replacing any old one whole."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o600)  # O_CREAT's mode is ignored when a stale temp file existed
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Write sessions as Markdown (to read) or JSON (to import elsewhere). "
        "Private notes stay out unless you add --include-private.",
    )
    parser.add_argument("--format", choices=("md", "json"), default="md", help="default: md")
    parser.add_argument(
        "--since", metavar="DATE", type=since_type, help="only sessions on or after DATE"
    )
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE")
    parser.add_argument(
        "--include-private", action="store_true", help="include private notes (left out by default)"
    )
    return parser


def main(argv: list[str], prog: str) -> int:
    args = _parser(prog).parse_args(argv)
    from softlanding.pack.loader import load_data

    pack = load_data()
    with Store.open(readonly=True) as store:
        count = store.count_sessions(since=args.since)
        if args.format == "json":
            text = dumps(export_json(store, args.since, args.include_private))
        else:
            text = export_markdown(store, args.since, args.include_private, pack)
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    write_private(args.output, text)
    cli = pack["text"]["history_cli"]
    print(fill(cli["written"], count=count, path=args.output))
    if args.include_private:
        print(cli["written_private"])
    return 0
