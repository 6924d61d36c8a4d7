"""A hidden passphrase box that leaves Enter to its page (whose footer names what Enter does
there), and the arrows that move between a passphrase page's boxes and buttons."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding, BindingType
from textual.widgets import Input

# Up and down always move; left and right move once a button has the focus (a box keeps them
# for its cursor).
MOVE_KEYS: list[BindingType] = [
    Binding("up", "app.focus_previous", show=False, id="passphrase.up"),
    Binding("down", "app.focus_next", show=False, id="passphrase.down"),
    Binding("left", "app.focus_previous", show=False, id="passphrase.left"),
    Binding("right", "app.focus_next", show=False, id="passphrase.right"),
]


class PassphraseBox(Input):
    """Typed characters stay hidden; Enter reaches the page, after its safety keys in the footer
    (a box's own Enter would stand first there, unnamed)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(password=True, **kwargs)
        self._bindings.key_to_bindings.pop("enter", None)
