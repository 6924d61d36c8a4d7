"""A pair's flow as an upset couple meets it: Esc does what the footer says after a hand-over."""

from __future__ import annotations

from typing import Any

from tests.test_together import begin, keep_turn, pass_to, say
from textual.widgets._footer import FooterKey


def footer_offers(app: Any) -> list[str]:
    """The key descriptions the footer shows right now."""
    return [key.description for key in app.screen.query(FooterKey)]


async def esc_returns_to_the_hand_over(pilot: Any, name: str) -> None:
    """On the first screen after a hand-over the footer offers Back, and Esc shows that
    hand-over again (it holds nothing of anyone's words); Enter reopens the same turn."""
    app = pilot.app
    screen_type = type(app.screen)
    assert app.pack.text.keys.back in footer_offers(app)
    await pilot.press("escape")
    await pilot.pause()
    await pass_to(pilot, name)
    assert type(app.screen) is screen_type


async def test_esc_goes_back_to_the_hand_over_and_is_offered_only_where_it_leads(
    make_app: Any,
) -> None:
    from softlanding.screens.together.reveal import RevealChoiceScreen
    from softlanding.screens.together.turns import PairNameScreen, PairPauseScreen

    app = make_app(start="together")
    back = app.pack.text.keys.back
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await pass_to(pilot, "Alex")
        await esc_returns_to_the_hand_over(pilot, "Alex")  # the keep choice
        await keep_turn(pilot)  # each partner's first turn: how their own words are kept
        screen = app.screen
        assert isinstance(screen, PairPauseScreen) and screen.stage == "calm"
        assert back not in footer_offers(app)  # never back into the keep choice
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
        await keep_turn(pilot)
        await pilot.press("3", "enter", "down", "enter", "down", "enter")
        await pilot.pause()
        await pilot.press("s", "enter")
        await pilot.pause()
        await pass_to(pilot, "Alex")
        assert isinstance(app.screen, PairNameScreen)
        await esc_returns_to_the_hand_over(pilot, "Alex")
        await pilot.press("enter")  # a family of feelings
        await pilot.pause()
        assert back in footer_offers(app)
        await pilot.press("escape")  # the earlier question, not the hand-over
        await pilot.pause()
        assert isinstance(app.screen, PairNameScreen)
        await pilot.press("enter", "enter")
        await say(pilot, "")
        await pilot.press("enter", "enter", "5", "enter")
        await pilot.pause()
        await pass_to(pilot, "Sam")
        await pilot.press("enter", "enter")
        await say(pilot, "")
        await pilot.press("enter", "enter", "5", "enter")
        await pilot.pause()
        await pass_to(pilot, "Alex")
        assert isinstance(app.screen, RevealChoiceScreen)
        await esc_returns_to_the_hand_over(pilot, "Alex")


async def test_resume_before_the_second_reveal_asks_the_second_partner(
    make_app: Any, store: Any
) -> None:
    from tests.test_together import drive_to_reveal

    from softlanding.screens.together.reveal import RevealChoiceScreen, RevealedScreen

    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await drive_to_reveal(pilot)
        await pass_to(pilot, "Alex")
        assert isinstance(app.screen, RevealChoiceScreen) and app.screen.partner == "A"
        await pilot.press("space", "ctrl+n")  # Alex shares the first thing offered
        await pilot.pause()
        sid = app.session_id
        await pilot.press("ctrl+q")  # on "Pass the keyboard to Sam"
        await pilot.pause()
    assert store.load(sid).current_step == "reveal@B"
    alex_shares = store.load(sid).answers[("A", "name", "reveal")]
    assert alex_shares

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # carry on
        await pilot.pause()
        await pass_to(pilot, "Sam")
        assert isinstance(again.screen, RevealChoiceScreen) and again.screen.partner == "B"
        await pilot.press("space", "ctrl+n")
        await pilot.pause()
        assert isinstance(again.screen, RevealedScreen)
    answers = store.load(sid).answers
    assert answers[("A", "name", "reveal")] == alex_shares
    assert answers[("B", "name", "reveal")]


async def test_resume_before_the_first_reveal_asks_the_first_partner(
    make_app: Any, store: Any
) -> None:
    """Both have answers under "name": the place must say whose reveal comes next."""
    from tests.test_together import drive_to_reveal

    from softlanding.screens.together.reveal import RevealChoiceScreen

    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await drive_to_reveal(pilot)  # on "Pass the keyboard to Alex"
        sid = app.session_id
        await pilot.press("ctrl+q")
        await pilot.pause()

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # carry on
        await pilot.pause()
        await pass_to(pilot, "Alex")
        assert isinstance(again.screen, RevealChoiceScreen) and again.screen.partner == "A"
        await pilot.press("space", "ctrl+n")
        await pilot.pause()
        await pass_to(pilot, "Sam")
        assert isinstance(again.screen, RevealChoiceScreen) and again.screen.partner == "B"
    assert store.load(sid).answers[("A", "name", "reveal")]
