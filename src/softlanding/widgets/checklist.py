"""A selection list whose ticked boxes differ in shape, not only colour: ✓ or blank.

Textual's SelectionList draws the same glyph in every box and tells them apart by colour
alone, which reads as "everything ticked" with NO_COLOR or on a dim screen.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

T = TypeVar("T")
TICKED, UNTICKED = "✓", " "


class Checklist(SelectionList[T]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if len(segments) < 4:
            return strip
        text, style, control = segments[1]  # the box's inner glyph (left edge, inner, right edge)
        mark = TICKED if selection.value in self._selected else UNTICKED
        segments[1] = Segment(mark, style, control)
        return Strip(segments, strip.cell_length)
