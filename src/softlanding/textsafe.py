"""Text safe to show: control characters made visible, so saved words never drive a terminal.

An ESC or C1 byte in an answer, an import or a pack could clear the screen, retitle the window
or write the clipboard (OSC 52) when printed. Each is swapped for one visible character, so the
text keeps its length (highlight spans stay put); newline and tab stay, as do emoji and the
zero-width joiners inside them. Bidirectional overrides, which reorder what follows them, go too.
"""

from __future__ import annotations

import re
import unicodedata

_KEEP = "\n\t"


def _table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEEP}
    table[0x7F] = "\u2421"  # ␡
    table.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1: no pictures exist
    # Bidirectional overrides and isolates: a name holding U+202E prints the rest backwards
    table.update({code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
    return table


_VISIBLE = _table()


def visible(text: str) -> str:
    """`text` with every C0/C1 control (but newline and tab) shown as a visible character."""
    return text.translate(_VISIBLE)


# Short fields (a name, a tag, a label) are one line: a newline in one could forge a heading.
_ONE_LINE = {**_VISIBLE, ord("\n"): "\u240a", ord("\t"): "\u2409"}  # ␊ and ␉, like ␍
_ONE_LINE.update({code: "\u2424" for code in (0x2028, 0x2029)})  # ␤: Unicode's own breaks


def one_line(text: str) -> str:
    """`text` as `visible` shows it, with newlines and tabs made visible too (for short fields)."""
    return text.translate(_ONE_LINE)


_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")


def flat(text: str) -> str:
    """A short field as one plain line: breaks and tabs become a space, other controls go."""
    joined = _BREAKS.sub(" ", text)
    return "".join(ch for ch in joined if ord(ch) not in _VISIBLE).strip()


def is_blank(text: str) -> bool:
    """True when `text` shows nothing: only spaces and invisible format characters."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def has_controls(text: str) -> bool:
    """True when `text` holds a control character that `visible` would change."""
    return any(ord(ch) in _VISIBLE for ch in text)


def pack_text_problem(text: str) -> str | None:
    """Why a pack's words cannot be shown as they are (an escape code, a style tag), or None."""
    if has_controls(text):
        return "holds a control character (an invisible escape code); delete it and retype"
    if "[" in text:  # Rich and Textual read "[" as the start of a style tag or an action
        return "holds a square bracket [, which a screen would read as styling; use ( ) instead"
    return None


def plain_pack_text(text: str) -> str:
    """A pydantic validator: pack words are shown as plain text, so they must be plain."""
    problem = pack_text_problem(text)
    if problem:
        raise ValueError(problem)
    return text
