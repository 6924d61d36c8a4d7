"""Keep zero-width joiners typed as keys: Persian words and family emoji need them whole."""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea

# Textual drops keys whose character is not "printable"; these two are letters' glue, not control
JOINERS = frozenset({"\u200c", "\u200d"})


def keep_joiner(focused: Widget | None, event: events.Key) -> bool:
    """Insert a typed joiner into the focused text box; True if it was one."""
    if event.character not in JOINERS:
        return False
    if isinstance(focused, Input):
        focused.insert_text_at_cursor(event.character)
    elif isinstance(focused, TextArea):
        focused.insert(event.character)
    else:
        return False
    event.stop()
    return True
