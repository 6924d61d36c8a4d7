"""Small things every command says the same way: counts in words, notices, questions."""

from __future__ import annotations

import sys
from typing import Any

from softlanding.pack.fill import fill


def counted(cli: dict[str, str], key: str, count: int, **fields: Any) -> str:
    """The label for `count` things: its `_one` form for exactly one ("1 session")."""
    label = cli.get(f"{key}_one") if count == 1 else None
    return fill(label or cli[key], count=count, **fields)


def notice(store: Any) -> None:
    """What the store did on opening that the person must know (a damaged file set aside)."""
    if getattr(store, "notice", None):
        print(store.notice, file=sys.stderr)


def confirmed(question: str, cli: dict[str, str], yes: bool, prompt_key: str = "ask_type") -> bool:
    """--yes, or a person at a terminal typing a yes word (any case); never a silent default."""
    if yes:
        return True
    if not sys.stdin.isatty():
        print(cli["needs_yes"], file=sys.stderr)
        return False
    print(question)
    try:
        answer = input(cli[prompt_key])
    except EOFError:
        answer = ""
    return answer.strip().lower() in yes_words(cli["answer_yes"])


def yes_words(listed: str) -> set[str]:
    """The answers that mean yes, from a pack label like "y|yes" (blank ones never count)."""
    return {word.strip().lower() for word in listed.split("|") if word.strip()}
