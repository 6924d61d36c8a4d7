"""A 0–10 scale chosen with the arrow keys, digits or the mouse."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class Scale(Widget, can_focus=True):
    """Pick a whole number from 0 to 10; `None` until chosen. Enter confirms."""

    DEFAULT_CSS = """
    Scale {
        height: 1;
        width: auto;
        min-width: 45;
    }
    Scale:focus {
        text-style: bold;
    }
    """
    BINDINGS = [
        Binding("left,h", "move(-1)", show=False, id="scale_left"),
        Binding("right,l", "move(1)", show=False, id="scale_right"),
        Binding("enter", "confirm", show=False, id="scale_confirm"),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, scale: Scale, value: int | None) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> Scale:
            return self.scale

    class Confirmed(Changed):
        """Enter was pressed on a chosen value."""

    def __init__(self, value: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(Scale.value, value)
        self._last_typed: str | None = None  # the digit typed just before, if the last key was one

    def render(self) -> str:
        cells = []
        for n in range(11):
            cells.append(f"[reverse] {n} [/reverse]" if n == self.value else f" {n} ")
        return "".join(cells)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_move(self, step: int) -> None:
        start = 5 if self.value is None else self.value
        self.value = max(0, min(10, start + (step if self.value is not None else 0)))

    def action_confirm(self) -> None:
        if self.value is not None:
            self.post_message(self.Confirmed(self, self.value))

    def on_key(self, event: events.Key) -> None:
        typed = event.character if event.character and event.character.isdigit() else None
        if typed is not None:
            # "1" then "0" is ten: the top of the scale is typed as it is written
            ten = typed == "0" and self._last_typed == "1" and self.value == 1
            self.value = 10 if ten else int(typed)
            event.stop()
        self._last_typed = None if typed is None or (typed == "0" and self.value == 10) else typed

    def on_click(self, event: events.Click) -> None:
        self.value = max(0, min(10, event.x // 3))
