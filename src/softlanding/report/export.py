"""A Markdown debrief of saved sessions: the store's JSON export, laid out for people to read."""

from __future__ import annotations

from typing import Any

from softlanding.report import layout
from softlanding.store.archive import export_json, record_from_dict
from softlanding.store.sessions import Store
from softlanding.textsafe import visible


def export_markdown(
    store: Store,
    since: str | None = None,
    include_private: bool = False,
    pack: dict[str, Any] | None = None,
) -> str:
    """Sessions as a Markdown debrief a therapist can read, oldest first."""
    if pack is None:
        from softlanding.pack.loader import load_data

        pack = load_data()
    document = export_json(store, since=since, include_private=include_private)
    records = [record_from_dict(item) for item in document["sessions"]]
    text = layout.markdown(records, pack, include_private, document["exported_at"])
    return visible(text)  # `cat` of the file must never drive the terminal
