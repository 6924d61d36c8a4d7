"""The seam between the flow and its screens: what one turn may read and write, typed.

A step screen receives a `StepContext` and nothing else: the step, the seat(s) it is for, the
pack, the session's `Answers` and the few things it may ask of the app (`Host`). Store failures
never reach a screen: `Answers` says them in plain words through the app's `report` callback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from softlanding.flow.keeping import NOT_WRITTEN, Keeping
from softlanding.store.errors import STORE_FAILURES, plain_error

if TYPE_CHECKING:
    from softlanding.analysis.analyzer import Analyzer
    from softlanding.flow.steps import Turn
    from softlanding.pack.view import Pack
    from softlanding.store.sessions import Store

Report = Callable[[str], None]  # shows one plain-words problem (the app: an error notice)
Saved = dict[tuple[str, str, str], Any]  # (seat, step, field) -> value


def guarded(store: Store, report: Report, write: Callable[[], object]) -> bool:
    """Run one write; a failing disk or database is reported in plain words, never raised."""
    try:
        write()
    except STORE_FAILURES as exc:
        report(plain_error(exc, store.path))
        return False
    return True


class Answers:
    """The one way screens read and write a session's saved answers (and its tags and place)."""

    def __init__(self, store: Store, report: Report) -> None:
        self._store, self._report = store, report
        self.session_id: str | None = None
        self.saved: Saved = {}
        self.keeping = Keeping()  # how a partner's own words go to disk (flow.keeping)
        # The app's safety listener: True means "not saved" (danger language is never stored).
        self.guard: Callable[[str, str, Any, str], bool] | None = None
        # Answers a busy or failing disk refused, as they would be written: tried again before
        # the next write (and on leaving), so an answer given during a lock is not lost.
        self.unsaved: dict[tuple[str, str, str, str], tuple[Any, bool]] = {}

    def open(self, session_id: str | None, saved: Saved | None = None) -> None:
        self.session_id, self.saved = session_id, dict(saved or {})

    @property
    def active(self) -> bool:
        """Whether a session is open (after "I'm not safe" or Finish, nothing is saved)."""
        return self.session_id is not None

    def get(self, step: str, seat: str) -> dict[str, Any]:
        return {f: v for (p, s, f), v in self.saved.items() if p == seat and s == step}

    def save(self, step: str, field: str, value: Any, *, seat: str, private: bool = False) -> bool:
        """Autosave one answer; False (and a notice) when the disk refused it."""
        sid = self.session_id
        if sid is None:
            return False  # the flow ended: a late autosave must not start a session
        if self.guard is not None and self.guard(step, field, value, seat):
            return False
        return self._keep(sid, step, field, value, seat, private)

    def reveal(self, step: str, seat: str, shared: list[str], offered: list[str]) -> None:
        """The reveal: the chosen answers become shared, the rest stay the seat's own (each was
        heard by the guard when it was first saved, so it is not heard again)."""
        sid = self.session_id
        if sid is None:
            return
        for name in offered:
            if (seat, step, name) in self.saved:
                value = self.saved[(seat, step, name)]
                self._keep(sid, step, name, value, seat, name not in shared)

    def _keep(self, sid: str, step: str, field: str, value: Any, seat: str, private: bool) -> bool:
        self.saved[(seat, step, field)] = value
        written = self.keeping.for_disk(step, field, value, seat, private)
        if written is NOT_WRITTEN:
            return True  # kept in memory only (see flow.keeping)
        store = self._store
        self.retry_unsaved()
        key = (sid, seat, step, field)
        if self._write(lambda: store.save_answer(sid, step, field, written, seat, private)):
            self.unsaved.pop(key, None)
            return True
        self.unsaved[key] = (written, private)
        return False

    def retry_unsaved(self) -> bool:
        """Write again what the disk refused before, oldest first (quietly: the refusal was
        said); False while some is still refused."""
        store = self._store
        for key, (written, private) in list(self.unsaved.items()):
            sid, seat, step, field = key
            write = partial(store.save_answer, sid, step, field, written, seat, private)
            if not guarded(store, lambda _message: None, write):
                return False
            del self.unsaved[key]
        return True

    def forget(self, step: str, field: str, *, seat: str) -> bool:
        """Drop an answer a change of mind made stale (e.g. a word of another family)."""
        sid = self.session_id
        if sid is None or (seat, step, field) not in self.saved:
            return False
        del self.saved[(seat, step, field)]
        self.unsaved.pop((sid, seat, step, field), None)  # a change of mind: not to be written
        return self._write(lambda: self._store.forget_answer(sid, step, field, seat))

    def set_tags(self, tags: Iterable[str]) -> bool:
        sid, chosen = self.session_id, list(tags)
        return sid is not None and self._write(lambda: self._store.set_tags(sid, chosen))

    def set_step(self, position: str, *, quiet: bool = False) -> bool:
        """Remember where the session stands, so an interruption resumes right there (`quiet`
        when the answer saved just before has already said the disk is failing)."""
        sid = self.session_id
        if sid is None:
            return False
        report = (lambda _message: None) if quiet else self._report
        return guarded(self._store, report, lambda: self._store.set_step(sid, position))

    def partners(self) -> dict[str, str]:
        """Each seat's name as given at the start (empty when none or no session)."""
        record = self._read(lambda sid: self._store.load(sid))
        return dict(record.partners) if record is not None else {}

    def _read(self, read: Callable[[str], Any]) -> Any:
        if self.session_id is None:
            return None
        try:
            return read(self.session_id)
        except STORE_FAILURES as exc:
            self._report(plain_error(exc, self._store.path))
            return None

    def _write(self, write: Callable[[], object]) -> bool:
        return guarded(self._store, self._report, write)


class Settings:
    """Preferences kept across sessions (reduced motion, first run seen), saved safely."""

    def __init__(self, store: Store, report: Report) -> None:
        self._store, self._report = store, report
        self.reduced_motion = bool(self.get("reduced_motion", False))

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self._store.get_setting(key, default)
        except STORE_FAILURES as exc:
            self._report(plain_error(exc, self._store.path))
            return default

    def set(self, key: str, value: Any) -> bool:
        if key == "reduced_motion":
            self.reduced_motion = bool(value)
        return guarded(self._store, self._report, lambda: self._store.set_setting(key, value))


class Host(Protocol):
    """What a step screen may ask of the app: moving on, safety, and the session's end."""

    @property
    def analyzer(self) -> Analyzer: ...

    def advance(self, step: str, seat: str) -> None: ...

    def go_back(self, step: str, seat: str) -> None: ...

    def go_home(self) -> None: ...

    def show_turn(self, turn: Turn) -> None: ...

    def finish_session(self, status: str) -> None: ...

    def check_safety(self, text: str) -> bool: ...

    def open_safety(self, kind: str) -> None: ...

    def ask_each_in_private(self, then: Callable[[], None]) -> bool: ...

    def action_not_safe(self) -> None: ...

    def leave_session(self) -> None: ...

    def erase_session(self) -> None: ...


@dataclass(frozen=True)
class StepContext:
    """One turn, as its screen sees it; sub-screens get their parent's context."""

    step: str  # the flow step (where the session's place is kept)
    seats: tuple[str, ...]  # whose turn: ("A",), ("B",), or both for a shared turn
    pack: Pack  # typed, read-only (see pack.loader.load_view)
    answers: Answers
    settings: Settings
    host: Host
    mode: str = ""  # a shared pause: "breathe" or "break"
    opens: str = ""  # how a pair's turn opens behind the hand-over: "private", "floor", "swap"

    @property
    def seat(self) -> str:
        """The seat this turn is for (the first, when it is for both)."""
        return self.seats[0]
