"""The simple wish-behind-the-words match that Reframe falls back on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from softlanding.analysis.bids import match_wish, normalise, wish_or_fallback


@dataclass(frozen=True)
class T:
    match: tuple[str, ...]
    wish: str


TRANSLATIONS = [
    T(("on your phone", "always on your phone"), "attention"),
    T(("never listen", "don't listen"), "understood"),
    T(("never spend time with me",), "miss you"),
    T(("the bills",), "safe future"),
]


def test_a_phrase_anywhere_in_the_words_finds_its_wish() -> None:
    assert match_wish("Why are you ALWAYS on your phone?!", TRANSLATIONS) == "attention"
    assert match_wish("you never listen to me", TRANSLATIONS) == "understood"


def test_curly_apostrophes_and_extra_spaces_still_match() -> None:
    assert match_wish("You don\u2019t   listen", TRANSLATIONS) == "understood"


def test_the_longest_matching_phrase_wins() -> None:
    said = "you're on your phone, you never spend time with me"
    assert match_wish(said, TRANSLATIONS) == "miss you"


def test_only_whole_words_match() -> None:
    assert match_wish("the billsons are coming", TRANSLATIONS) is None
    assert match_wish("I paid the bills.", TRANSLATIONS) == "safe future"


def test_nothing_matching_gives_the_fallback() -> None:
    assert match_wish("can we talk later", TRANSLATIONS) is None
    assert wish_or_fallback("can we talk later", TRANSLATIONS, "gentle fallback") == (
        "gentle fallback"
    )
    assert wish_or_fallback("", TRANSLATIONS, "gentle fallback") == "gentle fallback"


def test_emoji_and_long_text_are_fine() -> None:
    said = "😤😤 " + "blah " * 5000 + "you never listen 💔"
    assert match_wish(said, TRANSLATIONS) == "understood"


def test_the_shipped_pack_hears_common_complaints(pack: Any) -> None:
    bids = pack.bids
    wishes = {t.wish for t in bids.translations}
    for said in (
        "You never spend time with me",
        "You're always on your phone",
        "I do everything around here",
        "You always take your mother's side",
    ):
        assert match_wish(said, bids.translations) in wishes, said
    assert normalise("  Hello\u2019s  WORLD ") == "hello's world"


@given(st.text(max_size=300))
def test_any_text_gives_a_known_wish_or_none(said: str) -> None:
    assert match_wish(said, TRANSLATIONS) in {None, *(t.wish for t in TRANSLATIONS)}
