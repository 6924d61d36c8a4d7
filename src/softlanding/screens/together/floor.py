"""What the speaker–listener screens share: the bar naming who has the floor and who types,
where each one's words are saved, and a question answered in words."""

from __future__ import annotations

from typing import Any

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from softlanding.flow.together import SHORT, way_of
from softlanding.models import RESPOND
from softlanding.screens.together.intro import PairScreen
from softlanding.screens.together.seats import other
from softlanding.widgets.textbox import LineBox, WrapBox


class FloorScreen(PairScreen):
    """A speaker–listener screen: the bar names who has the floor and who is typing. What the
    speaker says (and adds while the other listens) is saved under the speaker's own seat."""

    private_turn = False

    @property
    def speaker(self) -> str:
        return self.partner

    @property
    def short(self) -> bool:
        """The pair chose the short way (one round each: say it, hear it said back)."""
        return way_of(self.ctx.answers.saved) == SHORT

    def spoken(self) -> dict[str, Any]:
        """The speaker's own words this round: what they said, corrected and added."""
        return self.ctx.answers.get(RESPOND, self.speaker)

    def record_spoken(self, field: str, value: Any) -> None:
        """One of the speaker's answers, under the speaker's seat (whoever's turn it is)."""
        self.ctx.answers.save(RESPOND, field, value, seat=self.speaker, private=False)
        self.keep_place()

    def turn_line(self) -> str:
        words, names = self.pack.text.together, self.names
        speaker, listener = names[self.speaker], names[other(self.speaker)]
        if self.typing() == self.speaker and self.speaker == self.partner:
            return str(words.turn_floor.format(speaker=speaker, listener=listener))
        typing = names[self.typing()]
        return str(words.turn_keyboard.format(speaker=speaker, listener=listener, typing=typing))


def typed_question(
    stage: str, question: str, prefix: str = "", hint: str = "", wrap: bool = False
) -> Widget:
    """A question answered in words, with an optional sentence start before the box (`wrap`:
    a box that wraps a long answer onto more lines, so all of it stays in view)."""
    box: Widget
    if wrap:
        box = WrapBox(id=f"{stage}-input", max_length=2000)
    else:
        box = LineBox(id=f"{stage}-input", max_length=2000)
    parts: list[Widget] = [Static(question, classes="question", markup=False)]
    if prefix:
        parts.append(Horizontal(Static(prefix, classes="prefix", markup=False), box))
    else:
        parts.append(box)
    if hint:
        parts.append(Static(hint, classes="hint", markup=False))
    return Vertical(*parts, id=stage)
