"""Restoring sessions from a JSON export: check the whole file first, then one transaction.

Part of the storage layer (it writes inside `store._write()`); no Textual.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from softlanding.models import answer_problem, in_range, iso
from softlanding.store.sessions import Store
from softlanding.textsafe import flat

FORMAT = "softlanding-export"
VERSION = 1
KINDS = ("solo", "together", "reflect")
STATUSES = ("open", "completed", "abandoned")
SLOTS = ("A", "B")
MAX_ID = 100
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")  # MAX_ID characters in all
ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per value
CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")  # the form `iso()` writes

SESSION_COLUMNS = "id, kind, status, started_at, updated_at, ended_at, current_step"


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
    """Check the whole document and add its new sessions, in one transaction (all or nothing)."""
    items = document.get("sessions") if isinstance(document, dict) else None
    return import_items(store, document, enumerate(items) if isinstance(items, list) else None)


class _Refused(Exception):
    """Raised inside the transaction so that a file with any problem adds nothing."""


def import_items(
    store: Store, header: Any, items: Iterable[tuple[int, Any]] | None
) -> ImportReport:
    """Sessions one at a time (memory stays flat for any size); any problem rolls all back."""
    report = ImportReport()
    _check_header(header, report.problems)
    if items is None and not report.problems:
        report.problems.append(
            ImportProblem(None, None, "'sessions' should be a list of sessions.")
        )
    if report.problems:
        return report
    assert items is not None
    try:
        with store._write() as db:
            _import_batches(db, items, report)
            if report.problems:
                raise _Refused
    except _Refused:
        report.imported, report.skipped = 0, []
    return report


def _import_batches(
    db: sqlite3.Connection, items: Iterable[tuple[int, Any]], report: ImportReport
) -> None:
    seen: dict[str, int] = {}
    batch: list[dict[str, Any]] = []
    for index, item in items:
        sid = item.get("id") if isinstance(item, dict) else None
        named = sid if isinstance(sid, str) else None
        if named is not None and named in seen:
            earlier = seen[named] + 1
            report.problems.append(
                ImportProblem(index, named, f"session {earlier} has the same id.")
            )
        elif named is not None:
            seen[named] = index
        try:
            batch.append(_check_session(item))
        except ValueError as exc:
            report.problems.append(ImportProblem(index, named, str(exc)))
        if report.problems:
            batch.clear()  # nothing will be kept: only look for more problems
        elif len(batch) >= 500:
            _add(db, batch, report)
    if not report.problems:
        _add(db, batch, report)


def _add(db: sqlite3.Connection, batch: list[dict[str, Any]], report: ImportReport) -> None:
    existing = _existing_ids(db, [s["id"] for s in batch])
    _insert(db, [s for s in batch if s["id"] not in existing])
    report.imported += len(batch) - len(existing)
    report.skipped.extend(s["id"] for s in batch if s["id"] in existing)
    batch.clear()


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
        f"INSERT INTO sessions ({SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
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
            + (ENCODE(a["value"]), int(a["private"]), a["saved_at"])
            for s in sessions
            for a in s["answers"]
        ],
    )


def _check_header(document: Any, problems: list[ImportProblem]) -> None:
    """The file says what it is: a softlanding export of a version we can read."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        problems.append(ImportProblem(None, None, "this is not a softlanding JSON export."))
        return
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append(ImportProblem(None, None, "the export has no valid 'version' number."))
    elif version > VERSION:
        problems.append(
            ImportProblem(None, None, "this export was made by a newer softlanding; update first.")
        )


def _check_session(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ValueError("should be an object with the session's fields.")
    sid = item.get("id")
    if not isinstance(sid, str) or not SAFE_ID.fullmatch(sid):
        raise ValueError(
            f"'id' should be text: 1 to {MAX_ID} letters, digits, - or _ "
            "(so that 'show' and 'forget' can reach it)."
        )
    try:
        ENCODE(item).encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("holds a broken character (a lone surrogate).") from None
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
        try:  # the usual case (any export): only check the date
            if in_range(datetime.fromisoformat(value)):
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
    if not in_range(moment):
        raise ValueError(f"{where} is out of range: {value[:40]!r}.")
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
    return {slot: flat(name) for slot, name in value.items()}  # a name is one line, as typed


def _tags(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(t, str) and t for t in value):
        raise ValueError("'tags' should be a list of words.")
    return list(dict.fromkeys(tag for tag in map(flat, value) if tag))


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
    problem = answer_problem(step, name, answer["value"])  # the same check every save goes through
    if problem:
        raise ValueError(f"answer {number} ({step} / {name}): the value {problem}.")
    return {
        "partner": partner,
        "step": step,
        "field": name,
        "value": answer["value"],
        "private": private,
        "saved_at": saved_at,
    }
