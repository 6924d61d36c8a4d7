"""`softlanding reflect`: look at one message, or look back on the last session, calmly.

Reads the compiled pack (no pydantic, YAML or Textual once it exists) and prints with Rich.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from softlanding.analysis.analyzer import Analysis, Analyzer


def build_parser(prog: str) -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog=prog,
        description="Look at a message: the patterns in it, the wish that may be behind it, "
        "a softer way to say it and one question. With no message, look back on your last "
        "session.",
        epilog="To keep a message out of your shell history, pipe it in or use --edit.",
    )
    parser.add_argument("message", nargs="*", help="the message (or pipe it in on stdin)")
    parser.add_argument("--edit", action="store_true", help="write the message in $EDITOR")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print one JSON object")
    out.add_argument(
        "--jsonl", action="store_true", help="read stdin line by line; one JSON object per line"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="print nothing; exit 1 if a pattern or danger language is found, 0 if not",
    )
    parser.add_argument(
        "--save", action="store_true", help="keep this reflection with your sessions"
    )
    return parser


class Options:
    """What was asked for on the command line."""

    __slots__ = ("message", "edit", "json", "jsonl", "check", "save")

    def __init__(self, message: list[str], **flags: bool) -> None:
        self.message = message
        self.edit, self.json, self.jsonl = flags["edit"], flags["json"], flags["jsonl"]
        self.check, self.save = flags["check"], flags["save"]


_FLAGS = ("edit", "json", "jsonl", "check", "save")


def parse(argv: list[str], prog: str) -> Options:
    """The options; a message of plain words (the common case) needs no argparse at all."""
    if argv and not any(a.startswith("-") for a in argv):
        return Options(list(argv), **dict.fromkeys(_FLAGS, False))
    args = build_parser(prog).parse_args(argv)
    return Options(args.message, **{f: bool(getattr(args, f)) for f in _FLAGS})


def main(argv: list[str], prog: str) -> int:
    args = parse(argv, prog)
    collecting = gc.isenabled()
    gc.disable()  # one message makes few cycles: no collections while it starts (5-8 ms saved)
    regexes = _kept_regexes()
    try:
        return _main(args)
    finally:
        _keep_regexes(regexes)
        if collecting:
            gc.enable()


def _kept_regexes() -> Path | None:
    """Load the regexes the wheel ships and those earlier runs compiled that it lacks (before the
    modules that compile some are imported); the private file's path, or None when there is no
    private cache folder to use."""
    from softlanding import paths
    from softlanding.analysis import regex_cache
    from softlanding.pack.loader import read_private

    try:
        target: Path | None = paths.cache_dir() / regex_cache.FILE_NAME
    except paths.PathsError:
        target = None
    regex_cache.load(_mapped(paths.shipped_prompts_path().with_name(regex_cache.FILE_NAME)), True)
    regex_cache.load(read_private(target) if target is not None else None)
    return target


def _mapped(path: Path) -> Any:
    """The wheel's file beside the shipped pack (trusted as the code is), mapped: a run reads
    only the few entries it asks for, not megabytes. None when there is none."""
    import mmap

    try:
        with path.open("rb") as fh:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, or empty (which cannot be mapped)
        return None


def shipped_regexes(data: dict[str, Any]) -> bytes:
    """The regexes a wheel ships beside the pack: every pack regex, both ways a message may use
    it, so the first run parses none. Not those modules compile through `re` itself: a build
    compiles many a run never does, and handing them all to `re` would cost every start."""
    from softlanding.analysis import regex_cache

    _analyzer(data).compile_all()
    return regex_cache.dump() or regex_cache.whole_file()


def _keep_regexes(target: Path | None) -> None:
    """Save the regexes this run compiled that the file lacked (most runs: none, no write)."""
    from softlanding.analysis import regex_cache
    from softlanding.pack.loader import write_private

    content = regex_cache.dump()
    if target is not None and content is not None:
        write_private(target, content)


def _main(args: Options) -> int:
    from softlanding.pack.loader import PackError, load_data

    try:
        data = load_data()
    except PackError as exc:  # a broken user pack: its located problems, never a traceback
        print(str(exc), file=sys.stderr)
        return 1
    if args.jsonl:
        return _jsonl(data, args.check)
    text = _message(args)
    if text is None:
        from softlanding.scripts.debrief import debrief

        return debrief(data, _analyzer, as_json=args.json)
    if not text.strip():
        key = "editor_failed" if args.edit else "nothing"
        print(data["analysis"]["reflect_words"][key], file=sys.stderr)
        return 1
    return _reflect(text, data, args)


# --- getting the message --------------------------------------------------------------------


def _message(args: Options) -> str | None:
    """The message from the arguments, the editor or stdin; None means "look back instead"."""
    if args.message:
        return _text(" ".join(args.message).encode("utf-8", "surrogateescape"))
    if args.edit:
        from softlanding.scripts.editor import from_editor

        return _text(from_editor()).strip()
    if sys.stdin is None or sys.stdin.isatty():
        return None
    return "".join(_stdin_pieces(whole=True)).rstrip("\r\n")


def _text(raw: bytes | str) -> str:
    """Bytes as text: anything that is not UTF-8 becomes U+FFFD, so output stays valid UTF-8."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    return raw.decode("utf-8", errors="replace")


def _stdin_pieces(whole: bool = False) -> Iterator[str]:
    """Standard input read as bytes (never trusting the locale), line by line or whole."""
    source: Any = getattr(sys.stdin, "buffer", None) or sys.stdin
    if whole:
        yield _text(source.read())
        return
    for raw in source:
        yield _text(raw)


# --- one message ----------------------------------------------------------------------------


def _analyzer(data: dict[str, Any]) -> Analyzer:
    from softlanding.analysis.analyzer import Analyzer

    return Analyzer.from_pack(data)


def _reflect(text: str, data: dict[str, Any], args: Options) -> int:
    analyzer = _analyzer(data)
    found = analyzer.analyze(text)
    flagged = bool(found.patterns) or found.safety.concern
    # Danger language is never stored: a saved threat or disclosure can be found by anyone.
    saved = args.save and not found.safety.concern
    if saved:
        _save(found, str(data["text"]["app"]["solo_name"]))
    refused = args.save and not saved
    if args.json:
        import json  # only --json needs it: one message starts without it

        print(json.dumps(found.to_json(data["safety"]["resources"]), ensure_ascii=False))
    elif not args.check:
        from softlanding.scripts.reflect_card import card

        kinds = _kinds(analyzer, found)
        region = _region() if kinds else None
        limit = not kinds and _sets_boundary(analyzer, found)
        card(found, data, saved=saved, refused=refused, kinds=kinds, region=region, limit=limit)
    if refused and (args.json or args.check):
        print(data["safety"]["not_saved"], file=sys.stderr)
    return int(flagged) if args.check else 0


_SEEN_LIMIT = 50_000  # lines whose output is remembered: a repeated line is answered at once


def _jsonl(data: dict[str, Any], check: bool) -> int:
    """One JSON object per input line, blank lines included, in order.

    Input is read as it arrives and answered a batch at a time (one write and flush each), so
    a pipe that feeds lines slowly still gets each answer at once. The analyzer reads a line
    the same way every time, so a line seen before gets the same answer without a second read.
    """
    analyzer, resources = _analyzer(data), data["safety"]["resources"]
    gc.enable()  # a long stream makes garbage: collect as usual once started
    seen: dict[str, tuple[str, bool]] = {}
    import json  # imported here: a single message never needs it

    dumps = json.JSONEncoder(ensure_ascii=False).encode

    flagged = False
    for batch in _stdin_batches():
        out: list[str] = []
        for raw in batch:
            line = raw.rstrip("\r\n")
            known = seen.get(line)
            if known is None:
                found = analyzer.analyze(line)
                hit = bool(found.patterns) or found.safety.concern
                known = (dumps(found.to_json(resources)) + "\n" if not check else "", hit)
                if len(seen) < _SEEN_LIMIT:
                    seen[line] = known
            out.append(known[0])
            flagged = flagged or known[1]
        if not check:
            sys.stdout.write("".join(out))
            sys.stdout.flush()
    return int(flagged) if check else 0


def _stdin_batches() -> Iterator[list[str]]:
    """Standard input's lines, as many at a time as have arrived (never waiting for more
    before the ones in hand are answered); one by one from a stream without a buffer."""
    source: Any = getattr(sys.stdin, "buffer", None)
    read1 = getattr(source, "read1", None)
    if read1 is None:
        for piece in _stdin_pieces():
            yield [piece]
        return
    rest = b""
    while True:
        chunk = read1(1 << 16)
        if not chunk:
            break
        chunk = rest + chunk
        cut = chunk.rfind(b"\n") + 1
        rest = chunk[cut:]
        if cut:
            yield [_text(raw) for raw in chunk[: cut - 1].split(b"\n")]  # at \n only, as `for`
    if rest:
        yield [_text(rest)]


def _save(found: Analysis, name: str) -> None:
    from softlanding.scripts.say import notice
    from softlanding.store.sessions import Store

    answers = {
        "text": found.text,
        "patterns": [f.kind for f in found.patterns],
        "bid": found.bid,
        "rewrite": found.rewrite,
    }
    with Store.open() as store:
        notice(store)  # a damaged file set aside on opening is said, never done silently
        store.save_whole("reflect", "reflect", answers, name)  # one transaction, never half


def _region() -> str | None:
    """The region chosen on a safety page in the app (its lines come first), if any; read only,
    and never a reason to hold the page back."""
    import sqlite3

    from softlanding.store.errors import StoreError
    from softlanding.store.sessions import Store

    try:
        with Store.open(readonly=True) as store:
            region = store.get_setting("region")
    except (StoreError, OSError, ValueError, sqlite3.Error):
        return None
    return region if isinstance(region, str) and region.strip() else None


def _sets_boundary(analyzer: Analyzer, found: Analysis) -> bool:
    from softlanding.analysis.boundary import is_boundary

    return not found.patterns and is_boundary(analyzer, found.text)


def _kinds(analyzer: Analyzer, found: Analysis) -> list[str]:
    """The kinds of danger in the message, most urgent first, for the pages that fit them."""
    if not found.safety.concern:
        return []
    from softlanding.analysis.danger import find_danger, reflect_pages

    return reflect_pages(find_danger(analyzer, found.text), found.text)
