"""Together mode's order of turns as plain Python: no app, no screens, no database."""

from __future__ import annotations

from typing import Any

from softlanding.app import flow_for
from softlanding.flow.steps import Turn
from softlanding.flow.together import (
    HANDOVER,
    SCREENS,
    SEQUENCE,
    TogetherFlow,
    anyone_flooded,
)

Answers = dict[tuple[str, str, str], Any]
CALM: Answers = {("A", "pause", "flooded"): False, ("B", "pause", "flooded"): False}


def walk(answers: Answers) -> list[Turn]:
    """Every turn from the first to the end, as the app would meet them."""
    flow, turns = TogetherFlow(), []
    turn: Turn | None = flow.first()
    while turn is not None:
        turns.append(turn)
        turn = flow.after(turn.step, turn.partner, answers)
    return turns


def shown(turn: Turn) -> str:
    """The screen a person actually works in (behind its hand-over, for private turns)."""
    return turn.kwargs.get("then", turn.screen)


def test_the_app_loads_this_flow_for_together_sessions() -> None:
    assert isinstance(flow_for("together"), TogetherFlow)


def test_the_whole_sequence_in_order() -> None:
    positions = [turn.position for turn in walk(CALM)]
    assert positions == [
        "pause",
        "pause@B",
        "together_pause",
        "name",
        "name@B",
        "reveal",
        "reveal@B",
        "revealed",
        "reframe",
        "reframe@B",
        "respond",
        "listen@B",
        "respond@B",
        "listen",
        "closing",
    ]


def test_every_private_turn_opens_behind_a_hand_over_to_its_partner() -> None:
    for turn in walk(CALM):
        if turn.step in ("pause", "name", "reveal", "reframe"):
            assert turn.screen == HANDOVER
            assert turn.kwargs == {"step": turn.step, "then": SCREENS[turn.step], "kind": "private"}


def test_name_and_reframe_reuse_the_solo_screens_for_each_partner() -> None:
    from softlanding.screens.name import NameScreen
    from softlanding.screens.reframe import ReframeScreen
    from softlanding.screens.together.turns import PairNameScreen, PairReframeScreen

    assert issubclass(PairNameScreen, NameScreen)
    assert issubclass(PairReframeScreen, ReframeScreen)
    names = [t for t in walk(CALM) if t.step == "name"]
    assert [(t.partner, shown(t)) for t in names] == [
        ("A", SCREENS["name"]),
        ("B", SCREENS["name"]),
    ]


def test_both_calm_means_one_shared_breathing_pacer() -> None:
    turn = TogetherFlow().after("pause", "B", CALM)
    assert turn == Turn(SCREENS["together_pause"], "together_pause", "A", {"mode": "breathe"})


def test_either_partner_flooded_means_the_break_for_both() -> None:
    for flooded in ("A", "B"):
        answers = {**CALM, (flooded, "pause", "flooded"): True}
        assert anyone_flooded(answers)
        turn = TogetherFlow().after("pause", "B", answers)
        assert turn is not None
        assert turn.kwargs == {"mode": "break"}
    assert not anyone_flooded(CALM)


def test_fear_is_never_part_of_the_flow() -> None:
    # "afraid" is never saved, so the flow cannot (and must not) branch on it: the private
    # pause screen opens the safety screen itself (the Pilot tests cover both partners).
    answers = {**CALM, ("A", "pause", "afraid"): True}
    assert TogetherFlow().after("pause", "B", answers) == TogetherFlow().after("pause", "B", CALM)


def test_speaker_and_listener_swap() -> None:
    flow = TogetherFlow()
    first_speaker = flow.after("reframe", "B", CALM)
    assert first_speaker is not None
    assert (first_speaker.screen, first_speaker.partner) == (HANDOVER, "A")
    assert first_speaker.kwargs["kind"] == "floor"
    assert flow.after("respond", "A", CALM) == Turn(SCREENS["listen"], "listen", "B")
    swap = flow.after("listen", "B", CALM)
    assert swap is not None
    assert (swap.step, swap.partner, swap.kwargs["kind"]) == ("respond", "B", "swap")
    assert flow.after("respond", "B", CALM) == Turn(SCREENS["listen"], "listen", "A")
    assert flow.after("listen", "A", CALM) == Turn(SCREENS["closing"], "closing", "A")
    assert flow.after("closing", "A", CALM) is None  # the end: back to Home


def test_resume_at_bs_name_turn() -> None:
    turn = TogetherFlow().resume("name@B", CALM)
    assert (turn.step, turn.partner, turn.position) == ("name", "B", "name@B")
    assert shown(turn) == SCREENS["name"]
    assert turn.screen == HANDOVER  # whoever sits down first meets "pass the keyboard to B"


def test_resume_after_a_save_wrote_only_the_step_name() -> None:
    # Saving an answer records the bare step, so "name" may stand for either partner.
    flow = TogetherFlow()
    only_a = {**CALM, ("A", "name", "family"): "sad"}
    assert flow.resume("name", only_a).position == "name"
    both = {**only_a, ("B", "name", "family"): "angry"}
    assert flow.resume("name", both).position == "name@B"
    second_listener = {**both, ("B", "listen", "mirror"): "x", ("A", "listen", "mirror"): "y"}
    assert flow.resume("listen", second_listener).position == "listen"
    assert flow.resume("listen", both).position == "listen@B"


def test_resume_shared_turns_and_unknown_places() -> None:
    flow = TogetherFlow()
    flooded = {**CALM, ("B", "pause", "flooded"): True}
    assert flow.resume("together_pause", flooded).kwargs == {"mode": "break"}
    assert flow.resume("closing", CALM) == Turn(SCREENS["closing"], "closing", "A")
    assert flow.resume(None, {}) == flow.first()
    assert flow.resume("summary", {}) == flow.first()


def test_going_back_never_reopens_a_private_turn() -> None:
    flow = TogetherFlow()
    for place in SEQUENCE:
        assert flow.before(place.step, place.partner, CALM) is None


def test_positions_are_unique() -> None:
    positions = [turn.position for turn in walk(CALM)]
    assert len(positions) == len(set(positions))
