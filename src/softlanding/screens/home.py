"""Home: start now, together, history, quit — and resume or a pending return time first."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.models import readable_time
from softlanding.screens.after.start import AfterStartScreen
from softlanding.screens.base import BaseScreen
from softlanding.widgets.lists import MarkedList

if TYPE_CHECKING:
    from softlanding.flow.library import Library


class HomeHost(Protocol):
    """What Home asks of the app: what is waiting, and where each choice leads."""

    @property
    def library(self) -> Library: ...

    def resume_session(self, session_id: str) -> None: ...

    def begin_session(self, kind: str = ..., *, keep: bool = ...) -> None: ...

    def open_together(self) -> None: ...

    def open_history(self) -> None: ...

    def save_and_exit(self) -> None: ...


class HomeScreen(BaseScreen[None]):
    CSS_PATH = Path(__file__).with_name("home.tcss")

    def __init__(self, host: HomeHost) -> None:
        super().__init__()
        self.host = host

    def compose(self) -> ComposeResult:
        words = self.pack.text.home
        with Vertical(id="home"):
            yield Static(words.title, id="title")
            yield Static(words.greeting, id="greeting")
            notice = self._return_notice()
            if notice:
                yield Static(notice, id="return-notice", markup=False)
            yield MarkedList(*self._options(), id="menu")
        yield Footer()

    def _options(self) -> list[Option]:
        words = self.pack.text.home
        options = []
        unfinished = self.host.library.unfinished()
        if unfinished is not None:
            when = _local_time(unfinished.updated_at, self.pack.text.session_view.date_unknown)
            options.append(Option(words.resume.format(when=when), id=f"resume:{unfinished.id}"))
        options += [
            Option(words.start, id="start"),
            Option(words.start_unkept, id="start_unkept"),
            Option(words.together, id="together"),
            Option(words.after, id="after"),
            Option(words.history, id="history"),
            Option(words.quit, id="quit"),
        ]
        return options

    def _return_notice(self) -> str | None:
        pending = self.host.library.pending_return()
        if pending is None:
            return None
        when = _local_time(pending[0], self.pack.text.session_view.date_unknown)
        return str(self.pack.text.home.return_notice.format(when=when))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice.startswith("resume:"):
            self.host.resume_session(choice.partition(":")[2])
        elif choice == "start":
            self.host.begin_session("solo")
        elif choice == "start_unkept":
            self.host.begin_session("solo", keep=False)
        elif choice == "together":
            self.host.open_together()
        elif choice == "after":
            self.app.push_screen(AfterStartScreen())
        elif choice == "history":
            self.host.open_history()
        elif choice == "quit":
            self.host.save_and_exit()


def _local_time(stamp: str, unknown: str) -> str:
    """A stored UTC time as the person's local clock time (and day, if not today)."""
    moment = readable_time(stamp)
    if moment is None:  # a damaged time: the session can still be carried on
        return unknown
    if moment.date() == datetime.now().astimezone().date():
        return moment.strftime("%H:%M")
    return moment.strftime("%a %d %b, %H:%M")
