"""Seeded sessions with fixed times, shared by the history, archive and patterns tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

CANARY = "CANARY-zebra-7319-private"  # a private note's words: must never leak by default
SAM_PASSPHRASE = "sam's own passphrase"  # seals Sam's note (opens it in show/export --open)


def sealed_note() -> dict[str, str]:
    """Sam's private note, sealed as the together flow seals it (only ciphertext is stored)."""
    from softlanding.store import seal

    salt = seal.new_salt()
    return seal.seal_with_key(seal.derive(SAM_PASSPHRASE, salt), salt, CANARY)


SAID = "CANARY-walrus-5521-said"  # typed words that `forget` must remove from the file bytes
NOW = datetime(2025, 3, 31, 12, 0, tzinfo=UTC)  # "now" for anything that counts back in time


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=UTC)


def seed(store: Any) -> dict[str, str]:
    """Five sessions of every kind and ending; returns their ids by name."""
    ids = {
        "solo": _solo_with_break(store),
        "together": _together(store),
        "reflect": _reflect(store),
        "breathing": _solo_breathing(store),
        "abandoned": _abandoned(store),
    }
    return ids


def _solo_with_break(store: Any) -> str:
    sid = store.create_session("solo", tags=["money", "chores"], started_at=at(3, 3, 21, 40))
    store.save_answers(sid, "pause", {"calm_before": 3, "flooded": True, "choice": "break"})
    store.save_answers(
        sid,
        "pause",
        {
            "break_minutes": 30,
            "return_at": "2025-03-03T22:10:00+00:00",
            "returned_at": "2025-03-03T22:12:00+00:00",
            "calm_after": 7,
        },
    )
    store.save_answers(
        sid,
        "name",
        {"family": "hurt", "word": "let down", "under": "loneliness", "need": "connection"},
    )
    store.save_answers(sid, "name", {"intensity": 7, "own_words": "Like I *don't* matter"})
    store.save_answers(
        sid,
        "reframe",
        {
            "thought": "I'm having the thought that they don't care",
            "partner_said": SAID,
            "wish": "to feel heard",
            "cycle": "pursue_withdraw",
            "kindness_self": "May I be gentle with myself",
            "kindness_partner": "May you be at ease",
        },
    )
    store.save_answers(
        sid,
        "respond",
        {
            "feeling": "lonely",
            "situation": "the evenings",
            "need": "time together",
            "draft": "I feel lonely",
            "final": "I feel lonely about the evenings and I need time together",
            "repair_used": ["I feel"],
            "form": "startup",
        },
    )
    store.save_answers(sid, "summary", {"tags": ["money", "chores"], "completed": True})
    store.finish(sid, "completed")
    return str(sid)


def _together(store: Any) -> str:
    sid = store.create_session(
        "together", partners=[("A", "Alex"), ("B", "Sam")], started_at=at(3, 5, 8, 0)
    )
    store.save_answers(sid, "pause", {"calm_before": 4, "calm_after": 6}, partner="A")
    store.save_answers(sid, "pause", {"calm_before": 2, "calm_after": 5}, partner="B")
    store.save_answers(sid, "name", {"word": "stung", "need": "respect"}, partner="A")
    store.save_answers(sid, "name", {"word": "worried", "need": "reassurance"}, partner="B")
    store.save_answer(sid, "name", "note", sealed_note(), partner="B", private=True)
    store.save_answer(sid, "closing", "appreciation", "You made tea", partner="A")
    store.set_tags(sid, ["family"])
    store.finish(sid, "completed")
    return str(sid)


def _reflect(store: Any) -> str:
    sid = store.create_session("reflect", started_at=at(3, 7, 13, 15))
    analysis = {
        "patterns": [{"kind": "criticism", "match": "you never"}],
        "bid": "a wish for time together",
        "rewrite": "I miss you and I'd love an evening together.",
        "question": "What do you most want them to understand?",
    }
    store.save_answers(sid, "reflect", {"text": "you never listen", "analysis": analysis})
    store.finish(sid, "completed")
    return str(sid)


def _solo_breathing(store: Any) -> str:
    sid = store.create_session("solo", tags=["work"], started_at=at(2, 20, 23, 30))
    store.save_answers(
        sid, "pause", {"calm_before": 2, "choice": "breathe", "pattern": "box", "calm_after": 6}
    )
    store.save_answers(sid, "name", {"family": "angry", "word": "frustrated", "need": "rest"})
    store.finish(sid, "completed")
    return str(sid)


def _abandoned(store: Any) -> str:
    sid = store.create_session("solo", started_at=at(2, 10, 19, 5))
    store.save_answer(sid, "pause", "calm_before", 5)
    store.finish(sid, "abandoned")
    return str(sid)


async def open_history(pilot: Any) -> None:
    """From Home, move to "Look back at earlier sessions" and press Enter, as a person would."""
    from textual.widgets import OptionList

    menu = pilot.app.screen.query_one(OptionList)
    target = menu.get_option_index("history")
    await pilot.press(*["down"] * (target - (menu.highlighted or 0)), "enter")
    await pilot.pause()
