"""The softened start-up's words: what the naming gave it, and the sentence the pack builds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from softlanding.pack.view import Templates

FIELDS = ("feeling", "situation", "need", "request")
ORDER = {
    "startup": ("feeling", "situation", "need"),
    "ofnr": ("situation", "feeling", "need", "request"),
}
UNKNOWN = ("not_sure", "rather_not_say")  # the name step's "no word" answers are not feelings


def real(value: Any) -> bool:
    """Whether `value` is a word the person gave (not blank, not "not sure")."""
    return isinstance(value, str) and bool(value.strip()) and value not in UNKNOWN


def clean(value: str) -> str:
    """A box's words ready for the middle of a sentence (no stray full stop or comma)."""
    return value.strip().rstrip(".,;!").strip()


def named_words(named: Mapping[str, Any]) -> dict[str, str]:
    """The feeling and need named a step ago ("" for each not given)."""
    feeling = next((v for v in (named.get("word"), named.get("under")) if real(v)), "")
    need = str(named["need"]) if real(named.get("need")) else ""
    return {"feeling": str(feeling), "need": need}


def sentence(templates: Templates, form: str, values: Mapping[str, str]) -> str:
    """The sentence of `form` ("startup" or "ofnr") built from each box's words."""
    if form == "ofnr":
        return str(templates.ofnr.template).format(
            observation=values["situation"],
            feeling=values["feeling"],
            need=values["need"],
            request=values["request"],
        )
    return str(templates.softened_startup).format(**values)
