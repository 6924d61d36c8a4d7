"""What a viewer may see of a saved session: the one gate every reader goes through.

The rules live with the store (`softlanding.store.visibility`), so the store's own readers
(export, history pages, pattern facts) apply them without reaching up to the views; every other
reader (the session view, `show`, Markdown, the `reflect` debrief, a resumed session) asks here.
"""

from __future__ import annotations

from softlanding.store.visibility import (
    ANYONE,
    HIDDEN,
    Viewer,
    hidden_count,
    lock_only,
    sealed_count,
    visible_answers,
    visible_value,
)

__all__ = [
    "ANYONE",
    "HIDDEN",
    "Viewer",
    "hidden_count",
    "lock_only",
    "sealed_count",
    "visible_answers",
    "visible_value",
]
