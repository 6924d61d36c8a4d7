"""A Markdown debrief of saved sessions, laid out for people to read.

It reads the sessions as stored and asks report.visible (through the layout) what `viewer`
may see: a partner's unshared words never appear, sealed ones only when opened.
"""

from __future__ import annotations

from typing import Any

from softlanding.models import iso, now_utc
from softlanding.report import layout
from softlanding.report.visible import Viewer
from softlanding.store.archive import records_as_stored
from softlanding.store.sessions import Store
from softlanding.textsafe import visible


def export_markdown(
    store: Store,
    since: str | None = None,
    viewer: Viewer | None = None,
    pack: dict[str, Any] | None = None,
) -> str:
    """Sessions as a Markdown debrief a therapist can read, oldest first."""
    if pack is None:
        from softlanding.pack.loader import load_data

        pack = load_data()
    records = records_as_stored(store, since)
    text = layout.markdown(records, pack, viewer or Viewer(), iso(now_utc()))
    return visible(text)  # `cat` of the file must never drive the terminal
