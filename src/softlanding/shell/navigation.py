"""Where the app goes: the first screen, each turn of the flow, back, Home, and resuming.

The stack is the default screen, then Home or the flow, then whatever opens over it (Look back,
help, the safety pages, hide, too small).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from softlanding.flow.context import StepContext
from softlanding.flow.session import Partners
from softlanding.flow.steps import Turn
from softlanding.screens.after.start import AfterStartScreen
from softlanding.screens.home import HomeScreen
from softlanding.screens.too_small import TooSmallScreen, too_small

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from softlanding.flow.session import SessionKeeper, Shell
    from softlanding.screens.safety_watch import SafetyWatch


class Navigator:
    """The screen stack's moves; `host` is the app as screens see it (their contexts' host)."""

    def __init__(self, app: App[Any], host: Shell, safety: SafetyWatch) -> None:
        self.app, self.host, self.safety = app, host, safety

    @property
    def session(self) -> SessionKeeper:
        return self.host.session

    def start_screen(self, start: str) -> Screen[Any]:
        """The screen under everything: Home, or where `softlanding pause|together|after` opens."""
        if start == "pause":
            self.session.start("solo")
            return self.make_screen(self.session.enter(self.session.first()))
        if start == "together":
            return _together_start()
        return AfterStartScreen() if start == "after" else HomeScreen(self.host)

    def context(self, turn: Turn | str) -> StepContext:
        """What one turn's screen may see and do (a step name: that step, solo)."""
        turn = Turn(turn) if isinstance(turn, str) else turn
        return self.session.context(turn, self.host.pack, self.host)

    def make_screen(self, turn: Turn) -> Screen[Any]:
        from softlanding.screens.registry import screen_for  # every step screen: not at start

        return screen_for(turn)(self.context(turn))

    def begin(self, kind: str, partners: Partners | None = None, keep: bool = True) -> None:
        """Start a session and show its first turn."""
        self.session.start(kind, partners, keep)
        self.show_turn(self.session.first())

    def resume(self, session_id: str) -> None:
        turn = self.session.resume(session_id)
        if self.session.skipped:  # a damaged or hand-edited answer: carry on without it, say so
            self.app.notify(self.host.pack.text.app.rows_skipped, severity="warning", timeout=20)
        if turn is not None:
            self._back_to_home()  # from Look back: the flow takes Home's place
            self.show_turn(turn)

    def show_turn(self, turn: Turn) -> None:
        """Switch to `turn`, remembering it so an interrupted session resumes right there."""
        self.app.switch_screen(self.make_screen(self.session.enter(turn)))

    def advance(self, step: str, seat: str) -> None:
        if self.safety.busy:
            return  # the flow ended at the safety check; nothing moves on behind it
        turn = self.session.after(step, seat)
        if turn is None:
            self.go_home()
        else:
            self.show_turn(turn)

    def go_back(self, step: str, seat: str) -> None:
        turn = self.session.before(step, seat)
        if turn is not None:
            self.show_turn(turn)

    def go_home(self) -> None:
        self.session.leave_if_unkept()
        self.session.left_last = None  # Safety offers to delete only the session just left
        self._back_to_home()
        self.app.switch_screen(HomeScreen(self.host))

    def _back_to_home(self) -> None:
        while len(self.app.screen_stack) > 2:  # the default screen, then Home (or the flow)
            self.app.pop_screen()

    def open_together(self) -> None:
        self.app.push_screen(_together_start())

    def open_history(self) -> None:
        from softlanding.screens.history.history import HistoryScreen  # not at start

        self.app.push_screen(HistoryScreen(self.host.library))

    def fit_to(self, width: int, height: int) -> None:
        """Below 40×12, say how big the window needs to be; the flow waits underneath."""
        small = too_small(width, height)
        showing = isinstance(self.app.screen, TooSmallScreen)
        if small and not showing:
            self.app.push_screen(TooSmallScreen())
        elif showing and not small:
            self.app.pop_screen()


def _together_start() -> Screen[None]:
    from softlanding.screens.together.intro import TogetherStartScreen  # only pairs need it

    return TogetherStartScreen()
