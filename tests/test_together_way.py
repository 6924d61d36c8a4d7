"""The short way and the full way, walked with real keys: what each path costs in screens and
keys (the short one at most 23 screens before the private round every session ends with), the
steps the way screen promises and each turn counts, who said what, progress, Esc after a
hand-over, and carrying a session on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from tests.test_safety_together import each_answers_the_round
from tests.test_together import FROZEN, begin, both_calm, pass_to, reframe, screen_text
from textual.app import App
from textual.widgets import ContentSwitcher

from softlanding.flow import breaktime
from softlanding.flow.together import FULL, SHORT, parts
from softlanding.screens.together.carry_on import CarryOnScreen
from softlanding.screens.together.closing import ClosingScreen
from softlanding.screens.together.feel import FeelScreen
from softlanding.screens.together.handover import HandoverScreen
from softlanding.screens.together.intro import TogetherStartScreen
from softlanding.screens.together.listen import ListenScreen
from softlanding.screens.together.private_pause import PairPauseScreen
from softlanding.screens.together.speak import SpeakScreen
from softlanding.screens.together.way import WayScreen
from softlanding.widgets.turn import TurnBar
from test_safety_together import read_out

TYPING = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") | {"space"}


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(breaktime, "local_now", lambda: FROZEN)


@dataclass
class Tally:
    """Every screen a person meets (a screen opened, or a new stage of the one open) and every
    key they press, typing counted apart."""

    views: list[str] = field(default_factory=list)
    keys: int = 0
    typed: int = 0

    @property
    def moves(self) -> int:
        return self.keys - self.typed


@pytest.fixture
def tally(monkeypatch: pytest.MonkeyPatch) -> Tally:
    counted = Tally()
    for method in ("push_screen", "switch_screen"):
        real = getattr(App, method)

        def opened(self: Any, screen: Any, *args: Any, _real: Any = real, **kwargs: Any) -> Any:
            counted.views.append(type(screen).__name__)
            return _real(self, screen, *args, **kwargs)

        monkeypatch.setattr(App, method, opened)
    real_watch = ContentSwitcher.watch_current

    def staged(self: ContentSwitcher, old: str | None, new: str | None) -> None:
        if old and new and old != new:
            counted.views.append(f"{type(self.screen).__name__}:{new}")
        real_watch(self, old, new)

    monkeypatch.setattr(ContentSwitcher, "watch_current", staged)
    return counted


def counting(pilot: Any, tally: Tally) -> Any:
    """The pilot, its presses counted."""
    real = pilot.press

    async def press(*keys: str) -> None:
        tally.keys += len(keys)
        tally.typed += sum(1 for key in keys if key in TYPING)
        await real(*keys)

    pilot.press = press
    return pilot


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def say(pilot: Any, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def short_round(pilot: Any, speaker: str, listener: str, situation: str) -> None:
    """One turn each way on the short path: name, say it, hear it said back."""
    app = pilot.app
    await pass_to(pilot, speaker)
    assert isinstance(app.screen, FeelScreen), type(app.screen).__name__
    await pilot.press("enter")  # a family of feelings
    await pilot.pause()
    await pilot.press("enter")  # its first word
    await pilot.pause()
    await pilot.press("enter")  # the first need
    await pilot.pause()
    assert isinstance(app.screen, SpeakScreen)
    await type_text(pilot, situation)
    await read_out(pilot)  # said: the listener's screen shows the words to read out
    assert isinstance(app.screen, ListenScreen) and app.screen.partner != app.screen.speaker
    assert situation in screen_text(app)
    await say(pilot, f"{listener} heard {situation}")
    await pilot.press("enter")  # yes, that's it
    await pilot.pause()


async def each_alone_not_afraid(pilot: Any) -> None:
    """The short way's private fear question, for each partner behind their own hand-over."""
    for name in ("Alex", "Sam"):
        await pass_to(pilot, name)
        screen = pilot.app.screen
        assert isinstance(screen, PairPauseScreen) and screen.stage == "fear"
        await pilot.press("down", "enter")  # No
        await pilot.pause()


async def walk_short(pilot: Any) -> None:
    await begin(pilot, way="short")
    await each_alone_not_afraid(pilot)
    await pilot.press("s")  # the shared pacer, stopped early: straight on
    await pilot.pause()
    await short_round(pilot, "Alex", "Sam", "the dishes")
    await short_round(pilot, "Sam", "Alex", "bedtime")
    await each_answers_the_round(pilot)
    assert isinstance(pilot.app.screen, ClosingScreen) and pilot.app.screen.stage == "summary"


async def walk_full(pilot: Any) -> None:
    app = pilot.app
    await begin(pilot, way="full")
    await both_calm(pilot)
    await pilot.press("s", "enter")
    await pilot.pause()
    for name in ("Alex", "Sam"):
        await pass_to(pilot, name)
        await pilot.press("enter", "enter")  # Angry, its first word
        await say(pilot, "")
        await pilot.press("enter", "enter", "5", "enter")
        await pilot.pause()
    for name in ("Alex", "Sam"):
        await pass_to(pilot, name)
        await pilot.press("space", "ctrl+n")
        await pilot.pause()
    await pilot.press("enter")  # both read what each shared
    await pilot.pause()
    await pass_to(pilot, "Alex")
    await reframe(pilot, "nobody helps", "you never listen")
    await pass_to(pilot, "Sam")
    await reframe(pilot, "I am alone", "you are always late")
    for speaker, situation in (("Alex has the floor", "the dishes"), ("now Sam", "bedtime")):
        await pass_to(pilot, speaker)
        await type_text(pilot, situation)
        await read_out(pilot)
        await pilot.press("enter")  # I've said it
        await pilot.pause()
        await say(pilot, f"you mean {situation}")
        await pilot.press("enter")  # yes
        await say(pilot, "")  # nothing more
        await say(pilot, "it makes sense")
        await say(pilot, "tired")
    assert isinstance(app.screen, ClosingScreen)
    await say(pilot, "you made tea")
    await say(pilot, "you stayed")
    await pilot.press("enter")  # talk again
    await pilot.pause()
    await pilot.press("enter")  # at the calm hour offered
    await pilot.pause()
    await each_answers_the_round(pilot)
    assert app.screen.stage == "summary"


async def test_the_short_way_is_at_most_about_twenty_screens(
    make_app: Any, store: Any, tally: Tally
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await walk_short(counting(pilot, tally))
        sid = app.session_id
        summary = screen_text(app)
    screens = len(tally.views)
    print(f"\nshort way: {screens} screens, {tally.keys} keys ({tally.moves} not typing)")
    print(" → ".join(tally.views))
    assert tally.views[0] == "TogetherStartScreen" and tally.views.count("HandoverScreen") == 4
    # the private round every session ends with: each partner's question and page
    the_round = ("SafetyCheckScreen", "PrivateSafetyScreen")
    assert [view for view in tally.views if view in the_round] == [*the_round, *the_round]
    # 19 essentials plus each partner's private fear question (two hand-overs, two questions)
    assert screens - 2 * len(the_round) <= 23
    assert "the dishes" in summary and "bedtime" in summary
    record = store.load(sid)
    assert record.get("way", "way", "A") == SHORT and record.get("way", "way", "B") == SHORT
    # who said what: each speaker's feeling, need and words under their own seat
    for seat, situation in (("A", "the dishes"), ("B", "bedtime")):
        assert record.get("name", "word", seat) and record.get("name", "need", seat)
        assert situation in record.get("respond", "final", seat)
        assert record.get("respond", "confirmed", seat) is True
    assert record.get("listen", "mirror", "B") == "Sam heard the dishes"
    assert record.get("listen", "mirror", "A") == "Alex heard bedtime"
    assert record.private == set()  # all of it was said aloud


async def test_the_full_way_measured(make_app: Any, tally: Tally) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await walk_full(counting(pilot, tally))
    screens = len(tally.views)
    print(f"\nfull way: {screens} screens, {tally.keys} keys ({tally.moves} not typing)")
    print(" → ".join(tally.views))
    assert tally.views.count("HandoverScreen") == 10
    assert tally.views.count("SafetyCheckScreen") == 2  # the private round at the closing


def turn_bar(app: Any) -> str:
    bar = app.screen.query_one("#turn", TurnBar)
    return f"{bar.text} {bar.progress}"


async def test_progress_and_esc_back_to_the_hand_over_on_the_short_way(make_app: Any) -> None:
    app = make_app(start="together")
    back = app.pack.text.keys.back
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot, way="short")
        await pass_to(pilot, "Alex")
        assert "Step 1 of 4" in turn_bar(app)  # the private fear question
        assert app.screen.stage == "fear"  # type: ignore[attr-defined]
        await pilot.press("escape")  # the first question: back to the hand-over
        await pilot.pause()
        await pass_to(pilot, "Alex")
        assert app.screen.stage == "fear"  # type: ignore[attr-defined]
        await pilot.press("down", "enter")
        await pilot.pause()
        await pass_to(pilot, "Sam")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Step 1 of 4" in turn_bar(app)  # the shared pacer
        await pilot.press("s")
        await pilot.pause()
        await pass_to(pilot, "Alex")
        feel = app.screen
        assert isinstance(feel, FeelScreen) and "Step 2 of 4" in turn_bar(app)
        assert "Alex has the floor" in turn_bar(app)
        keys = [k.description for k in app.screen.query("FooterKey")]
        assert back in keys  # Back works on the first screen after a hand-over
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        await pass_to(pilot, "Alex")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SpeakScreen) and "Step 2 of 4" in turn_bar(app)
        await pilot.press("escape")  # back to the need, the same speaker's words kept
        await pilot.pause()
        assert isinstance(app.screen, FeelScreen)
        assert app.screen.query_one("#questions", ContentSwitcher).current == "need"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SpeakScreen)
        draft = app.screen.query_one("#draft").text
        feeling = app.session.answers.get("name", "A")["word"]
        need = app.session.answers.get("name", "A")["need"]
        assert feeling in draft and need in draft  # the sentence starts from what was named


async def test_the_way_screen_suggests_the_short_way_when_flooded_or_in_a_hurry(
    make_app: Any,
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await say(pilot, "Alex")
        await say(pilot, "Sam")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WayScreen)
        for presses, suggested in ((["enter"], SHORT), (["down", "enter"], SHORT)):
            await pilot.press(*presses)
            await pilot.pause()
            assert screen.query_one("#choose-list").highlighted_option.id == suggested
            await pilot.press("escape")  # back to the question
            await pilot.pause()
            assert screen.stage == "check"
        check = screen.query_one("#check-list")
        assert check.highlighted_option.id == "hurry"  # the answer given, kept
        await pilot.press("down", "enter")  # both OK, with time
        await pilot.pause()
        assert screen.query_one("#choose-list").highlighted_option.id == FULL
        assert "Either way" in screen_text(app)


async def test_the_way_screen_promises_the_steps_each_turn_then_counts(make_app: Any) -> None:
    """It promised "about 71 screens" (every screen and stage, counted by a test): now the
    steps a pair goes through, the same number as each turn's "Step n of N"."""
    app = make_app(start="together")
    words = app.pack.text.together
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await say(pilot, "Alex")
        await say(pilot, "Sam")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # short of time: the ways to choose from
        await pilot.pause()
        listing = app.screen.query_one("#choose-list")
        for way, label, steps in ((SHORT, words.way_short, 4), (FULL, words.way_full, 7)):
            assert parts(way) == steps
            assert str(listing.get_option(way).prompt) == label.format(steps=steps)
        await pilot.press("enter")  # the short way, suggested
        await pilot.pause()
        await pass_to(pilot, "Alex")
        assert turn_bar(app).endswith(words.progress.format(n=1, total=parts(SHORT)))


async def test_resume_keeps_the_short_way(make_app: Any, store: Any) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot, way="short")
        await each_alone_not_afraid(pilot)
        await pilot.press("s")
        await pilot.pause()
        await short_round(pilot, "Alex", "Sam", "the dishes")
        await pass_to(pilot, "Sam")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SpeakScreen)
        sid = app.session_id
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert store.load(sid).current_step == "respond@B"

    again = make_app(start="together")  # `softlanding together` offers to carry it on
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, CarryOnScreen)
        assert "Alex and Sam" in screen_text(again)
        await pilot.press("enter")
        await pilot.pause()
        await pass_to(pilot, "Sam has the floor")  # the speaker's own hand-over, resumed
        assert isinstance(again.screen, SpeakScreen) and "Step 3 of 4" in turn_bar(again)
        await type_text(pilot, "bedtime")
        await read_out(pilot)
        await say(pilot, "you mean bedtime")
        await pilot.press("enter")
        await pilot.pause()
        await each_answers_the_round(pilot)
        assert isinstance(again.screen, ClosingScreen) and again.screen.stage == "summary"
        assert "Step 4 of 4" in turn_bar(again)


async def test_together_can_start_anew_past_an_unfinished_session(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        first = app.session_id
    again = make_app(start="together")
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, CarryOnScreen)
        await pilot.press("down", "enter")  # start a new one
        await pilot.pause()
        assert isinstance(again.screen, TogetherStartScreen)
        await begin(pilot, "Kim", "Jo")
        assert again.session_id != first
    assert store.load(first).status == "open"  # still there, in Look back


async def test_the_shared_pacers_footer_keeps_quit_in_view(make_app: Any) -> None:
    """At 80 columns every key of the running pacer shows, Quit the last of them."""
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot, way="short")
        await each_alone_not_afraid(pilot)
        await pilot.pause()
        keys = list(app.screen.query("FooterKey"))
        assert keys and keys[-1].description == app.pack.text.keys.quit
        assert all(key.region.width > 0 and key.region.right <= 80 for key in keys)
