"""The contexts in which the pattern model may overrule the rules: someone else's words (quoted
or reported), a third party, teasing between people who love each other, owning one's part,
fiction, praise, a timed pause. Plain word sets, read over a message's normalised words."""

from __future__ import annotations

from collections.abc import Iterable

_REPORT = frozenset(("said", "says", "told", "tells", "asked", "goes", "texted", "wrote", "like"))
_REPORTER = frozenset(
    [
        "she",
        "he",
        "they",
        "mum",
        "mom",
        "dad",
        "boss",
        "friend",
        "sister",
        "brother",
        "mate",
        "manager",
        "colleague",
        "coworker",
        "teacher",
        "neighbour",
        "neighbor",
        "landlord",
        "nan",
        "gran",
        "grandma",
        "mother",
        "father",
        "aunt",
        "uncle",
        "cousin",
    ]
)
_THIRD = frozenset(
    [
        "mum",
        "mom",
        "dad",
        "boss",
        "sister",
        "brother",
        "mate",
        "manager",
        "colleague",
        "coworker",
        "colleagues",
        "coworkers",
        "teacher",
        "neighbour",
        "neighbor",
        "landlord",
        "nan",
        "gran",
        "grandma",
        "mother",
        "father",
        "aunt",
        "uncle",
        "cousin",
        "friend",
        "friends",
        "flatmate",
        "roommate",
        "kids",
        "son",
        "daughter",
        "inlaws",
        "ex",
    ]
)
_AFFECTION = frozenset(
    [
        "x",
        "xx",
        "xxx",
        "babe",
        "babes",
        "hun",
        "honey",
        "darling",
        "sweetheart",
        "cutie",
        "dork",
        "goof",
        "❤",
        "♥",
        "😘",
        "😍",
        "🥰",
        "💕",
        "💖",
        "😉",
        "😜",
        "😛",
        "🙃",
        "😂",
        "🤣",
        "😆",
        "😅",
        "😁",
    ]
)
_TEASE = frozenset(("kidding", "joking", "teasing", "tease", "banter", "jk", "joke", "_laugh"))
_PRAISE = frozenset(
    [
        "thank",
        "thanks",
        "thankyou",
        "proud",
        "grateful",
        "appreciate",
        "appreciated",
        "impressed",
        "blush",
        "meant",
        "sweet",
        "thoughtful",
        "❤",
        "♥",
        "🥰",
        "😍",
        "💕",
        "💖",
    ]
)
_PAUSE = frozenset(
    [
        "minutes",
        "mins",
        "min",
        "hour",
        "hours",
        "later",
        "tomorrow",
        "back",
        "calm",
        "calmer",
        "reset",
    ]
)
_FICTION = frozenset(
    [
        "show",
        "episode",
        "character",
        "characters",
        "contestant",
        "contestants",
        "tv",
        "film",
        "movie",
        "netflix",
        "series",
        "book",
        "novel",
        "season",
        "villain",
    ]
)


def context_features(words: list[str], ruled: Iterable[str] = ()) -> list[str]:
    """The message's context markers ("ctx:quote", "ctx:report", "ctx:third", "ctx:tease",
    "ctx:own", "ctx:fiction", "ctx:praise", "ctx:pause") and each one crossed with each pattern
    the rules found."""
    ctx: set[str] = set()
    prev = ""
    for w in words:
        if w.startswith("_quote"):
            ctx.add("quote")
        elif w in _REPORT and prev in _REPORTER:
            ctx.add("report")
        if w in _THIRD and prev in ("my", "his", "her", "their", "our", "the"):
            ctx.add("third")
        if w in _TEASE:
            ctx.add("tease")
        if w in _AFFECTION or (w == "you" and prev == "love"):
            ctx.add("affection")
        if w in _FICTION:
            ctx.add("fiction")
        if w in _PRAISE:
            ctx.add("praise")
        if w in _PAUSE or (w == "talk" and prev in ("then", "lets", "well", "can")):
            ctx.add("pause")
        if prev == "i" and w in ("know", "was", "shouldnt", "get", "tend", "admit", "realise"):
            ctx.add("own")
        if prev in ("im", "i") and w in ("sorry", "wrong"):
            ctx.add("own")
        prev = w
    if "affection" in ctx and "tease" in ctx:
        ctx.add("tease_love")
    out = ["ctx:" + c for c in sorted(ctx)]
    return out + ["rule:" + k + "&" + c for k in sorted(ruled) for c in sorted(ctx)]


_OVERRULING = frozenset(
    ("ctx:quote", "ctx:report", "ctx:third", "ctx:tease", "ctx:own", "ctx:fiction", "ctx:praise")
)


def has_context(feats: Iterable[str]) -> bool:
    """Whether the message's features hold a context in which the model may overrule a rule."""
    return any(f in _OVERRULING for f in feats)
