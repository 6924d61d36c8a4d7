"""The Textual app: wiring of screens, the keys that work everywhere, and autosave."""

from __future__ import annotations

import contextlib
from functools import cached_property
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from softlanding.flow.context import StepContext
from softlanding.flow.session import YOU, Partners, SessionKeeper
from softlanding.flow.steps import Turn
from softlanding.screens.after.start import AfterStartScreen
from softlanding.screens.base import localise_bindings
from softlanding.screens.first_run import FirstRunScreen
from softlanding.screens.hide import HideScreen
from softlanding.screens.home import HomeScreen
from softlanding.screens.safety import SafetyScreen
from softlanding.screens.safety_watch import SafetyWatch
from softlanding.screens.too_small import TooSmallScreen, too_small
from softlanding.widgets.joiners import keep_joiner

if TYPE_CHECKING:
    from softlanding.analysis.analyzer import Analyzer
    from softlanding.pack.view import Pack
    from softlanding.store.sessions import Store


class SoftlandingApp(App[None], inherit_bindings=False):
    """softlanding: pause, name the feeling, reframe, respond."""

    CSS_PATH = "app.tcss"
    TITLE = "softlanding"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+s", "not_safe", "not_safe", priority=True, id="not_safe"),
        Binding("ctrl+l", "quick_hide", "quick_hide", priority=True, id="quick_hide"),
        Binding("f1", "help", "help", id="help"),
        Binding("ctrl+q", "quit", "quit", priority=True, id="quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True, id="help_quit"),
    ]

    def __init__(self, pack: Pack, store: Store, start: str = "home") -> None:
        super().__init__()
        self.pack = pack  # typed, read-only (see pack.loader.load_view)
        self.store = store
        self.start = start
        self.session = SessionKeeper(store, self.report_problem)
        self.safety = SafetyWatch(self, self.session, lambda: self.analyzer)  # hears every answer
        self.library = self.session.library()
        localise_bindings(self, pack.text.keys)

    def report_problem(self, message: str) -> None:
        """A store failure, said in plain words; the app carries on."""
        self.notify(message, severity="error", timeout=20)

    def notify(self, message: str, **options: Any) -> None:
        """Every notice is plain text: names, paths and errors in it are never markup."""
        super().notify(message, **{**options, "markup": False})

    def on_mount(self) -> None:
        if self.store.notice:
            self.notify(self.store.notice, timeout=30, severity="warning")
        self.call_after_refresh(self.library.erase_stale)  # after the first paint: quick start
        first_run_seen = self.session.settings.get("first_run_seen", False)
        self.push_screen(self._make_start_screen())
        if not first_run_seen:
            self.push_screen(FirstRunScreen(first_time=True, settings=self.session.settings))
        self._fit_to(self.size.width, self.size.height)  # it may start in a tiny window
        self.call_after_refresh(self._ready_safety_keys)

    def _ready_safety_keys(self) -> None:
        """Read the safety and hide screens' styles once, after the first paint: restyling every
        widget for a new style sheet takes ~0.1 s, too slow for a key that must answer at once."""
        for screen in (SafetyScreen(), HideScreen()):
            self._load_screen_css(screen)

    def _make_start_screen(self) -> Screen[Any]:
        if self.start == "pause":
            self.start_session("solo")
            return self.make_screen(self.session.enter(self.session.first()))
        if self.start == "together":
            return _together_start()
        return AfterStartScreen() if self.start == "after" else HomeScreen(self)

    def on_key(self, event: events.Key) -> None:
        keep_joiner(self.focused, event)  # Persian words and family emoji need their joiners

    def on_resize(self, event: events.Resize) -> None:
        # The first resize arrives before on_mount has pushed Home; on_mount checks then.
        if self.screen_stack and self.screen.id != "_default":
            self._fit_to(event.size.width, event.size.height)

    def _fit_to(self, width: int, height: int) -> None:
        """Below 40×12, say how big the window needs to be; the flow waits underneath."""
        small = too_small(width, height)
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not small:
            self.pop_screen()

    @cached_property
    def analyzer(self) -> Analyzer:
        from softlanding.analysis.analyzer import Analyzer

        return Analyzer.from_pack(self.pack.raw)

    # The session is kept by SessionKeeper (flow.session); these are the screens' doors to it.

    @property
    def session_id(self) -> str | None:
        return self.session.session_id

    def start_session(
        self, kind: str = "solo", partners: Partners = YOU, keep: bool = True
    ) -> str | None:
        return self.session.start(kind, partners, keep)

    def begin_session(
        self, kind: str = "solo", partners: Partners = YOU, keep: bool = True
    ) -> None:
        """Start a session and show its first turn."""
        self.start_session(kind, partners, keep)
        self.show_turn(self.session.first())

    def resume_session(self, session_id: str) -> None:
        turn = self.session.resume(session_id)
        if self.session.skipped:  # a damaged or hand-edited answer: carry on without it, say so
            self.notify(self.pack.text.app.rows_skipped, severity="warning", timeout=20)
        if turn is not None:
            self._back_to_home()  # from Look back: the flow takes Home's place
            self.show_turn(turn)

    def finish_session(self, status: str) -> None:
        self.session.finish(status)

    def leave_session(self) -> None:
        self.session.leave()

    def erase_session(self) -> None:
        self.session.erase()

    def context(self, turn: Turn | str) -> StepContext:
        """What one turn's screen may see and do (a step name: that step, solo)."""
        return self.session.context(Turn(turn) if isinstance(turn, str) else turn, self.pack, self)

    def make_screen(self, turn: Turn) -> Screen[Any]:
        from softlanding.screens.registry import screen_for

        return screen_for(turn)(self.context(turn))

    def step_screen(self, step: str) -> Screen[Any]:
        """The solo screen of a step (tests and Home use it to open a step directly)."""
        return self.make_screen(Turn(step))

    def show_turn(self, turn: Turn) -> None:
        """Switch to `turn`, remembering it so an interrupted session resumes right there."""
        self.switch_screen(self.make_screen(self.session.enter(turn)))

    def advance(self, step: str, seat: str = "A") -> None:
        if self._in_safety():
            return  # the flow ended at the safety check; nothing moves on behind it
        turn = self.session.after(step, seat)
        if turn is None:
            self.go_home()
        else:
            self.show_turn(turn)

    def go_back(self, step: str, seat: str = "A") -> None:
        turn = self.session.before(step, seat)
        if turn is not None:
            self.show_turn(turn)

    def go_home(self) -> None:
        self.session.leave_if_unkept()
        self._back_to_home()
        self.switch_screen(HomeScreen(self))

    def _back_to_home(self) -> None:
        while len(self.screen_stack) > 2:  # the default screen, then Home (or the flow)
            self.pop_screen()

    def open_together(self) -> None:
        self.push_screen(_together_start())

    def open_history(self) -> None:
        from softlanding.screens.history.history import HistoryScreen

        self.push_screen(HistoryScreen(self.library))

    # Keys that work everywhere.

    def action_not_safe(self) -> None:
        if isinstance(self.screen, SafetyScreen):
            return
        self.push_screen(SafetyScreen())  # first: the help shows before anything is written
        # The flow ends here, leaving the session like any interrupted one: no note of why.
        self.session.leave_for_safety()

    def action_quick_hide(self) -> None:
        if isinstance(self.screen, HideScreen):
            self.pop_screen()
        else:
            self.push_screen(HideScreen())

    def action_help(self) -> None:
        """This screen's own help and keys (never over the hide screen, which must stay bare)."""
        from softlanding.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        elif not isinstance(self.screen, (FirstRunScreen, HideScreen, TooSmallScreen)):
            self.push_screen(HelpScreen(self.screen))

    def action_help_quit(self) -> None:
        """Ctrl+C never quits (a reflex must not lose typing); say how to leave instead."""
        self.notify(self.pack.text.app.ctrl_c)

    async def action_quit(self) -> None:
        self.save_and_exit()

    def save_and_exit(self) -> None:
        """Keep what is half-typed (also under a hide or too-small screen), then leave."""
        for screen in reversed(self.screen_stack):
            saver = getattr(screen, "save_draft", None)
            if callable(saver):
                # Leaving must never fail; what was saved before stays saved.
                with contextlib.suppress(Exception):
                    saver()
        self.exit()

    # --- the safety watch (screens.safety_watch) ----------------------------------------------

    def check_safety(self, text: str) -> bool:
        """Danger language in typed text brings the gentle check; True if it is on screen."""
        return self.safety.check(text)

    def open_safety(self, kind: str) -> None:
        """End the flow at the safety page for `kind` (e.g. afraid of my partner)."""
        self.safety.open_page(kind)

    def _in_safety(self) -> bool:
        return self.safety.busy


def _together_start() -> Screen[None]:
    from softlanding.screens.together.intro import TogetherStartScreen  # only pairs need it

    return TogetherStartScreen()
