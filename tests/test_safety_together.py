"""Together mode: danger language typed on a screen both partners see brings no check there (the
words are still not saved, the flow goes on); each partner is asked in private instead, at their
next turn of their own, or at the closing with the keyboard passed to each. Nothing about it is
stored."""

from __future__ import annotations

import json
from typing import Any

from textual.widgets import Button, Static, TextArea

from softlanding.flow.together import TogetherFlow
from softlanding.flow.watch import DueChecks, shared_turn
from softlanding.screens.safety_check import SafetyCheckScreen
from softlanding.screens.together.closing import ClosingScreen
from softlanding.screens.together.handover import HandoverScreen
from softlanding.screens.together.listen import ListenScreen
from softlanding.screens.together.note import NoteScreen
from softlanding.screens.together.reveal import RevealedScreen
from softlanding.screens.together.safe_turn import PrivateSafetyScreen
from softlanding.screens.together.speak import SpeakScreen
from softlanding.screens.together.turns import PairReframeScreen
from softlanding.widgets.hints import DraftHints

THREAT = "if you leave I will kill you"
PAIR = (("A", "Alex"), ("B", "Sam"))


def screen_text(app: Any) -> str:
    parts = [str(w.render()) for w in app.screen.query(Static)]
    return "\n".join(parts + [str(b.label) for b in app.screen.query(Button)])


def stored(store: Any, sid: str) -> str:
    record = store.load(sid)
    return json.dumps([list(k) + [v] for k, v in record.answers.items()]) if record else ""


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def read_out(pilot: Any) -> None:
    """Ctrl+N on the speaker's sentence, deleting each gap left open (the screen selects it)."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    for _ in range(4):
        screen = pilot.app.screen
        if not isinstance(screen, SpeakScreen) or screen.stage != "write":
            return
        if screen.query_one("#draft", TextArea).selected_text != pilot.app.pack.text.respond.blank:
            return
        await pilot.press("backspace", "ctrl+n")
        await pilot.pause()


async def open_turn(app: Any, pilot: Any, position: str, way: str = "full") -> str:
    """A pair's session on `way`, opened at `position` (behind its hand-over, if it has one)."""
    app.start_session("together", partners=PAIR)
    for seat in ("A", "B"):
        app.session.record("way", "way", way, seat=seat)
    app.show_turn(TogetherFlow().resume(position, app.session.answers.saved))
    await pilot.pause()
    if isinstance(app.screen, HandoverScreen):
        await pilot.press("enter")
        await pilot.pause()
    return str(app.session_id)


async def answer_private_check(app: Any, pilot: Any, name: str, key: str = "y") -> None:
    """The private check, for `name` alone: asked the same neutral way of each partner."""
    assert isinstance(app.screen, SafetyCheckScreen), type(app.screen).__name__
    text = screen_text(app)
    assert app.pack.text.safety.private_check in text
    assert app.pack.safety.check.question not in text  # never "what you wrote"
    other = "Sam" if name == "Alex" else "Alex"
    assert app.pack.text.private_safety.fear_note.format(other=other) in text
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, PrivateSafetyScreen)
    await pilot.click("#go-on")
    await pilot.pause()


def test_which_turns_both_partners_see() -> None:
    full: dict[Any, Any] = {}
    short = {("A", "way", "way"): "short"}
    for step, seat in (("respond", "A"), ("listen", "B"), ("revealed", "A"), ("closing", "A")):
        assert shared_turn(step, seat, full), (step, seat)
    for step, seat in (("keep", "B"), ("pause", "B"), ("name", "A"), ("reframe", "B")):
        assert not shared_turn(step, seat, full), (step, seat)
    assert shared_turn("respond", "B", short) and shared_turn("feel", "A", short)
    due = DueChecks()
    due.add("partner_fear", {"A": "Alex", "B": "Sam"})
    due.add("danger_now", {"A": "Alex", "B": "Sam"})
    assert due.kind == "danger_now" and due.take("B") and not due.take("B") and due


async def test_a_threat_in_the_speakers_turn_is_asked_of_each_at_the_closing(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sid = await open_turn(app, pilot, "respond@A")
        assert isinstance(app.screen, SpeakScreen)
        await type_text(pilot, THREAT)  # into the sentence's first gap
        await pilot.pause(0.5)  # the draft settles and its notes are drawn
        notes = app.screen.query_one(DraftHints).text
        assert notes and app.pack.text.hints.empty not in notes  # never "keep going" to danger
        assert not app.screen.query_one(DraftHints).has_class("-found")  # nor a softer wording
        await read_out(pilot)
        assert isinstance(app.screen, SpeakScreen)  # no check in front of both: it goes on
        assert app.screen.stage == "read" and not app.safety.busy
        await pilot.press("enter")  # "I've said it"
        await pilot.pause()
        assert isinstance(app.screen, ListenScreen)
        assert "kill" not in stored(store, sid)
        assert "check" not in stored(store, sid)

        app.show_turn(TogetherFlow().resume("closing@A", app.session.answers.saved))
        await pilot.pause()
        await pilot.pause()
        for name in ("Alex", "Sam"):  # the keyboard to each, then the question
            assert isinstance(app.screen, SafetyCheckScreen), type(app.screen).__name__
            handover = app.pack.text.handover.private_title.format(name=name)
            assert handover in screen_text(app)
            assert not app.screen.query_one("#check-answers").display  # not yet asked
            await pilot.press("y")  # a stray key answers nothing before the hand-over
            await pilot.pause()
            assert isinstance(app.screen, SafetyCheckScreen)
            await pilot.press("enter")
            await pilot.pause()
            await answer_private_check(app, pilot, name)
        assert isinstance(app.screen, ClosingScreen)  # the pair's flow goes on
        assert not app.safety.due
    record = store.load(sid)
    assert record.status == "open" and "kill" not in stored(store, sid)


async def test_a_shared_note_is_asked_at_each_partners_next_private_turn(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sid = await open_turn(app, pilot, "revealed@A")
        assert isinstance(app.screen, RevealedScreen)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await type_text(pilot, "he said he will hurt me if I tell anyone")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RevealedScreen)  # the note closes; no check here
        assert "hurt" not in stored(store, sid)
        assert app.pack.text.safety.private_check not in screen_text(app)
        await pilot.press("enter")  # on to the reframe
        await pilot.pause()

        for name, seat in (("Alex", "A"), ("Sam", "B")):
            assert isinstance(app.screen, HandoverScreen)  # the hand-over itself asks nothing
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            await answer_private_check(app, pilot, name)
            assert isinstance(app.screen, PairReframeScreen) and app.screen.partner == seat
            if seat == "A":
                await type_text(pilot, "nobody helps")
                await pilot.press("enter", "enter")
                await type_text(pilot, "you never listen")
                await pilot.press("enter", "enter", "enter", "enter", "enter")
                await pilot.pause()
        assert not app.safety.due
    assert "hurt" not in stored(store, sid)


async def test_danger_on_a_private_turn_is_asked_at_once_and_in_private(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sid = await open_turn(app, pilot, "reframe@B")
        assert isinstance(app.screen, PairReframeScreen)
        await type_text(pilot, THREAT)
        await pilot.press("enter")
        await pilot.pause()
        # asked at once, privately (Sam is looking away), and helped on a page of their own
        await answer_private_check(app, pilot, "Sam", key="n")
        # "Go on": back on Sam's own turn, so Alex sees nothing different afterwards
        assert isinstance(app.screen, PairReframeScreen)
        assert not app.safety.due and app.session_id == sid
    assert "kill" not in stored(store, sid)
    assert store.load(sid).status == "open"


async def test_go_on_after_the_private_check_does_not_ask_the_same_words_again(
    make_app: Any, store: Any
) -> None:
    """After "Go on", Enter on the same words brings no loop back to the question and no thought
    coaching on them (a walk got "It's a thought. It might be true..." and a step that waited for
    words it would never keep): a note says they are not kept; an emptied box goes on."""
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sid = await open_turn(app, pilot, "reframe@B")
        await type_text(pilot, THREAT)
        await pilot.press("enter")
        await pilot.pause()
        await answer_private_check(app, pilot, "Sam", key="y")
        assert isinstance(app.screen, PairReframeScreen)
        for _ in range(3):
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, SafetyCheckScreen | PrivateSafetyScreen)
        screen = app.screen
        assert not screen.query_one("#thought-after").display  # no coaching on those words
        box = screen.query_one("#thought-input")
        assert box.has_focus
        box.value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and not box.has_focus  # gone on from the emptied box
    assert "kill" not in stored(store, sid)


async def test_the_private_page_shows_a_name_as_typed_and_enter_goes_on(make_app: Any) -> None:
    """A name is data: "Ann[/]" or "[bold]Bo[/bold]" never breaks or styles the page; and a reflex
    Enter goes on with the session instead of closing the app in front of the other partner."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for name in ("Ann[/]", "[bold]Bo[/bold]", "Sam [at home]"):
            dismissed: list[Any] = []
            page = PrivateSafetyScreen(name, "partner_fear", "not sure")
            await app.push_screen(page, dismissed.append)
            await pilot.pause()
            only_you = str(page.query_one("#only-you", Static).render())
            assert name in only_you
            assert page.focused is not None and page.focused.id == "go-on"
            await pilot.press("enter")
            await pilot.pause()
            assert dismissed == [True] and app.is_running
