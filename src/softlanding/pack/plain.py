"""The pack's attribute view back as plain data (the analyzer and report layouts read dicts)."""

from __future__ import annotations

from typing import Any


def vars_deep(value: Any) -> Any:
    """Pack view objects back into plain dicts and lists."""
    if hasattr(value, "__dict__"):
        return {k: vars_deep(v) for k, v in vars(value).items()}
    if isinstance(value, list):
        return [vars_deep(v) for v in value]
    return value
