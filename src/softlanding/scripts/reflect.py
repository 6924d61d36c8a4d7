"""`softlanding reflect`: look at one message, or look back on the last session, calmly.

Reads the compiled pack (no pydantic, YAML or Textual once it exists) and prints with Rich.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from softlanding.pack.fill import fill

if TYPE_CHECKING:
    from rich.console import Console

    from softlanding.analysis.analyzer import Analysis, Analyzer
    from softlanding.models import SessionRecord

KIND_STYLES = {
    "criticism": "underline yellow",
    "contempt": "underline magenta",
    "defensiveness": "underline cyan",
    "stonewalling": "underline blue",
}
# What a debrief shows from a session, per step, before the step's question.
DEBRIEF_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "pause": (
        ("pause", "calm_before"),
        ("pause", "calm_after"),
        ("pause", "break_minutes"),
        ("pause", "return_at"),
        ("pause", "returned_at"),
    ),
    "feelings": (("name", "word"), ("name", "under"), ("name", "need"), ("name", "intensity")),
    "realities": (("reframe", "thought"), ("reframe", "partner_said"), ("reframe", "wish")),
    "triggers": (("reframe", "cycle"),),
    "my_part": (),
    "one_change": (("respond", "final"),),
}


def build_parser(prog: str) -> argparse.ArgumentParser:
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


def main(argv: list[str], prog: str) -> int:
    args = build_parser(prog).parse_args(argv)
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
        return _debrief(data, as_json=args.json)
    if not text.strip():
        key = "editor_failed" if args.edit else "nothing"
        print(data["analysis"]["reflect_words"][key], file=sys.stderr)
        return 1
    return _reflect(text, data, args)


# --- getting the message --------------------------------------------------------------------


def _message(args: argparse.Namespace) -> str | None:
    """The message from the arguments, the editor or stdin; None means "look back instead"."""
    if args.message:
        return _text(" ".join(args.message).encode("utf-8", "surrogateescape"))
    if args.edit:
        return _from_editor()
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


def _from_editor() -> str:
    """Write the message in $EDITOR, in a private folder removed on every way out."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    folder = Path(tempfile.mkdtemp(prefix="softlanding-"))  # mode 700: only we can look in
    path = folder / "message.txt"
    path.touch(mode=0o600)
    try:
        with _ended_by_signals():
            done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        text = _text(path.read_bytes()) if done.returncode == 0 else ""
    except OSError:
        text = ""
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return text.strip()


class _Ended(BaseException):
    """SIGTERM or SIGHUP while the editor is open: unwind so the message file is removed."""


@contextlib.contextmanager
def _ended_by_signals() -> Iterator[None]:
    def end(signum: int, frame: object) -> None:
        raise _Ended(signum)

    wanted = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    old = {sig: signal.signal(sig, end) for sig in wanted}
    try:
        yield
    except _Ended as ended:
        raise SystemExit(128 + ended.args[0]) from None
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


# --- one message ----------------------------------------------------------------------------


def _analyzer(data: dict[str, Any]) -> Analyzer:
    from softlanding.analysis.analyzer import Analyzer

    return Analyzer.from_pack(data)


def _reflect(text: str, data: dict[str, Any], args: argparse.Namespace) -> int:
    analyzer = _analyzer(data)
    found = analyzer.analyze(text)
    flagged = bool(found.patterns) or found.safety.concern
    # Danger language is never stored: a saved threat or disclosure can be found by anyone.
    saved = args.save and not found.safety.concern
    if saved:
        _save(found)
    refused = args.save and not saved
    if args.json:
        print(json.dumps(found.to_json(data["safety"]["resources"]), ensure_ascii=False))
    elif not args.check:
        _card(found, data, saved=saved, refused=refused, kind=_kind(analyzer, found))
    if refused and (args.json or args.check):
        print(data["safety"]["not_saved"], file=sys.stderr)
    return int(flagged) if args.check else 0


def _jsonl(data: dict[str, Any], check: bool) -> int:
    """One JSON object per input line, blank lines included, in order."""
    analyzer, resources = _analyzer(data), data["safety"]["resources"]
    flagged = False
    for line in _stdin_pieces():
        found = analyzer.analyze(line.rstrip("\r\n"))
        flagged = flagged or bool(found.patterns) or found.safety.concern
        if not check:
            sys.stdout.write(json.dumps(found.to_json(resources), ensure_ascii=False) + "\n")
            sys.stdout.flush()
    return int(flagged) if check else 0


def _save(found: Analysis) -> None:
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
        store.save_whole("reflect", "reflect", answers)  # one transaction: never half a session


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _kind(analyzer: Analyzer, found: Analysis) -> str | None:
    """The most urgent kind of danger in the message, for the page that fits it."""
    if not found.safety.concern:
        return None
    from softlanding.analysis.danger import find_danger, kinds_of

    kinds = kinds_of(find_danger(analyzer, found.text))
    return kinds[0] if kinds else "partner_fear"


def _card(
    found: Analysis, data: dict[str, Any], saved: bool, refused: bool, kind: str | None
) -> None:
    """Safety first when it applies; otherwise the message, what it may carry, one question."""
    console = _console()
    if found.safety.concern:
        _safety_card(console, data, kind or "partner_fear")
        _lines(console, _marked(found), None, _label(found.question, "bold"))
    else:
        _message_card(console, found, data)
    if saved:
        _lines(console, None, _label(data["analysis"]["reflect_words"]["saved"], "dim"))
    if refused:
        _lines(console, None, _label(data["safety"]["not_saved"], "bold"))


def _lines(console: Console, *items: Any) -> None:
    """Each item on its own line; None is a blank line."""
    for item in items:
        console.print(item if item is not None else "")


def _safety_card(console: Console, data: dict[str, Any], kind: str) -> None:
    """The page for this kind of danger: its words, then its kinds of help first."""
    from rich.panel import Panel
    from rich.text import Text

    from softlanding.analysis.danger import ordered_resources

    safety = data["safety"]
    page = safety["pages"][kind]
    # pack text: `prompts check` refuses escapes
    body = Text("\n".join(page["lines"] + safety["added_lines"]) + "\n\n")
    every = ordered_resources(safety["resources"], page["first"]) + safety["added_resources"]
    for item in every:
        body.append(f"{item['name']}", style="bold")
        body.append(f" · {item['contact']} · {item['region']} ({safety['check_country']})\n")
        if item.get("note"):
            body.append(f"  {item['note']}\n", style="dim")
    body.append("\n" + safety["resources_note"], style="dim")
    console.print(Panel(body, title=page["title"], title_align="left", padding=(1, 2)))


def _message_card(console: Console, found: Analysis, data: dict[str, Any]) -> None:
    from rich.panel import Panel

    text = data["text"]
    view, hints = text["session_view"], text["hints"]
    words = data["analysis"]["reflect_words"]
    note = words["highlight_note"] if found.patterns else None
    console.print(
        Panel(
            _marked(found),
            title=view["reflect_text"],
            title_align="left",
            subtitle=note,
            subtitle_align="left",
            padding=(1, 2),
        )
    )
    if not found.patterns:
        _lines(console, _label(hints["empty"], "italic"), None)
    for kind, matches, why, antidote in _grouped(found):
        quoted = ", ".join(f"“{m}”" for m in matches)
        _lines(
            console,
            _label(hints[kind], f"bold {KIND_STYLES[kind].split()[-1]}"),
            _label(fill(hints["words"], match=quoted)),
            _label(fill(hints["why"], why=why)),
            _label(fill(hints["antidote"], antidote=antidote)),
            None,
        )
    for key, value in (("reflect_bid", found.bid), ("reflect_rewrite", found.rewrite)):
        if value:
            _lines(console, _label(view[key], "bold"), _label(value), None)
    _lines(console, _label(view["reflect_question"], "bold"), _label(found.question, "italic"))


def _grouped(found: Analysis) -> list[tuple[str, list[str], str, str]]:
    """One note per pattern, listing each distinct set of words once, in reading order."""
    groups: dict[str, tuple[list[str], str, str]] = {}
    for f in found.patterns:
        matches = groups.setdefault(f.kind, ([], f.why, f.antidote))[0]
        if f.match not in matches:
            matches.append(f.match)
    return [(kind, m, why, antidote) for kind, (m, why, antidote) in groups.items()]


def _marked(found: Analysis) -> Any:
    """The message as typed (never read as markup), its matched words underlined."""
    from rich.text import Text

    from softlanding.textsafe import visible

    text = Text(visible(found.text))  # same length, so the spans still fit
    for f in found.patterns:
        text.stylize(KIND_STYLES[f.kind], f.start, f.end)
    return text


def _label(words: str, style: str = "") -> Any:
    from rich.text import Text

    from softlanding.textsafe import visible

    return Text(visible(words), style=style)


# --- looking back on the last session -------------------------------------------------------


def _debrief(data: dict[str, Any], as_json: bool) -> int:
    from softlanding.store.sessions import Store

    with Store.open(readonly=True) as store:
        record = store.latest_session(kinds=("solo", "together"))
    steps = _debrief_steps(record, data) if record else []
    if as_json:
        question = None if record else _analyzer(data).analyze("").question
        session = record.id if record else None
        print(json.dumps({"session": session, "steps": steps, "question": question}))
        return 0
    console = _console()
    if record is None:
        question = _analyzer(data).analyze("").question
        _lines(
            console,
            _label(data["analysis"]["reflect_words"]["no_sessions"]),
            _label(question, "italic"),
        )
        return 0
    _debrief_card(console, record, steps, data)
    return 0


def _debrief_steps(record: SessionRecord, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The pause, then each debrief step: what the session recorded there, and its question."""
    from softlanding.report import layout
    from softlanding.report.visible import visible_answers

    record = visible_answers(record)  # a partner's unshared words are never in a debrief
    view = data["text"]["session_view"]
    pause = {"id": "pause", "title": view["pause_heading"], "prompt": None}
    out = []
    for step in [pause, *data["debrief"]["steps"]]:
        entries = []
        for partner, who in (record.partners or {"A": ""}).items():
            for source, name in DEBRIEF_FIELDS.get(step["id"], ()):
                value = layout.show(source, name, record.get(source, name, partner=partner), data)
                if value:
                    label = view.get(f"{source}_{name}", name)
                    prefix = f"{who} · " if len(record.partners) > 1 else ""
                    entries.append({"label": prefix + label, "value": value})
        if entries or step["prompt"]:
            out.append({**{k: step[k] for k in ("id", "title", "prompt")}, "entries": entries})
    return out


def _debrief_card(
    console: Console, record: SessionRecord, steps: list[dict[str, Any]], data: dict[str, Any]
) -> None:
    from softlanding.report import layout

    when = layout.local_time(record.started_at)
    intro = fill(data["analysis"]["reflect_words"]["debrief_from"], when=when)
    _lines(console, _label(data["debrief"]["title"], "bold"), _label(intro), None)
    for step in steps:
        _lines(console, _label(step["title"], "bold"))
        for entry in step["entries"]:
            _lines(console, _label(f"  {entry['label']}: {entry['value']}"))
        if step["prompt"]:
            _lines(console, _label(step["prompt"], "italic"))
        _lines(console, None)
