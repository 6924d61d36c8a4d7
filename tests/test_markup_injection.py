"""Names, paths and typed words are shown as text: never markup, never an action, never a crash."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Static
from textual.widgets._toast import Toast

from softlanding.screens.together.listen import ListenScreen
from softlanding.screens.together.reveal import RevealChoiceScreen
from softlanding.screens.together.turns import PairNameScreen
from test_together import note, pass_to, reframe, say, screen_text, speak

CLICK = "[@click=app.screenshot('x.svg','/tmp')]Ann[/]"  # wrote a screenshot when clicked
CLOSER = "Bo[/]b [b]"  # a stray closing tag crashed the screens that showed it


async def named(pilot: Any, first: str, second: str) -> None:
    await pilot.pause()
    for box, name in (("#first", first), ("#second", second)):
        pilot.app.screen.query_one(box, Input).value = name
    await pilot.press("enter", "enter", "enter")
    await pilot.pause()
    shown = str(pilot.app.screen.query_one("#turn-who", Static).render())
    assert first in shown and second in shown  # the way is chosen together, names literal
    await pilot.press("down", "down", "enter")  # both OK, with time: the full way
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_hostile_names_show_as_typed_through_a_whole_turn(make_app: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(100, 30)) as pilot:
        await named(pilot, CLICK, CLOSER)
        await both_calm_as(pilot)
        await pilot.press("s", "enter")
        await pilot.pause()
        await pass_to(pilot, CLICK)
        assert isinstance(app.screen, PairNameScreen)
        await note(pilot, "a note")  # saving it names the writer in a notice
        assert any(CLICK in str(Toast(n).render()) for n in app._notifications)
        await pilot.press("enter", "down", "enter")
        await say(pilot, "tight chest")
        await pilot.press("enter", "down", "enter", "7", "enter")
        await pilot.pause()
        await pass_to(pilot, CLOSER)
        await pilot.press("down", "down", "down", "enter", "enter")
        await say(pilot, "own words")
        await pilot.press("enter", "4", "enter")
        await pilot.pause()
        await pass_to(pilot, CLICK)
        assert isinstance(app.screen, RevealChoiceScreen)
        await pilot.press("enter", "ctrl+n")
        await pilot.pause()
        await pass_to(pilot, CLOSER)
        await pilot.press("enter", "ctrl+n")
        await pilot.pause()
        shown = screen_text(app)
        assert CLICK in shown and CLOSER in shown  # the reveal names both, literally
        await pilot.press("enter")
        await pilot.pause()
        await pass_to(pilot, CLICK)
        await reframe(pilot, "a thought", "you never listen")
        await pass_to(pilot, CLOSER)
        await reframe(pilot, "a thought", "you are late")
        await pass_to(pilot, CLICK)
        await speak(pilot, "the dishes")
        assert isinstance(app.screen, ListenScreen)
        await say(pilot, "you are frustrated about the dishes")
        # the confirm step names both partners in its question
        question = [str(w.render()) for w in app.screen.query(Static)]
        assert any(CLICK in line and CLOSER in line for line in question), question
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ListenScreen)


async def both_calm_as(pilot: Any) -> None:
    import test_together

    await test_together.pass_to(pilot, CLICK)
    await test_together.keep_turn(pilot)  # each partner's first turn: how their words are kept
    await test_together.private_pause(pilot, "6", flooded=False)
    await test_together.pass_to(pilot, CLOSER)
    await test_together.keep_turn(pilot)
    await test_together.private_pause(pilot, "3", flooded=False)


async def test_a_path_with_a_closing_tag_shows_in_the_damaged_file_notice(make_app: Any) -> None:
    app = make_app()
    app.store.notice = "The file at /tmp/[/]odd/softlanding.db was damaged; it was set aside."
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        # each notice drawn as its toast draws it (a markup error here once crashed the app)
        toasts = [str(Toast(notice).render()) for notice in app._notifications]
        assert any("/tmp/[/]odd/" in text for text in toasts), toasts
