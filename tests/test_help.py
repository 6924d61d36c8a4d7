"""F1: each screen's own short help and its keys, from the pack (not the first-run note)."""

from __future__ import annotations

from typing import Any

from tests.test_respond_summary import open_respond
from textual.widgets import Static


def shown(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_f1_gives_each_screen_its_own_help_and_keys(make_app: Any) -> None:
    from softlanding.screens.help import HelpScreen
    from softlanding.screens.home import HomeScreen
    from softlanding.screens.respond import RespondScreen

    app = make_app()
    words, keys = app.pack.text.help, app.pack.text.keys
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert shown(app, "#about") == words.home
        assert keys.not_safe in shown(app, "#keys")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        screen = await open_respond(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert shown(app, "#about") == words.respond
        listed = shown(app, "#keys")
        for key in (keys.respond_repair, keys.respond_show, keys.respond_done, keys.back):
            assert key in listed  # Respond's own keys, as its footer names them
        assert "Ctrl+R" in listed or "^r" in listed
        await pilot.press("f1")  # F1 again closes it
        await pilot.pause()
        assert app.screen is screen and isinstance(screen, RespondScreen)


async def test_f1_names_the_keys_the_footer_leaves_out_for_room(make_app: Any, store: Any) -> None:
    """Look back's footer keeps to 80 columns by leaving Delete and Next page out; Help lists
    them, so no working key is a secret."""
    from history_seed import open_history, seed
    from softlanding.screens.help import HelpScreen

    seed(store)
    app = make_app()
    keys = app.pack.text.keys
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_history(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = shown(app, "#keys")
        for key in (keys.history_delete, keys.history_next_page, keys.history_prev_page):
            assert key in listed
        for textual_own in ("Focus Next", "Copy selected text", "Cursor up", "Page down"):
            assert textual_own not in listed  # a list's and a screen's built-in keys


async def test_f1_on_the_safety_page_names_the_key_for_each_kind_of_page(make_app: Any) -> None:
    """1 to 4 (and 0) choose a page; the footer has no room for them, so Help says what each
    one opens."""
    from softlanding.analysis.danger import PAGE_KINDS
    from softlanding.screens.help import HelpScreen, keys_of
    from softlanding.screens.safety import SafetyScreen

    app = make_app()
    safety = app.pack.safety
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        listed = dict(keys_of(app.screen))
        for kind in PAGE_KINDS:
            page = getattr(safety.pages, kind)
            assert listed[page.key] == page.label
        assert listed["0"] == safety.ask.all
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert safety.pages.danger_now.label in shown(app, "#keys")
        await pilot.press("escape", safety.pages.partner_fear.key)  # the keys still choose
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen) and app.screen.kind == "partner_fear"


async def test_f1_on_a_yes_no_or_a_list_says_how_that_part_is_answered(make_app: Any) -> None:
    """The pause's help spoke of numbers 0 to 10 on its yes/no, and Reframe's of typing on the
    list of patterns: each part with other keys has its own words, the rest keep the screen's."""
    from softlanding.screens.help import HelpScreen

    app = make_app()
    words = app.pack.text.help
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Start now, just me: how calm?
        await pilot.pause()
        for keys, expected in (
            ((), words.pause),  # the calm scale: numbers 0 to 10
            (("6", "enter"), words.pause_flooded),  # is your body in alarm mode? yes / no
            (("down", "enter"), words.pause_fear),  # no; then: are you afraid? yes / no
            (("down", "enter"), words.pause_choose),  # no; then a way to settle, from a list
        ):
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert shown(app, "#about") == expected
            await pilot.press("escape")
            await pilot.pause()
        app.start_session("solo")
        await app.switch_screen(app.step_screen("reframe"))
        await pilot.pause()
        for part, expected in (
            ("thought", words.reframe),  # typed in your own words
            ("cycle", words.reframe_cycle),  # name the pattern: a list
            ("kindness_partner", words.reframe_kindness),
        ):
            app.screen.show(part)
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert shown(app, "#about") == expected
            await pilot.press("escape")
            await pilot.pause()
