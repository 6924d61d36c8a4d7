""" "Don't keep this session": nothing of it is written to disk, and it cannot be resumed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from softlanding.screens.home import HomeScreen
from test_together import begin, keep_turn, pass_to, private_pause, screen_text


def file_bytes(path: Path) -> bytes:
    return b"".join(
        Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm") if Path(f"{path}{s}").exists()
    )


async def choose(pilot: Any, option: str) -> None:
    menu = pilot.app.screen.query_one(OptionList)
    target = menu.get_option_index(option)
    await pilot.press(*["down"] * (target - (menu.highlighted or 0)), "enter")
    await pilot.pause()


async def test_a_solo_session_not_kept_writes_nothing(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        option = app.screen.query_one(OptionList).get_option("start_unkept")
        assert "can't be picked up later" in str(option.prompt)  # said before it starts
        await choose(pilot, "start_unkept")
        assert app.session_id is not None and app.session.store is not store
        await pilot.press("7", "enter")  # calm 7: saved, but only in memory
        await pilot.pause()
        assert app.session.answers.get("pause", "A")["calm_before"] == 7
        assert store.count_sessions() == 0
        await pilot.press("escape", "escape")  # back, then home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.session.store is store
        assert app.session_id is None
        menu = app.screen.query_one(OptionList)
        assert not any(str(o.id).startswith("resume:") for o in menu._options)
    assert store.count_sessions() == 0
    assert b"calm_before" not in file_bytes(store.path)


async def test_a_together_session_not_kept_writes_nothing(make_app: Any, store: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert "won't be saved" in screen_text(app)
        await begin(pilot, "Robin", "Kai")
        await pass_to(pilot, "Robin")
        await keep_turn(pilot)
        await private_pause(pilot, "6", flooded=False)
        assert app.session.store is not store and store.count_sessions() == 0
    assert b"Robin" not in file_bytes(store.path)
