"""The talk after the fight, pressed through with real keys, then read back from the database."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from tests.test_safety_together import each_answers_the_round
from textual import events
from textual.widgets import Input, OptionList, Static

from softlanding.flow import breaktime
from softlanding.screens.after.start import AfterStartScreen
from softlanding.screens.after.talk import AfterTalkScreen
from softlanding.screens.home import HomeScreen
from softlanding.store import archive

FROZEN = datetime(2025, 3, 14, 1, 40).astimezone()  # a small-hours fight


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(breaktime, "local_now", lambda: FROZEN)


def prompt(app: Any) -> str:
    return str(app.screen.query_one("#prompt", Static).render())


async def say(pilot: Any, text: str) -> None:
    box = pilot.app.screen.query_one("#answer Input", Input)
    box.value = ""
    await pilot.press(*[("space" if ch == " " else ch) for ch in text], "enter")
    await pilot.pause()


async def pick(pilot: Any, index: int) -> None:
    await pilot.press(*(["down"] * index), "enter")
    await pilot.pause()


async def my_side(pilot: Any) -> None:
    """The talk alone ("just me"), one feeling ticked: the question of my side of it is open."""
    await pilot.pause()
    await pick(pilot, 1)  # just me
    await pilot.press("space", "enter")  # a feeling
    await pilot.pause()


async def walk_to_the_end(pilot: Any, app: Any, seen: list[str]) -> None:
    """Answer every question: tick one feeling, choose the first option, type a line."""
    for _ in range(80):
        await pilot.pause()
        screen = app.screen
        if not isinstance(screen, AfterTalkScreen) or screen.current is None:
            return
        seen.append(prompt(app))
        kind = screen.current.ask.kind
        if kind == "many":
            await pilot.press("space", "enter")
        elif kind in ("choice", "starter"):
            await pilot.press("enter")
        elif kind == "when":
            await say(pilot, "tomorrow 19:30")
        else:
            await say(pilot, f"words{len(seen)}")
        await pilot.pause()
    raise AssertionError("the talk never ended")


async def test_the_pair_talks_it_over_and_every_answer_is_saved_under_its_writer(
    make_app: Any, store: Any
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        menu = app.screen.query_one("#menu", OptionList)
        after = next(
            i for i in range(menu.option_count) if menu.get_option_at_index(i).id == "after"
        )
        await pick(pilot, after - (menu.highlighted or 0))
        assert isinstance(app.screen, AfterStartScreen)
        assert store.latest_session(("together",)) is None  # nothing is kept before a yes
        await pilot.press("enter")  # "Yes, both of us"
        await pilot.pause()
        for name in ("Alex", "Sam"):
            box = app.screen.focused
            assert isinstance(box, Input)
            box.value = ""
            await pilot.press(*name, "enter")
            await pilot.pause()
        assert isinstance(app.screen, AfterTalkScreen)
        assert prompt(app).startswith("Alex, which of these did you feel")
        seen: list[str] = []
        await walk_to_the_end(pilot, app, seen)
        assert store.latest_session(("together",)).status == "open"  # the round comes first
        await each_answers_the_round(pilot)  # every pair's talk ends with it
        assert isinstance(app.screen, AfterTalkScreen) and app.screen.finished
        assert any(p.startswith("Sam, sum up what you heard Alex say") for p in seen)
        assert any(p.startswith("Alex, sum up what you heard Sam say") for p in seen)
        assert any("Are you there for me?" in p for p in seen)  # the listener hears the request
        record = store.latest_session(("together",))
        assert record is not None and record.partners == {"A": "Alex", "B": "Sam"}
        answers = record.answers
        assert answers[("A", "after", "felt_A")] == ["hurt"]
        assert answers[("B", "after", "felt_B")] == ["hurt"]
        assert answers[("B", "after", "heard_back_A")].startswith("words")
        assert answers[("A", "after", "when")].startswith("2025-03-15T")  # tomorrow 19:30
        assert answers[("A", "after", "starter")] == "A"
        assert record.status == "completed"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_not_yet_keeps_nothing_and_preparing_alone_asks_only_your_side(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick(pilot, 2)  # not yet
        assert "It can wait" in str(app.screen.query_one("#not-yet", Static).render())
        assert store.latest_session() is None
        await pilot.press("up", "enter")  # just me
        await pilot.pause()
        assert isinstance(app.screen, AfterTalkScreen)
        hint = str(app.screen.query_one("#hint", Static).render())
        assert "each other" not in hint  # one person: nobody else's feelings to comment on
        seen: list[str] = []
        await walk_to_the_end(pilot, app, seen)
        assert seen and not any("Sam" in p or "{" in p for p in seen)
        assert any(p.startswith("How might your partner tell it") for p in seen)
        done = str(app.screen.query_one("#prompt", Static).render())
        assert "both" not in done and done == app.pack.after.solo_done
        record = store.latest_session(("solo",))
        assert record is not None and record.status == "completed"
        assert {seat for seat, _, _ in record.answers} == {"A"}


async def test_esc_on_the_first_question_goes_back_to_the_start(make_app: Any, store: Any) -> None:
    """The footer says "esc Back": on the first question there is no question before it, so
    Back leaves the talk (a newcomer pressed it and nothing happened)."""
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick(pilot, 1)  # just me
        assert isinstance(app.screen, AfterTalkScreen) and app.screen.index == 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_no_next_talk_planned_means_nobody_is_asked_to_start_it(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick(pilot, 0)  # both of us
        await pilot.press("enter", "enter")  # the names as they are
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AfterTalkScreen)
        kinds = [q.ask.kind for q in screen.questions]
        screen.index = kinds.index("when")
        screen._show()
        await pilot.pause()
        await say(pilot, "")  # no time: "if you need to"
        assert screen.current is not None and screen.current.ask.kind != "starter"
        assert screen.index == kinds.index("starter") + 1


async def test_an_interrupted_talk_resumes_at_the_first_unanswered_question(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await my_side(pilot)
        await say(pilot, "my side of it")
    sid = store.latest_session(("solo",)).id
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        again.resume_session(sid)
        await pilot.pause()
        assert isinstance(again.screen, AfterTalkScreen)
        assert prompt(again).startswith("How might your partner tell it")


async def test_preparing_alone_keeps_the_packs_word_for_the_one_person(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="after")
    object.__setattr__(app.pack.text.after_talk, "solo_name", "Moi")  # a pack in another tongue
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick(pilot, 1)  # just me
        await pilot.press("space", "enter")  # a feeling: the session is written
        await pilot.pause()
        sid = app.session_id
    record = store.load(sid)
    assert record.kind == "solo" and record.partners == {"A": "Moi"}


async def test_talk_it_over_from_a_session_in_look_back_starts_with_its_names(
    make_app: Any, store: Any
) -> None:
    from history_seed import at, open_history

    fight = store.create_session("together", [("A", "Robin"), ("B", "Kim")], started_at=at(3, 5, 8))
    store.save_answer(fight, "name", "word", "stung", "A")
    store.finish(fight, "completed")
    later = store.create_session("together", [("A", "Lee"), ("B", "Max")], started_at=at(3, 6, 8))
    store.save_answer(later, "name", "word", "tired", "A")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_history(pilot)
        await pilot.press("down", "enter")  # the older session: Robin and Kim's fight
        await pilot.pause()
        await pilot.press("t")  # Talk it over now
        await pilot.pause()
        assert isinstance(app.screen, AfterStartScreen)
        await pilot.press("enter", "enter", "enter")  # both calm; the names as they were
        await pilot.pause()
        assert isinstance(app.screen, AfterTalkScreen)
        assert prompt(app).startswith("Robin, which of these did you feel")
        sid = app.session_id
    record = store.load(sid)
    assert record.partners == {"A": "Robin", "B": "Kim"}
    assert record.get("after", "about_session") == store.load(fight).started_at


async def test_names_typed_fast_are_kept_whole(make_app: Any, store: Any) -> None:
    from textual import events

    store.create_session("together", [("A", "Alex"), ("B", "Sam")])  # names known from before
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ["enter", *"Jo", "enter", *"Max", "enter"]:  # all queued at once
            app._driver.send_message(events.Key(key, None if key == "enter" else key))
        for _ in range(50):
            await pilot.pause(0.02)
            if isinstance(app.screen, AfterTalkScreen):
                break
        assert isinstance(app.screen, AfterTalkScreen)
        sid = app.session_id
    assert store.load(sid).partners == {"A": "Jo", "B": "Max"}


async def test_back_to_a_given_answer_the_cursor_waits_at_the_end_and_undo_works(
    make_app: Any,
) -> None:
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick(pilot, 1)  # just me
        screen = app.screen
        assert isinstance(screen, AfterTalkScreen)
        while screen.current is not None and screen.current.ask.kind != "text":
            await pilot.press("space", "enter") if screen.current.ask.kind == "many" else None
            await pilot.press("enter")
            await pilot.pause()
        await say(pilot, "we were tired")
        await pilot.press("escape")  # back to it: the words are there, nothing selected
        await pilot.pause()
        box = screen.query_one("#answer Input", Input)
        assert box.value == "we were tired"
        await pilot.press(*" too".replace(" ", "_"))
        assert box.value == "we were tired_too"
        await pilot.press("ctrl+z")
        assert box.value == "we were tired_to"


async def test_an_interrupted_pair_talk_carries_on_as_the_talk(make_app: Any, store: Any) -> None:
    """A pair's talk is stored at "after@A": carrying it on opens the talk again, not the
    heat-of-the-fight flow."""
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # "Yes, both of us"
        await pilot.pause()
        for name in ("Alex", "Sam"):
            box = app.screen.focused
            assert isinstance(box, Input)
            box.value = ""
            await pilot.press(*name, "enter")
            await pilot.pause()
        assert isinstance(app.screen, AfterTalkScreen)
        await pilot.press("space", "enter")  # Alex: a feeling
        await pilot.pause()
    record = store.latest_session(("together",))
    assert record is not None and record.current_step.startswith("after")
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        again.resume_session(record.id)
        await pilot.pause()
        assert isinstance(again.screen, AfterTalkScreen)


def on_screen(app: Any) -> str:
    """What the terminal shows (not what is scrolled away), without spaces or line breaks."""
    from test_history_screen import screen_text

    return "".join(screen_text(app).split())


async def test_enter_with_nothing_ticked_says_so_then_a_second_enter_skips(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick(pilot, 1)  # just me
        screen = app.screen
        assert isinstance(screen, AfterTalkScreen) and screen.current is not None
        felt = screen.current
        line = "".join(app.pack.text.after_talk.nothing_ticked.split())
        assert line not in on_screen(app)
        await pilot.press("enter")  # a reflex Enter, nothing ticked
        await pilot.pause()
        assert screen.current is felt and line in on_screen(app)
        await pilot.press("enter")  # again: going on without a word is a choice, now made
        await pilot.pause()
        assert screen.current is not felt and line not in on_screen(app)
        sid = app.session_id
    record = store.load(sid) if sid else None
    assert record is None or not any(name.startswith("felt") for _, _, name in record.answers)


async def test_after_the_note_a_word_ticked_with_space_goes_on_with_it(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick(pilot, 1)  # just me
        await pilot.press("enter", "space", "enter")  # told, then a word ticked, then on
        await pilot.pause()
        assert prompt(app).startswith("Tell it from your side")
        sid = app.session_id
    felt = app.pack.after.stages[0].asks[0].options[0]
    assert store.load(sid).get("after", "felt_A") == [felt]


async def test_an_answer_emptied_on_a_second_look_is_not_kept(make_app: Any, store: Any) -> None:
    """Back to a question, its answer cleared and skipped: the earlier answer goes too."""
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick(pilot, 1)  # just me
        await pilot.press("space", "enter")  # a feeling ticked
        await pilot.pause()
        await say(pilot, "my side of it")
        sid = app.session_id
        assert store.load(sid).get("after", "my_view_A") == "my side of it"
        await pilot.press("escape")  # back to my side of it
        await pilot.pause()
        await say(pilot, "")  # cleared
        await pilot.press("escape", "escape")  # back to the feelings
        await pilot.pause()
        await pilot.press("space", "enter", "enter")  # unticked; told; skipped
        await pilot.pause()
    record = store.load(sid)
    assert record.get("after", "my_view_A") is None and record.get("after", "felt_A") is None


@pytest.mark.parametrize(
    ("names", "kept"),
    [
        (("  ", "\t"), (None, None)),
        (("\u200b", "Sam"), (None, "Sam")),
        (("Alex", "\u00a0"), ("Alex", None)),
    ],
    ids=["spaces", "zero-width", "no-break-space"],
)
async def test_talk_it_over_never_takes_a_blank_name_from_the_newest_pair(
    make_app: Any, store: Any, names: tuple[str, str], kept: tuple[str | None, str | None]
) -> None:
    """Names that would show as nothing fall back to the pack's neutral names, on the boxes,
    in the questions and in the session kept."""
    store.create_session("together", [("A", names[0]), ("B", names[1])])
    app = make_app()
    words = app.pack.text.together
    expected = {"A": kept[0] or words.first_default, "B": kept[1] or words.second_default}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", OptionList)
        after = next(
            i for i in range(menu.option_count) if menu.get_option_at_index(i).id == "after"
        )
        await pick(pilot, after - (menu.highlighted or 0))  # Home's "Talk it over"
        assert isinstance(app.screen, AfterStartScreen)
        await pilot.press("enter")  # both calm: the name boxes
        await pilot.pause()
        shown = {slot: app.screen.query_one(f"#name-{slot}", Input).placeholder for slot in "AB"}
        assert shown == expected
        await pilot.press("enter", "enter")  # the names as they are
        await pilot.pause()
        assert isinstance(app.screen, AfterTalkScreen)
        assert prompt(app).startswith(f"{expected['A']}, which of these")
        sid = app.session_id
    assert store.load(sid).partners == expected


def test_deleting_a_fight_takes_its_date_out_of_the_talk_about_it(store: Any) -> None:
    """A talk after a fight names it by when it began; deleting the fight deletes that too,
    and nothing else of the talk."""
    fight = store.create_session("together")
    other_fight = store.create_session("together")
    talk = store.create_session("together")
    for sid, began in (
        (fight, "2026-01-01T21:00:00+00:00"),
        (other_fight, "2026-01-02T20:00:00+00:00"),
    ):
        store.conn.execute("UPDATE sessions SET started_at = ? WHERE id = ?", (began, sid))
    store.save_answers(talk, "after", {"about_session": store.load(fight).started_at})
    store.save_answer(talk, "after", "what_happened_A", "we argued about the dishes")
    kept = store.create_session("solo")
    store.save_answers(kept, "after", {"about_session": store.load(other_fight).started_at})
    assert store.delete(fight)
    record = store.load(talk)
    assert record.get("after", "about_session") is None
    assert record.get("after", "what_happened_A") == "we argued about the dishes"
    assert store.load(kept).get("after", "about_session") == store.load(other_fight).started_at


async def test_half_typed_words_are_kept_on_quit_and_come_back_on_resume(
    make_app: Any, store: Any
) -> None:
    """Ctrl+Q (as SIGTERM and a closed terminal) keeps what is being typed as a draft."""
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await my_side(pilot)
        await pilot.press(*"half typed", "ctrl+q")
        await pilot.pause()
        sid = app.session_id
    record = store.load(sid)
    assert record.get("after", "drafts") == {"my_view_A": "half typed"}
    felt = record.get("after", "felt_A")
    assert felt and list(archive.history_page(store, 5)[0].feelings) == felt  # history's Feelings
    assert record.get("after", "my_view_A") is None  # a draft, not an answer
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        again.resume_session(sid)
        await pilot.pause()
        assert again.screen.query_one("#answer Input", Input).value == "half typed"
        await pilot.press("enter")  # given now
        await pilot.pause()
    record = store.load(sid)
    assert record.get("after", "my_view_A") == "half typed"
    assert record.get("after", "drafts") is None


async def test_a_resumed_talk_carries_on_after_the_last_answer_not_a_question_passed_over(
    make_app: Any, store: Any
) -> None:
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick(pilot, 1)  # just me
        await pilot.press("enter", "enter")  # no feeling ticked: told, then passed over
        await pilot.pause()
        await say(pilot, "my side of it")
        expected = prompt(app)
        sid = app.session_id
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        again.resume_session(sid)
        await pilot.pause()
        assert prompt(again) == expected  # not the feelings, passed over before


async def test_a_long_paste_into_the_talk_is_cut_to_fit_and_said(make_app: Any, store: Any) -> None:
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await my_side(pilot)
        box = app.screen.query_one("#answer Input", Input)
        box.post_message(events.Paste("word " * 600))
        await pilot.pause()
        assert len(box.value) == box.max_length  # kept up to what the box holds, not dropped
        assert any("as much as one box holds" in n.message for n in app._notifications)


async def test_a_kept_time_shown_again_is_taken_as_it_was(make_app: Any, store: Any) -> None:
    """Back to the next-talk question: the time shows as it was typed, and Enter keeps it (it
    showed the stored form, which the box then refused)."""
    app = make_app(start="after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick(pilot, 1)  # just me
        screen = app.screen
        assert isinstance(screen, AfterTalkScreen)
        for _ in range(40):
            kind = screen.current.ask.kind if screen.current else "when"
            if kind == "when":
                break
            if kind == "many":
                await pilot.press("space", "enter")
            elif kind in ("choice", "starter"):
                await pilot.press("enter")
            else:
                await say(pilot, "words")
            await pilot.pause()
        assert screen.current is not None and screen.current.ask.kind == "when"
        await say(pilot, "tomorrow 19:30")
        kept = store.load(app.session_id).get("after", screen.questions[screen.index - 1].key)
        await pilot.press("escape")
        await pilot.pause()
        box = screen.query_one("#answer Input", Input)
        assert box.value == "Sat 19:30"  # as a person reads it, not the stored form
        await pilot.press("enter")
        await pilot.pause()
        assert str(screen.query_one("#problem", Static).render()) == ""
        assert screen.current is None or screen.current.ask.kind != "when"
        assert store.load(app.session_id).get("after", screen.questions[screen.index - 1].key) in (
            kept,
            None,
        )
