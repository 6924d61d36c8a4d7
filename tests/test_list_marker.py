"""The chosen item in a list carries a marker, so it is never shown by colour alone."""

from __future__ import annotations

from typing import Any

from textual.geometry import Region
from textual.widgets import OptionList


def lines(widget: Any) -> list[str]:
    width, height = widget.size
    return [s.text for s in widget.render_lines(Region(0, 0, width, height))]


def marked(widget: Any) -> list[str]:
    """The marked items' lines, from the marker on (the list's border is left out)."""
    return [line[line.index("›") :].rstrip() for line in lines(widget) if "›" in line]


async def test_home_marks_the_highlighted_item_and_the_mark_follows(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", OptionList)
        first, second = (str(menu.get_option_at_index(i).prompt) for i in (0, 1))
        assert marked(menu) == [f"› {first}"]
        await pilot.press("down")
        await pilot.pause()
        (line,) = marked(menu)  # one mark; a long item wraps, so its first line carries it
        assert len(line) > 2 and f"› {second}".startswith(line)
        assert any(first in line and "›" not in line for line in lines(menu))
