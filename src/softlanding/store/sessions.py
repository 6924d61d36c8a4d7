"""The session store: autosave, resume, history's counts, settings and real deletion."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from softlanding.models import (
    Kind,
    SessionRecord,
    SessionSummary,
    Status,
    answer_problem,
    iso,
    now_utc,
    parse_iso,
)
from softlanding.store import health
from softlanding.store.connection import Connection
from softlanding.store.errors import NewerDatabaseError as NewerDatabaseError
from softlanding.store.errors import StoreError
from softlanding.store.rows import BAD, JSON_VALUE, decode, encode, session_filters, split


class Store(Connection):
    """All reads and writes of sessions; one short transaction per saved answer."""

    def create_session(
        self,
        kind: Kind,
        partners: Iterable[tuple[str, str]] = (("A", "You"),),
        tags: Iterable[str] = (),
        started_at: datetime | None = None,
        session_id: str | None = None,
    ) -> str:
        sid = session_id or uuid.uuid4().hex[:16]
        stamp = iso(started_at or now_utc())
        with self._write() as db:
            db.execute(
                "INSERT INTO sessions (id, kind, status, started_at, updated_at) "
                "VALUES (?, ?, 'open', ?, ?)",
                (sid, kind, stamp, stamp),
            )
            db.executemany(
                "INSERT INTO partners (session_id, slot, name) VALUES (?, ?, ?)",
                [(sid, slot, name) for slot, name in partners],
            )
            db.executemany(
                "INSERT OR IGNORE INTO tags (session_id, tag) VALUES (?, ?)",
                [(sid, tag) for tag in tags],
            )
        return sid

    def save_answer(
        self, sid: str, step: str, field: str, value: Any, partner: str = "A", private: bool = False
    ) -> None:
        """Autosave one answer the moment it is given."""
        self.save_answers(sid, step, {field: value}, partner=partner, private=private)

    def save_answers(
        self, sid: str, step: str, values: dict[str, Any], partner: str = "A", private: bool = False
    ) -> None:
        stamp = iso(now_utc())
        for name, value in values.items():
            problem = answer_problem(step, name, value)
            if problem:
                raise StoreError(f"softlanding could not save this answer: it {problem}.")
        rows = [
            (sid, partner, step, name, encode(value), int(private), stamp)
            for name, value in values.items()
        ]
        with self._write() as db:
            db.executemany(
                "INSERT INTO answers (session_id, partner, step, field, value, private, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, partner, step, field) "
                "DO UPDATE SET value = excluded.value, private = excluded.private, "
                "saved_at = excluded.saved_at",
                rows,
            )
            # A pair's position names the partner too ("name@B"); the flow keeps that up to date.
            db.execute(
                "UPDATE sessions SET updated_at = ?, "
                "current_step = CASE WHEN kind = 'solo' THEN ? ELSE current_step END WHERE id = ?",
                (stamp, step, sid),
            )

    def save_whole(self, kind: Kind, step: str, values: dict[str, Any], person: str) -> str:
        """A finished one-step session of one `person` in one transaction: never an empty one
        left open."""
        for name, value in values.items():
            problem = answer_problem(step, name, value)
            if problem:
                raise StoreError(f"softlanding could not save this: '{name}' {problem}.")
        sid, stamp = uuid.uuid4().hex[:16], iso(now_utc())
        with self._write() as db:
            db.execute(
                "INSERT INTO sessions (id, kind, status, started_at, updated_at, ended_at, "
                "current_step) VALUES (?, ?, 'completed', ?, ?, ?, ?)",
                (sid, kind, stamp, stamp, stamp, step),
            )
            db.execute(
                "INSERT INTO partners (session_id, slot, name) VALUES (?, 'A', ?)", (sid, person)
            )
            db.executemany(
                "INSERT INTO answers (session_id, partner, step, field, value, private, saved_at) "
                "VALUES (?, 'A', ?, ?, ?, 0, ?)",
                [(sid, step, name, encode(value), stamp) for name, value in values.items()],
            )
        return sid

    def forget_answer(self, sid: str, step: str, field: str, partner: str = "A") -> None:
        with self._write() as db:
            db.execute(
                "DELETE FROM answers "
                "WHERE session_id = ? AND partner = ? AND step = ? AND field = ?",
                (sid, partner, step, field),
            )

    def set_step(self, sid: str, step: str) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET current_step = ?, updated_at = ? WHERE id = ?",
                (step, iso(now_utc()), sid),
            )

    def set_tags(self, sid: str, tags: Iterable[str]) -> None:
        with self._write() as db:
            db.execute("DELETE FROM tags WHERE session_id = ?", (sid,))
            db.executemany(
                "INSERT OR IGNORE INTO tags (session_id, tag) VALUES (?, ?)",
                [(sid, t) for t in tags],
            )

    def finish(self, sid: str, status: Status) -> None:
        stamp = iso(now_utc())
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, updated_at = ? WHERE id = ?",
                (status, stamp, stamp, sid),
            )

    # --- reading -----------------------------------------------------------------------------

    def load(self, sid: str) -> SessionRecord | None:
        row = self.conn.execute(
            "SELECT id, kind, status, started_at, updated_at, ended_at, current_step "
            "FROM sessions WHERE id = ?",
            (sid,),
        ).fetchone()
        if row is None:
            return None
        record = SessionRecord(*row)
        for slot, name in self.conn.execute(
            "SELECT slot, name FROM partners WHERE session_id = ? ORDER BY slot", (sid,)
        ):
            record.partners[slot] = name
        record.tags = [
            t
            for (t,) in self.conn.execute(
                "SELECT tag FROM tags WHERE session_id = ? ORDER BY tag", (sid,)
            )
        ]
        for partner, step, name, value, private in self.conn.execute(
            "SELECT partner, step, field, value, private FROM answers WHERE session_id = ? "
            "ORDER BY saved_at, rowid",
            (sid,),
        ):
            decoded = decode(step, name, value)
            if decoded is BAD:  # a hand-edited or damaged row: left out, and counted
                record.skipped += 1
                continue
            record.answers[(partner, step, name)] = decoded
            if private:
                record.private.add((partner, step, name))
        return record

    def unfinished(self, skip: Iterable[str] = ()) -> SessionRecord | None:
        """The most recent open solo or together session with an answer, to offer resuming
        (sessions in `skip` passed over)."""
        skip = tuple(skip)
        row = self.conn.execute(
            "SELECT id FROM sessions s WHERE status = 'open' AND kind IN ('solo', 'together') "
            "AND EXISTS (SELECT 1 FROM answers a WHERE a.session_id = s.id) "
            f"AND id NOT IN ({','.join('?' * len(skip))}) ORDER BY updated_at DESC LIMIT 1",
            skip,
        ).fetchone()
        return self.load(row[0]) if row else None

    def latest_session(
        self, kinds: Iterable[str] = ("solo", "together"), answered: bool = False
    ) -> SessionRecord | None:
        """The newest session of these kinds; with `answered`, the newest with an answer."""
        kinds = tuple(kinds)
        marks = ",".join("?" * len(kinds))
        some = " AND EXISTS (SELECT 1 FROM answers a WHERE a.session_id = s.id)" if answered else ""
        row = self.conn.execute(
            f"SELECT id FROM sessions s WHERE kind IN ({marks}){some} "
            "ORDER BY started_at DESC LIMIT 1",
            kinds,
        ).fetchone()
        return self.load(row[0]) if row else None

    def list_sessions(
        self, limit: int = 50, offset: int = 0, since: str | None = None, tag: str | None = None
    ) -> list[SessionSummary]:
        """Newest first, one page; feelings come from each partner's named word."""
        where, args = session_filters(since, tag)
        # Page the ids first, so deep pages don't compute tags and feelings for skipped rows.
        rows = self.conn.execute(
            "WITH page AS (SELECT s.id, s.kind, s.status, s.started_at FROM sessions s "
            f"{where} ORDER BY s.started_at DESC, s.id LIMIT ? OFFSET ?) "
            "SELECT p.id, p.kind, p.status, p.started_at, "
            "(SELECT group_concat(tag, char(31)) FROM tags t WHERE t.session_id = p.id), "
            f"(SELECT group_concat({JSON_VALUE}, char(31)) FROM answers a "
            " WHERE a.session_id = p.id AND a.step = 'name' AND a.field = 'word' "
            " AND a.private = 0) "
            "FROM page p ORDER BY p.started_at DESC, p.id",
            (*args, limit, offset),
        ).fetchall()
        return [
            SessionSummary(sid, kind, status, started, split(tags), split(feelings))
            for sid, kind, status, started, tags, feelings in rows
        ]

    def count_sessions(self, since: str | None = None, tag: str | None = None) -> int:
        where, args = session_filters(since, tag)
        return int(
            self.conn.execute(f"SELECT count(*) FROM sessions s {where}", args).fetchone()[0]
        )

    def pending_return(self) -> tuple[str, str] | None:
        """The latest agreed return time still in the future, with its session id."""
        rows = self.conn.execute(RETURN_SQL, (iso(now_utc() - RETURN_WINDOW),))
        for value, sid in rows:  # the index gives the newest first; a bad row is passed over
            if answer_problem("pause", "return_at", value) is None:
                return (value, sid) if iso(parse_iso(value)) > iso(now_utc()) else None
        return None

    # --- settings ----------------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )

    # --- deletion ----------------------------------------------------------------------------

    def delete(self, sid: str) -> bool:
        """Delete one session so its words cannot be read back from the file.

        `scrub_waiting` says afterwards whether another window still pins the old words.
        """
        with self._write() as db:
            started = db.execute("SELECT started_at FROM sessions WHERE id = ?", (sid,)).fetchone()
            gone = db.execute("DELETE FROM sessions WHERE id = ?", (sid,)).rowcount
            if started is not None:
                _forget_talks_about(db, str(started[0]))
            health.mark_scrub(db)
        self._scrub(wait_ms=1000)
        return bool(gone)

    def delete_all(self) -> int:
        with self._write() as db:
            gone = db.execute("DELETE FROM sessions").rowcount
            health.mark_scrub(db)
        self._scrub(wait_ms=1000)
        return int(gone)


def _forget_talks_about(db: Any, started_at: str) -> None:
    """A talk after a fight keeps when that fight began (to name it); once the fight is deleted,
    that date goes too, so nothing says there was a fight then (unless another session began
    that very second: the date still names one)."""
    if db.execute("SELECT 1 FROM sessions WHERE started_at = ?", (started_at,)).fetchone():
        return
    rows = db.execute(
        "SELECT session_id, partner, value FROM answers WHERE step = ? AND field = ?",
        (AFTER_STEP, ABOUT_FIELD),
    ).fetchall()
    for session_id, partner, value in rows:
        if decode(AFTER_STEP, ABOUT_FIELD, value) == started_at:
            db.execute(
                "DELETE FROM answers WHERE session_id = ? AND partner = ? AND step = ? "
                "AND field = ?",
                (session_id, partner, AFTER_STEP, ABOUT_FIELD),
            )


AFTER_STEP, ABOUT_FIELD = "after", "about_session"  # flow.after's step; the screen's field


# Home asks this on every launch: the (step, field, saved_at) index finds it without a scan.
RETURN_SQL = (
    f"SELECT {JSON_VALUE}, session_id FROM answers a "
    "WHERE step = 'pause' AND field = 'return_at' AND NOT EXISTS ("
    " SELECT 1 FROM answers r WHERE r.session_id = a.session_id AND r.step = 'pause'"
    " AND r.field = 'returned_at') AND saved_at >= ? ORDER BY saved_at DESC"
)
RETURN_WINDOW = timedelta(hours=25)  # a break lasts at most 24 hours: older ones are past
