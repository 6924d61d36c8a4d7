"""The pair's closing summary with long words: the title and Finish stay in view, the words
scroll between them (the arrows scroll them while Finish has the focus)."""

from __future__ import annotations

from typing import Any

from tests.test_safety_together import each_answers_the_round
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from softlanding.flow.together import TogetherFlow
from softlanding.screens.together.closing import ClosingScreen

SAID = (
    "I feel left out about the weekend plans you made with your brother without asking me "
    "first, and I need to be heard before plans are settled, even small ones. "
) * 3


def in_view(screen: Any, widget: Any) -> bool:
    region = widget.region
    return region.height > 0 and screen.region.contains_region(region)


async def test_long_words_scroll_between_the_title_and_finish(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.start_session("together", partners=(("A", "Alex"), ("B", "Sam")))
        for seat in ("A", "B"):
            app.session.record("way", "way", "full", seat=seat)
            app.session.record("respond", "final", SAID, seat=seat)
            app.session.record("closing", "talk_again", False, seat=seat)
        app.show_turn(TogetherFlow().resume("closing", {}))
        await pilot.pause()
        await each_answers_the_round(pilot)  # the private round, then the summary
        screen = app.screen
        assert isinstance(screen, ClosingScreen) and screen.stage == "summary"
        title = screen.query_one("#summary .question", Static)
        finish = screen.query_one("#finish", Button)
        body = screen.query_one("#summary-body", VerticalScroll)
        assert screen.focused is finish
        assert body.max_scroll_y > 0  # the words are longer than the room for them
        for key in ("down", "pagedown"):
            assert in_view(screen, title) and in_view(screen, finish)
            assert title.region.bottom <= body.region.y  # the title above the words, not over
            await pilot.press(key)
            await pilot.pause()
        assert body.scroll_y > 0 and screen.focused is finish  # scrolled, Finish still ready
        assert in_view(screen, title) and in_view(screen, finish)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ClosingScreen)  # Finish finishes
