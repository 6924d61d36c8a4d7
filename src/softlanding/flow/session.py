"""Session bookkeeping without a screen: start, resume, keep the place, move on, finish."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from softlanding.flow.after import STEP as AFTER_STEP
from softlanding.flow.after import AfterFlow
from softlanding.flow.context import Answers, Host, Report, Settings, StepContext, guarded
from softlanding.flow.steps import Flow, SoloFlow, Turn
from softlanding.flow.together import TogetherFlow
from softlanding.store.errors import STORE_FAILURES, plain_error

if TYPE_CHECKING:
    from softlanding.flow.library import Library
    from softlanding.models import SessionRecord
    from softlanding.store.sessions import Store


def flow_for(kind: str, position: str | None = None) -> Flow:
    """The sequence of turns for a kind of session (together mode and the talk bring their own)."""
    if position == AFTER_STEP:
        return AfterFlow("together" if kind == "together" else "solo")
    return TogetherFlow() if kind == "together" else SoloFlow()


class SessionKeeper:
    """One session at a time: its answers, its flow and its place; the disk failing is
    reported through `report` and the session carries on unsaved, never crashes."""

    def __init__(self, store: Store, report: Report) -> None:
        self.store, self.report = store, report
        self.answers = Answers(store, report)
        self.settings = Settings(store, report)
        self.flow: Flow = SoloFlow()
        self.skipped = 0  # answers of the resumed session that could not be read back

    @property
    def session_id(self) -> str | None:
        return self.answers.session_id

    def start(
        self, kind: str = "solo", partners: tuple[tuple[str, str], ...] = (("A", "You"),)
    ) -> str | None:
        """Begin a session; if the disk refuses, say so and carry on without saving."""
        self.flow = flow_for(kind)
        self.answers.open(None)
        try:
            sid = self.store.create_session(kind, partners)  # type: ignore[arg-type]
        except STORE_FAILURES as exc:
            self.report(plain_error(exc, self.store.path))
            return None
        self.answers.open(sid)
        return sid

    def resume(self, session_id: str) -> Turn | None:
        """Reopen an interrupted session where it stood (None if it is gone)."""
        record = self._load(session_id)
        if record is None:
            return None
        self.flow = flow_for(record.kind, record.current_step)
        self.skipped = record.skipped
        self.answers.open(record.id, record.answers)
        return self.flow.resume(record.current_step, self.answers.saved)

    def _load(self, session_id: str) -> SessionRecord | None:
        try:
            return self.store.load(session_id)
        except STORE_FAILURES as exc:
            self.report(plain_error(exc, self.store.path))
            return None

    def finish(self, status: str) -> None:
        sid = self.session_id
        if sid is None:
            return
        guarded(self.store, self.report, lambda: self.store.finish(sid, status))  # type: ignore[arg-type]
        self.answers.open(None)

    def first(self) -> Turn:
        return self.flow.first()

    def after(self, step: str, seat: str) -> Turn | None:
        return self.flow.after(step, seat, self.answers.saved)

    def before(self, step: str, seat: str) -> Turn | None:
        return self.flow.before(step, seat, self.answers.saved)

    def enter(self, turn: Turn) -> Turn:
        """Remember `turn` as the session's place before it is shown."""
        self.answers.set_step(turn.position)
        return turn

    def context(self, turn: Turn, pack: Any, host: Host) -> StepContext:
        """What `turn`'s screen may see and do: this session's answers, for its seats."""
        return StepContext(
            step=turn.step,
            seats=turn.for_seats,
            pack=pack,
            answers=self.answers,
            settings=self.settings,
            host=host,
            mode=turn.mode,
            opens=turn.opens,
        )

    def record(
        self, step: str, field: str, value: Any, seat: str = "A", private: bool = False
    ) -> bool:
        """Autosave one answer (a solo session's seat is "A")."""
        return self.answers.save(step, field, value, seat=seat, private=private)


class Shell(Host, Protocol):
    """What the screens around the flow (Home, the pair's start, help) may ask of the app."""

    pack: Any
    session: SessionKeeper
    library: Library

    def start_session(
        self, kind: str = "solo", partners: tuple[tuple[str, str], ...] = (("A", "You"),)
    ) -> str | None: ...

    def resume_session(self, session_id: str) -> None: ...

    def open_together(self) -> None: ...

    def open_history(self) -> None: ...

    def save_and_exit(self) -> None: ...
