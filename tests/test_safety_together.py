"""Together mode: danger language typed on a screen both partners see brings no check there (the
words are still not saved, the flow goes on), nor at any moment of its own later: every session
that reaches the closing asks each partner in private, the keyboard passed to each, whether or
not anything was heard, and the page after it is the same whatever was heard. Danger typed on a
partner's own turn is asked at once, in private. Nothing about it is stored."""

from __future__ import annotations

import json
from typing import Any

from textual.widgets import Button, Static, TextArea

from softlanding.flow.together import TogetherFlow
from softlanding.flow.watch import DueChecks, shared_turn
from softlanding.screens.home import HomeScreen
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
    """The private check on `name`'s own turn: asked the same neutral way of each partner."""
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


async def each_answers_the_round(
    pilot: Any, names: tuple[str, str] = ("Alex", "Sam"), keys: str = "yy"
) -> list[str]:
    """The round every pair meets at the end: for each partner in turn the keyboard passed, the
    routine question, the page and "Go on"; returns what each saw, screen by screen."""
    app, seen = pilot.app, []
    for name, other, key in zip(names, reversed(names), keys, strict=True):
        assert isinstance(app.screen, SafetyCheckScreen), type(app.screen).__name__
        assert app.screen.routine and app.screen.private_for == (name, other)
        seen.append(screen_text(app))
        assert app.pack.text.handover.private_title.format(name=name) in seen[-1]
        assert not app.screen.query_one("#check-answers").display  # not asked before the hand-over
        await pilot.press("enter")  # ready
        await pilot.pause()
        seen.append(screen_text(app))
        assert app.pack.text.safety.routine_check in seen[-1]
        assert app.pack.text.private_safety.fear_note.format(other=other) in seen[-1]
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, PrivateSafetyScreen) and app.screen.kind is None
        seen.append(screen_text(app))
        assert app.pack.safety.pages.partner_fear.title not in seen[-1]  # never what was heard
        await pilot.press("enter")  # Go on (it has the focus)
        await pilot.pause()
    return seen


async def to_the_summary(app: Any, pilot: Any) -> None:
    """The closing from the pair's last shared turn: two thanks, no next talk; the round."""
    app.show_turn(TogetherFlow().resume("closing@A", app.session.answers.saved))
    await pilot.pause()
    assert isinstance(app.screen, ClosingScreen) and app.screen.stage == "thanksA"
    for thanks in ("you made tea", "you stayed"):
        await type_text(pilot, thanks)
        await pilot.press("enter")
        await pilot.pause()
    await pilot.press("down", "enter")  # no next talk
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
    assert not due
    due.add({"A": "Alex", "B": "Sam"})
    assert due and due.seats == ["A", "B"] and not hasattr(due, "kind")  # never what was heard
    due.clear()
    assert not due


async def test_a_session_with_no_danger_still_asks_each_in_private_at_the_closing(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sid = await open_turn(app, pilot, "listen@A")
        assert not app.safety.due
        await to_the_summary(app, pilot)
        await each_answers_the_round(pilot)
        assert isinstance(app.screen, ClosingScreen) and app.screen.stage == "summary"
        assert app.screen.focused is not None and app.screen.focused.id == "finish"
    assert "check" not in stored(store, sid) and "safe" not in stored(store, sid)


async def test_a_threat_in_the_speakers_turn_waits_for_the_round_at_the_closing(
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
        assert isinstance(app.screen, ListenScreen) and app.safety.due
        assert "kill" not in stored(store, sid)
        assert "check" not in stored(store, sid)

        await to_the_summary(app, pilot)
        await each_answers_the_round(pilot, keys="ny")
        assert isinstance(app.screen, ClosingScreen)  # the pair's flow goes on
        assert not app.safety.due
    record = store.load(sid)
    assert record.status == "open" and "kill" not in stored(store, sid)


async def test_a_shared_note_is_not_asked_at_the_next_private_turns(
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
        assert "hurt" not in stored(store, sid) and app.safety.due
        assert app.pack.text.safety.private_check not in screen_text(app)
        await pilot.press("enter")  # on to the reframe
        await pilot.pause()

        for seat in ("A", "B"):  # a check at a private turn would say something was heard
            assert isinstance(app.screen, HandoverScreen)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, PairReframeScreen) and app.screen.partner == seat
            if seat == "A":
                await type_text(pilot, "nobody helps")
                await pilot.press("enter", "enter")
                await type_text(pilot, "you never listen")
                await pilot.press("enter", "enter", "enter", "enter", "enter")
                await pilot.pause()
        assert app.safety.due  # still owed: the round at the closing asks it
    assert "hurt" not in stored(store, sid)


async def test_leaving_for_home_with_a_check_owed_asks_each_there(
    make_app: Any, store: Any
) -> None:
    """Before the round (leaving early), each is still asked in private on the way Home; this
    moment shows that something was heard, so the page is still the one for every kind."""
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sid = await open_turn(app, pilot, "listen@A")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await type_text(pilot, "he said he will hurt me if I tell anyone")
        await pilot.press("enter")
        await pilot.pause()
        assert app.safety.due
        app.go_home()
        await pilot.pause()
        for name in ("Alex", "Sam"):
            assert isinstance(app.screen, SafetyCheckScreen) and not app.screen.routine
            assert app.screen.private_for is not None and app.screen.private_for[0] == name
            await pilot.press("enter")  # ready
            await pilot.pause()
            assert app.pack.text.safety.private_check in screen_text(app)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, PrivateSafetyScreen) and app.screen.kind is None
            await pilot.click("#go-on")
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not app.safety.due
    assert "hurt" not in stored(store, sid)


async def walk_with_a_note(make_app: Any, note: str, alarming: bool) -> list[str]:
    """A pair's session where Alex writes `note` on a shared screen, walked to the round at the
    closing; what each partner sees in the round (Alex: yes, Sam: no)."""
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_turn(app, pilot, "revealed@A")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await type_text(pilot, note)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RevealedScreen) and bool(app.safety.due) == alarming
        await to_the_summary(app, pilot)
        seen = await each_answers_the_round(pilot, keys="yn")
        assert isinstance(app.screen, ClosingScreen) and app.screen.stage == "summary"
        return seen


async def test_what_the_other_partner_sees_is_the_same_whether_or_not_danger_was_written(
    make_app: Any,
) -> None:
    """Alex's note "im scared of sam when he drinks": Sam's hand-over, question and page (and
    Alex's) are word for word those of a session where Alex wrote nothing alarming."""
    calm = await walk_with_a_note(make_app, "we should both sleep earlier", alarming=False)
    scared = await walk_with_a_note(make_app, "im scared of sam when he drinks", alarming=True)
    assert len(calm) == len(scared) == 6
    assert calm[3:] == scared[3:]  # Sam's hand-over, question and page
    assert calm == scared  # and Alex's


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
        assert not app.safety.due and app.session_id == sid  # asked: not owed again
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
