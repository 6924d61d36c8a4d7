"""The talk after the fight: danger language typed while both partners sit at the one screen
brings no check there, nor in the middle of the talk (the words are still not saved, the talk
goes on); every pair's talk ends with each partner handed the keyboard and asked in private,
whether or not anything was heard. Preparing alone, the check comes at once."""

from __future__ import annotations

import json
from typing import Any

from textual.widgets import Button, Input, Static

from softlanding.flow.after import AfterFlow, Mode
from softlanding.screens.after.talk import AfterTalkScreen
from softlanding.screens.safety_check import SafetyCheckScreen
from softlanding.screens.together.safe_turn import PrivateSafetyScreen

THREAT = "if you leave I will kill you"
PAIR = (("A", "Alex"), ("B", "Sam"))


def screen_text(app: Any) -> str:
    parts = [str(w.render()) for w in app.screen.query(Static)]
    return "\n".join(parts + [str(b.label) for b in app.screen.query(Button)])


def only_the_talk(store: Any, sid: str, screen: AfterTalkScreen) -> bool:
    """Every kept answer is one of the talk's own questions: nothing of a check is stored."""
    record = store.load(sid)
    talk = {q.key for q in screen.questions}
    return all(step == "after" and key in talk for _seat, step, key in record.answers)


def stored(store: Any, sid: str) -> str:
    record = store.load(sid)
    return json.dumps([list(k) + [v] for k, v in record.answers.items()]) if record else ""


async def open_talk(app: Any, pilot: Any, mode: Mode) -> AfterTalkScreen:
    """The talk as the start screen opens it, for the pair or for one preparing alone."""
    app.session.start(mode, PAIR if mode == "together" else (("A", "You"),))
    app.session.flow = AfterFlow(mode)
    app.show_turn(app.session.first())
    await pilot.pause()
    assert isinstance(app.screen, AfterTalkScreen)
    return app.screen


async def answer(pilot: Any, screen: AfterTalkScreen, text: str = "words") -> None:
    """Answer the question on screen: tick a feeling, take the first choice, or type `text`."""
    question = screen.current
    assert question is not None
    if question.ask.kind == "many":
        await pilot.press("space", "enter")
    elif question.ask.kind in ("choice", "starter"):
        await pilot.press("enter")
    elif question.ask.kind == "when":  # the next talk: a time the screen can read
        await pilot.press("enter")  # the suggested hour
    else:
        screen.query_one("#answer Input", Input).value = ""
        await pilot.press(*[("space" if ch == " " else ch) for ch in text], "enter")
    await pilot.pause()


async def asked_in_private(app: Any, pilot: Any, name: str, other: str) -> None:
    """The keyboard passed to `name`, then the routine question, the page and "Go on"."""
    assert isinstance(app.screen, SafetyCheckScreen), type(app.screen).__name__
    assert app.screen.routine
    assert app.pack.text.handover.private_title.format(name=name) in screen_text(app)
    assert not app.screen.query_one("#check-answers").display  # not asked before the hand-over
    await pilot.press("enter")
    await pilot.pause()
    text = screen_text(app)
    assert app.pack.text.safety.routine_check in text
    assert app.pack.safety.check.question not in text  # never "what you wrote"
    assert app.pack.text.private_safety.fear_note.format(other=other) in text
    await pilot.press("y")
    await pilot.pause()
    assert isinstance(app.screen, PrivateSafetyScreen) and app.screen.kind is None
    await pilot.click("#go-on")
    await pilot.pause()


async def to_the_end(pilot: Any, screen: AfterTalkScreen) -> None:
    """Every question left, answered; nothing is asked in between."""
    for _ in range(80):
        if screen.current is None:
            return
        assert pilot.app.screen is screen, type(pilot.app.screen).__name__
        await answer(pilot, screen)
    raise AssertionError(f"the talk never ended: stuck on {screen.current}")


async def test_a_talk_with_no_danger_still_ends_with_each_asked_in_private(
    make_app: Any, store: Any
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_talk(app, pilot, "together")
        sid = str(app.session_id)
        await to_the_end(pilot, screen)
        assert not screen.finished  # the done screen waits for the round
        for name, other in (("Alex", "Sam"), ("Sam", "Alex")):
            await asked_in_private(app, pilot, name, other)
        assert app.screen is screen and screen.current is None and screen.finished
    assert store.load(sid).status == "completed"
    assert only_the_talk(store, sid, screen)


async def test_a_threat_on_the_pairs_screen_waits_for_the_end_of_the_talk(
    make_app: Any, store: Any
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_talk(app, pilot, "together")
        sid = str(app.session_id)
        while screen.current is not None and screen.current.stage == "feelings":
            await answer(pilot, screen)
        assert screen.current is not None and screen.current.key == "my_view_A"
        await answer(pilot, screen, THREAT)
        # no check in front of both: the talk goes on to Sam's question, the words unsaved
        assert app.screen is screen and not app.safety.busy and app.safety.due
        assert screen.current is not None and screen.current.key == "heard_back_A"
        assert app.pack.text.safety.private_check not in screen_text(app)
        assert "kill" not in stored(store, sid)
        # nothing is asked when the part ends, nor anywhere else in the talk: that would say
        # something was heard
        await to_the_end(pilot, screen)
        for name, other in (("Alex", "Sam"), ("Sam", "Alex")):  # the talk ends: each alone
            await asked_in_private(app, pilot, name, other)
        assert app.screen is screen and not app.safety.due
        assert screen.current is None and screen.finished
    record = store.load(sid)
    assert record.status == "completed" and "kill" not in stored(store, sid)
    assert only_the_talk(store, sid, screen)


async def test_a_threat_in_the_last_part_is_asked_before_the_talk_is_finished(
    make_app: Any, store: Any
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_talk(app, pilot, "together")
        sid = str(app.session_id)
        screen.index = next(i for i, q in enumerate(screen.questions) if q.stage == "closing")
        screen._show()
        await pilot.pause()
        await answer(pilot, screen, "he said he will hurt me if I tell anyone")
        assert app.screen is screen and screen.current is not None  # Sam's question, no check
        await answer(pilot, screen)
        for name, other in (("Alex", "Sam"), ("Sam", "Alex")):
            await asked_in_private(app, pilot, name, other)
        assert app.screen is screen and screen.current is None  # then the talk's end
        assert screen.finished and app.session_id is None
    assert store.load(sid).status == "completed" and "hurt" not in stored(store, sid)


async def test_preparing_alone_the_check_comes_at_once(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_talk(app, pilot, "solo")
        sid = str(app.session_id)
        await answer(pilot, screen)  # the feelings
        await answer(pilot, screen, THREAT)
        assert isinstance(app.screen, SafetyCheckScreen)
        assert app.screen.private_for is None  # only one person here: the plain question
        assert app.pack.safety.check.question in screen_text(app)
    assert "kill" not in stored(store, sid)


async def test_preparing_alone_the_talk_ends_without_a_round(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_talk(app, pilot, "solo")
        sid = str(app.session_id)
        screen.index = next(i for i, q in enumerate(screen.questions) if q.stage == "closing")
        screen._show()
        await pilot.pause()
        await to_the_end(pilot, screen)
        assert app.screen is screen and screen.finished  # one person: nobody to hand it to
    assert store.load(sid).status == "completed"


async def test_the_listeners_words_about_withheld_words_are_not_kept_either(
    make_app: Any, store: Any
) -> None:
    """A summary of a disclosure would keep what the safety net withheld: the listener's answers
    in that round go unsaved too; the other round is kept as usual."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_talk(app, pilot, "together")
        sid = str(app.session_id)
        while screen.current is not None and screen.current.stage == "feelings":
            await answer(pilot, screen)
        assert screen.current is not None and screen.current.key == "my_view_A"
        await answer(pilot, screen, THREAT)
        assert screen.current is not None and screen.current.key == "heard_back_A"
        await answer(pilot, screen, "alex told me about last night and the car park")
        assert screen.current is not None and screen.current.key == "makes_sense_A"
        await answer(pilot, screen, "it makes sense that alex felt cornered")
        assert screen.current is not None and screen.current.key == "my_view_B"
        await answer(pilot, screen, "i was late and i did not call")
        await answer(pilot, screen, "sam was late and did not call")  # heard_back_B
        await answer(pilot, screen, "being left waiting hurts")  # makes_sense_B
    kept = stored(store, sid)
    for withheld in ("kill", "car park", "cornered"):
        assert withheld not in kept
    for said in ("i was late and i did not call", "sam was late", "being left waiting hurts"):
        assert said in kept
