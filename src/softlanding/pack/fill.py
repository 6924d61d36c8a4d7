"""Pack text with `{name}` placeholders: the one safe way to fill them in, and the check of them.

Only plain names from a label's known list are ever filled in: no attribute or index access,
no format specs, nothing evaluated. A name the code does not supply is left as it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_PLACEHOLDER = re.compile(r"\{(" + NAME + r")\}")
_BRACED = re.compile(r"\{[^{}]*\}?|\}")  # every brace and what it opens, for the check
_SHOWN = 40  # how much of a bad placeholder a message quotes


def fill(template: str, **values: object) -> str:
    """`template` with each `{name}` given in `values` replaced by its text; nothing else runs."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return _PLACEHOLDER.sub(one, template)


def names_in(template: str) -> set[str]:
    """The plain `{name}` placeholders a text uses."""
    return set(_PLACEHOLDER.findall(template))


def placeholder_problem(template: str, allowed: Iterable[str]) -> str | None:
    """What is wrong with the braces in `template`, in plain words, or None when all is well."""
    known = sorted(set(allowed))
    for match in _BRACED.finditer(template):
        found = match.group(0)
        if found == "}" or not found.endswith("}"):
            return "has a { or } on its own; braces are only for placeholders like {name}."
        inner = found[1:-1]
        if not re.fullmatch(NAME, inner):
            shown = found if len(found) <= _SHOWN else found[: _SHOWN - 1] + "…"
            return (
                f"has the placeholder {shown!r}, but only a plain name in braces can be filled "
                "in (no dots, brackets, colons or spaces)."
            )
        if inner not in known:
            if not known:
                return f"uses {{{inner}}}, but this text fills in no names; remove the braces."
            usable = ", ".join(f"{{{name}}}" for name in known)
            return f"uses {{{inner}}}, which this text cannot fill in; it can use {usable}."
    return None


class Label(str):
    """Pack text whose `.format()` goes through `fill`: unknown names stay, nothing is evaluated."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:  # noqa: ARG002 - no positional {}
        return fill(self, **kwargs)
