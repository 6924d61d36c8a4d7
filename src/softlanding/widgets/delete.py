"""Deleting one saved session for good: asked first, then said (History and one session)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from softlanding.flow.library import Library
from softlanding.report.layout import local_time
from softlanding.screens.base import BaseScreen, labels
from softlanding.screens.confirm import ConfirmScreen


def ask_delete(
    screen: BaseScreen[Any], library: Library, sid: str, after: Callable[[], object]
) -> None:
    """Confirm, then delete one session for good (the store scrubs the file) and say so."""
    record = library.load(sid)
    if record is None:
        return
    words = labels(screen.pack, "confirm")

    def decided(yes: bool | None) -> None:
        if yes and library.delete(sid):
            screen.notify(labels(screen.pack, "history").deleted)
            after()

    unknown = labels(screen.pack, "session_view").date_unknown
    body = words.delete_body.format(when=local_time(record.started_at, unknown))
    screen.app.push_screen(ConfirmScreen(words.delete_title, body), decided)
