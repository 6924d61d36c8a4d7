"""The whole solo path, by keys alone: home → pause (breathing) → name → reframe → respond →
summary, then every answer read back from the database."""

from __future__ import annotations

from typing import Any

from textual.geometry import Region
from textual.widgets import Static


async def keys(pilot: Any, *pressed: str) -> None:
    """Press keys one at a time, letting the screen settle after each (as a person would)."""
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])
    await pilot.pause()


def drawn(widget: Any) -> str:
    width, height = widget.size
    lines = widget.render_lines(Region(0, 0, width, height))
    return "\n".join(line.text.rstrip() for line in lines)


async def test_whole_solo_flow_by_keys(make_app: Any, store: Any) -> None:
    from softlanding.screens.home import HomeScreen
    from softlanding.screens.name import NameScreen
    from softlanding.screens.pause.breathing import BreathingScreen
    from softlanding.screens.pause.pause import PauseScreen
    from softlanding.screens.reframe import ReframeScreen
    from softlanding.screens.respond import RespondScreen
    from softlanding.screens.summary import SummaryScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pack = app.pack
        assert isinstance(app.screen, HomeScreen)
        await keys(pilot, "enter")  # "Start now, just me"
        assert isinstance(app.screen, PauseScreen)
        sid = app.session_id

        # Pause: calm 3, not flooded, not afraid, then the first breathing pattern.
        await keys(pilot, "3", "enter")
        await keys(pilot, "end", "enter")  # flooded? No (the last answer)
        await keys(pilot, "end", "enter")  # afraid? No
        await keys(pilot, "enter")  # the first way to settle: a breathing pattern
        assert isinstance(app.screen, BreathingScreen)
        await keys(pilot, "s")  # stop the pacer early; then how calm now?
        await keys(pilot, "6", "enter")
        assert isinstance(app.screen, NameScreen)

        # Name: a family, a finer word, own words skipped, what's under it, the need, 7/10.
        await keys(pilot, "enter", "down", "enter", "enter", "enter", "down", "enter", "7", "enter")
        assert isinstance(app.screen, ReframeScreen)

        # Reframe: the thought, their words (and the wish), the cycle, two kind lines.
        await type_text(pilot, "you don't care about our plans")
        await keys(pilot, "enter", "enter")
        said = "You never spend time with me"
        await type_text(pilot, said)
        await keys(pilot, "enter", "enter", "enter", "enter", "enter")
        assert isinstance(app.screen, RespondScreen)

        # Respond: feeling and need arrive from Name; type what it is about, then edit.
        family = pack.feelings.families[0]
        feeling, need = family.words[1].word, pack.needs.options[1].name
        await type_text(pilot, "the plans for Saturday")
        await keys(pilot, "enter")
        await type_text(pilot, " You always decide alone.")
        assert pack.text.hints.criticism in drawn(app.screen.query_one("#hints-body", Static))
        await keys(pilot, "ctrl+r", "enter")  # the first repair phrase
        phrase = pack.repair.groups[0].phrases[0]
        await keys(pilot, "ctrl+p", "escape")
        await keys(pilot, "ctrl+n")
        assert isinstance(app.screen, SummaryScreen)

        # Summary: tag it, finish.
        await keys(pilot, "shift+tab", "space", "ctrl+n")
        assert isinstance(app.screen, HomeScreen)

    record = store.load(sid)
    assert record.status == "completed"
    final = (
        f"I feel {feeling} about the plans for Saturday, and I need {need}."
        f" You always decide alone. {phrase}"
    )
    assert record.step_answers("pause") == {
        "calm_before": 3,
        "flooded": False,
        "choice": "breathe",
        "pattern": pack.breathing.patterns[0].id,
        "calm_after": 6,
    }
    assert record.step_answers("name") == {
        "family": family.id,
        "word": feeling,
        "under": pack.feelings.under_anger[0].word,
        "need": need,
        "intensity": 7,
    }
    reframe = record.step_answers("reframe")
    assert reframe["thought"] == "you don't care about our plans"
    assert reframe["partner_said"] == said
    assert reframe["wish"]
    assert reframe["cycle"] == pack.cycles.options[0].id
    assert reframe["kindness_self"] == pack.lovingkindness.for_self[0]
    assert reframe["kindness_partner"] == pack.lovingkindness.for_partner[0]
    assert record.step_answers("respond") == {
        "feeling": feeling,
        "situation": "the plans for Saturday",
        "need": need,
        "draft": final,
        "repair_used": [phrase],
        "final": final,
        "form": "startup",
    }
    assert record.step_answers("summary") == {"tags": [pack.tags[-1]], "completed": True}
    assert record.tags == [pack.tags[-1]]


async def test_the_one_person_of_a_solo_session_is_named_in_the_packs_words(
    make_app: Any, store: Any, pack: Any
) -> None:
    """The solo seat's name was "You" in the code: a pack in another tongue names it."""
    object.__setattr__(pack.text.app, "solo_name", "Moi")
    for way in ((), ("pause",)):  # Home's "Start now, just me", and `softlanding pause`
        app = make_app(*way)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await keys(pilot, *(() if way else ("enter",)), "6", "enter")  # writes the session
            sid = app.session_id
        record = store.load(sid)
        assert record.kind == "solo" and record.partners == {"A": "Moi"}
