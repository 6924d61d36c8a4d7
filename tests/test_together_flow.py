"""Together mode's order of turns as plain Python: no app, no screens, no database."""

from __future__ import annotations

from typing import Any

from softlanding.flow.session import flow_for
from softlanding.flow.steps import Turn
from softlanding.flow.together import TogetherFlow, anyone_flooded, progress
from softlanding.screens import registry
from softlanding.screens.together.handover import HandoverScreen

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
    return registry.screen_for(turn.entered()).__name__


def test_the_app_loads_this_flow_for_together_sessions() -> None:
    assert isinstance(flow_for("together"), TogetherFlow)


def test_the_whole_sequence_in_order() -> None:
    positions = [turn.position for turn in walk(CALM)]
    assert positions == [
        "way@A",
        "keep@A",
        "pause@A",
        "keep@B",
        "pause@B",
        "together_pause@A",
        "name@A",
        "name@B",
        "reveal@A",
        "reveal@B",
        "revealed@A",
        "reframe@A",
        "reframe@B",
        "respond@A",
        "listen@B",
        "respond@B",
        "listen@A",
        "closing@A",
    ]


def test_every_private_turn_opens_behind_a_hand_over_to_its_partner() -> None:
    turns = walk(CALM)
    for before, turn in zip([None, *turns], turns, strict=False):
        if turn.step in ("keep", "name", "reveal", "reframe"):
            assert registry.screen_for(turn) is HandoverScreen
            assert (turn.opens, turn.for_seats) == ("private", (turn.partner,))
        if turn.step == "pause":  # the same partner goes on from choosing how words are kept
            assert shown(turn) == "PairPauseScreen" and turn.opens == ""
            assert before is not None and (before.step, before.partner) == ("keep", turn.partner)


def test_a_resumed_pause_turn_opens_behind_its_hand_over() -> None:
    turn = TogetherFlow().resume("pause@B", CALM)
    assert registry.screen_for(turn) is HandoverScreen and turn.partner == "B"
    assert turn.opens == "private"


def test_name_and_reframe_reuse_the_solo_screens_for_each_partner() -> None:
    from softlanding.screens.name import NameScreen
    from softlanding.screens.reframe import ReframeScreen
    from softlanding.screens.together.turns import PairNameScreen, PairReframeScreen

    assert issubclass(PairNameScreen, NameScreen)
    assert issubclass(PairReframeScreen, ReframeScreen)
    names = [t for t in walk(CALM) if t.step == "name"]
    assert [(t.partner, shown(t)) for t in names] == [
        ("A", "PairNameScreen"),
        ("B", "PairNameScreen"),
    ]


def test_both_calm_means_one_shared_breathing_pacer() -> None:
    turn = TogetherFlow().after("pause", "B", CALM)
    assert turn == Turn("together_pause", "A", flow="together", mode="breathe", seats=("A", "B"))


def test_either_partner_flooded_means_the_break_for_both() -> None:
    for flooded in ("A", "B"):
        answers = {**CALM, (flooded, "pause", "flooded"): True}
        assert anyone_flooded(answers)
        turn = TogetherFlow().after("pause", "B", answers)
        assert turn is not None
        assert turn.mode == "break"
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
    assert (first_speaker.opens, first_speaker.partner) == ("floor", "A")
    listen_b = Turn("listen", "B", flow="together", seats=("B", "A"))
    assert flow.after("respond", "A", CALM) == listen_b
    swap = flow.after("listen", "B", CALM)
    assert swap is not None
    assert (swap.step, swap.partner, swap.opens) == ("respond", "B", "swap")
    listen_a = Turn("listen", "A", flow="together", seats=("A", "B"))
    assert flow.after("respond", "B", CALM) == listen_a
    closing = Turn("closing", "A", flow="together", seats=("A", "B"))
    assert flow.after("listen", "A", CALM) == closing
    assert flow.after("closing", "A", CALM) is None  # the end: back to Home


def test_resume_at_bs_name_turn() -> None:
    turn = TogetherFlow().resume("name@B", CALM)
    assert (turn.step, turn.partner, turn.position) == ("name", "B", "name@B")
    assert shown(turn) == "PairNameScreen"
    assert turn.opens == "private"  # whoever sits down first meets "pass the keyboard to B"


def test_resume_after_a_save_wrote_only_the_step_name() -> None:
    # Sessions saved before places named both partners may hold a bare step ("name").
    flow = TogetherFlow()
    only_a = {**CALM, ("A", "name", "family"): "sad"}
    assert flow.resume("name", only_a).position == "name@A"
    both = {**only_a, ("B", "name", "family"): "angry"}
    assert flow.resume("name", both).position == "name@B"
    assert flow.resume("reveal@A", both).position == "reveal@A"  # named: never guessed
    second_listener = {**both, ("B", "listen", "mirror"): "x", ("A", "listen", "mirror"): "y"}
    assert flow.resume("listen", second_listener).position == "listen@A"
    assert flow.resume("listen", both).position == "listen@B"


def test_resume_shared_turns_and_unknown_places() -> None:
    flow = TogetherFlow()
    flooded = {**CALM, ("B", "pause", "flooded"): True}
    assert flow.resume("together_pause", flooded).mode == "break"
    closing = Turn("closing", "A", flow="together", seats=("A", "B"))
    assert flow.resume("closing", CALM) == closing
    assert flow.resume(None, {}) == flow.first()
    assert flow.resume("summary", {}) == flow.first()


def test_going_back_never_reopens_a_private_turn() -> None:
    """Esc leaves a turn only for its own hand-over (which shows nothing of anyone's words),
    or on the short way for the same speaker's naming, said aloud."""
    for answers in (CALM, SHORT_WAY):
        flow = TogetherFlow()
        for turn in walk(answers):
            earlier = flow.before(turn.step, turn.partner, answers)
            if earlier is None:
                continue
            assert earlier.partner == turn.partner
            if earlier.step == turn.step:
                assert earlier.opens in ("private", "floor", "swap")
                assert registry.screen_for(earlier) is HandoverScreen
            else:
                assert (earlier.step, turn.step, earlier.opens) == ("feel", "respond", "")
    full = TogetherFlow()
    assert full.before("pause", "A", CALM) is None  # never back into the keep choice
    assert full.before("listen", "B", CALM) is None  # nor past the other's words
    assert full.before("way", "A", CALM) is None


SHORT_WAY: Answers = {("A", "way", "way"): "short", ("A", "way", "check"): "hurry"}


def test_the_short_way_in_order() -> None:
    positions = [turn.position for turn in walk(SHORT_WAY)]
    assert positions == [
        "way@A",
        "pause@A",
        "pause@B",
        "together_pause@A",
        "feel@A",
        "respond@A",
        "listen@B",
        "feel@B",
        "respond@B",
        "listen@A",
        "closing@A",
    ]
    turns = walk(SHORT_WAY)
    # each alone, behind a hand-over, asked only whether they are afraid
    assert [(t.mode, t.opens) for t in turns[1:3]] == [("fear", "private")] * 2
    assert turns[3].mode == "breathe"
    assert [t.opens for t in turns if t.step == "feel"] == ["floor", "swap"]
    assert [shown(t) for t in turns if t.step == "feel"] == ["FeelScreen", "FeelScreen"]
    flooded = {**SHORT_WAY, ("A", "way", "check"): "flooded"}
    assert walk(flooded)[3].mode == "break"  # one of them flooded: a real break for both


def test_resume_honours_the_way() -> None:
    flow = TogetherFlow()
    resumed = flow.resume("respond@B", SHORT_WAY)
    assert (resumed.step, resumed.partner, resumed.opens) == ("respond", "B", "floor")
    assert flow.after("respond", "B", SHORT_WAY) == Turn(
        "listen", "A", flow="together", seats=("A", "B")
    )
    assert flow.after("listen", "A", SHORT_WAY).step == "closing"  # type: ignore[union-attr]
    # the same place on the full way goes on to the listener's validating, then closing
    assert flow.after("listen", "A", CALM).step == "closing"  # type: ignore[union-attr]
    assert flow.after("way", "A", CALM).step == "keep"  # type: ignore[union-attr]
    assert flow.after("way", "A", SHORT_WAY).step == "pause"  # type: ignore[union-attr]
    assert flow.after("pause", "B", SHORT_WAY).step == "together_pause"  # type: ignore[union-attr]
    assert flow.resume("way@A", {}).step == "way"


def test_progress_counts_the_parts_of_the_chosen_path() -> None:
    assert progress("way", "A", CALM) is None  # before a path is chosen
    assert progress("keep", "A", CALM) == (1, 7)
    assert progress("name", "B", CALM) == (3, 7)
    assert progress("closing", "A", CALM) == (7, 7)
    assert progress("together_pause", "A", SHORT_WAY) == (1, 4)
    assert progress("listen", "B", SHORT_WAY) == (2, 4)
    assert progress("feel", "B", SHORT_WAY) == (3, 4)
    assert progress("name", "A", SHORT_WAY) is None  # not a place on the short way


def test_positions_are_unique() -> None:
    positions = [turn.position for turn in walk(CALM)]
    assert len(positions) == len(set(positions))
