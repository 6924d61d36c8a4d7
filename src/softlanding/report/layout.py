"""One session laid out in the order of a calm talk after a fight, for every view of it.

The history screen, `softlanding show` and the Markdown export all read these sections, so a
session reads the same everywhere. Pure Python over the pack as plain data (`load_data()`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from softlanding.models import SessionRecord, readable_time
from softlanding.pack.fill import fill
from softlanding.report.visible import ANYONE, Viewer, visible_answers
from softlanding.textsafe import one_line

DEBRIEF = ("feelings", "realities", "triggers", "my_part", "one_change")
SECTIONS = ("pause", *DEBRIEF, "after", "reflect", "other", "private")

# (section, step, field): where each known answer goes, in the order it is shown there.
CATALOGUE: tuple[tuple[str, str, str], ...] = (
    ("pause", "pause", "calm_before"),
    ("pause", "pause", "flooded"),
    ("pause", "pause", "choice"),
    ("pause", "pause", "pattern"),
    ("pause", "pause", "card"),
    ("pause", "pause", "break_minutes"),
    ("pause", "pause", "return_at"),
    ("pause", "pause", "returned_at"),
    ("pause", "pause", "calm_after"),
    ("feelings", "name", "family"),
    ("feelings", "name", "word"),
    ("feelings", "name", "own_words"),
    ("feelings", "name", "under"),
    ("feelings", "name", "intensity"),
    ("feelings", "name", "need"),
    ("realities", "reframe", "thought"),
    ("realities", "reframe", "partner_said"),
    ("realities", "reframe", "wish"),
    ("triggers", "respond", "situation"),
    ("triggers", "reframe", "cycle"),
    ("my_part", "reframe", "kindness_self"),
    ("my_part", "reframe", "kindness_partner"),
    ("my_part", "respond", "repair_used"),
    ("one_change", "respond", "feeling"),
    ("one_change", "respond", "need"),
    ("one_change", "respond", "form"),
    ("one_change", "respond", "draft"),
    ("one_change", "respond", "final"),
    ("one_change", "respond", "confirmed"),  # a pair's speaker: did they feel heard
    ("one_change", "respond", "correction"),
    ("one_change", "respond", "more"),
    ("one_change", "closing", "appreciation"),
    ("one_change", "closing", "follow_up_at"),
    ("other", "way", "check"),
    ("other", "way", "way"),
    ("reflect", "reflect", "text"),
    ("reflect", "reflect", "analysis"),
)
PLACE = {(step, name): (section, i) for i, (section, step, name) in enumerate(CATALOGUE)}
# Steps a field we do not know yet still belongs to (e.g. together mode's listening turns).
STEP_HOME = {"pause": "pause", "name": "feelings", "reframe": "realities", "listen": "realities"}
STEP_HOME |= {"respond": "one_change", "closing": "one_change", "reflect": "reflect"}
STEP_HOME |= {"after": "after"}
HIDDEN = {("summary", "tags"), ("summary", "completed")}  # shown in the heading instead
HIDDEN |= {("keep", "sealed")}  # how a partner's words are kept, not words of theirs
TIMES = {"return_at", "returned_at", "follow_up_at", "when", "about_session"}
DRAFTS = "drafts"  # {field: words typed but not yet given}, kept when a session was left
SEATS = ("A", "B")


@dataclass(frozen=True)
class Entry:
    """One recorded answer, labelled and in words."""

    label: str
    value: str
    partner: str = "A"
    private: bool = False


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    entries: list[Entry]


def local_time(stamp: object, unknown: str) -> str:
    """A stored UTC time on the person's own clock, e.g. 2026-03-03 21:40; `unknown` (the
    pack's "date unknown") for one that is damaged or out of range."""
    moment = readable_time(stamp)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else unknown


def unknown_date(pack: dict[str, Any]) -> str:
    return str(pack["text"]["session_view"]["date_unknown"])


def kind_words(kind: str, pack: dict[str, Any]) -> str:
    return str(pack["text"]["history"].get(f"kind_{kind}", kind))


def row_kind(kind: str, partners: tuple[str, ...], pack: dict[str, Any]) -> str:
    """A history row's kind: the pair's names as stored for a session done together."""
    if len(partners) == 2:  # the pack's words are the template; names are only arguments
        return str(pack["text"]["history"]["pair"]).format(first=partners[0], second=partners[1])
    return kind_words(kind, pack)


def break_words(state: str | None, pack: dict[str, Any]) -> str:
    """How a session's break went, in the pack's words ("" for none, or a state it lacks)."""
    return str(pack["text"]["history"].get(f"break_{state}", "")) if state else ""


def feeling_words(feelings: Iterable[str], pack: dict[str, Any]) -> list[str]:
    """Named feelings, with "not sure" and "rather not say" in the pack's words."""
    unnamed = ("not_sure", "rather_not_say")
    return [str(pack["feelings"][f]) if f in unnamed else f for f in feelings]


def status_words(status: str, pack: dict[str, Any]) -> str:
    return str(pack["text"]["session_view"].get(f"status_{status}", status))


def heading(record: SessionRecord, pack: dict[str, Any]) -> str:
    """When, which kind, how it ended: one line."""
    parts = [local_time(record.started_at, unknown_date(pack)), kind_words(record.kind, pack)]
    return " · ".join([*parts, status_words(record.status, pack)])


def people(record: SessionRecord, pack: dict[str, Any]) -> str:
    """Who took part, for a together session (empty for one person)."""
    if len(record.partners) < 2:
        return ""
    words = pack["text"]["session_view"]
    return str(fill(words["with"], names=" & ".join(map(one_line, record.partners.values()))))


def sections(record: SessionRecord, pack: dict[str, Any], viewer: Viewer = ANYONE) -> list[Section]:
    """What `viewer` may see of the session, grouped in debrief order (see report.visible)."""
    record = visible_answers(record, viewer)
    solo = is_solo(record)
    placed: dict[str, list[tuple[tuple[str, int, int], Entry]]] = {s: [] for s in SECTIONS}
    for order, ((partner, step, name), value) in enumerate(record.answers.items()):
        if (step, name) in HIDDEN:
            continue
        private = (partner, step, name) in record.private  # the viewer's own, opened
        section, position = PLACE.get((step, name), (STEP_HOME.get(step, "other"), 999))
        if private:
            section = "private"
        for entry in _entries(record, partner, step, name, value, private, pack):
            placed[section].append(((partner, position, order), entry))
    return [
        Section(
            sid, section_title(sid, pack, solo), [e for _, e in sorted(found, key=lambda x: x[0])]
        )
        for sid, found in placed.items()
        if found
    ]


def is_solo(record: SessionRecord) -> bool:
    """One person's session: its words are said for one, never for a pair."""
    return record.kind == "solo"


def section_title(sid: str, pack: dict[str, Any], solo: bool = False) -> str:
    """Debrief titles come from the pack's debrief steps (their solo wording for one person's
    session); the rest from this view's labels."""
    for step in pack["debrief"]["steps"]:
        if step["id"] == sid:
            return str((solo and step.get("solo_title")) or step["title"])
    return str(pack["text"]["session_view"].get(f"{sid}_heading", sid))


def _entries(
    record: SessionRecord,
    partner: str,
    step: str,
    name: str,
    value: Any,
    private: bool,
    pack: dict[str, Any],
) -> list[Entry]:
    words = pack["text"]["session_view"]
    who, solo = one_line(record.partners.get(partner, partner)), is_solo(record)
    if private:  # marked as its author's, under the part of the session it was written in
        home = PLACE.get((step, name), (STEP_HOME.get(step, "other"), 0))[0]
        title = f"{fill(words['private_note'], name=who)} · {section_title(home, pack, solo)}"
        return [Entry(title, show(step, name, value, pack), partner, True)]
    if (step, name) == ("reflect", "analysis") and isinstance(value, dict):
        pairs = _analysis(value, words)
    elif name == DRAFTS and isinstance(value, dict):
        pairs = [
            (fill(words["not_yet_given"], label=label(step, str(field), pack, solo)), str(text))
            for field, text in value.items()
        ]
    else:
        pairs = [(label(step, name, pack, solo), _value(record, step, name, value, pack))]
    prefix = f"{who} · " if len(record.partners) > 1 or partner != "A" else ""
    return [Entry(prefix + title, text, partner) for title, text in pairs if text]


def label(step: str, name: str, pack: dict[str, Any], solo: bool = False) -> str:
    """A field's label in the pack's words (its solo wording, if any, for one person's session);
    never an internal name (an unknown field is labelled with the part it belongs to)."""
    words = pack["text"]["session_view"]
    if step == "after" and name[-2:] in ("_A", "_B"):  # one question of each speaker's round
        name = name[:-2]
    found = (solo and words.get(f"solo_{step}_{name}")) or words.get(f"{step}_{name}")
    return str(found) if found else section_title(STEP_HOME.get(step, "other"), pack, solo)


def _value(record: SessionRecord, step: str, name: str, value: Any, pack: dict[str, Any]) -> str:
    """Values that name fields, seats or patterns, in words; the rest as `show` says them."""
    words = pack["text"]["session_view"]
    if name == "reveal" and isinstance(value, list):
        shown = [label(step, str(field), pack) for field in value]
        return ", ".join(shown) if shown else str(words["reveal_nothing"])
    if (step, name) == ("after", "starter") and value in SEATS:
        return one_line(str(record.partners.get(value, value)))
    if (step, name) == ("reflect", "patterns") and isinstance(value, list):
        hints = pack["text"]["hints"]
        return ", ".join(dict.fromkeys(str(hints.get(kind, kind)) for kind in value))
    return show(step, name, value, pack)


def _analysis(value: dict[str, Any], words: dict[str, str]) -> list[tuple[str, str]]:
    """What `reflect` noticed in a message, as a few plain lines."""
    found = value["patterns"] if isinstance(value.get("patterns"), list) else []
    noticed = [
        f"{p.get('kind')} ({p.get('match')})" if p.get("match") else str(p.get("kind"))
        for p in found
        if isinstance(p, dict) and p.get("kind")
    ]
    pairs = [(words["reflect_noticed"], ", ".join(noticed))]
    for key in ("bid", "rewrite", "question"):
        if isinstance(value.get(key), str):
            pairs.append((words[f"reflect_{key}"], value[key]))
    return pairs


def show(step: str, name: str, value: Any, pack: dict[str, Any]) -> str:
    """One saved value in words: ids become the pack's names, times the local clock."""
    words = pack["text"]["session_view"]
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return str(words["yes"] if value else words["no"])
    if name in ("calm_before", "calm_after", "intensity") and isinstance(value, int):
        return str(fill(words["out_of_ten"], n=value))
    if name == "break_minutes" and isinstance(value, int):
        return str(fill(words["minutes"], n=value))
    if name in TIMES and isinstance(value, str):
        return local_time(value, unknown_date(pack))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return _named(step, name, str(value), pack)


def _named(step: str, name: str, value: str, pack: dict[str, Any]) -> str:
    words = pack["text"]["session_view"]
    feelings = pack["feelings"]
    if value in ("not_sure", "rather_not_say"):
        return str(feelings[value])
    if (step, name) == ("pause", "choice"):
        return str(words.get(f"choice_{value}", value))
    if (step, name) == ("respond", "form"):
        return str(words.get(f"form_{value}", value))
    if (step, name) == ("way", "way"):  # the together way: short or full
        return str(words.get(f"way_{value}", value))
    if (step, name) == ("way", "check"):  # flooded, short of time, or fine
        return str(pack["text"]["together"].get(f"way_{value}", value))
    lookups: dict[tuple[str, str], Iterable[dict[str, Any]]] = {
        ("name", "family"): feelings["families"],
        ("pause", "pattern"): pack["breathing"]["patterns"],
        ("reframe", "cycle"): pack["cycles"]["options"],
    }
    for item in lookups.get((step, name), ()):
        if item["id"] == value:
            return str(item["name"])
    if (step, name) == ("pause", "card") and isinstance(pack.get(value), dict):
        return str(pack[value].get("title", value))
    return value


# --- Markdown ---------------------------------------------------------------------------------


def markdown(
    records: list[SessionRecord], pack: dict[str, Any], viewer: Viewer, exported_at: str
) -> str:
    """A document a therapist can read: a short preface, then each session in debrief order."""
    words = pack["text"]["history_export"]
    lines = [f"# {words['title']}", ""]
    when = local_time(exported_at, unknown_date(pack))
    lines.append(fill(words["exported"], when=when, count=len(records)))
    lines += ["", words["private_excluded"], ""]
    if not records:
        lines += [words["none"], ""]
    for record in records:
        lines += _markdown_session(record, pack, viewer)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_session(record: SessionRecord, pack: dict[str, Any], viewer: Viewer) -> list[str]:
    words = pack["text"]["session_view"]
    lines = [f"## {_short(heading(record, pack))}", ""]
    if people(record, pack):
        lines.append(_short(people(record, pack)) + "  ")
    if record.tags:
        lines.append(f"{words['tags']}: {_short(', '.join(record.tags))}  ")
    lines.append("")
    for section in sections(record, pack, viewer):
        lines += [f"### {_short(section.title)}", ""]
        for entry in section.entries:
            text = _escape(entry.value).replace("\n", "\n  ")
            lines.append(f"- **{_short(entry.label)}:** {text}")
        lines.append("")
    return lines


_SPECIAL = re.compile(r"([\\`*_\[\]<>#])")


def _short(text: str) -> str:
    """A heading, a name or a label: one line (a newline in a name must not start a heading)."""
    return _escape(one_line(text))


def _escape(text: str) -> str:
    """Keep typed words as words: characters Markdown would read as formatting are escaped."""
    return _SPECIAL.sub(r"\\\1", text)
