"""Bytes from the terminal that are not UTF-8 (a Latin-1 terminal, a bad paste) become U+FFFD
instead of ending the app: Textual's input thread decodes strictly, and an error there stopped
the app with a traceback and the half-typed words unsaved."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from functools import partial
from typing import Any


def lenient_terminal_input() -> None:
    """Have Textual's Linux/macOS driver decode what is typed with replacement characters."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # pragma: no cover - another platform's driver (it reads text already)
        return
    linux_driver.getincrementaldecoder = _lenient  # type: ignore[attr-defined]


def _lenient(encoding: str) -> Callable[..., Any]:
    return partial(codecs.getincrementaldecoder(encoding), errors="replace")
