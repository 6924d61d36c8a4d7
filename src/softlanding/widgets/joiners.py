"""Keep zero-width joiners typed as keys: Persian words and family emoji need them whole."""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea

# Textual drops keys whose character is not "printable"; these two are letters' glue, not control
JOINERS = {"zero_width_joiner": "\u200d", "zero_width_non_joiner": "\u200c"}


def keep_joiner(focused: Widget | None, event: events.Key) -> bool:
    """Insert a typed joiner into the focused text box; True if it was one."""
    joiner = event.character if event.character in JOINERS.values() else JOINERS.get(event.key)
    if joiner is None:
        return False
    if isinstance(focused, Input):
        focused.insert_text_at_cursor(joiner)
    elif isinstance(focused, TextArea):
        focused.insert(joiner)
    else:
        return False
    event.stop()
    return True
