"""Sessions in and out of the store: JSON export and import, a Markdown debrief, history pages.

Part of the storage layer (it reads `store.conn` and writes inside `store._write()`); no Textual.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from softlanding import session_layout
from softlanding.models import SessionRecord, iso, now_utc
from softlanding.patterns import SessionFacts, return_state
from softlanding.store import Store, session_filters

FORMAT = "softlanding-export"
VERSION = 1
KINDS = ("solo", "together", "reflect")
STATUSES = ("open", "completed", "abandoned")
SLOTS = ("A", "B")
MAX_ID = 100
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per value
CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")  # the form `iso()` writes

_SESSION_COLUMNS = "id, kind, status, started_at, updated_at, ended_at, current_step"
# Only what the patterns view counts: keeps "all time" over tens of thousands of sessions quick.
_PATTERN_FIELDS = (
    ("name", "word"),
    ("name", "need"),
    ("name", "under"),
    ("pause", "calm_before"),
    ("pause", "calm_after"),
    ("pause", "choice"),
    ("pause", "return_at"),
    ("pause", "returned_at"),
)


# --- dates given on the command line ----------------------------------------------------------


def since_iso(text: str) -> str:
    """A DATE (YYYY-MM-DD, local midnight) or full ISO time as the stored UTC form."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a bare date means the person's own midnight
    return iso(moment)


def match_ids(store: Store, prefix: str) -> list[str]:
    """Up to two session ids starting with `prefix` (people type the first few characters)."""
    exact = store.conn.execute("SELECT id FROM sessions WHERE id = ?", (prefix,)).fetchone()
    if exact:
        return [exact[0]]
    rows = store.conn.execute(
        "SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
        (prefix, prefix + "\uffff"),
    )
    return [row[0] for row in rows] if prefix else []


# --- export -----------------------------------------------------------------------------------


def export_json(store: Store, since: str | None = None, include_private: bool = False) -> dict:
    """Every session (oldest first) with partners, tags and answers, as a versioned document."""
    where, args = ("WHERE started_at >= ?", (since,)) if since else ("", ())
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(now_utc()),
        "includes_private": include_private,
        "sessions": _collect(store, where, args, include_private),
    }


def dumps(document: dict[str, Any]) -> str:
    """The export as JSON text: one session per line (compact JSON is several times faster)."""
    sessions = document["sessions"]
    head = json.dumps({k: v for k, v in document.items() if k != "sessions"}, ensure_ascii=False)
    lines = [_ENCODE(item) for item in sessions]
    body = ",\n".join(lines)
    return head[:-1] + ', "sessions": [\n' + body + ("\n]}\n" if lines else "]}\n")


def session_json(store: Store, sid: str, include_private: bool = False) -> dict | None:
    """One session in the export's shape (for `show --json`)."""
    found = _collect(store, "WHERE id = ?", (sid,), include_private)
    return found[0] if found else None


def _collect(
    store: Store, where: str, args: tuple[Any, ...], include_private: bool
) -> list[dict[str, Any]]:
    """Four queries for any number of sessions, grouped in Python (not four per session)."""
    db = store.conn
    chosen = f"SELECT id FROM sessions {where}"
    sessions = {
        row[0]: _session_dict(row)
        for row in db.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions {where} ORDER BY started_at, id", args
        )
    }
    for sid, slot, name in db.execute(
        f"SELECT session_id, slot, name FROM partners WHERE session_id IN ({chosen}) "
        "ORDER BY session_id, slot",
        args,
    ):
        sessions[sid]["partners"][slot] = name
    for sid, tag in db.execute(
        f"SELECT session_id, tag FROM tags WHERE session_id IN ({chosen}) ORDER BY session_id, tag",
        args,
    ):
        sessions[sid]["tags"].append(tag)
    _add_answers(db, sessions, chosen, args, include_private)
    return list(sessions.values())


def _add_answers(
    db: sqlite3.Connection,
    sessions: dict[str, dict[str, Any]],
    chosen: str,
    args: tuple[Any, ...],
    include_private: bool,
) -> None:
    hide = "" if include_private else "AND private = 0"
    rows = db.execute(
        "SELECT session_id, partner, step, field, value, private, saved_at FROM answers "
        f"WHERE session_id IN ({chosen}) {hide} ORDER BY session_id, saved_at, rowid",
        args,
    ).fetchall()
    # Every stored value is JSON text: decode them all in one call (250,000 calls take seconds).
    values = json.loads("[" + ",".join(row[4] for row in rows) + "]")
    for (sid, partner, step, name, _, private, saved_at), value in zip(rows, values, strict=True):
        sessions[sid]["answers"].append(
            {
                "partner": partner,
                "step": step,
                "field": name,
                "value": value,
                "private": bool(private),
                "saved_at": saved_at,
            }
        )


def _session_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    sid, kind, status, started_at, updated_at, ended_at, current_step = row
    return {
        "id": sid,
        "kind": kind,
        "status": status,
        "started_at": started_at,
        "updated_at": updated_at,
        "ended_at": ended_at,
        "current_step": current_step,
        "partners": {},
        "tags": [],
        "answers": [],
    }


def record_from_dict(item: dict[str, Any]) -> SessionRecord:
    """An exported session back as the record the views read."""
    record = SessionRecord(
        item["id"],
        item["kind"],
        item["status"],
        item["started_at"],
        item["updated_at"],
        item.get("ended_at"),
        item.get("current_step"),
    )
    record.partners = dict(item.get("partners") or {})
    record.tags = list(item.get("tags") or [])
    for answer in item.get("answers") or []:
        key = (answer["partner"], answer["step"], answer["field"])
        record.answers[key] = answer["value"]
        if answer.get("private"):
            record.private.add(key)
    return record


def export_markdown(
    store: Store,
    since: str | None = None,
    include_private: bool = False,
    pack: dict[str, Any] | None = None,
) -> str:
    """Sessions as a Markdown debrief a therapist can read, oldest first."""
    if pack is None:
        from softlanding.prompts import load_data

        pack = load_data()
    document = export_json(store, since=since, include_private=include_private)
    records = [record_from_dict(item) for item in document["sessions"]]
    return session_layout.markdown(records, pack, include_private, document["exported_at"])


# --- import -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    """One bad record: `index` is its place in the file's `sessions` list (0-based), if any."""

    index: int | None
    session_id: str | None
    message: str

    def __str__(self) -> str:
        if self.index is None:
            return self.message
        named = f" (id {self.session_id})" if self.session_id else ""
        return f"session {self.index + 1} in the file{named}: {self.message}"


@dataclass
class ImportReport:
    """What an import did: nothing at all if there is any problem."""

    imported: int = 0
    skipped: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def import_json(store: Store, document: Any) -> ImportReport:
    """Check the whole document, then add its new sessions in one transaction."""
    report = ImportReport()
    sessions = _check_document(document, report.problems)
    if report.problems:
        return report
    with store._write() as db:
        existing = _existing_ids(db, [s["id"] for s in sessions])
        fresh = [s for s in sessions if s["id"] not in existing]
        _insert(db, fresh)
    report.imported = len(fresh)
    report.skipped = [s["id"] for s in sessions if s["id"] in existing]
    return report


def _existing_ids(db: sqlite3.Connection, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):  # SQLite caps the number of ? in one statement
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0] for row in db.execute(f"SELECT id FROM sessions WHERE id IN ({marks})", chunk)
        )
    return found


def _insert(db: sqlite3.Connection, sessions: list[dict[str, Any]]) -> None:
    db.executemany(
        f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (s["id"], s["kind"], s["status"], s["started_at"], s["updated_at"])
            + (s["ended_at"], s["current_step"])
            for s in sessions
        ],
    )
    db.executemany(
        "INSERT INTO partners (session_id, slot, name) VALUES (?, ?, ?)",
        [(s["id"], slot, name) for s in sessions for slot, name in s["partners"].items()],
    )
    db.executemany(
        "INSERT OR IGNORE INTO tags (session_id, tag) VALUES (?, ?)",
        [(s["id"], tag) for s in sessions for tag in s["tags"]],
    )
    db.executemany(
        "INSERT INTO answers (session_id, partner, step, field, value, private, saved_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (s["id"], a["partner"], a["step"], a["field"])
            + (_ENCODE(a["value"]), int(a["private"]), a["saved_at"])
            for s in sessions
            for a in s["answers"]
        ],
    )


def _check_document(document: Any, problems: list[ImportProblem]) -> list[dict[str, Any]]:
    """Every session, cleaned; a problem for each thing wrong anywhere in the file."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        problems.append(ImportProblem(None, None, "this is not a softlanding JSON export."))
        return []
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append(ImportProblem(None, None, "the export has no valid 'version' number."))
        return []
    if version > VERSION:
        problems.append(
            ImportProblem(None, None, "this export was made by a newer softlanding; update first.")
        )
        return []
    items = document.get("sessions")
    if not isinstance(items, list):
        problems.append(ImportProblem(None, None, "'sessions' should be a list of sessions."))
        return []
    cleaned: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        sid = item.get("id") if isinstance(item, dict) else None
        named = sid if isinstance(sid, str) else None
        if named is not None and named in seen:
            earlier = seen[named] + 1
            problems.append(ImportProblem(index, named, f"session {earlier} has the same id."))
        elif named is not None:
            seen[named] = index
        try:
            cleaned.append(_check_session(item))
        except ValueError as exc:
            problems.append(ImportProblem(index, named, str(exc)))
    return cleaned


def _check_session(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ValueError("should be an object with the session's fields.")
    sid = item.get("id")
    if not isinstance(sid, str) or not sid.strip() or len(sid) > MAX_ID:
        raise ValueError(f"'id' should be text of 1 to {MAX_ID} characters.")
    return {
        "id": sid,
        "kind": _choice(item, "kind", KINDS),
        "status": _choice(item, "status", STATUSES),
        "started_at": _stamp(item.get("started_at"), "started_at"),
        "updated_at": _stamp(item.get("updated_at"), "updated_at"),
        "ended_at": _optional_stamp(item.get("ended_at"), "ended_at"),
        "current_step": _optional_text(item.get("current_step"), "current_step"),
        "partners": _partners(item.get("partners", {})),
        "tags": _tags(item.get("tags", [])),
        "answers": _answers(item.get("answers", [])),
    }


def _choice(item: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = item.get(key)
    if value not in allowed:
        raise ValueError(f"'{key}' should be one of {', '.join(allowed)}.")
    return str(value)


def _stamp(value: Any, key: str, number: int | None = None) -> str:
    """A time with its UTC offset, stored in the one UTC form the store sorts by."""
    if isinstance(value, str) and CANONICAL.fullmatch(value):
        try:
            datetime.fromisoformat(value)  # the usual case (any export): only check the date
            return value
        except ValueError:
            pass
    where = f"answer {number}: '{key}'" if number else f"'{key}'"
    if not isinstance(value, str):
        raise ValueError(f"{where} should be a time like 2026-03-01T21:40:00+00:00.")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where} is not a time softlanding can read: {value[:40]!r}.") from None
    if moment.tzinfo is None:
        raise ValueError(f"{where} needs its UTC offset (like +00:00).")
    return iso(moment.astimezone(UTC))


def _optional_stamp(value: Any, key: str) -> str | None:
    return None if value is None else _stamp(value, key)


def _optional_text(value: Any, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"'{key}' should be text or null.")


def _partners(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        slot in SLOTS and isinstance(name, str) for slot, name in value.items()
    ):
        raise ValueError("'partners' should map 'A' (and 'B') to names.")
    return dict(value)


def _tags(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(t, str) and t for t in value):
        raise ValueError("'tags' should be a list of words.")
    return list(dict.fromkeys(value))


def _answers(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ValueError("'answers' should be a list.")
    seen: set[tuple[str, str, str]] = set()
    cleaned = []
    for number, answer in enumerate(value, start=1):
        checked = _answer(answer, number)
        key = (checked["partner"], checked["step"], checked["field"])
        if key in seen:
            raise ValueError(f"answer {number} repeats {'/'.join(key)}.")
        seen.add(key)
        cleaned.append(checked)
    return cleaned


def _answer(answer: Any, number: int) -> dict[str, Any]:
    if not isinstance(answer, dict) or "value" not in answer:
        raise ValueError(f"answer {number} should be an object with partner, step, field, value.")
    partner, step, name = answer.get("partner"), answer.get("step"), answer.get("field")
    private = answer.get("private", False)
    if partner not in SLOTS:
        raise ValueError(f"answer {number}: 'partner' should be A or B.")
    if not (isinstance(step, str) and step and isinstance(name, str) and name):
        raise ValueError(f"answer {number}: 'step' and 'field' should be text.")
    if not isinstance(private, bool):
        raise ValueError(f"answer {number}: 'private' should be true or false.")
    saved_at = _stamp(answer.get("saved_at"), "saved_at", number)
    return {
        "partner": partner,
        "step": step,
        "field": name,
        "value": answer["value"],
        "private": private,
        "saved_at": saved_at,
    }


# --- history pages and pattern facts ------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    """One line of the history list; `break_state` is None when no break was taken."""

    id: str
    kind: str
    status: str
    started_at: str
    tags: tuple[str, ...]
    feelings: tuple[str, ...]
    break_state: str | None


def history_page(
    store: Store, limit: int, offset: int = 0, since: str | None = None, tag: str | None = None
) -> list[HistoryRow]:
    """One page, newest first, with whether each break's agreed return happened.

    The page's ids come first, then its details: deep pages stay as quick as the first.
    """
    where, args = session_filters(since, tag)
    rows = store.conn.execute(
        f"SELECT s.id, s.kind, s.status, s.started_at FROM sessions s {where} "
        "ORDER BY s.started_at DESC, s.id LIMIT ? OFFSET ?",
        (*args, limit, offset),
    ).fetchall()
    ids = [row[0] for row in rows]
    tags, feelings = _page_details(store, ids)
    breaks = _break_times(store, ids)
    now = now_utc()
    return [
        HistoryRow(
            sid,
            kind,
            status,
            started,
            tuple(tags[sid]),
            tuple(feelings[sid]),
            _state(*breaks[sid], now=now) if sid in breaks else None,
        )
        for sid, kind, status, started in rows
    ]


def _page_details(
    store: Store, ids: list[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Tags and named feelings (not private ones) of a page of sessions."""
    tags: dict[str, list[str]] = defaultdict(list)
    feelings: dict[str, list[str]] = defaultdict(list)
    if not ids:
        return tags, feelings
    marks = ",".join("?" * len(ids))
    for sid, tag in store.conn.execute(
        f"SELECT session_id, tag FROM tags WHERE session_id IN ({marks}) ORDER BY tag", ids
    ):
        tags[sid].append(tag)
    for sid, word in store.conn.execute(
        "SELECT session_id, json_extract(value, '$') FROM answers "
        f"WHERE session_id IN ({marks}) AND step = 'name' AND field = 'word' AND private = 0 "
        "ORDER BY partner",
        ids,
    ):
        if isinstance(word, str):
            feelings[sid].append(word)
    return tags, feelings


def _state(return_at: str | None, returned_at: str | None, now: datetime) -> str:
    try:
        return return_state(return_at, returned_at, now)
    except (TypeError, ValueError):  # a hand-edited time we cannot read is simply not noted
        return "not_noted"


def _break_times(store: Store, ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for sid, name, value in store.conn.execute(
        "SELECT session_id, field, json_extract(value, '$') FROM answers "
        f"WHERE session_id IN ({marks}) AND step = 'pause' AND private = 0 "
        "AND field IN ('return_at', 'returned_at')",
        ids,
    ):
        found[sid][name] = value
    return {
        sid: (times.get("return_at"), times.get("returned_at"))
        for sid, times in found.items()
        if times.get("return_at")
    }


def pattern_facts(store: Store, since: str | None = None) -> list[SessionFacts]:
    """What the patterns view counts, for every session since `since`, oldest first."""
    where, args = ("WHERE started_at >= ?", (since,)) if since else ("", ())
    chosen = f"SELECT id FROM sessions {where}"
    facts = {
        sid: SessionFacts(sid, kind, started)
        for sid, kind, started in store.conn.execute(
            f"SELECT id, kind, started_at FROM sessions {where} ORDER BY started_at, id", args
        )
    }
    for sid, tag in store.conn.execute(
        f"SELECT session_id, tag FROM tags WHERE session_id IN ({chosen})", args
    ):
        facts[sid].tags.append(tag)
    wanted = " OR ".join("(step = ? AND field = ?)" for _ in _PATTERN_FIELDS)
    flat = tuple(part for pair in _PATTERN_FIELDS for part in pair)
    for sid, partner, step, name, value in store.conn.execute(
        "SELECT session_id, partner, step, field, json_extract(value, '$') FROM answers "
        f"WHERE session_id IN ({chosen}) AND private = 0 AND ({wanted})",
        (*args, *flat),
    ):
        facts[sid].answers[(partner, step, name)] = value
    return list(facts.values())
