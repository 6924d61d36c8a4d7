"""The after-the-fight talk's order: turns for both, listener answers, a solo version."""

from __future__ import annotations

import pytest

from softlanding.flow.after import questions, stages_of
from softlanding.pack.loader import load_view
from softlanding.pack.view_after import AfterTalk


@pytest.fixture
def talk() -> AfterTalk:
    return load_view().after


def test_each_partner_speaks_and_the_other_sums_up(talk: AfterTalk) -> None:
    views = [(q.ask.id, q.seat, q.about) for q in questions(talk, "together") if q.stage == "views"]
    first = [("my_view", "A", "A"), ("heard_back", "B", "A"), ("makes_sense", "B", "A")]
    second = [("my_view", "B", "B"), ("heard_back", "A", "B"), ("makes_sense", "A", "B")]
    assert views == first + second


def test_every_answer_has_its_own_place(talk: AfterTalk) -> None:
    keys = [(q.stage, q.key) for q in questions(talk, "together")]
    assert len(keys) == len(set(keys))


def test_the_pair_answers_the_plan_once(talk: AfterTalk) -> None:
    plan = [q.ask.id for q in questions(talk, "together") if q.stage == "plan"]
    assert plan.count("when") == 1 and plan.count("starter") == 1 and plan.count("opening") == 2


def test_preparing_alone_asks_only_what_has_solo_words(talk: AfterTalk) -> None:
    solo = questions(talk, "solo")
    assert {q.seat for q in solo} == {"A"}
    assert all(q.ask.solo for q in solo)
    assert "accepted" not in {q.ask.id for q in solo}
    assert stages_of(solo) == [stage.id for stage in talk.stages]


def test_apology_is_offered_and_answered(talk: AfterTalk) -> None:
    ids = [q.ask.id for q in questions(talk, "together") if q.stage == "my_part"]
    assert ids.index("sorry") < ids.index("accepted") < ids.index("still_need")
