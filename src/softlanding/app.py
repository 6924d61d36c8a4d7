"""The Textual app: wiring of screens, the keys that work everywhere, and autosave."""

from __future__ import annotations

import contextlib
import importlib
from functools import cached_property
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from softlanding.flow import steps as flow
from softlanding.screens.base import localise_bindings
from softlanding.store.sessions import Store, StoreError

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from softlanding.analysis.analyzer import Analyzer
    from softlanding.pack.schema import Pack


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
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, pack: Pack, store: Store, start: str = "home") -> None:
        super().__init__()
        self.pack: Any = pack  # attribute view of the pack (see prompts.load_view)
        self.store = store
        self.start = start
        self.session_id: str | None = None
        self.flow: flow.Flow = flow.SoloFlow()
        self._answers: dict[tuple[str, str, str], Any] = {}
        self.reduced_motion: bool = bool(store.get_setting("reduced_motion", False))
        localise_bindings(self, pack.text.keys)

    # --- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.store.notice:
            self.notify(self.store.notice, timeout=30, severity="warning")
        first_run_seen = self.store.get_setting("first_run_seen", False)
        self.push_screen(self._make_start_screen())
        if not first_run_seen:
            from softlanding.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen(first_time=True))
        self._fit_to(self.size.width, self.size.height)  # it may start in a tiny window

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice is plain text: names, paths and errors in it are never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _make_start_screen(self) -> Screen[Any]:
        if self.start == "pause":
            self.start_session("solo")
            return self.make_screen(self.flow.first())
        if self.start == "together":
            together = _load("softlanding.screens.together.intro:TogetherStartScreen")
            return together()  # type: ignore[no-any-return]
        from softlanding.screens.home import HomeScreen

        return HomeScreen()

    def on_resize(self, event: events.Resize) -> None:
        # The first resize arrives before on_mount has pushed Home; on_mount checks then.
        if self.screen_stack and self.screen.id != "_default":
            self._fit_to(event.size.width, event.size.height)

    def _fit_to(self, width: int, height: int) -> None:
        """Below 40×12, say how big the window needs to be; the flow waits underneath."""
        from softlanding.screens.too_small import TooSmallScreen, too_small

        small = too_small(width, height)
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not small:
            self.pop_screen()

    @cached_property
    def analyzer(self) -> Analyzer:
        from softlanding.analysis.analyzer import Analyzer

        return Analyzer.from_pack(vars_deep(self.pack))

    # --- the session -------------------------------------------------------------------------

    def start_session(
        self, kind: str = "solo", partners: tuple[tuple[str, str], ...] = (("A", "You"),)
    ) -> str | None:
        """Begin a session; if the disk refuses, say so and carry on without saving."""
        self._answers = {}
        self.flow = flow_for(kind)
        try:
            self.session_id = self.store.create_session(kind, partners)  # type: ignore[arg-type]
        except StoreError as exc:
            self.session_id = None
            self.notify(str(exc), severity="error", timeout=30)
        return self.session_id

    def resume_session(self, session_id: str) -> None:
        record = self.store.load(session_id)
        if record is None:
            return
        self.session_id = record.id
        self._answers = dict(record.answers)
        self.flow = flow_for(record.kind)
        self.show_turn(self.flow.resume(record.current_step, self._answers))

    def record(
        self, step: str, field: str, value: Any, partner: str = "A", private: bool = False
    ) -> None:
        """Autosave one answer; a failing disk is reported, never a crash."""
        if self.session_id is None:
            return  # the flow ended (e.g. "I'm not safe"): a late autosave must not start one

        self._answers[(partner, step, field)] = value
        try:
            self.store.save_answer(self.session_id, step, field, value, partner, private)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=20)

    def forget(self, step: str, field: str, partner: str = "A") -> None:
        """Drop an answer that a change of mind made stale (e.g. a word of another family)."""
        if self.session_id is None or (partner, step, field) not in self._answers:
            return
        del self._answers[(partner, step, field)]
        try:
            self.store.forget_answer(self.session_id, step, field, partner)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=20)

    def answers(self, step: str, partner: str = "A") -> dict[str, Any]:
        return {f: v for (p, s, f), v in self._answers.items() if p == partner and s == step}

    def finish_session(self, status: str) -> None:
        if self.session_id is None:
            return
        try:
            self.store.finish(self.session_id, status)  # type: ignore[arg-type]
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=20)
        self.session_id = None
        self._answers = {}

    # --- moving between steps ----------------------------------------------------------------

    def make_screen(self, turn: flow.Turn) -> Screen[Any]:
        screen_class = _load(turn.screen)
        if turn.partner != "A" or turn.kwargs:
            return screen_class(partner=turn.partner, **turn.kwargs)  # type: ignore[no-any-return]
        return screen_class()  # type: ignore[no-any-return]

    def step_screen(self, step: str) -> Screen[Any]:
        """The solo screen of a step (tests and Home use it to open a step directly)."""
        return self.make_screen(flow.SoloFlow._turn(step))

    def show_turn(self, turn: flow.Turn) -> None:
        """Switch to `turn`, remembering it so an interrupted session resumes right there."""
        if self.session_id:
            try:
                self.store.set_step(self.session_id, turn.position)
            except StoreError as exc:
                self.notify(str(exc), severity="error", timeout=20)
        self.switch_screen(self.make_screen(turn))

    def advance(self, step: str, partner: str = "A") -> None:
        turn = self.flow.after(step, partner, self._answers)
        if turn is None:
            self.go_home()
        else:
            self.show_turn(turn)

    def go_back(self, step: str, partner: str = "A") -> None:
        turn = self.flow.before(step, partner, self._answers)
        if turn is not None:
            self.show_turn(turn)

    def go_home(self) -> None:
        from softlanding.screens.home import HomeScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(HomeScreen())

    def open_together(self) -> None:
        self._open_optional("softlanding.screens.together.intro:TogetherStartScreen")

    def open_history(self) -> None:
        self._open_optional("softlanding.screens.history.history:HistoryScreen")

    def _open_optional(self, target: str) -> None:
        try:
            screen_class = _load(target)
        except ModuleNotFoundError:
            self.notify(self.pack.text.home.not_ready)
            return
        self.push_screen(screen_class())

    # --- keys that work everywhere -----------------------------------------------------------

    def action_not_safe(self) -> None:
        from softlanding.screens.safety import SafetyScreen

        if isinstance(self.screen, SafetyScreen):
            return
        # The flow ends here; the session is left as abandoned, with no note of why.
        self.finish_session("abandoned")
        self.push_screen(SafetyScreen())

    def action_quick_hide(self) -> None:
        from softlanding.screens.hide import HideScreen

        if isinstance(self.screen, HideScreen):
            self.pop_screen()
        else:
            self.push_screen(HideScreen())

    def action_help(self) -> None:
        from softlanding.screens.first_run import FirstRunScreen

        if not isinstance(self.screen, FirstRunScreen):
            self.push_screen(FirstRunScreen(first_time=False))

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

    def check_safety(self, text: str) -> bool:
        """Explicit danger words in typed text bring up the resources; returns True if shown."""
        if text and self.analyzer.safety(text).concern:
            self.action_not_safe()
            return True
        return False


def flow_for(kind: str) -> flow.Flow:
    """The sequence of turns for a kind of session (together mode brings its own)."""
    if kind == "together":
        return _load("softlanding.flow.together:TogetherFlow")()  # type: ignore[no-any-return]
    return flow.SoloFlow()


def _load(target: str) -> type[Any]:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def vars_deep(value: Any) -> Any:
    """Pack view objects back into plain dicts and lists (for the analyzer)."""
    if hasattr(value, "__dict__"):
        return {k: vars_deep(v) for k, v in vars(value).items()}
    if isinstance(value, list):
        return [vars_deep(v) for v in value]
    return value
