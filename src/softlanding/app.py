"""The Textual app, as wiring: its parts, the keys that work everywhere, and the doors the
screens use (flow.context.Host, flow.session.Shell, screens.home.HomeHost)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from softlanding.flow.context import StepContext
from softlanding.flow.session import Partners, SessionKeeper
from softlanding.flow.steps import Turn
from softlanding.screens.base import localise_bindings
from softlanding.screens.first_run import FirstRunScreen
from softlanding.screens.safety_watch import SafetyWatch
from softlanding.shell.keys import GlobalKeys
from softlanding.shell.navigation import Navigator
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
        self.session = SessionKeeper(store, self.report_problem, pack.text.app.solo_name)
        self.safety = SafetyWatch(self, self.session, lambda: self.analyzer)  # hears every answer
        self.library = self.session.library()
        self.nav = Navigator(self, self, self.safety)  # the app is the screens' host
        self.keys = GlobalKeys(self, self.session, pack)
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
        self.push_screen(self.nav.start_screen(self.start))
        if not first_run_seen:
            self.push_screen(FirstRunScreen(first_time=True, settings=self.session.settings))
        self.nav.fit_to(self.size.width, self.size.height)  # it may start in a tiny window
        self.call_after_refresh(self.keys.ready)

    def on_key(self, event: events.Key) -> None:
        keep_joiner(self.focused, event)  # Persian words and family emoji need their joiners

    def on_resize(self, event: events.Resize) -> None:
        # The first resize arrives before on_mount has pushed Home; on_mount checks then.
        if self.screen_stack and self.screen.id != "_default":
            self.nav.fit_to(event.size.width, event.size.height)

    @cached_property
    def analyzer(self) -> Analyzer:
        from softlanding.analysis.analyzer import Analyzer

        return Analyzer.from_pack(self.pack.raw)

    # The screens' doors: the session (flow.session.SessionKeeper) and the moves (self.nav).

    @property
    def session_id(self) -> str | None:
        return self.session.session_id

    def start_session(
        self, kind: str = "solo", partners: Partners | None = None, keep: bool = True
    ) -> str | None:
        return self.session.start(kind, partners, keep)

    def begin_session(
        self, kind: str = "solo", partners: Partners | None = None, keep: bool = True
    ) -> None:
        self.nav.begin(kind, partners, keep)

    def resume_session(self, session_id: str) -> None:
        self.nav.resume(session_id)

    def finish_session(self, status: str) -> None:
        self.session.finish(status)

    def leave_session(self) -> None:
        self.session.leave()

    def erase_session(self) -> None:
        self.session.erase()

    def context(self, turn: Turn | str) -> StepContext:
        return self.nav.context(turn)

    def make_screen(self, turn: Turn) -> Screen[Any]:
        return self.nav.make_screen(turn)

    def step_screen(self, step: str) -> Screen[Any]:
        """The solo screen of a step (tests and Home use it to open a step directly)."""
        return self.nav.make_screen(Turn(step))

    def show_turn(self, turn: Turn) -> None:
        self.nav.show_turn(turn)

    def advance(self, step: str, seat: str = "A") -> None:
        self.nav.advance(step, seat)

    def go_back(self, step: str, seat: str = "A") -> None:
        self.nav.go_back(step, seat)

    def go_home(self) -> None:
        self.nav.go_home()

    def open_together(self) -> None:
        self.nav.open_together()

    def open_history(self) -> None:
        self.nav.open_history()

    def check_safety(self, text: str) -> bool:
        """Danger language in typed text brings the gentle check; True if it is on screen."""
        return self.safety.check(text)

    def open_safety(self, kind: str) -> None:
        """End the flow at the safety page for `kind` (e.g. afraid of my partner)."""
        self.safety.open_page(kind)

    def ask_each_in_private(self, then: Callable[[], None]) -> bool:
        """The end of a pair's session or talk: each is asked in private, then `then`."""
        return self.safety.ask_each(then)

    # Keys that work everywhere (shell.keys; Textual runs the app's bindings as its action_*).

    def action_not_safe(self) -> None:
        self.keys.not_safe()

    def action_quick_hide(self) -> None:
        self.keys.quick_hide()

    def action_help(self) -> None:
        self.keys.help()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers F1 only where it opens help (not on the first-run note)."""
        if action == "help":
            return self.keys.help_here()
        return True

    def action_help_quit(self) -> None:
        self.keys.ctrl_c()

    async def action_quit(self) -> None:
        self.keys.save_and_exit()

    def save_and_exit(self) -> None:
        self.keys.save_and_exit()
