"""How privacy looks at 80×24: choosing how your own words are kept, and the fear question's
help on a partner's own turn."""

from __future__ import annotations

from typing import Any

from softlanding.flow.steps import Turn


async def begin(pilot: Any) -> None:
    await pilot.pause()
    pilot.app.start_session("together", partners=(("A", "Alex"), ("B", "Sam")))


def test_keep_choice(snap_compare: Any, make_app: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await begin(pilot)
        pilot.app.show_turn(Turn("keep", "B", flow="together"))
        await pilot.pause()
        await pilot.press("down", "enter")  # with a passphrase: the two boxes open
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_fear_help_on_a_partners_own_turn(snap_compare: Any, make_app: Any) -> None:
    async def run_before(pilot: Any) -> None:
        from softlanding.screens.together.safe_turn import PrivateSafetyScreen

        await begin(pilot)
        pilot.app.push_screen(PrivateSafetyScreen("Alex"))
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
