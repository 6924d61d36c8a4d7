"""`softlanding import FILE`: restore sessions from a JSON export, all or nothing."""

from __future__ import annotations

import argparse
import io
import sys
from typing import IO

from softlanding.pack.fill import fill
from softlanding.scripts.say import counted, notice
from softlanding.store.importer import ImportReport, import_items
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
    from softlanding.store.stream import ReadProblem, open_input, read_export

    cli = load_data()["text"]["history_cli"]
    try:
        with open_input(args.file, _stdin()) as fh:
            header, items = read_export(fh)
            with Store.open() as store:
                notice(store)
                report = import_items(store, header, items)  # reads the rest as it adds
                if report.ok and report.imported and isinstance(header, dict):
                    # words sealed under the exporting store's lock keep opening with its
                    # passphrase
                    from softlanding.store.privacy import adopt_lock

                    adopt_lock(store, header.get("lock"))
    except ReadProblem as exc:
        print(cli[exc.key].format(path=args.file, **exc.fields), file=sys.stderr)
        return 1
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        print(cli["unreadable"].format(path=args.file, reason=reason), file=sys.stderr)
        return 1
    return _tell(report, args.file, cli)


def _stdin() -> IO[bytes]:
    """Standard input as bytes (a text stand-in, as in tests, is encoded back)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))


def _tell(report: ImportReport, name: str, cli: dict[str, str]) -> int:
    if not report.ok:
        print(counted(cli, "import_bad", len(report.problems), path=name), file=sys.stderr)
        for problem in report.problems[:SHOWN_PROBLEMS]:
            print(f"  {problem}", file=sys.stderr)
        rest = len(report.problems) - SHOWN_PROBLEMS
        if rest > 0:
            print(fill(cli["import_more"], count=rest), file=sys.stderr)
        return 1
    print(counted(cli, "imported", report.imported))
    if report.skipped:
        print(counted(cli, "skipped", len(report.skipped)))
    return 0
