"""The speaker's sentence keeps no gap: a repair phrase goes in as a sentence of its own, and the
words are read out only once every gap (the pack's blank, "…") is filled or deleted."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static, TextArea

from softlanding.screens.together.speak import SpeakScreen
from test_safety_together import open_turn, type_text


def draft(app: Any) -> TextArea:
    return app.screen.query_one("#draft", TextArea)


async def test_a_repair_phrase_mid_template_leaves_no_gap_in_the_words_read_out(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="together")
    blank = app.pack.text.respond.blank
    phrase = app.pack.repair.groups[0].phrases[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sid = await open_turn(app, pilot, "respond@A")
        screen = app.screen
        assert isinstance(screen, SpeakScreen) and draft(app).text.count(blank) == 3
        await type_text(pilot, "hurt")  # over the first gap
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("enter")  # the first phrase
        await pilot.pause()
        text = draft(app).text
        assert f"hurt{phrase}" not in text and text.endswith(f" {phrase}")  # its own sentence
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.stage == "write"  # not read out with a gap in it
        gaps = app.pack.text.listen.gaps_left.format(blank=blank)
        assert str(screen.query_one("#speak-help", Static).render()) == gaps
        assert draft(app).selected_text == blank  # typing fills it
        await type_text(pilot, "the dishes")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.stage == "write" and draft(app).selected_text == blank
        await pilot.press("backspace")  # a gap may be deleted, too
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.stage == "read"
        said = str(screen.query_one("#words", Static).render())
        assert blank not in said and "hurt" in said and "the dishes" in said and phrase in said
    final = store.load(sid).get("respond", "final", "A")
    assert final is not None and blank not in final and phrase in final
