"""The TUI listens everywhere: typed words and choices feed one gentle check, which leads to the
safety page that fits, never to softening advice, and leaves nothing about itself stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Static

from softlanding.screens import registry
from softlanding.screens.reframe import ReframeScreen
from softlanding.screens.safety import SafetyScreen
from softlanding.screens.safety_check import SafetyCheckScreen


class Landing(Screen[None]):
    """Stands in for the steps around the ones under test."""


@pytest.fixture(autouse=True)
def neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.SOLO, "pause", Landing)


async def open_step(app: Any, pilot: Any, step: str) -> str:
    app.start_session("solo")
    sid = app.session_id
    app.store.set_step(sid, step)
    await app.switch_screen(app.step_screen(step))
    await pilot.pause()
    return sid


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


def current(app: Any) -> str | None:
    return app.screen.query_one(ContentSwitcher).current  # type: ignore[no-any-return]


def words(app: Any) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def stored(store: Any, sid: str) -> str:
    """What the session kept ("" when nothing was answered, so no session was written)."""
    record = store.load(sid)
    return json.dumps([list(k) + [v] for k, v in record.answers.items()]) if record else ""


async def answer_check(app: Any, pilot: Any, key: str) -> None:
    await pilot.pause()
    assert isinstance(app.screen, SafetyCheckScreen)
    assert app.pack.safety.check.question in words(app)
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, SafetyScreen)


async def test_a_scared_at_nine_and_the_need_for_safety(make_app: Any, store: Any) -> None:
    """(a) Scared/worried at 9/10 with the need "safety": the check comes, with no thought yet."""
    app = make_app()
    pack = app.pack
    families = [f.id for f in pack.feelings.families]
    needs = [n.name for n in pack.needs.options]
    async with app.run_test(size=(80, 24)) as pilot:
        sid = await open_step(app, pilot, "name")
        await pilot.press(*["down"] * families.index("scared"), "enter")  # Scared
        await pilot.press("enter")  # worried
        await pilot.press("enter")  # no own words
        assert current(app) == "need"
        await pilot.press(*["down"] * needs.index("safety"), "enter")
        await pilot.press("9", "enter")
        await answer_check(app, pilot, "n")
        assert pack.safety.pages.danger_now.title in words(app)
        for advice in (pack.defusion.prefix, pack.cycles.title):
            assert advice not in words(app)
    assert store.load(sid).status == "open"  # left like any interrupted session: no why
    assert "check" not in stored(store, sid)  # the check and its answer are not kept


async def test_a_the_thought_alone_is_heard(make_app: Any, store: Any) -> None:
    """(a) "if I disagree he'll hurt me" typed as the thought: checked, and never saved."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        sid = await open_step(app, pilot, "reframe")
        assert isinstance(app.screen, ReframeScreen) and current(app) == "thought"
        await type_text(pilot, "if I disagree he'll hurt me")
        await pilot.press("enter")
        await answer_check(app, pilot, "s")
        assert app.pack.safety.pages.partner_fear.title in words(app)
    assert "disagree" not in stored(store, sid)


async def test_b_living_on_tiptoe_typed_as_own_words(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        sid = await open_step(app, pilot, "name")
        await pilot.press("enter", "enter")  # a family and a word
        assert current(app) == "own_words"
        await type_text(pilot, "I live on tiptoe around him")
        await pilot.press("enter")
        await answer_check(app, pilot, "y")
        assert app.pack.safety.pages.partner_fear.title in words(app)
    assert "tiptoe" not in stored(store, sid)
    assert store.load(sid).status == "open"  # left like any interrupted session: no why


@pytest.mark.parametrize(
    "said", ["stop, you're hurting me", "he threw a plate at me and then the kettle"]
)
async def test_c_what_the_partner_said(make_app: Any, store: Any, said: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        sid = await open_step(app, pilot, "reframe")
        await pilot.press("enter")  # no thought: on to what the partner said
        assert current(app) == "partner_said"
        await type_text(pilot, said)
        await pilot.press("enter")
        await answer_check(app, pilot, "n")
    assert said.split()[1] not in stored(store, sid)


async def test_c_a_draft(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session("solo")
        sid = app.session_id
        await app.switch_screen(app.step_screen("respond"))
        await pilot.pause()
        await pilot.click("#draft")
        await type_text(pilot, "stop, you're hurting me")
        await pilot.press("ctrl+n")
        await answer_check(app, pilot, "s")
    assert "hurting" not in stored(store, sid)


async def test_self_harm_words_lead_to_their_page(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(app, pilot, "reframe")
        await type_text(pilot, "I have been saving up my pills")
        await pilot.press("enter")
        await answer_check(app, pilot, "y")
        assert app.pack.safety.pages.self_harm.title in words(app)


async def test_a_reflex_enter_on_the_check_answers_not_sure_and_that_button_looks_chosen(
    make_app: Any, store: Any
) -> None:
    """Not sure has the focus (a reflex Enter must not answer "I'm safe" for someone, nor "in
    danger now"), and it is the one button drawn as chosen, so the focus is no surprise."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session("solo")
        await app.switch_screen(app.step_screen("reframe"))
        await pilot.pause()
        await pilot.press(*[("space" if c == " " else c) for c in "he will hurt me"], "enter")
        await pilot.pause()
        assert isinstance(app.screen, SafetyCheckScreen)
        buttons = {b.id: b for b in app.screen.query(Button)}
        assert app.screen.focused is buttons["not_sure"]
        assert [i for i, b in buttons.items() if b.variant == "primary"] == ["not_sure"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen) and app.screen.answer == "not_sure"
        assert app.pack.text.safety.after_yes not in words(app)
