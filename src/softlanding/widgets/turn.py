"""A bar at the top of a together screen: whose turn it is, who has the floor, and how far
along the chosen path the pair is ("Step 3 of 7")."""

from __future__ import annotations

from textual.widgets import Static


class TurnBar(Static):
    """Says in words who the screen is for right now; `-private` tints it for a private turn.
    Long names wrap onto a second line rather than pushing the progress off the edge."""

    DEFAULT_CSS = """
    TurnBar {
        dock: top;
        width: 100%;
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $primary 25%;
        color: $text;
        text-style: bold;
        text-align: center;
    }
    TurnBar.-private {
        background: $secondary 35%;
    }
    """

    def __init__(
        self, text: str = "", *, private: bool = False, progress: str = "", id: str | None = None
    ) -> None:
        super().__init__(id=id, markup=False)
        self.progress = progress
        self.say(text, private=private)

    def say(self, text: str, *, private: bool = False) -> None:
        """Show a new line (the floor or the keyboard moved); the progress stays."""
        self.update(f"{text}  ·  {self.progress}" if self.progress else text)
        self.set_class(private, "-private")
