"""How the talk after the fight looks at 80×24."""

from __future__ import annotations


def test_after_start(snap_compare, make_app) -> None:
    assert snap_compare(make_app(start="after"), terminal_size=(80, 24))


def test_after_feelings_question(snap_compare, make_app) -> None:
    names = ["enter", *"Alex", "enter", *"Sam", "enter"]
    press = [*names, "space", "down", "down", "space"]
    assert snap_compare(make_app(start="after"), terminal_size=(80, 24), press=press)


def test_after_preparing_alone(snap_compare, make_app) -> None:
    press = ["down", "enter", "space", "enter", *"I was tired and it came out sharp", "enter"]
    assert snap_compare(make_app(start="after"), terminal_size=(80, 24), press=press)
