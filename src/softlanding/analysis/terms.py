"""Pack regexes as they are compiled: terms and built-in names filled in, apostrophes dropped.

Also the pack's vocabulary (every word its matchers mention), which the normaliser uses to tell
"sooo" (so) from "alll" (all). Pure Python, so the one-shot `reflect` command stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

APOSTROPHES = "'’‘ʼ`´"

# Built-in names a pack regex may use like a term: where a clause starts or ends.
MACROS: dict[str, str] = {
    "start": r"(?:(?<![\w ])\s*)",  # the start of a clause: text start or after punctuation
    "end": r"(?=\s*(?:[^\w\s]|$))",  # the end of a clause: punctuation, emoji or text end
    "stop": r"(?=\s*(?:[^\w\s,;:(\-]|$))",  # the end of a sentence (a comma does not count)
}

NAME = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_REGEX_WORDS = re.compile(r"[^\W\d_]{2,}")
_ESCAPES = re.compile(r"\\[A-Za-z]")


# Words so common that needing one of them says little about whether a regex can match.
_COMMONEST = (
    "i im ive id ill me my mine you youre youve youd youll your yours u he hes she shes they "
    "theyre we were us our him her them it its the a an to of and or but so is are was be been "
    "am do dont did didnt not no just that this what on in at for with all if can cant will "
    "wont would have has had get got go like"
)
# ... and the next most frequent words of everyday English (only ever a hint for speed).
_COMMON = (
    "about always never again going up out know how one said say says want sorry every make "
    "could even let time leave anything need think really when there then why who back over now "
    "here see come tell talk thing things way more much still too very doing being been from "
    "by as any some something everything nothing only ever one two day today tonight night "
    "last next after before off down why where which their there theres thats whats hes shes "
    "should shouldnt could couldnt wouldnt isnt arent wasnt werent doesnt havent hasnt hadnt "
    "lol ok okay yeah yes please thanks well oh ah hey gonna wanna take took put keep kept "
    "again also though because cause cos even feel felt look looking right good bad home work "
    "love care mean meant stop try trying tried told tells asked ask help"
)
_WEIGHTS = {**dict.fromkeys(_COMMON.split(), 10), **dict.fromkeys(_COMMONEST.split(), 100)}


def rarity(words: frozenset[str]) -> int:
    """How little needing one of `words` says (lower is rarer): common words weigh most; a pair
    of words ("about me") is as rare as the product of its words' weights, in thousandths."""
    get = _WEIGHTS.get
    total = 0
    for word in words:
        if " " in word:
            first, _, second = word.partition(" ")
            total += max(1, get(first, 1) * get(second, 1) // 1000)
        else:
            total += get(word, 1)
    return total


class UnknownName(KeyError):
    """A regex uses `{name}` that is neither a term of the pack nor a built-in macro."""


_NO_APOSTROPHES = str.maketrans("", "", APOSTROPHES)


def is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def strip_apostrophes(text: str) -> str:
    return text.translate(_NO_APOSTROPHES)


def resolve_terms(terms: Mapping[str, str]) -> dict[str, str]:
    """Terms with their own `{names}` filled in; a term may use the terms listed before it."""
    done: dict[str, str] = {}
    for name, source in terms.items():
        done[name] = expand(source, done)
    return done


def expand(source: str, terms: Mapping[str, str]) -> str:
    """A pack regex as it is compiled: apostrophes dropped (text loses them too), names filled."""

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in MACROS:
            return MACROS[name]
        if name in terms:
            return f"(?:{terms[name]})"
        raise UnknownName(name)

    return NAME.sub(fill, strip_apostrophes(source))


def phrase_regex(phrase: str) -> str:
    """A plain phrase as a regex: any run of spaces between words (whole words are checked)."""
    return re.escape(phrase).replace("\\ ", r"\s").replace("\\\n", r"\s")


def vocabulary(section: Any, words: Mapping[str, str]) -> frozenset[str]:
    """Every word the matchers mention, to undo "sooo" as "so" but "alll" as "all"."""
    found: set[str] = set(words) | {w for v in words.values() for w in v.split()}
    stack: list[Any] = [section]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            found.update(w.lower() for w in _REGEX_WORDS.findall(_ESCAPES.sub(" ", item)))
    return frozenset(found)
