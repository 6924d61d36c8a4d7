"""Shared screen pieces: footer words from the pack, and the step screen contract."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, TypeVar

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

if TYPE_CHECKING:
    from softlanding.flow.context import Host, StepContext
    from softlanding.flow.session import Shell
    from softlanding.pack.view import Pack

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


def labels(pack: Any, block: str) -> Any:
    """One screen's words from the pack's `text` section (`text.break` is a keyword, so not an
    attribute name)."""
    return getattr(pack.text, block)


# The app's priority keys do the work; listing them on each screen keeps them first in the
# footer, so "I'm not safe" never falls off the right edge behind a screen's own keys.
# Modal screens (which don't inherit BaseScreen's bindings) list these themselves.
SAFETY_KEYS: list[BindingType] = [
    Binding("ctrl+s", "app.not_safe", "not_safe", id="not_safe"),
    Binding("ctrl+l", "app.quick_hide", "quick_hide", id="quick_hide"),
]


class BaseScreen(Screen[T]):
    """A screen whose footer words come from the pack, with the safety keys listed first."""

    BINDINGS = SAFETY_KEYS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localise_bindings(self, self.pack.text.keys)

    @property
    def pack(self) -> Pack:
        """The pack, typed (every word this screen shows)."""
        return self.app.pack  # type: ignore[attr-defined, no-any-return]

    @property
    def sl(self) -> Shell:
        """The app, as the screens around the flow may use it (Home, the pair's start, help)."""
        return self.app  # type: ignore[return-value]

    def save_draft(self) -> None:
        """Save whatever is half-typed right now (called on quit, SIGTERM and SIGHUP)."""

    def help_part(self) -> str:
        """The part of this screen on show, for F1's words about it (`text.help.<topic>_<part>`,
        when the pack has them: a yes/no or a list answers to other keys than a typed box)."""
        return ""


class ContextScreen(BaseScreen[T]):
    """A screen of one turn: it sees the turn's context, never the app or the store."""

    def __init__(self, ctx: StepContext) -> None:
        self.ctx = ctx  # first: the bindings are localised from ctx.pack
        super().__init__()

    @property
    def pack(self) -> Pack:
        return self.ctx.pack

    @property
    def host(self) -> Host:
        return self.ctx.host

    @property
    def partner(self) -> str:
        """The seat this turn is for (the first, when it is for both)."""
        return self.ctx.seat


class StepScreen(ContextScreen[None]):
    """One step of the flow for one partner; `step` names where its answers are saved."""

    step: str = ""

    def record(self, field: str, value: Any, private: bool = False) -> None:
        """Autosave one answer of this step."""
        self.ctx.answers.save(self.step, field, value, seat=self.partner, private=private)

    def answers(self) -> dict[str, Any]:
        """What this step already saved (prefills a resumed session)."""
        return self.ctx.answers.get(self.step, self.partner)

    def done(self) -> None:
        """Move on to the next step."""
        self.save_draft()
        self.host.advance(self.ctx.step, self.partner)
