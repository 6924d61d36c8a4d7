"""How answers and filters look in SQL: one encoding for every value, one decoding that checks."""

from __future__ import annotations

import json
from typing import Any

from softlanding.models import answer_problem

BAD = object()
JSON_VALUE = "CASE WHEN json_valid(value) THEN json_extract(value, '$') END"


def encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def decode(step: str, name: str, text: Any) -> Any:
    """A stored answer, or BAD if it is not valid JSON of the kind this answer holds."""
    try:
        value = json.loads(text, parse_constant=_refuse)
    except (TypeError, ValueError, RecursionError):
        return BAD
    return BAD if answer_problem(step, name, value) else value


def _refuse(name: str) -> Any:
    raise ValueError(name)


def session_filters(since: str | None, tag: str | None) -> tuple[str, tuple[Any, ...]]:
    """A WHERE clause over sessions `s` for the history filters, with its arguments."""
    clauses: list[str] = []
    args: list[Any] = []
    if since:
        clauses.append("s.started_at >= ?")
        args.append(since)
    if tag:
        clauses.append("EXISTS (SELECT 1 FROM tags t WHERE t.session_id = s.id AND t.tag = ?)")
        args.append(tag)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(args)


def split(joined: str | None) -> tuple[str, ...]:
    return tuple(joined.split("\x1f")) if joined else ()
