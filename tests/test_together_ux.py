"""A pair's flow as an upset couple meets it: Esc does what the footer says after a hand-over."""

from __future__ import annotations

from typing import Any

from tests.test_together import begin, pass_to
from textual.widgets._footer import FooterKey


def footer_offers(app: Any) -> list[str]:
    """The key descriptions the footer shows right now."""
    return [key.description for key in app.screen.query(FooterKey)]


async def test_esc_is_offered_only_where_it_goes_back_after_a_hand_over(make_app: Any) -> None:
    from softlanding.screens.together.turns import PairNameScreen, PairPauseScreen

    app = make_app(start="together")
    back = app.pack.text.keys.back
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await pass_to(pilot, "Alex")
        screen = app.screen
        assert isinstance(screen, PairPauseScreen) and screen.stage == "calm"
        assert back not in footer_offers(app)  # nothing before the hand-over to go back to
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.stage == "calm"
        await pilot.press("6", "enter")
        await pilot.pause()
        assert screen.stage != "calm"
        assert back in footer_offers(app)  # now there is an earlier question
        await pilot.press("escape")
        await pilot.pause()
        assert screen.stage == "calm"
        assert back not in footer_offers(app)
        await pilot.press("enter", "down", "enter", "down", "enter")
        await pilot.pause()
        await pass_to(pilot, "Sam")
        await pilot.press("3", "enter", "down", "enter", "down", "enter")
        await pilot.pause()
        await pilot.press("s", "enter")
        await pilot.pause()
        await pass_to(pilot, "Alex")
        assert isinstance(app.screen, PairNameScreen)
        assert back not in footer_offers(app)
        await pilot.press("enter")  # a family of feelings
        await pilot.pause()
        assert back in footer_offers(app)
