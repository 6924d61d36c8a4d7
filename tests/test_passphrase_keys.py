"""The passphrase pages by keyboard alone: Tab, Shift+Tab and the arrows move between the boxes
and buttons, Enter does what the footer says, Esc goes back."""

from __future__ import annotations

from typing import Any

from textual.widgets import Button, Input
from textual.widgets._footer import FooterKey

from history_seed import CANARY, SAM_PASSPHRASE, open_history, seed
from softlanding.screens.history.session_view import SessionScreen
from softlanding.screens.history.unlock import PassphraseScreen
from softlanding.screens.together.keep import KeepScreen
from softlanding.screens.together.turns import PairPauseScreen
from test_history_screen import screen_text
from test_together import begin, pass_to, type_text


def footer_offers(app: Any) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


def focused_id(app: Any) -> str | None:
    return app.screen.focused.id if app.screen.focused is not None else None


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_opening_sealed_words_by_keys_alone(make_app: Any, store: Any) -> None:
    seed(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await press(pilot, "down", "enter")  # the together session, with Sam's sealed note
        assert isinstance(app.screen, SessionScreen)
        await press(pilot, "o", "escape")  # Esc goes back, nothing opened
        assert isinstance(app.screen, SessionScreen) and CANARY not in screen_text(app)
        await press(pilot, "o")
        assert isinstance(app.screen, PassphraseScreen)
        words, keys = app.pack.text.unlock, app.pack.text.keys
        assert footer_offers(app)[0] == keys.not_safe  # the safety keys stay first
        assert keys.passphrase_open in footer_offers(app) and keys.back in footer_offers(app)
        assert focused_id(app) == "passphrase"
        await press(pilot, "down")
        assert focused_id(app) == "open"
        await press(pilot, "right")
        assert focused_id(app) == "back"
        await press(pilot, "left", "shift+tab")
        assert focused_id(app) == "passphrase"
        await press(pilot, "tab", "tab", "up", "up")
        assert focused_id(app) == "passphrase"
        await type_text(pilot, "not it")
        await press(pilot, "down", "enter")  # the Open button
        assert isinstance(app.screen, PassphraseScreen)
        assert words.wrong in str(app.screen.query_one("#unlock-problem").render())
        assert focused_id(app) == "passphrase" and app.screen.query_one(Input).value == ""
        await type_text(pilot, SAM_PASSPHRASE)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, SessionScreen) and CANARY in screen_text(app)


async def test_choosing_a_passphrase_by_keys_alone(make_app: Any, store: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await pass_to(pilot, "Alex")
        assert isinstance(app.screen, KeepScreen)
        sid = app.session_id
        await press(pilot, "down", "enter")  # keep them, locked with a passphrase
        keys = app.pack.text.keys
        assert focused_id(app) == "first" and keys.passphrase_next in footer_offers(app)
        assert footer_offers(app)[0] == keys.not_safe and keys.back in footer_offers(app)
        await type_text(pilot, "alex only")
        await press(pilot, "down")
        assert focused_id(app) == "second" and keys.passphrase_lock in footer_offers(app)
        assert keys.passphrase_next not in footer_offers(app)
        await type_text(pilot, "alex only")
        await press(pilot, "tab")
        assert focused_id(app) == "lock" and isinstance(app.screen.focused, Button)
        await press(pilot, "up", "down")
        assert focused_id(app) == "lock"
        await press(pilot, "enter")
        assert isinstance(app.screen, PairPauseScreen)
    assert store.load(sid).get("keep", "sealed", "A") is True


async def test_esc_from_the_passphrase_boxes_goes_back_to_the_two_ways(make_app: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await pass_to(pilot, "Alex")
        await press(pilot, "down", "enter")
        assert focused_id(app) == "first"
        await press(pilot, "escape")
        assert isinstance(app.screen, KeepScreen) and focused_id(app) == "how"
        assert not app.screen.query_one("#passphrase").display


async def test_choosing_a_passphrase_at_80x24_the_focus_shows_and_nothing_is_cut(
    make_app: Any,
) -> None:
    """Whichever control has the focus is the only one drawn in its colour (the list it came
    from no longer looks chosen), and every footer key ("⏎ Lock them" and Quit) and the Lock
    button fit the 80 columns whole."""
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await pass_to(pilot, "Alex")
        assert isinstance(app.screen, KeepScreen)
        await press(pilot, "down", "enter")
        screen, keys = app.screen, app.pack.text.keys
        for expected in ("first", "second", "lock"):
            assert focused_id(app) == expected
            offers = list(screen.query(FooterKey))
            assert offers[-1].description == keys.quit
            assert all(k.region.x >= 0 and k.region.right <= 80 for k in offers), expected
            lock = screen.query_one("#lock", Button)
            assert lock.region.right <= 80 and lock.region.bottom <= 23  # above the footer
            assert lock.content_region.width >= len(str(lock.label)) + 2
            if expected != "lock":
                box = screen.query_one(f"#{expected}", Input)
                colour = box.styles.border_top[1]
                others = [screen.query_one(f"#{i}").styles.border_top[1] for i in ("how",)]
                others += [b.styles.border_top[1] for b in screen.query(Input) if b is not box]
                assert colour not in others, expected
            await press(pilot, "tab")
