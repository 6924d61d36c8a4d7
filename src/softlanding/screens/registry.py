"""Which screen opens each step of the flow (the flow names steps; only this maps them to
classes). The app imports this module when the first turn opens, so Home starts small."""

from __future__ import annotations

from typing import Any

from softlanding.flow.steps import Turn
from softlanding.flow.together import FEEL, KEEP, REVEAL, REVEALED, SHARED_PAUSE, WAY
from softlanding.models import CLOSING, LISTEN, NAME, PAUSE, REFRAME, RESPOND, SUMMARY
from softlanding.screens.after.talk import AfterTalkScreen
from softlanding.screens.base import ContextScreen
from softlanding.screens.name import NameScreen
from softlanding.screens.pause.pause import PauseScreen
from softlanding.screens.reframe import ReframeScreen
from softlanding.screens.respond import RespondScreen
from softlanding.screens.summary import SummaryScreen
from softlanding.screens.together.closing import ClosingScreen
from softlanding.screens.together.feel import FeelScreen
from softlanding.screens.together.handover import HandoverScreen
from softlanding.screens.together.keep import KeepScreen
from softlanding.screens.together.listen import ListenScreen
from softlanding.screens.together.pause import TogetherPauseScreen
from softlanding.screens.together.reveal import RevealChoiceScreen, RevealedScreen
from softlanding.screens.together.speak import SpeakScreen
from softlanding.screens.together.turns import PairNameScreen, PairPauseScreen, PairReframeScreen
from softlanding.screens.together.way import WayScreen

ScreenClass = type[ContextScreen[Any]]

SOLO: dict[str, ScreenClass] = {
    PAUSE: PauseScreen,
    NAME: NameScreen,
    REFRAME: ReframeScreen,
    RESPOND: RespondScreen,
    SUMMARY: SummaryScreen,
}
TOGETHER: dict[str, ScreenClass] = {
    WAY: WayScreen,
    FEEL: FeelScreen,
    KEEP: KeepScreen,
    PAUSE: PairPauseScreen,
    SHARED_PAUSE: TogetherPauseScreen,
    NAME: PairNameScreen,
    REVEAL: RevealChoiceScreen,
    REVEALED: RevealedScreen,
    REFRAME: PairReframeScreen,
    RESPOND: SpeakScreen,
    LISTEN: ListenScreen,
    CLOSING: ClosingScreen,
}
AFTER: dict[str, ScreenClass] = {"after": AfterTalkScreen}
FLOWS: dict[str, dict[str, ScreenClass]] = {"solo": SOLO, "together": TOGETHER, "after": AFTER}


def screen_for(turn: Turn) -> ScreenClass:
    """The class that shows `turn` (a pair's private turn opens behind the hand-over)."""
    if turn.opens:
        return HandoverScreen
    return FLOWS[turn.flow][turn.step]
