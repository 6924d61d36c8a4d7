"""Sessions out of the store: JSON export, history pages, pattern facts (import elsewhere).

Part of the storage layer (it reads `store.conn` and writes inside `store._write()`); no Textual.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import datetime
from typing import Any

from softlanding.models import (
    HistoryRow,
    SessionFacts,
    SessionRecord,
    answer_problem,
    iso,
    now_utc,
    return_state,
)
from softlanding.store.importer import ENCODE, FORMAT, SESSION_COLUMNS, VERSION
from softlanding.store.rows import BAD, decode, session_filters
from softlanding.store.sessions import Store
from softlanding.store.visibility import ANYONE, HIDDEN, Viewer, lock_only, visible_value

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


def export_json(
    store: Store, since: str | None = None, viewer: Viewer | None = None
) -> dict[str, Any]:
    """Every session (oldest first) with partners, tags and what `viewer` may see of the
    answers, as a versioned document; sealed words it cannot open stay sealed."""
    viewer = viewer or Viewer(keep_sealed=True)
    where, args = ("WHERE started_at >= ?", (since,)) if since else ("", ())
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(now_utc()),
        "includes_private": False,
        "sessions": _collect(store, where, args, viewer),
    } | lock_of(store, viewer)


def lock_of(store: Store, viewer: Viewer) -> dict[str, Any]:
    """A locked store's export carries its lock (public key, passphrase-sealed private key),
    so words written sealed still open with the passphrase wherever they are imported."""
    kept = store.get_setting("lock")
    opened = viewer.keyring.lock_private is not None  # then its words are written open
    return {"lock": kept} if isinstance(kept, dict) and not opened else {}


def dumps(document: dict[str, Any]) -> str:
    """The export as JSON text: one session per line (compact JSON is several times faster)."""
    sessions = document["sessions"]
    head = json.dumps({k: v for k, v in document.items() if k != "sessions"}, ensure_ascii=False)
    lines = [ENCODE(item) for item in sessions]
    body = ",\n".join(lines)
    return head[:-1] + ', "sessions": [\n' + body + ("\n]}\n" if lines else "]}\n")


def session_json(store: Store, sid: str, viewer: Viewer | None = None) -> dict[str, Any] | None:
    """One session in the export's shape (for `show --json`)."""
    found = _collect(store, "WHERE id = ?", (sid,), viewer or Viewer(keep_sealed=True))
    return found[0] if found else None


def _collect(
    store: Store, where: str, args: tuple[Any, ...], viewer: Viewer | None
) -> list[dict[str, Any]]:
    """Four queries for any number of sessions, grouped in Python (not four per session)."""
    db = store.conn
    chosen = f"SELECT id FROM sessions {where}"
    sessions = {
        row[0]: _session_dict(row)
        for row in db.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions {where} ORDER BY started_at, id", args
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
    _add_answers(db, sessions, chosen, args, viewer)
    return list(sessions.values())


def _add_answers(
    db: sqlite3.Connection,
    sessions: dict[str, dict[str, Any]],
    chosen: str,
    args: tuple[Any, ...],
    viewer: Viewer | None,
) -> None:
    rows = db.execute(
        "SELECT session_id, partner, step, field, value, private, saved_at FROM answers "
        f"WHERE session_id IN ({chosen}) ORDER BY session_id, saved_at, rowid",
        args,
    ).fetchall()
    for (sid, partner, step, name, _, private, saved_at), value in zip(
        rows, _values(rows), strict=True
    ):
        if value is BAD:
            continue  # a damaged or hand-edited row: left out of the export
        if viewer is not None:
            value = visible_value(value, bool(private), viewer)
            if value is HIDDEN:
                continue
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


def _values(rows: list[tuple[Any, ...]]) -> list[Any]:
    """Every stored value decoded in one call (250,000 calls take seconds); one by one, leaving
    the bad ones out, only when some row is not valid JSON (NaN, or cut short)."""
    try:
        return json.loads("[" + ",".join(row[4] for row in rows) + "]", parse_constant=_no)  # type: ignore[no-any-return]
    except (ValueError, RecursionError):
        return [decode(row[2], row[3], row[4]) for row in rows]


def _no(name: str) -> Any:
    raise ValueError(name)


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


def records_as_stored(store: Store, since: str | None = None) -> list[SessionRecord]:
    """Every session since `since`, oldest first, with its answers as stored (sealed ones
    still sealed): for a reader that asks report.visible itself, like the Markdown layout."""
    where, args = ("WHERE started_at >= ?", (since,)) if since else ("", ())
    return [record_from_dict(item) for item in _collect(store, where, args, None)]


# --- history pages and pattern facts ------------------------------------------------------------


def history_page(
    store: Store,
    limit: int,
    offset: int = 0,
    since: str | None = None,
    tag: str | None = None,
    viewer: Viewer = ANYONE,
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
    tags, feelings = _page_details(store, ids, lock_only(viewer))
    breaks = _break_times(store, ids)
    pairs = _pair_names(store, ids)
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
            pairs.get(sid, ()),
        )
        for sid, kind, status, started in rows
    ]


def _pair_names(store: Store, ids: list[str]) -> dict[str, tuple[str, ...]]:
    """The names of each session of a page that two people took part in, by seat."""
    names: dict[str, list[str]] = defaultdict(list)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    for sid, name in store.conn.execute(
        f"SELECT session_id, name FROM partners WHERE session_id IN ({marks}) ORDER BY slot", ids
    ):
        names[sid].append(str(name))
    return {sid: tuple(found) for sid, found in names.items() if len(found) > 1}


def _page_details(
    store: Store, ids: list[str], viewer: Viewer
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Tags and the named (or, in a talk, ticked) feelings `viewer` may see, of a page."""
    tags: dict[str, list[str]] = defaultdict(list)
    feelings: dict[str, list[str]] = defaultdict(list)
    if not ids:
        return tags, feelings
    marks = ",".join("?" * len(ids))
    for sid, tag in store.conn.execute(
        f"SELECT session_id, tag FROM tags WHERE session_id IN ({marks}) ORDER BY tag", ids
    ):
        tags[sid].append(tag)
    for sid, step, field, raw, private in store.conn.execute(
        "SELECT session_id, step, field, value, private FROM answers "
        f"WHERE session_id IN ({marks}) AND ((step = 'name' AND field = 'word') "
        "OR (step = 'after' AND field GLOB 'felt_*')) ORDER BY partner, field",
        ids,
    ):
        # the word named in the fight; the words ticked when talking it over
        found = visible_value(decode(step, field, raw), bool(private), viewer)
        words = found if isinstance(found, list) else [found]
        feelings[sid].extend(w for w in words if isinstance(w, str))
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
    for sid, name, raw, private in store.conn.execute(
        "SELECT session_id, field, value, private FROM answers "
        f"WHERE session_id IN ({marks}) AND step = 'pause' "
        "AND field IN ('return_at', 'returned_at')",
        ids,
    ):
        value = visible_value(decode("pause", name, raw), bool(private))
        if isinstance(value, str):
            found[sid][name] = value
    return {
        sid: (times.get("return_at"), times.get("returned_at"))
        for sid, times in found.items()
        if times.get("return_at")
    }


def pattern_facts(
    store: Store, since: str | None = None, viewer: Viewer = ANYONE
) -> list[SessionFacts]:
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
    viewer = lock_only(viewer)
    wanted = " OR ".join("(step = ? AND field = ?)" for _ in _PATTERN_FIELDS)
    flat = tuple(part for pair in _PATTERN_FIELDS for part in pair)
    for sid, partner, step, name, raw, private in store.conn.execute(
        "SELECT session_id, partner, step, field, value, private FROM answers "
        f"WHERE session_id IN ({chosen}) AND ({wanted})",
        (*args, *flat),
    ):
        value = visible_value(decode(step, name, raw), bool(private), viewer)
        # a bad row is left out, never a crash; an opened seal is checked like any answer
        if value is not BAD and value is not HIDDEN and answer_problem(step, name, value) is None:
            facts[sid].answers[(partner, step, name)] = value
    return list(facts.values())
