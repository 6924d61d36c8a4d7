"""Hear the wish behind a complaint: a simple phrase match over the pack's bid translations."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol

# Curly quotes typed on phones and Macs should match the straight ones in the pack.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})


class Translation(Protocol):
    """One entry of `bids.translations`: phrases to look for, and the wish they may carry."""

    @property
    def match(self) -> Sequence[str]: ...

    @property
    def wish(self) -> str: ...


def normalise(text: str) -> str:
    """Lower-case, straight quotes, single spaces: the form both sides are compared in."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split())


def match_wish(text: str, translations: Sequence[Translation]) -> str | None:
    """The wish whose phrase appears in `text` (the longest phrase wins), or None."""
    said = normalise(text)
    best: tuple[int, str] | None = None
    for translation in translations:
        for phrase in translation.match:
            wanted = normalise(phrase)
            if not wanted or not _contains(said, wanted):
                continue
            if best is None or len(wanted) > best[0]:
                best = (len(wanted), translation.wish)
    return None if best is None else best[1]


def wish_or_fallback(text: str, translations: Sequence[Translation], fallback: str) -> str:
    """The matched wish, or the pack's gentle fallback when nothing matches."""
    return match_wish(text, translations) or fallback


def _contains(said: str, phrase: str) -> bool:
    # Whole words only: a phrase must never match the middle of a longer word.
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", said) is not None
