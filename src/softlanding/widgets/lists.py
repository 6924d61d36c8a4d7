"""The list every screen shares: the chosen item carries a marker, not colour alone."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import OptionList

MARK = "› "  # before the highlighted item (colour alone fails on mono and low-contrast screens)


class MarkedList(OptionList):
    """An OptionList whose highlighted item starts with a marker."""

    def _get_left_gutter_width(self) -> int:
        return len(MARK)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return Strip([Segment(" " * len(MARK)), *strip], strip.cell_length + len(MARK))
        marked = index == self.highlighted and offset == 0
        first = next(iter(strip), None)
        style = first.style if first is not None else None
        gutter = Segment(MARK if marked else " " * len(MARK), style)
        return Strip([gutter, *strip], strip.cell_length + len(MARK))
