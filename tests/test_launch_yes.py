"""The question before taking over another open window: only a yes word says yes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from softlanding.launch import _asker


@pytest.mark.parametrize(
    ("listed", "typed", "yes"),
    [
        ("y|yes", "y", True),
        ("y|yes", " YES ", True),
        ("y|yes", "", False),
        ("y|yes", "no", False),
        ("y|", "", False),  # a stray bar in a user pack never lets a bare Enter take over
        ("|y||", "  ", False),
    ],
)
def test_only_a_yes_word_takes_over(
    monkeypatch: pytest.MonkeyPatch, listed: str, typed: str, yes: bool
) -> None:
    monkeypatch.setattr("builtins.input", lambda _question: typed)
    assert _asker(SimpleNamespace(answer_yes=listed))("Take over? ") is yes


def test_end_of_input_is_a_no(monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(_question: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", closed)
    assert _asker(SimpleNamespace(answer_yes="y|yes"))("Take over? ") is False
