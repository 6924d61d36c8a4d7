"""`softlanding import FILE`: restore sessions from a JSON export, all or nothing."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from softlanding.pack.fill import fill
from softlanding.store.importer import ImportReport, import_json
from softlanding.store.sessions import Store

SHOWN_PROBLEMS = 20  # enough to see what is wrong without a wall of text


def main(argv: list[str], prog: str) -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Restore sessions from a JSON export ('softlanding export --format json'). "
        "Sessions already here are skipped; if anything in the file is wrong, nothing is imported.",
    )
    parser.add_argument("file", help="the JSON export, or - for standard input")
    args = parser.parse_args(argv)
    from softlanding.pack.loader import load_data

    cli = load_data()["text"]["history_cli"]
    document = _read(args.file, cli)
    if document is _UNREADABLE:
        return 1
    with Store.open() as store:
        report = import_json(store, document)
    return _tell(report, args.file, cli)


_UNREADABLE = object()


def _read(name: str, cli: dict[str, str]) -> Any:
    try:
        raw = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        print(fill(cli["not_json"], path=name, line=exc.lineno, column=exc.colno), file=sys.stderr)
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        print(fill(cli["unreadable"], path=name, reason=reason), file=sys.stderr)
    return _UNREADABLE


def _tell(report: ImportReport, name: str, cli: dict[str, str]) -> int:
    if not report.ok:
        print(fill(cli["import_bad"], path=name, count=len(report.problems)), file=sys.stderr)
        for problem in report.problems[:SHOWN_PROBLEMS]:
            print(f"  {problem}", file=sys.stderr)
        rest = len(report.problems) - SHOWN_PROBLEMS
        if rest > 0:
            print(fill(cli["import_more"], count=rest), file=sys.stderr)
        return 1
    print(fill(cli["imported"], count=report.imported))
    if report.skipped:
        print(fill(cli["skipped"], count=len(report.skipped)))
    return 0
