"""Respond and Summary, driven by real keys (and a click), then read back from the database."""

from __future__ import annotations

from typing import Any

import pytest
from textual.geometry import Region
from textual.widgets import Input, Static, TextArea

from softlanding.store.archive import history_page

SITUATION = "the plans for Saturday"
SENTENCE = f"I feel hurt about {SITUATION}, and I need reassurance."


async def open_respond(app: Any, pilot: Any, **name: str) -> Any:
    """A session at the respond step, with the name step's answers already saved."""
    app.start_session("solo")
    for field, value in (name or {"word": "hurt", "need": "reassurance"}).items():
        app.session.record("name", field, value)
    await app.switch_screen(app.step_screen("respond"))
    await pilot.pause()
    return app.screen


def rendered(widget: Any) -> str:
    """The text a widget has actually drawn on the screen, line by line."""
    width, height = widget.size
    return "\n".join(
        strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height))
    )


def hints_shown(screen: Any) -> str:
    return rendered(screen.query_one("#hints-body", Static))


async def test_respond_then_summary_saves_every_answer(make_app: Any, store: Any) -> None:
    from softlanding.screens.home import HomeScreen
    from softlanding.screens.respond import RespondScreen
    from softlanding.screens.summary import SummaryScreen
    from softlanding.widgets.repair import RepairPicker, ShowPartnerScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_respond(app, pilot)
        pack = app.pack
        sid = app.session_id
        # Prefilled from the name step; the cursor waits in the one empty box.
        assert screen.query_one("#feeling", Input).value == "hurt"
        assert screen.query_one("#need", Input).value == "reassurance"
        assert app.focused.id == "situation"

        await pilot.press(*SITUATION, "enter")
        draft = screen.query_one("#draft", TextArea)
        assert app.focused is draft  # every box is filled, so Enter goes on to the draft
        assert draft.text == SENTENCE  # the draft follows the sentence until it is edited
        assert SENTENCE in str(screen.query_one("#preview", Static).render())

        await pilot.press(*" You always forget me.")
        await pilot.pause()
        shown = hints_shown(screen)
        assert pack.text.hints.criticism in shown
        assert "“You always”" in shown
        assert "Try:" in shown  # the antidote is there, not only the warning

        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, RepairPicker)
        phrase = pack.repair.groups[0].phrases[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RespondScreen)
        final = f"{SENTENCE} You always forget me. {phrase}"
        assert draft.text == final

        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, ShowPartnerScreen)
        assert str(app.screen.query_one("#show-words", Static).render()) == final
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        found = rendered(app.screen.query_one("#found", Static))
        assert "reassurance" in found

        assert app.focused.id == "finish"
        await pilot.press("shift+tab", "space")  # keys toggle a tag (the last one)...
        await pilot.click("#tag-0")  # ...and so does a mouse click
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    record = store.load(sid)
    answers = record.step_answers("respond")
    assert answers["feeling"] == "hurt"
    assert answers["situation"] == SITUATION
    assert answers["need"] == "reassurance"
    assert answers["draft"] == final
    assert answers["final"] == final
    assert answers["repair_used"] == [phrase]
    assert answers["form"] == "startup"
    first, last = app.pack.tags[0], app.pack.tags[-1]
    assert record.get("summary", "tags") == [first, last]
    assert sorted(record.tags) == sorted([first, last])
    assert record.get("summary", "completed") is True
    assert record.status == "completed"


async def test_quitting_mid_sentence_keeps_the_half_typed_draft(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_respond(app, pilot, word="tired")  # no need yet: the draft stays empty
        sid = app.session_id
        await pilot.press(*"the dishes")
        await pilot.click("#draft")
        await pilot.press(*"I feel tired and I")
        screen.save_draft()  # what quit, SIGTERM and SIGHUP call
        saved = store.load(sid).step_answers("respond")
        assert saved["draft"] == "I feel tired and I"
        assert saved["situation"] == "the dishes"
        await pilot.press("ctrl+q")  # the real quit key saves too, and leaves the session open
    assert store.load(sid).status == "open"


async def test_draft_autosaves_shortly_after_typing(
    make_app: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import softlanding.screens.respond as respond

    monkeypatch.setattr(respond, "DRAFT_SAVE_DELAY", 0.05)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_respond(app, pilot)
        await pilot.click("#draft")
        await pilot.press(*"Can we talk")
        await pilot.pause(0.3)
        assert store.load(app.session_id).get("respond", "draft") == "Can we talk"


async def test_a_resumed_session_shows_earlier_words(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session("solo")
        app.session.record("name", "word", "hurt")
        app.session.record("respond", "situation", "the weekend")
        app.session.record("respond", "draft", "My own words, edited.")
        await app.switch_screen(app.step_screen("respond"))
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#situation", Input).value == "the weekend"
        assert screen.query_one("#draft", TextArea).text == "My own words, edited."
        await pilot.press(*"x")  # an edited draft no longer follows the boxes
        assert screen.query_one("#draft", TextArea).text == "My own words, edited."


async def test_step_by_step_form(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_respond(app, pilot)
        sid = app.session_id
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.query_one("#request-box").display
        assert app.focused.id == "situation"  # the observation comes first in this form
        await pilot.press(*"you came home at ten", "enter")
        assert app.focused.id == "request"
        await pilot.press(*"text me when you're late", "enter")
        expected = app.pack.templates.ofnr.template.format(
            observation="you came home at ten",
            feeling="hurt",
            need="reassurance",
            request="text me when you're late",
        )
        assert screen.query_one("#draft", TextArea).text == expected
        await pilot.press("ctrl+n")
        await pilot.pause()
    full = store.load(sid)
    assert full.get("respond", "form") == "ofnr"
    assert full.get("respond", "request") == "text me when you're late"
    assert full.get("respond", "final") == expected


@pytest.mark.parametrize(
    "happened",
    ["the weekend I planned", "you cancelled the weekend I planned"],  # a thing; a clause
)
def test_the_step_by_step_sentence_reads_whatever_the_first_box_holds(
    pack: Any, happened: str
) -> None:
    """It read "When the weekend I planned, I feel hurt": a thing typed in the first box needs
    a sentence that does not make it a clause."""
    from softlanding.flow.soft_start import sentence

    boxes = {"feeling": "hurt", "need": "to feel chosen", "request": "plan the next one with me"}
    built = sentence(pack.templates, "ofnr", {"situation": happened, **boxes})
    assert built == (
        f"What happened: {happened}. I feel hurt about it, because I need to feel chosen. "
        "Would you be willing to plan the next one with me?"
    )
    assert pack.text.respond.observation == "What happened"  # the box's label, as the sentence


async def test_danger_words_open_safety_and_are_not_kept(make_app: Any, store: Any) -> None:
    from softlanding.screens.safety import SafetyScreen
    from softlanding.screens.safety_check import SafetyCheckScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_respond(app, pilot)
        sid = app.session_id
        await pilot.click("#draft")
        await pilot.press(*"He hit me last night")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SafetyCheckScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await pilot.pause(0.05)
    record = store.load(sid)
    assert record.get("respond", "final") is None
    assert record.get("respond", "draft") is None
    assert record.status == "open"  # like any interrupted session: nothing says why
    assert len(history_page(store, 50)) == 1  # no new session was started behind the safety screen


async def test_summary_reads_well_when_steps_were_skipped(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session("solo")
        app.session.record("name", "family", "not_sure")
        app.session.record("name", "need", "rather_not_say")
        await app.switch_screen(app.step_screen("summary"))
        await pilot.pause()
        found = rendered(app.screen.query_one("#found", Static))
        assert app.pack.feelings.not_sure in found
        assert app.pack.feelings.rather_not_say in found
        for missing in (app.pack.text.summary.thought, app.pack.text.summary.calm, "None"):
            assert missing not in found


async def test_summary_of_an_empty_session_is_still_kind(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session("solo")
        sid = app.session_id
        await app.switch_screen(app.step_screen("summary"))
        await pilot.pause()
        found = rendered(app.screen.query_one("#found", Static))
        assert found == app.pack.text.summary.nothing
        await pilot.press("enter")  # Finish has the focus
        await pilot.pause()
    assert store.load(sid).status == "completed"


async def test_brackets_emoji_and_long_text_are_shown_as_typed(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_respond(app, pilot)
        sid = app.session_id
        await pilot.press(*"[b]the dishes[/]")
        screen.query_one("#situation", Input).insert_text_at_cursor(" 🍽")  # as if pasted
        await pilot.press("enter")
        long_tail = " Also this." * 60
        screen.query_one("#draft", TextArea).insert(long_tail)
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "[b]the dishes[/] 🍽" in rendered(app.screen.query_one("#found", Static))
    final = store.load(sid).get("respond", "final")
    assert final.startswith("I feel hurt about [b]the dishes[/] 🍽, and I need reassurance.")
    assert final.endswith(long_tail.strip())


async def test_the_summary_shows_your_own_words_and_the_phrase_you_chose(
    make_app: Any, store: Any
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        own = "like a [b]ghost[/b] in my home"  # typed words: shown as typed, never as markup
        screen = await open_respond(app, pilot, word="hurt", need="reassurance", own_words=own)
        await pilot.press(*"the dishes", "enter")
        await pilot.press("ctrl+r", "enter")  # the first repair phrase, into the draft
        await pilot.pause()
        phrase = app.pack.repair.groups[0].phrases[0]
        assert screen is app.screen
        await pilot.press("ctrl+n")
        await pilot.pause()
        found = " ".join(rendered(app.screen.query_one("#found", Static)).split())
        words = app.pack.text.summary
        assert f"{words.own_words} {own}" in found
        assert f"{words.repair} {phrase}" in found
