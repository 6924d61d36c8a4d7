"""A softer way to say a flagged message that keeps its point: the topic and the real request.

The frames (every word but the message's own) come from the pack's `analysis.rewrite_frames`.
Here we only find, in the message, what is asked for ("call the plumber") and what it is about
("the plumber"), and fill a frame for the pattern found: an "I" statement with a specific ask
for criticism, the hurt under the scorn for contempt, "You're right that I…" for defensiveness,
a timed pause for stonewalling, and fear, not frustration, for "I feel like you don't love me".
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping

from softlanding.analysis.record import Record

_APOS = re.compile(r"['’‘ʼ`´]")
_SHORT = {"u": "you", "ur": "your", "r": "are", "cuz": "because", "coz": "because", "pls": "please"}
_SHORTHAND = re.compile(r"\b(?:" + "|".join(sorted(_SHORT, key=len, reverse=True)) + r")\b")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _pairs(text: str) -> dict[str, str]:
    return dict(tuple(pair.split(":", 1)) for pair in text.split())  # type: ignore[misc]


# Where the thing asked for stops: joiners, and words that only add heat.
_STOP = _words(
    "and but because cos so when while like as if or again ever either too anymore once lol "
    "lmao haha honestly seriously literally now then even though which who that already yet "
    "instead"
)
_NOT_VERB = _words(
    "the a an i you it so even that this to be is are was were my your me just really actually "
    "ever once not no have has had get got do does did "
    # verbs of mind and heart: "could you care about me?" asks for a feeling, not an action
    "care love like want need mean know understand see seem feel think give respect appreciate "
    "value deserve matter trust believe notice realise realize remember hear make let"
)
_DANGLING = _words("the a an to about of for with my your on at in")
# Past forms people use after "should have" / "didn't": the base form for an ask.
_IRREGULAR = _pairs(
    "done:do did:do paid:pay made:make took:take taken:take gone:go went:go told:tell "
    "said:say bought:buy brought:bring thought:think rang:ring rung:ring put:put left:leave "
    "sent:send kept:keep found:find given:give gave:give come:come came:come known:know "
    "knew:know written:write wrote:write hung:hang fed:feed read:read set:set got:get "
    "emptied:empty tidied:tidy replied:reply"
)
# Verbs ending in a silent e, which "-ed" and "-ing" drop ("making", "shared").
_E_VERBS = _words(
    "make take use share care leave move come give have bake cause close hope save serve wipe "
    "charge change arrange organise organize manage phone drive write ride tidy argue believe "
    "decide promise praise notice place replace smile hate love like live receive prepare "
    "shave state type invite"
)
# Contractions as the message had them before apostrophes were dropped.
_FLIP = _pairs(
    "i:I im:I'm ive:I've id:I'd ill:I'll dont:don't didnt:didn't cant:can't wont:won't "
    "isnt:isn't its:it's youre:you're doesnt:doesn't wasnt:wasn't havent:haven't"
)
_VP = r"((?:\w+\b ?){1,8})"  # the verb phrase asked for, cut at a stop word later
_ASKS = [
    # (regex over cleaned text, the form the phrase's verb is in: base, past or any)
    (r"\byou (?:should|could|shouldve|couldve)(?: have| of)? " + _VP, "past"),
    (
        r"\bwhy (?:cant|dont|wont|can you not|couldnt) you "
        r"(?:ever |just |once |for once |even )*" + _VP,
        "base",
    ),
    (
        r"\b(?:why (?:is it|s it|am i)|whys it) always (?:me|up to me)(?: who| that)?"
        r"(?: has to| have to| having to)? " + _VP,
        "any",
    ),
    (r"\bhow (?:hard|difficult) (?:is it|can it be) to " + _VP, "base"),
    (r"\bwould it kill you to " + _VP, "base"),
    (
        r"\bis it (?:too much|so much|so hard) to ask (?:that |for )?(?:you |u )?(?:to )?" + _VP,
        "any",
    ),
    (r"\b(?:can|could|will|would) you (?:please |just |not )?" + _VP + r"\?", "base"),
    (
        r"\byou (?:never|always forget to|forgot to|didnt|did not|dont|do not|dont ever|"
        r"never once|cant even|couldnt even|wont even|wont|still havent|havent) "
        r"(?:even |ever |actually |bother to |just )*" + _VP,
        "any",
    ),
]
_ASK_RES: list[tuple[re.Pattern[str], str]] = []  # compiled when a flagged message first asks
_TOPIC = re.compile(r"\b(?:the|your|my|our) ([a-z]+)(?: ([a-z]+))?")
# Nouns that name no topic ("the way", "the problem"), and words that end a noun phrase.
_VAGUE = _words(
    "way time one thing things problem trouble point issue fact same only other end whole rest "
    "reason worst best kind sort lot bit day night week moment least most world year majesty "
    "highness lordship idea life head face mouth brain self heart fault mistake blame side own "
    "turn weight word say"
)
_AFTER = _words(
    "on in out back up off at to for with from down over is was are were and again by into of "
    "about as than like because around every all has have had will would can could should did "
    "does do not come comes came go goes went finally only round just still too also now already "
    "then today tonight yet ever never always again really even much more less first last lol "
    "haha though tho"
)
_ADMIT = re.compile(
    r"\bi (?:only |just |wouldnt have |would not have )?(?:raised|forgot|missed|spent|left|"
    r"was late|didnt|did not|broke|lost|said|shouted|snapped|ate|drank|skipped|came home late|"
    r"got home late)\b(?: \w+){0,6}"
)
_ASIDE = re.compile(r"\([^)]{0,80}\)")
_POSSESSIVE = re.compile(r"(\w)['’]s\b")
# Everyday things a fight is about, when the message names one without "the" or "your".
_BARE = re.compile(
    r"\b(?:money|rent|bills|dinner|lunch|breakfast|dishes|washing|laundry|housework|chores|bins|"
    r"kids|toast|birthday|anniversary|christmas|holiday|holidays|weekend|sex|work|football|"
    r"drinking|gaming|pizza|groceries|shopping|budget|mortgage|savings|parents|family|"
    r"friends|cooking|cleaning|tidying|texts|messages|calls|plans|date night|bedtime|homework|"
    r"car|phone|wedding|party|trip|dog|cat|garden|bathroom|kitchen|mess)\b"
)


class Found(Record):
    """What a message asks for and what it is about (each may be empty)."""

    __slots__ = _fields = ("ask", "topic", "admit")
    ask: str
    topic: str
    admit: str

    def __init__(self, ask: str, topic: str, admit: str) -> None:
        object.__setattr__(self, "ask", ask)
        object.__setattr__(self, "topic", topic)
        object.__setattr__(self, "admit", admit)


def clean(text: str) -> str:
    """Lower case, no apostrophes, shorthand spelled out: the form we search."""
    low = _APOS.sub("", text.lower())
    return _SHORTHAND.sub(lambda m: _SHORT[m.group()], low)


_READ_LIMIT = 4000  # a rewrite is one or two sentences: the start of a long paste is enough


def read(text: str, flagged: bool = True) -> Found:
    """What the message asks for, what it is about, and what the speaker owns (the ask and the
    admission only for a flagged message: nothing is rewritten otherwise)."""
    text = text[:_READ_LIMIT]
    topic = _topic(clean(_POSSESSIVE.sub(r"\1", text)))  # "the car's" is "the car"
    if not flagged:
        return Found("", topic, "")
    low = clean(text)
    return Found(_ask(low), topic, _admit(low))


def _ask(low: str) -> str:
    if not _ASK_RES:
        _ASK_RES.extend((re.compile(p), form) for p, form in _ASKS)
    for regex, form in _ASK_RES:
        for m in regex.finditer(low):
            words = _phrase(m.group(1).split())
            if words and words[0] not in _NOT_VERB:
                return " ".join(_pretty(w) for w in [_base(words[0], form), *words[1:]])
    return ""


def _phrase(words: list[str]) -> list[str]:
    """The verb phrase up to the first stop word, without a dangling joiner."""
    out: list[str] = []
    for w in words:
        if w in _STOP or (out and w in ("me", "you") and out[-1] in ("me", "you")):
            break
        out.append(w)
    while out and out[-1] in _DANGLING:
        out.pop()
    return out


def _base(verb: str, form: str) -> str:
    if verb in _IRREGULAR and form in ("past", "any"):
        return _IRREGULAR[verb]
    if form in ("past", "any") and verb.endswith("ed") and len(verb) > 4:
        stem = verb[:-2]
        return _undoubled(stem)
    if form == "any" and verb.endswith("ing") and len(verb) > 5:
        stem = verb[:-3]
        return _undoubled(stem)
    if form == "any" and verb.endswith("s") and not verb.endswith("ss") and len(verb) > 3:
        return verb[:-1]
    return verb


def _undoubled(stem: str) -> str:
    """ "stopp" -> "stop" and "mak" -> "make", but "call", "kiss", "fill" stay as they are."""
    if stem + "e" in _E_VERBS:
        return stem + "e"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
        return stem[:-1]
    return stem


def _topic(low: str) -> str:
    """The first "the/your/my X (Y)" naming a thing ("the plumber", "the electric bill"), else
    the first everyday thing named bare ("money"); never inside (stage directions)."""
    low = _ASIDE.sub(" ", low)
    for m in _TOPIC.finditer(low):
        first, second = m.group(1), m.group(2)
        head = m.group().split()[0]
        if (
            first in _VAGUE
            or first in _STOP
            or first in _NOT_VERB
            or low[: m.start()].endswith("of ")
        ):
            continue
        words = [head, first]
        if second and second not in _AFTER | _STOP | _NOT_VERB and not second.endswith("ing"):
            words.append(second)
        return " ".join(words)
    bare = _BARE.search(low)
    return bare.group() if bare else ""


def _admit(low: str) -> str:
    m = _ADMIT.search(low)
    if not m:
        return ""
    words = _phrase(m.group().split()[1:])
    return " ".join(_pretty(w) for w in words) if words else ""


def _pretty(word: str) -> str:
    return _FLIP.get(word, word)


def choose(frames: list[str], key: str) -> str:
    """One frame, the same one for the same message (variety without randomness)."""
    return frames[zlib.crc32(key.encode("utf-8", "replace")) % len(frames)] if frames else ""


def fill(frame: str, values: Mapping[str, str]) -> str:
    out = frame
    for name, value in values.items():
        out = out.replace("{" + name + "}", value)
    out = re.sub(r"\s+([,.?!])", r"\1", re.sub(r" {2,}", " ", out)).strip()
    out = out[:1].upper() + out[1:]
    return out if out.endswith((".", "?", "!")) else out + "."
