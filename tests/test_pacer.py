"""The pacer's timing maths (pure), and that the widget says when it is finished."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from softlanding.widgets.pacer import (
    DONE,
    BreathingPacer,
    bubble,
    pacer_state,
    phases,
    rounds,
    total_seconds,
)


def pattern(inhale=4.0, hold_in=0.0, exhale=6.0, hold_out=0.0, cycles=3) -> SimpleNamespace:
    return SimpleNamespace(
        inhale=inhale, hold_in=hold_in, exhale=exhale, hold_out=hold_out, cycles=cycles
    )


BOX = pattern(4, 4, 4, 4, cycles=4)


def test_zero_length_holds_are_skipped() -> None:
    assert [name for name, _ in phases(pattern())] == ["inhale", "exhale"]
    assert [name for name, _ in phases(BOX)] == ["inhale", "hold_in", "exhale", "hold_out"]


@pytest.mark.parametrize(
    ("elapsed", "phase", "left", "cycle"),
    [
        (0.0, "inhale", 4.0, 1),
        (3.5, "inhale", 0.5, 1),
        (4.0, "hold_in", 4.0, 1),
        (9.0, "exhale", 3.0, 1),
        (12.0, "hold_out", 4.0, 1),
        (15.9, "hold_out", 0.1, 1),
        (16.0, "inhale", 4.0, 2),
        (63.0, "hold_out", 1.0, 4),
    ],
)
def test_box_breathing_phase_seconds_and_round(elapsed, phase, left, cycle) -> None:
    state = pacer_state(BOX, elapsed)
    assert (state.phase, state.cycle, state.cycles) == (phase, cycle, 4)
    assert state.seconds_left == pytest.approx(left)


def test_with_no_holds_the_breath_out_follows_the_breath_in() -> None:
    p = pattern(inhale=5.5, exhale=5.5, cycles=6)
    assert pacer_state(p, 5.49).phase == "inhale"
    assert pacer_state(p, 5.5).phase == "exhale"
    assert pacer_state(p, 11.0).phase == "inhale"
    assert pacer_state(p, 11.0).cycle == 2


def test_shape_grows_on_the_breath_in_stays_on_hold_and_shrinks_on_the_breath_out() -> None:
    assert pacer_state(BOX, 0).fullness == pytest.approx(0.0)
    assert pacer_state(BOX, 2).fullness == pytest.approx(0.5)
    assert pacer_state(BOX, 1).fullness < pacer_state(BOX, 3).fullness
    assert pacer_state(BOX, 6).fullness == pytest.approx(1.0)
    assert pacer_state(BOX, 9).fullness > pacer_state(BOX, 11).fullness
    assert pacer_state(BOX, 14).fullness == pytest.approx(0.0)


def test_it_ends_after_the_last_round() -> None:
    assert total_seconds(BOX) == 64
    assert not pacer_state(BOX, 63.99).finished
    end = pacer_state(BOX, 64)
    assert end.finished and end.phase == DONE
    assert (end.cycle, end.seconds_left, end.fullness) == (4, 0.0, 0.0)
    assert pacer_state(BOX, 1000).finished


def test_never_more_rounds_than_the_pack_allows() -> None:
    four_seven_eight = pattern(4, 7, 8, 0, cycles=4)
    assert rounds(four_seven_eight, 10) == 4
    assert rounds(four_seven_eight, 2) == 2
    assert rounds(four_seven_eight, 0) == 4
    assert total_seconds(four_seven_eight, cycles=99) == 19 * 4
    assert pacer_state(four_seven_eight, 19 * 4).finished
    assert pacer_state(four_seven_eight, 19, cycles=1).finished


def test_negative_time_is_the_start() -> None:
    assert pacer_state(BOX, -3).phase == "inhale"
    assert pacer_state(BOX, -3).seconds_left == pytest.approx(4.0)


def test_bubble_grows_from_a_dot_to_the_full_width() -> None:
    small, half, large = (bubble(f, 48).split("\n") for f in (0.0, 0.5, 1.0))
    assert small == ["", "██", ""]
    assert large[1] == "█" * 48 and large[0] == "▄" * 46 and large[2] == "▀" * 46
    assert 2 < len(half[1]) < 48 and len(half[1]) % 2 == 0


async def test_widget_posts_finished_at_the_end() -> None:
    from textual.app import App, ComposeResult

    finished: list[BreathingPacer.Finished] = []

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield BreathingPacer(pattern(1, 0, 1, 0, cycles=1), elapsed=1.8, id="pacer")

        def on_breathing_pacer_finished(self, event: BreathingPacer.Finished) -> None:
            finished.append(event)

    app = One()
    async with app.run_test() as pilot:
        for _ in range(30):
            await pilot.pause(0.05)
            if finished:
                break
        assert len(finished) == 1
        assert app.query_one(BreathingPacer).state.finished


async def test_paused_widget_stays_put_and_reduced_motion_hides_the_shape() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield BreathingPacer(
                BOX,
                elapsed=5.0,
                paused=True,
                reduced_motion=True,
                count_text="{seconds}|{cycle}|{cycles}",
            )

    app = One()
    async with app.run_test() as pilot:
        await pilot.pause(0.3)
        pacer = app.query_one(BreathingPacer)
        assert pacer.elapsed == 5.0
        assert str(pacer.query_one("#pacer-count", Static).render()) == "3|1|4"
        assert not pacer.query_one("#pacer-shape").display
        pacer.reduced_motion = False
        await pilot.pause()
        assert pacer.query_one("#pacer-shape").display
