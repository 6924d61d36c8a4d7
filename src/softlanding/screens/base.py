"""Shared screen pieces: footer words from the pack, and the step screen contract."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, TypeVar

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

if TYPE_CHECKING:
    from softlanding.app import SoftlandingApp

T = TypeVar("T")


def localise_bindings(node: DOMNode, keys: Any) -> None:
    """Replace each binding's description (an id into `text.keys`) with the pack's words."""
    mapping = node._bindings.key_to_bindings
    for key, bindings in mapping.items():
        mapping[key] = [
            dataclasses.replace(b, description=getattr(keys, b.description, b.description))
            if b.description
            else b
            for b in bindings
        ]


# The app's priority keys do the work; listing them on each screen keeps them first in the
# footer, so "I'm not safe" never falls off the right edge behind a screen's own keys.
# Modal screens (which don't inherit BaseScreen's bindings) list these themselves.
SAFETY_KEYS = [
    Binding("ctrl+s", "app.not_safe", "not_safe"),
    Binding("ctrl+l", "app.quick_hide", "quick_hide"),
]


class BaseScreen(Screen[T]):
    """A screen whose footer words come from the pack, with the safety keys listed first."""

    BINDINGS = SAFETY_KEYS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localise_bindings(self, self.app.pack.text.keys)

    @property
    def sl(self) -> SoftlandingApp:
        """The app, typed (`self.app` is typed as a plain App)."""
        return self.app  # type: ignore[return-value]

    def save_draft(self) -> None:
        """Save whatever is half-typed right now (called on quit, SIGTERM and SIGHUP)."""


class StepScreen(BaseScreen[None]):
    """One step of the flow for one partner; `step` names where its answers are saved."""

    step: str = ""

    def __init__(self, partner: str = "A", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.partner = partner

    def record(self, field: str, value: Any, private: bool = False) -> None:
        """Autosave one answer of this step."""
        self.sl.record(self.step, field, value, partner=self.partner, private=private)

    def answers(self) -> dict[str, Any]:
        """What this step already saved (prefills a resumed session)."""
        return self.sl.answers(self.step, partner=self.partner)

    def done(self) -> None:
        """Move on to the next step."""
        self.save_draft()
        self.sl.advance(self.step, self.partner)
