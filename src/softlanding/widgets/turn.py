"""A bar at the top of a together screen: whose turn it is, who has the floor, and how far
along the chosen path the pair is ("Step 3 of 7", always at the right, never wrapped away)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class TurnBar(Horizontal):
    """Says in words who the screen is for right now; `-private` tints it for a private turn.
    Long names wrap onto a second line; the progress keeps its own column."""

    DEFAULT_CSS = """
    TurnBar {
        dock: top;
        width: 100%;
        height: auto;
        max-height: 2;
        padding: 0 1;
        background: $primary 25%;
        color: $text;
        text-style: bold;
    }
    TurnBar.-private {
        background: $secondary 35%;
    }
    TurnBar > #turn-who {
        width: 1fr;
        height: auto;
        text-align: center;
    }
    TurnBar > #turn-step {
        width: auto;
        height: auto;
        padding-left: 2;
    }
    """

    def __init__(
        self, text: str = "", *, private: bool = False, progress: str = "", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.text, self.progress = text, progress
        self.set_class(private, "-private")

    def compose(self) -> ComposeResult:
        yield Static(self.text, id="turn-who", markup=False)
        if self.progress:
            yield Static(self.progress, id="turn-step", markup=False)

    def say(self, text: str, *, private: bool = False) -> None:
        """Show a new line (the floor or the keyboard moved); the progress stays."""
        self.text = text
        self.query_one("#turn-who", Static).update(text)
        self.set_class(private, "-private")
