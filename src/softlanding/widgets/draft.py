"""The draft box with live hints beside it, saved a moment after the typing stops (Respond and
the speaker's turn)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer

from softlanding.widgets.hints import DraftHints, FindingLike
from softlanding.widgets.textbox import TextBox

DRAFT_SAVE_DELAY = 1.0  # seconds after the last key before the draft is autosaved


class DraftBox(Horizontal):
    """A `TextBox` (#draft) with `DraftHints` (#hints) beside it: the hints follow the words as
    they settle, and `save` runs once the typing has paused for `delay` seconds."""

    def __init__(
        self,
        text: str,
        pack: Any,
        *,
        hints_for: Callable[[str], tuple[Iterable[FindingLike], bool]],  # (findings, has_text)
        save: Callable[[], object],
        delay: float = DRAFT_SAVE_DELAY,
        placeholder: str = "",
        id: str = "writing",
    ) -> None:
        super().__init__(id=id)
        self._text, self._pack, self._placeholder = text, pack, placeholder
        self._hints_for, self._save, self._delay = hints_for, save, delay
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TextBox(
            self._text,
            id="draft",
            soft_wrap=True,
            placeholder=self._placeholder,
            too_long=self._pack.text.app.too_long,
        )
        yield DraftHints(self._pack.text.hints, self._pack.templates.startup_hint, id="hints")

    @property
    def box(self) -> TextBox:
        return self.query_one("#draft", TextBox)

    def on_text_box_settled(self, event: TextBox.Settled) -> None:
        self.refresh_hints()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self._delay, self._save)

    def refresh_hints(self) -> None:
        """Look the words over again (nothing is said about an empty draft)."""
        text = self.box.text
        findings, has_text = self._hints_for(text)
        self.query_one(DraftHints).show(findings, has_text=has_text)
