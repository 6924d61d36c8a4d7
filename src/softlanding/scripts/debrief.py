"""`softlanding reflect` with no message: look back on the last session, step by step."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from softlanding.pack.fill import fill
from softlanding.scripts.reflect_card import label, lines, new_console

if TYPE_CHECKING:
    from rich.console import Console

    from softlanding.analysis.analyzer import Analyzer
    from softlanding.models import SessionRecord

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


def debrief(
    data: dict[str, Any], analyzer_of: Callable[[dict[str, Any]], Analyzer], as_json: bool
) -> int:
    """The last session's steps and what it recorded at each; a question when there is none."""
    from softlanding.store.sessions import Store

    with Store.open(readonly=True) as store:
        record = store.latest_session(kinds=("solo", "together"), answered=True)  # not an empty one
    steps = _debrief_steps(record, data) if record else []
    if as_json:
        question = None if record else analyzer_of(data).analyze("").question
        session = record.id if record else None
        print(json.dumps({"session": session, "steps": steps, "question": question}))
        return 0
    console = new_console()
    if record is None:
        question = analyzer_of(data).analyze("").question
        lines(
            console,
            label(data["analysis"]["reflect_words"]["no_sessions"]),
            label(question, "italic"),
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
    for step in [pause, *(_worded(s, layout.is_solo(record)) for s in data["debrief"]["steps"])]:
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


def _worded(step: dict[str, Any], solo: bool) -> dict[str, Any]:
    """A debrief step in the words for what the session was: one person's, or a pair's."""
    if not solo:
        return step
    return {
        **step,
        "title": step.get("solo_title") or step["title"],
        "prompt": step.get("solo_prompt") or step["prompt"],
    }


def _debrief_card(
    console: Console, record: SessionRecord, steps: list[dict[str, Any]], data: dict[str, Any]
) -> None:
    from softlanding.report import layout
    from softlanding.textsafe import one_line

    when = layout.local_time(record.started_at, layout.unknown_date(data))
    intro = fill(data["analysis"]["reflect_words"]["debrief_from"], when=when)
    debrief = data["debrief"]
    title = (layout.is_solo(record) and debrief.get("solo_title")) or debrief["title"]
    lines(console, label(title, "bold"), label(intro), None)
    for step in steps:
        lines(console, label(step["title"], "bold"))
        for entry in step["entries"]:
            lines(console, label(f"  {one_line(entry['label'])}: {entry['value']}"))
        if step["prompt"]:
            lines(console, label(step["prompt"], "italic"))
        lines(console, None)
