"""Together mode driven by real keys for two partners, then read back from the database."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from tests.test_safety_together import each_answers_the_round
from textual.widgets import Button, Input, Static

from softlanding.flow import breaktime
from softlanding.flow.together import TogetherFlow
from softlanding.models import iso
from softlanding.report.export import export_markdown
from softlanding.screens.home import HomeScreen
from softlanding.screens.pause.break_ import BreakScreen
from softlanding.screens.safety import SafetyScreen
from softlanding.screens.together.closing import ClosingScreen
from softlanding.screens.together.handover import HandoverScreen
from softlanding.screens.together.keep import KeepScreen
from softlanding.screens.together.listen import ListenScreen
from softlanding.screens.together.note import NoteScreen
from softlanding.screens.together.pause import TogetherPauseScreen
from softlanding.screens.together.reveal import RevealChoiceScreen, RevealedScreen
from softlanding.screens.together.safe_turn import PrivateSafetyScreen
from softlanding.screens.together.speak import SpeakScreen
from softlanding.screens.together.turns import PairNameScreen, PairPauseScreen, PairReframeScreen
from softlanding.screens.together.way import WayScreen
from softlanding.store import archive
from softlanding.widgets.turn import TurnBar
from test_safety_together import read_out

FROZEN = datetime(2025, 3, 14, 21, 20).astimezone()  # a fixed local evening
# Words only their writer should ever see again (unrevealed answers, private thoughts, notes).
SECRETS = ("tight chest", "SAMOWNWORDS", "ALEXTHOUGHT", "SAMTHOUGHT", "ALEXSECRET", "SAMSECRET")


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(breaktime, "local_now", lambda: FROZEN)


def screen_text(app: Any) -> str:
    """Every word on the current screen: its texts, buttons and typed boxes."""
    parts = [str(w.render()) for w in app.screen.query(Static)]
    parts += [str(b.label) for b in app.screen.query(Button)]
    parts += [i.value for i in app.screen.query(Input)]
    return "\n".join(parts)


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def say(pilot: Any, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def begin(pilot: Any, first: str = "Alex", second: str = "Sam", way: str = "full") -> None:
    """Names on the start screen (the first named goes first), then the way: "full" (both OK
    and have time: the full way is suggested) or "short" (short of time: the short way is)."""
    await pilot.pause()
    await say(pilot, first)
    await say(pilot, second)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WayScreen), type(pilot.app.screen).__name__
    await pilot.press(*(["down", "down", "enter"] if way == "full" else ["down", "enter"]))
    await pilot.pause()
    await pilot.press("enter")  # the suggested way
    await pilot.pause()


async def pass_to(pilot: Any, name: str, *, hidden: tuple[str, ...] = ()) -> None:
    """A hand-over screen naming `name`; it shows nothing anyone wrote. Enter opens the turn."""
    app = pilot.app
    assert isinstance(app.screen, HandoverScreen), type(app.screen).__name__
    text = screen_text(app)
    assert name in text
    for secret in (*SECRETS, *hidden):
        assert secret not in text
    await pilot.press("enter")
    await pilot.pause()


async def keep_turn(pilot: Any, passphrase: str | None = None) -> None:
    """A partner's first turn: their unshared words erased at the end, or sealed."""
    assert isinstance(pilot.app.screen, KeepScreen), type(pilot.app.screen).__name__
    if passphrase is None:
        await pilot.press("enter")
    else:
        await pilot.press("down", "enter")
        await say(pilot, passphrase)
        await say(pilot, passphrase)
    await pilot.pause()


async def private_pause(pilot: Any, calm: str, flooded: bool, afraid: bool = False) -> None:
    assert isinstance(pilot.app.screen, PairPauseScreen)
    await pilot.press(calm, "enter")
    await pilot.press(*(["enter"] if flooded else ["down", "enter"]))
    await pilot.press(*(["enter"] if afraid else ["down", "enter"]))
    await pilot.pause()


async def both_calm(pilot: Any, alex: str | None = None, sam: str | None = None) -> None:
    await pass_to(pilot, "Alex")
    await keep_turn(pilot, alex)
    await private_pause(pilot, "6", flooded=False)
    await pass_to(pilot, "Sam")
    await keep_turn(pilot, sam)
    await private_pause(pilot, "3", flooded=False)


async def reframe(pilot: Any, thought: str, said: str) -> None:
    assert isinstance(pilot.app.screen, PairReframeScreen)
    await say(pilot, thought)
    await pilot.press("enter")  # Next, after reading the thought as a thought
    await say(pilot, said)
    await pilot.press("enter", "enter", "enter", "enter")  # wish read, cycle, two kind lines
    await pilot.pause()


async def note(pilot: Any, text: str, *, other_writer: bool = False) -> None:
    """A private note; on a shared screen, shift+tab reaches the other partner's name."""
    await pilot.press("ctrl+t")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NoteScreen)
    if other_writer:
        await pilot.press("shift+tab", "enter")
    await say(pilot, text)


async def speak(pilot: Any, situation: str) -> str:
    """The speaker fills the gap in their start-up sentence and reads it out."""
    app = pilot.app
    assert isinstance(app.screen, SpeakScreen)
    await type_text(pilot, situation)
    await read_out(pilot)
    words = str(app.screen.query_one("#words", Static).render())
    assert situation in words
    await pilot.press("enter")  # "I've said it"
    await pilot.pause()
    return words


async def test_a_full_together_session(make_app: Any, store: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await both_calm(pilot)

        # one shared pacer for both; stopping it early is fine
        assert isinstance(app.screen, TogetherPauseScreen) and app.screen.mode == "breathe"
        await pilot.press("s")
        await pilot.press("enter")
        await pilot.pause()

        await pass_to(pilot, "Alex")
        assert isinstance(app.screen, PairNameScreen) and app.screen.partner == "A"
        await note(pilot, "ALEXSECRET")
        await pilot.press("enter", "down", "enter")  # Angry, then its second word
        await say(pilot, "tight chest")
        await pilot.press("enter", "down", "enter", "7", "enter")  # hurt, to be heard, 7
        await pilot.pause()

        await pass_to(pilot, "Sam")
        assert isinstance(app.screen, PairNameScreen) and app.screen.partner == "B"
        await pilot.press("down", "down", "down", "enter", "enter")  # Sad, its first word
        await say(pilot, "SAMOWNWORDS")
        await pilot.press("enter", "4", "enter")  # connection, 4
        await pilot.pause()

        # each chooses what the other may see: Alex the word and the need, Sam the strength
        await pass_to(pilot, "Alex")
        assert isinstance(app.screen, RevealChoiceScreen)
        await pilot.press("enter", "down", "down", "down", "enter", "ctrl+n")
        await pilot.pause()
        await pass_to(pilot, "Sam")
        await pilot.press("down", "down", "down", "enter", "ctrl+n")
        await pilot.pause()

        assert isinstance(app.screen, RevealedScreen)
        alex_word = app.session.answers.get("name", "A")["word"]
        sam_word = app.session.answers.get("name", "B")["word"]
        shown = screen_text(app)
        assert alex_word in shown and "to be heard" in shown and "4 out of 10" in shown
        assert sam_word not in shown and "hurt" not in shown
        assert all(secret not in shown for secret in SECRETS)
        await note(pilot, "SAMSECRET", other_writer=True)  # shared screen: Sam picks their name
        await pilot.press("enter")
        await pilot.pause()

        await pass_to(pilot, "Alex")
        await reframe(pilot, "ALEXTHOUGHT nobody helps", "you never listen")
        await pass_to(pilot, "Sam")
        await reframe(pilot, "SAMTHOUGHT I am alone", "you are always late")

        await pass_to(pilot, "Alex has the floor")
        alex_said = await speak(pilot, "the dishes")
        assert isinstance(app.screen, ListenScreen) and app.screen.partner == "B"
        await say(pilot, "you are frustrated about the dishes")
        await pilot.press("down", "enter")  # Alex: not quite
        await say(pilot, "and tired")
        await say(pilot, "you are frustrated and tired")
        await pilot.press("enter")  # Alex: yes, that's it
        await say(pilot, "")  # nothing more
        await say(pilot, "you do so much")
        await say(pilot, "worn out")

        await pass_to(pilot, "now Sam has the floor")
        sam_said = await speak(pilot, "bedtime")
        assert isinstance(app.screen, ListenScreen) and app.screen.partner == "A"
        await say(pilot, "you feel sad about bedtime")
        await pilot.press("enter")
        await say(pilot, "MORE FROM SAM")
        await say(pilot, "and there is more")
        await pilot.press("enter")
        await say(pilot, "")
        await say(pilot, "it matters to you")
        await say(pilot, "lonely")

        assert isinstance(app.screen, ClosingScreen)
        await say(pilot, "you made tea")
        await say(pilot, "you stayed")
        await pilot.press("enter")  # yes, talk again
        await pilot.pause()
        await pilot.press("enter")  # at the time offered: a calm hour tomorrow
        await pilot.pause()
        await each_answers_the_round(pilot)  # each asked in private, as at every closing

        summary = screen_text(app)
        for shared in (alex_word, "to be heard", "4 out of 10", alex_said, sam_said):
            assert shared in summary
        assert "you made tea" in summary and "you stayed" in summary
        # each listener's say-back, said aloud on the shared screen, is in their column
        heard = app.pack.text.closing.heard
        alex_column = str(app.screen.query_one("#sharedA", Static).render())
        sam_column = str(app.screen.query_one("#sharedB", Static).render())
        assert f"{heard}: you are frustrated and tired" in sam_column
        assert f"{heard}: and there is more" in alex_column
        assert "tomorrow at 19:00" in summary
        for private in (*SECRETS, sam_word, "hurt"):
            assert private not in summary
        sid = app.session_id
        await pilot.press("enter")  # Finish
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    record = store.load(sid)
    assert record.kind == "together" and record.status == "completed"
    assert record.partners == {"A": "Alex", "B": "Sam"}
    a, b = "A", "B"
    # what was shared stays; what each kept to themselves (no passphrase) left with the session
    assert record.get("name", "word", a) == alex_word and record.get("name", "need", a)
    assert record.get("name", "intensity", b) == 4
    for slot in (a, b):
        for step, name in (("pause", "calm_before"), ("name", "family"), ("name", "own_words")):
            assert record.get(step, name, slot) is None
        assert record.get("reframe", "thought", slot) is None
        assert record.get("name", "notes", slot) is None
    assert record.get("name", "word", b) is None and record.get("name", "need", b) is None
    assert record.get("respond", "final", a) == alex_said
    assert record.get("respond", "final", b) == sam_said
    # who said what: the listener's words under the listener's seat, and what the speaker
    # said in between (did they get it, what was missed, what more) under the speaker's
    assert record.step_answers("listen", b) == {
        "mirror": "you are frustrated and tired",
        "validate": "you do so much",
        "empathise": "worn out",
    }
    assert record.get("respond", "confirmed", a) is True
    assert record.get("respond", "correction", a) == "and tired"
    assert record.get("respond", "more", b) == "MORE FROM SAM"
    assert record.get("listen", "mirror", a) == "and there is more"
    for field in ("correction", "more", "confirmed"):
        assert record.get("listen", field, a) is None and record.get("listen", field, b) is None
    assert record.get("closing", "appreciation", a) == "you made tea"
    assert record.get("closing", "appreciation", b) == "you stayed"
    follow_up = iso(FROZEN.replace(day=15, hour=19, minute=0))
    for slot in (a, b):
        assert record.get("closing", "talk_again", slot) is True
        assert record.get("closing", "follow_up_at", slot) == follow_up
    assert record.private == set()
    assert not any("afraid" in f or "fear" in f for (_, _, f) in record.answers)

    exported = archive.dumps(archive.export_json(store))
    markdown = export_markdown(store)
    for text in (exported, markdown):
        assert "ALEXSECRET" not in text and "SAMSECRET" not in text


async def drive_to_reveal(pilot: Any) -> None:
    """Both calm, both name a feeling (Sam keeps everything but the word private)."""
    await begin(pilot)
    await both_calm(pilot)
    await pilot.press("s", "enter")
    await pilot.pause()
    for name in ("Alex", "Sam"):
        await pass_to(pilot, name)
        await pilot.press("enter", "enter")  # Angry, its first word
        await say(pilot, "")
        await pilot.press("enter", "enter", "5", "enter")
        await pilot.pause()


def stored_rows(store: Any) -> str:
    """Every stored row of every table, as text (what someone opening the file would find)."""
    tables = ("sessions", "partners", "answers", "tags", "settings")
    return "\n".join(
        repr(row) for table in tables for row in store.conn.execute(f"SELECT * FROM {table}")
    )


@pytest.mark.parametrize(("who", "answer"), [("A", "yes"), ("B", "yes"), ("B", "not sure")])
async def test_the_fear_question_is_private_and_leaves_no_trace(
    make_app: Any, store: Any, who: str, answer: str
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        sid = app.session_id
        await pass_to(pilot, "Alex")
        await keep_turn(pilot)
        before = stored_rows(store)
        await private_pause(pilot, "4", flooded=True, afraid=who == "A")
        if who == "B":
            await pass_to(pilot, "Sam")
            await keep_turn(pilot)
            before = stored_rows(store)
            await pilot.press("2", "enter", "down", "enter")  # calm 2, not flooded
            assert "never saved" in screen_text(app)  # said on the question itself
            await pilot.press(*(["enter"] if answer == "yes" else ["down", "down", "enter"]))
            await pilot.pause()
        assert isinstance(app.screen, PrivateSafetyScreen)  # on the afraid partner's own turn
        assert "sees nothing different" in screen_text(app)
        assert stored_rows(store).count("\n") <= before.count("\n") + 2  # calm and flooded
        await pilot.click("#go-on")  # go on quietly: the shared flow goes on as usual
        await pilot.pause()
        expected = HandoverScreen if who == "A" else TogetherPauseScreen
        assert isinstance(app.screen, expected), type(app.screen).__name__
    record = store.load(sid)
    assert record.status == "open" and record.current_step in ("keep@B", "together_pause@A")
    rows = stored_rows(store)
    for trace in ("afraid", "fear", "safety", "abandoned", "not_sure"):
        assert trace not in rows


async def test_leave_no_trace_erases_the_session(make_app: Any, store: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        sid = app.session_id
        await pass_to(pilot, "Alex")
        await keep_turn(pilot)
        await private_pause(pilot, "4", flooded=True, afraid=True)
        assert isinstance(app.screen, PrivateSafetyScreen)
        await pilot.click("#erase")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.session_id is None
    assert store.load(sid) is None and store.count_sessions() == 0
    assert "Alex" not in stored_rows(store)


async def test_the_safety_key_works_on_any_pair_screen(make_app: Any, store: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await drive_to_reveal(pilot)
        await pass_to(pilot, "Alex")
        sid = app.session_id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
    record = store.load(sid)
    assert record.status == "open"  # like any interrupted session: nothing says why
    assert record.private == set()  # and what each kept to themselves left with it


async def test_either_partner_flooded_means_a_break_saved_for_both(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await pass_to(pilot, "Alex")
        await keep_turn(pilot)
        await private_pause(pilot, "6", flooded=False)
        await pass_to(pilot, "Sam")
        await keep_turn(pilot)
        await private_pause(pilot, "1", flooded=True)

        assert isinstance(app.screen, TogetherPauseScreen) and app.screen.mode == "break"
        assert "Sam" not in screen_text(app).split("together")[-1]  # nobody is singled out
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        await pilot.press("enter")  # 20 minutes, the default
        await pilot.pause()
        await pilot.press("enter")  # the suggested 21:40
        await pilot.pause()
        sid = app.session_id
        record = store.load(sid)
        for slot in ("A", "B"):
            assert record.get("pause", "return_at", slot) == iso(FROZEN.replace(minute=40))
            assert record.get("pause", "break_minutes", slot) == 20
            assert record.get("pause", "choice", slot) == "break"
        assert record.get("pause", "flooded", "A") is False  # Alex's own answer is kept
        assert record.get("pause", "flooded", "B") is True
        assert record.current_step == "together_pause@A"

        await pilot.press("c", "c")  # "We're back" early, then "yes, we're calm"
        await pilot.pause()
        await pass_to(pilot, "Alex")
        assert isinstance(app.screen, PairNameScreen)
    record = store.load(sid)
    assert record.get("pause", "returned_at", "A") and record.get("pause", "returned_at", "B")


async def test_resume_at_the_right_persons_turn(make_app: Any, store: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await both_calm(pilot)
        await pilot.press("s", "enter")
        await pilot.pause()
        await pass_to(pilot, "Alex")
        await pilot.press("enter", "enter")
        await say(pilot, "tight chest")
        await pilot.press("enter", "enter", "5", "enter")
        await pilot.pause()
        await pass_to(pilot, "Sam")
        await pilot.press("down", "enter")  # Sam picks a family, then the power goes out
        await pilot.pause()
        sid = app.session_id
    assert store.load(sid).current_step == "name@B"

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Home offers to carry on first
        await pilot.pause()
        await pass_to(pilot, "Sam")  # Sam's turn, behind its hand-over: Alex's words stay hidden
        screen = again.screen
        assert isinstance(screen, PairNameScreen) and screen.partner == "B"
        assert screen.query_one("#questions").current == "word"  # right after the family
        assert "tight chest" not in screen_text(again)
        assert "Sam's turn" in screen_text(again)


async def test_speaker_and_listener_swap(make_app: Any, store: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.start_session("together", partners=(("A", "Alex"), ("B", "Sam")))
        app.session.record("respond", "final", "I feel tired about the dishes.", seat="A")
        app.show_turn(TogetherFlow().resume("listen@B", {}))
        await pilot.pause()
        assert "Sam types now" in app.screen.query_one("#turn", TurnBar).text
        await say(pilot, "you are tired")
        turn = app.screen.query_one("#turn", TurnBar).text
        assert "Alex has the floor" in turn and "Alex types now" in turn
        await pilot.press("enter")
        await say(pilot, "")
        await say(pilot, "it is a lot")
        await say(pilot, "tired")

        await pass_to(pilot, "now Sam has the floor")
        assert isinstance(app.screen, SpeakScreen) and app.screen.partner == "B"
        turn = app.screen.query_one("#turn", TurnBar).text
        assert turn.startswith("Sam has the floor") and "Alex listens" in turn
        await speak(pilot, "bedtime")
        assert isinstance(app.screen, ListenScreen) and app.screen.partner == "A"
        assert "Sam said" in screen_text(app)
        await say(pilot, "you want more time at bedtime")
        sid = app.session_id
    record = store.load(sid)
    assert record.get("listen", "mirror", "B") == "you are tired"
    assert record.get("listen", "mirror", "A") == "you want more time at bedtime"
    assert "bedtime" in record.get("respond", "final", "B")
    assert record.current_step == "listen@A"  # Alex's turn to listen


async def test_escape_on_a_hand_over_goes_home_and_keeps_the_session(make_app: Any, store) -> None:
    """A newcomer found no way home from between turns (Esc on a turn went back to its
    hand-over, which had no Esc): only Ctrl+Q got out. Esc there now goes home, the session kept
    like any unfinished one."""
    from softlanding.screens.home import HomeScreen

    app = make_app("together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        assert isinstance(app.screen, HandoverScreen)
        sid = app.session_id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert store.load(sid).status == "open"
