"""The say-back box wraps: a long answer stays in view at 80×24 instead of scrolling sideways,
Enter gives it (never a new line), and a pasted line break becomes a space."""

from __future__ import annotations

import html
import re
from typing import Any

from textual import events
from textual.app import App, ComposeResult

from softlanding.flow.together import TogetherFlow
from softlanding.screens.together.listen import ListenScreen
from softlanding.widgets.textbox import WrapBox

LONG = (
    "that you felt left out when I made the weekend plans with my brother and didn't ask "
    "you first, and that you want to be part of deciding, even small things, every time"
)


def on_screen(app: Any) -> str:
    """The words on the terminal now, without spaces, line breaks or box edges."""
    svg = app.export_screenshot()
    shown = "".join(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg))
    return re.sub(r"[\s\u2580-\u259f]", "", shown)


async def test_a_long_say_back_is_all_in_view_while_it_is_typed(make_app: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.start_session("together", partners=(("A", "Alex"), ("B", "Sam")))
        for seat in ("A", "B"):
            app.session.record("way", "way", "full", seat=seat)
        app.session.record("respond", "final", "I feel left out and I need to be asked.", seat="A")
        app.show_turn(TogetherFlow().resume("listen@B", {}))
        await pilot.pause()
        assert isinstance(app.screen, ListenScreen)
        await pilot.press(*[("space" if ch == " " else ch) for ch in LONG])
        await pilot.pause()
        box = app.screen.query_one("#mirror-input", WrapBox)
        assert box.value == LONG and box.size.height >= 3  # grown to hold the lines
        assert re.sub(r"\s", "", LONG) in on_screen(app)  # every word, none scrolled away
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#stages").current == "confirm"
        assert app.session.answers.get("listen", "B")["mirror"] == LONG


class OneBox(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.given: list[str] = []

    def compose(self) -> ComposeResult:
        yield WrapBox(id="box", max_length=40)

    def on_wrap_box_submitted(self, event: WrapBox.Submitted) -> None:
        self.given.append(event.value)


async def test_enter_gives_the_words_and_a_pasted_line_break_is_a_space() -> None:
    app = OneBox()
    async with app.run_test(size=(40, 10)) as pilot:
        box = app.query_one(WrapBox)
        box.focus()
        app.post_message(events.Paste("first line\nsecond line"))  # as the terminal sends it
        await pilot.pause()
        assert box.value == "first line second line"
        await pilot.press("enter")
        await pilot.pause()
        assert app.given == ["first line second line"] and "\n" not in box.value
        box.value = "x" * 100  # as Input's: set, capped, the cursor at the end
        assert box.value == "x" * 40 and box.cursor_location == (0, 40)
