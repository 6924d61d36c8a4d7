"""Name the feeling and Reframe, driven by real keys, with every answer read back from the store."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from softlanding.screens import registry
from softlanding.screens.name import NameScreen
from softlanding.screens.reframe import ReframeScreen
from softlanding.screens.safety import SafetyScreen


class Landing(Screen[None]):
    """Stands in for the steps around these two, so these tests only test these two."""

    def __init__(self, ctx: Any) -> None:
        super().__init__()


@pytest.fixture(autouse=True)
def neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.SOLO, "pause", Landing)
    monkeypatch.setitem(registry.SOLO, "respond", Landing)


async def open_step(app: Any, pilot: Any, step: str = "name") -> None:
    """As if Pause (or Name) had just finished: a solo session standing at `step`."""
    app.start_session("solo")
    app.store.set_step(app.session_id, step)
    await app.switch_screen(app.step_screen(step))
    await pilot.pause()


def current(app: Any) -> str | None:
    return app.screen.query_one(ContentSwitcher).current  # type: ignore[no-any-return]


def shown(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def test_name_then_reframe_by_keys(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(app, pilot)
        pack = app.pack
        assert current(app) == "family"
        await pilot.press("enter")  # the first family: Angry
        assert current(app) == "word"
        await pilot.press("down")
        assert shown(app, "#word-definition") == pack.feelings.families[0].words[1].definition
        await pilot.press("enter")
        assert current(app) == "own_words"
        note = app.screen.query_one("#thought-note")
        assert not note.display
        await type_text(pilot, "I feel like you never listen")
        assert note.display  # the gentle note, shown as they type
        await pilot.press("enter")  # never blocks
        assert current(app) == "under"
        await pilot.press("end", "up", "enter")  # "Not sure"
        assert current(app) == "need"
        await pilot.press("down", "enter")
        assert current(app) == "intensity"
        await pilot.press("7", "enter")
        await pilot.pause()

        assert isinstance(app.screen, ReframeScreen)
        assert current(app) == "thought"
        await type_text(pilot, "you don't care about me")
        await pilot.press("enter")
        after = shown(app, "#thought-after")
        assert after.startswith(f"{pack.defusion.prefix} you don't care about me")
        await pilot.press("enter")  # Next
        assert current(app) == "partner_said"
        said = "You never spend time with me"
        await type_text(pilot, said)
        await pilot.press("enter")
        wish = app.analyzer.bid(said) or pack.bids.translations[0].wish
        assert wish in shown(app, "#partner_said-after")
        await pilot.press("enter")
        assert current(app) == "cycle"
        await pilot.press("down")
        assert shown(app, "#cycle-definition") == pack.cycles.options[1].description
        await pilot.press("enter")
        assert current(app) == "kindness_self"
        await pilot.press("enter")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, Landing)
        sid = app.session_id

    record = store.load(sid)
    assert record.current_step == "respond"
    assert record.step_answers("name") == {
        "family": pack.feelings.families[0].id,
        "word": pack.feelings.families[0].words[1].word,
        "own_words": "I feel like you never listen",
        "under": "not_sure",
        "need": pack.needs.options[1].name,
        "intensity": 7,
    }
    assert record.step_answers("reframe") == {
        "thought": "you don't care about me",
        "partner_said": said,
        "wish": wish,
        "cycle": pack.cycles.options[1].id,
        "kindness_self": pack.lovingkindness.for_self[0],
        "kindness_partner": pack.lovingkindness.for_partner[2],
    }


async def test_not_sure_skips_finer_words_and_rather_not_say_works_for_intensity(
    make_app: Any, store: Any
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(app, pilot)
        await pilot.press("end", "up", "enter")  # family: "Not sure"
        assert current(app) == "own_words"  # no finer words to choose from
        await pilot.press("enter")  # own words left empty: skipped
        await pilot.press("end", "enter")  # under: "I'd rather not say"
        await pilot.press("end", "enter")  # need: "I'd rather not say"
        assert current(app) == "intensity"
        await pilot.press("enter")  # nothing chosen yet: Enter waits
        assert current(app) == "intensity"
        await pilot.press("tab", "tab", "tab", "enter")  # Next, Not sure, I'd rather not say
        await pilot.pause()
        assert isinstance(app.screen, ReframeScreen)
        answers = store.load(app.session_id).step_answers("name")
    assert answers == {
        "family": "not_sure",
        "under": "rather_not_say",
        "need": "rather_not_say",
        "intensity": "rather_not_say",
    }


async def test_escape_goes_back_one_question_then_to_the_previous_step(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(app, pilot)
        await pilot.press("down", "enter")
        assert current(app) == "word"
        await pilot.press("escape")
        assert current(app) == "family"
        assert app.screen.focused.highlighted == 1  # Hurt, as chosen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Landing)  # Pause, in the real flow


async def test_reframe_escape_from_its_first_question_returns_to_name(make_app: Any) -> None:
    monkey_name = make_app()
    async with monkey_name.run_test(size=(80, 24)) as pilot:
        await open_step(monkey_name, pilot, "reframe")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(monkey_name.screen, NameScreen)


async def test_resume_prefills_and_continues(make_app: Any, store: Any) -> None:
    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:
        await open_step(first, pilot)
        await pilot.press("down", "enter", "down", "enter")  # Hurt, then its second word
        await type_text(pilot, "so tired")
        await pilot.press("ctrl+q")  # quit mid-sentence: the half-typed words are kept, as a draft
        sid = first.session_id
    pack = first.pack
    hurt = pack.feelings.families[1]
    assert store.load(sid).step_answers("name") == {
        "family": hurt.id,
        "word": hurt.words[1].word,
        "drafts": {"own_words": "so tired"},
    }

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Home: carry on where you left off
        await pilot.pause()
        assert isinstance(again.screen, NameScreen)
        assert current(again) == "own_words"  # at the unfinished words, not past them
        assert again.screen.query_one("#own_words-input").value == "so tired"
        await type_text(pilot, " today")  # the cursor waits at the end of the draft
        await pilot.press("enter")
        assert current(again) == "need"  # the next question (Hurt has no "under the anger")
        answers = store.load(sid).step_answers("name")
        assert answers["own_words"] == "so tired today" and "drafts" not in answers
        await pilot.press("escape", "escape")
        assert again.screen.focused.highlighted == 1
        assert shown(again, "#word-definition") == hurt.words[1].definition


async def test_resumed_reframe_shows_the_wish_already_heard(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(app, pilot, "reframe")
        app.session.record("reframe", "partner_said", "you're always on your phone")
        app.session.record("reframe", "wish", "A saved wish.")
        await app.switch_screen(ReframeScreen(app.context("reframe")))
        await pilot.pause()
        assert current(app) == "cycle"
        await pilot.press("escape")
        assert current(app) == "partner_said"
        assert "A saved wish." in shown(app, "#partner_said-after")


async def test_a_draft_kept_on_quit_is_heard_on_resume(make_app: Any, store: Any) -> None:
    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:
        await open_step(first, pilot, "reframe")
        await pilot.press("enter")  # no thought today
        await type_text(pilot, "you never listen")
        await pilot.press("ctrl+q")
        sid = first.session_id
    assert store.load(sid).step_answers("reframe") == {
        "drafts": {"partner_said": "you never listen"}
    }

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Home: carry on where you left off
        await pilot.pause()
        assert current(again) == "partner_said"  # back at the words, not past them
        assert again.screen.query_one("#partner_said-input").value == "you never listen"
        await pilot.press("enter")
        wish = store.load(sid).get("reframe", "wish")
        assert wish and wish in shown(again, "#partner_said-after")


async def test_pasted_paragraph_and_emoji_are_kept_whole(make_app: Any, store: Any) -> None:
    app = make_app()
    paragraph = "You're always on your phone 📱😢\nand " + "you never look up at me " * 40
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(app, pilot, "reframe")
        await pilot.press("enter")  # no thought today
        box = app.screen.query_one("#partner_said-input")
        box.post_message(events.Paste(paragraph))
        await pilot.pause()
        await pilot.press("enter")
        answers = store.load(app.session_id).step_answers("reframe")
    assert answers["partner_said"] == " ".join(paragraph.split())
    assert answers["wish"]
    assert "thought" not in answers


async def test_danger_words_bring_up_safety_and_are_not_recorded(
    make_app: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    checked: list[str] = []

    def check_safety(text: str) -> bool:
        checked.append(text)
        app.action_not_safe()
        return True

    monkeypatch.setattr(app, "check_safety", check_safety)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(app, pilot)
        sid = app.session_id
        await pilot.press("enter", "enter")
        await type_text(pilot, "something frightening")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
    assert checked == ["something frightening"]
    assert "own_words" not in store.load(sid).step_answers("name")
