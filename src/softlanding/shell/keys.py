"""What the keys that work everywhere do: I'm not safe, hide, help, Ctrl+C, and quit."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from softlanding.screens.first_run import FirstRunScreen
from softlanding.screens.hide import HideScreen
from softlanding.screens.safety import SafetyScreen
from softlanding.screens.too_small import TooSmallScreen

if TYPE_CHECKING:
    from textual.app import App

    from softlanding.flow.session import SessionKeeper
    from softlanding.pack.view import Pack


class GlobalKeys:
    """The app's bindings call these (Textual looks `action_*` up on the app itself)."""

    def __init__(self, app: App[Any], session: SessionKeeper, pack: Pack) -> None:
        self.app, self.session, self.pack = app, session, pack

    def ready(self) -> None:
        """Read the safety and hide screens' styles once, after the first paint: restyling every
        widget for a new style sheet takes ~0.1 s, too slow for a key that must answer at once."""
        for screen in (SafetyScreen(), HideScreen()):
            self.app._load_screen_css(screen)

    def not_safe(self) -> None:
        if isinstance(self.app.screen, SafetyScreen):
            return
        self.app.push_screen(SafetyScreen())  # first: the help shows before anything is written
        # The flow ends here, leaving the session like any interrupted one: no note of why.
        self.session.leave_for_safety()

    def quick_hide(self) -> None:
        if isinstance(self.app.screen, HideScreen):
            self.app.pop_screen()
        else:
            self.app.push_screen(HideScreen())

    def help(self) -> None:
        """This screen's own help and keys (never over the hide screen, which must stay bare)."""
        from softlanding.screens.help import HelpScreen

        if isinstance(self.app.screen, HelpScreen):
            self.app.pop_screen()
        elif self.help_here():
            self.app.push_screen(HelpScreen(self.app.screen))

    def help_here(self) -> bool:
        """Whether F1 does something on this screen (the footer offers it only then)."""
        return not isinstance(self.app.screen, (FirstRunScreen, HideScreen, TooSmallScreen))

    def ctrl_c(self) -> None:
        """Ctrl+C never quits (a reflex must not lose typing); say how to leave instead, and
        that the words are saved only when they are."""
        words = self.pack.text.app
        self.app.notify(words.ctrl_c if self.session.on_disk else words.ctrl_c_quit)

    def save_and_exit(self) -> None:
        """Keep what is half-typed (also under a hide or too-small screen), then leave."""
        for screen in reversed(self.app.screen_stack):
            saver = getattr(screen, "save_draft", None)
            if callable(saver):
                # Leaving must never fail; what was saved before stays saved.
                with contextlib.suppress(Exception):
                    saver()
        with contextlib.suppress(Exception):  # answers a locked disk refused: a last try
            self.session.answers.retry_unsaved()
        self.app.exit()
