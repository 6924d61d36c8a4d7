"""A one-line bar at the top of a together screen: whose turn it is, who has the floor."""

from __future__ import annotations

from textual.widgets import Static


class TurnBar(Static):
    """Says in words who the screen is for right now; `-private` tints it for a private turn."""

    DEFAULT_CSS = """
    TurnBar {
        dock: top;
        width: 100%;
        height: 1;
        padding: 0 1;
        background: $primary 25%;
        color: $text;
        text-style: bold;
        content-align: center middle;
    }
    TurnBar.-private {
        background: $secondary 35%;
    }
    """

    def __init__(self, text: str = "", *, private: bool = False, id: str | None = None) -> None:
        super().__init__(text, id=id, markup=False)
        self.set_class(private, "-private")

    def say(self, text: str, *, private: bool = False) -> None:
        """Show a new line (the floor or the keyboard moved)."""
        self.update(text)
        self.set_class(private, "-private")
