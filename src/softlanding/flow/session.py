"""Session bookkeeping without a screen: start, resume, keep the place, move on, finish."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, Protocol

from softlanding.flow.after import STEP as AFTER_STEP
from softlanding.flow.after import AfterFlow
from softlanding.flow.context import Answers, Host, Report, Saved, Settings, StepContext, guarded
from softlanding.flow.keeping import KEPT, NOT_WRITTEN, Keeping
from softlanding.flow.library import Library
from softlanding.flow.steps import Flow, SoloFlow, Turn
from softlanding.flow.together import TogetherFlow
from softlanding.report.visible import HIDDEN, Viewer, visible_value
from softlanding.store.errors import STORE_FAILURES, plain_error
from softlanding.store.privacy import erase_unkept

if TYPE_CHECKING:
    from softlanding.models import SessionRecord
    from softlanding.store.sessions import Store


def flow_for(kind: str, position: str | None = None) -> Flow:
    """The sequence of turns for a kind of session (together mode and the talk bring their own)."""
    if position is not None and position.partition("@")[0] == AFTER_STEP:  # "after@A": a pair
        return AfterFlow("together" if kind == "together" else "solo")
    return TogetherFlow() if kind == "together" else SoloFlow()


Partners = tuple[tuple[str, str], ...]


class SessionAnswers(Answers):
    """Answers whose session is written to disk with its first answer: a session opened and
    left unanswered (`softlanding pause`, "Start now", then quit) leaves no empty row behind."""

    def __init__(self, store: Store, report: Report) -> None:
        super().__init__(store, report)
        self._unwritten: tuple[str, Partners] | None = None  # kind and names, until then
        self._position: str | None = None

    def open(self, session_id: str | None, saved: Saved | None = None) -> None:
        super().open(session_id, saved)
        self._unwritten = None

    def open_unwritten(self, kind: str, partners: Partners) -> str:
        """A new session, in memory until something is answered; its id is fixed now."""
        self.open(uuid.uuid4().hex[:16])
        self._unwritten, self._position = (kind, partners), None
        return str(self.session_id)

    @property
    def written(self) -> bool:
        return self.session_id is not None and self._unwritten is None

    def write_row(self) -> bool:
        """Write the session's row now, if not yet; False (said once) when the disk refuses."""
        if self._unwritten is None:
            return self.session_id is not None
        (kind, partners), sid, store = self._unwritten, self.session_id, self._store
        create = lambda: store.create_session(kind, partners, session_id=sid)  # type: ignore[arg-type]  # noqa: E731
        if not guarded(store, self._report, create):
            return False  # said; the next answer tries again (a full disk may have room then)
        self._unwritten = None
        if self._position is not None:
            self.set_step(self._position, quiet=True)
        return True

    def _keep(self, sid: str, step: str, field: str, value: Any, seat: str, private: bool) -> bool:
        if not self.write_row():  # kept to write with the row, once the disk takes it
            self.saved[(seat, step, field)] = value
            written = self.keeping.for_disk(step, field, value, seat, private)
            if written is not NOT_WRITTEN:
                self.unsaved[(sid, seat, step, field)] = (written, private)
            return False
        return super()._keep(sid, step, field, value, seat, private)

    def retry_unsaved(self) -> bool:
        return (not self.unsaved or self.write_row()) and super().retry_unsaved()

    def set_tags(self, tags: Any) -> bool:
        chosen = list(tags)
        return self.write_row() and super().set_tags(chosen)

    def set_step(self, position: str, *, quiet: bool = False) -> bool:
        if self._unwritten is not None:
            self._position = position  # written with the row
            return True
        return super().set_step(position, quiet=quiet)

    def partners(self) -> dict[str, str]:
        if self._unwritten is not None:
            return dict(self._unwritten[1])
        return super().partners()


class SessionKeeper:
    """One session at a time: its answers, its flow and its place; the disk failing is
    reported through `report` and the session carries on unsaved, never crashes."""

    def __init__(self, store: Store, report: Report, solo_name: str = "") -> None:
        self.store, self.report = store, report
        self.solo: Partners = (("A", solo_name),)  # a session on one's own: its one seat
        self.answers = SessionAnswers(store, report)
        self.settings = Settings(store, report)
        self.flow: Flow = SoloFlow()
        self.viewer = Viewer()  # what this run may open: passphrases typed in it only
        self._kept_store: Store | None = None  # the real store, during a don't-keep session
        self.skipped = 0  # answers of the resumed session that could not be read back
        # Sessions left through "I'm not safe" in this run: Home neither offers to carry them on
        # nor shows their agreed return. Kept in memory only: nothing stored says why.
        self.left_for_safety: set[str] = set()
        self.left_last: str | None = None  # the one just left, if written: Safety offers to delete

    @property
    def session_id(self) -> str | None:
        return self.answers.session_id

    def start(
        self, kind: str = "solo", partners: Partners | None = None, keep: bool = True
    ) -> str | None:
        """Begin a session (in memory only when `keep` is False); it is written with its first
        answer, and if the disk refuses then, that is said and it carries on without saving."""
        self.flow = flow_for(kind)
        self.answers.open(None)
        self.left_last = None  # Safety offers to delete only the session it was opened from
        self._start_keeping(keep)
        sid = self.answers.open_unwritten(kind, partners or self.solo)
        if kind != "solo" and not self.answers.write_row():  # a pair's names are answers
            self.answers.open(None)
            return None
        return sid

    def resume(self, session_id: str) -> Turn | None:
        """Reopen an interrupted session where it stood (None if it is gone)."""
        record = self._load(session_id)
        if record is None:
            return None
        self.left_last = None
        self._start_keeping(True)
        sealing = {p for (p, s, f), v in record.answers.items() if (s, f) == KEPT and v}
        self.answers.keeping.sealing = sealing  # their words stay in memory until sealed again
        self.flow = flow_for(record.kind, record.current_step)
        self.skipped = record.skipped
        opened = {}
        for key, value in record.answers.items():  # sealed words stay out unless opened
            shown = visible_value(value, False, self.viewer)
            if shown is not HIDDEN:
                opened[key] = shown
        self.answers.open(record.id, opened)
        return self.flow.resume(record.current_step, self.answers.saved)

    def _start_keeping(self, keep: bool) -> None:
        from softlanding.store import privacy

        self._end_unkept()
        if not keep:
            self._kept_store = self.store
            self._use(privacy.memory_store())
        self.answers.keeping = Keeping(lock_public=privacy.lock_public(self.store))

    def _use(self, store: Store) -> None:
        self.store = store
        self.answers._store = store

    def _end_unkept(self) -> None:
        """Leave a don't-keep session: its in-memory store is dropped, the real one is back."""
        kept = self._kept_store
        if kept is not None:
            self.store.close()
            self._kept_store = None
            self._use(kept)

    @property
    def unkept(self) -> bool:
        return self._kept_store is not None

    @property
    def on_disk(self) -> bool:
        """Something of the session under way is on this computer (never a don't-keep one)."""
        return self.answers.written and not self.unkept

    def library(self) -> Library:
        """Past sessions, read through the real store (Home passes over those left for safety)."""
        return Library(self.store, self.report, self.viewer, self.left_for_safety)

    def leave_if_unkept(self) -> None:
        """Going home: nothing of a don't-keep session can be picked up later, so leave it."""
        if self.unkept:
            self.leave()

    def leave_for_safety(self) -> None:
        """ "I'm not safe": leave like any interruption, and stop offering this session here."""
        if self.session_id is not None:
            self.left_for_safety.add(self.session_id)
        written = self.answers.written and not self.unkept  # a don't-keep session leaves nothing
        self.left_last = self.session_id if written else None
        self.leave()

    def forget_left(self) -> bool:
        """Delete the session just left for safety, for good (the store scrubs the file)."""
        sid = self.left_last
        if sid is None or not guarded(self.store, self.report, lambda: self.store.delete(sid)):
            return False
        self.left_last = None
        return True

    def leave(self) -> None:
        """Step out, leaving the session as any interrupted one (no status, no note of why);
        a partner's unsealed words go now."""
        from softlanding.store.privacy import erase_unkept

        sid = self.session_id
        if sid is not None:
            guarded(self.store, self.report, lambda: erase_unkept(self.store, sid))
        self.answers.open(None)
        self._end_unkept()

    def erase(self) -> None:
        """ "Leave no trace of this session": deleted the way `forget` deletes."""
        sid = self.session_id
        self.answers.open(None)
        if sid is not None:
            guarded(self.store, self.report, lambda: self.store.delete(sid))
        self._end_unkept()

    def _load(self, session_id: str) -> SessionRecord | None:
        try:
            return self.store.load(session_id)
        except STORE_FAILURES as exc:
            self.report(plain_error(exc, self.store.path))
            return None

    def finish(self, status: str) -> None:
        sid = self.session_id
        if sid is None or not self.answers.written:  # nothing answered: nothing to keep
            self.answers.open(None)
            self._end_unkept()
            return
        guarded(self.store, self.report, lambda: self.store.finish(sid, status))  # type: ignore[arg-type]
        # unsealed private words leave the file with the session's end
        guarded(self.store, self.report, lambda: erase_unkept(self.store, sid))
        self.answers.open(None)
        self._end_unkept()

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
        self, kind: str = "solo", partners: Partners | None = None, keep: bool = True
    ) -> str | None: ...

    def begin_session(
        self, kind: str = "solo", partners: Partners | None = None, keep: bool = True
    ) -> None: ...

    def resume_session(self, session_id: str) -> None: ...

    def open_together(self) -> None: ...

    def open_history(self) -> None: ...

    def save_and_exit(self) -> None: ...
