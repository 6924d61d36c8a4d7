"""Past sessions for the screens around the flow (Home, History, Patterns, one session):
read and delete through here, so a failing file is a plain notice, never a crash."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, TypeVar

from softlanding.flow.context import Report, guarded
from softlanding.report.visible import Viewer
from softlanding.store.errors import STORE_FAILURES, plain_error

if TYPE_CHECKING:
    from softlanding.models import HistoryRow, SessionFacts, SessionRecord
    from softlanding.store.sessions import Store

T = TypeVar("T")


class Library:
    """The saved sessions, as the screens may read them."""

    def __init__(
        self,
        store: Store,
        report: Report,
        viewer: Viewer | None = None,
        passed_over: Collection[str] = (),
    ) -> None:
        self._store, self._report = store, report
        self.viewer = viewer or Viewer()  # what this run has opened with a passphrase
        self.passed_over = passed_over  # sessions Home does not bring up (left for safety)

    def _read(self, read: Callable[[], T], empty: T) -> T:
        try:
            return read()
        except STORE_FAILURES as exc:
            self._report(plain_error(exc, self._store.path))
            return empty

    def load(self, sid: str) -> SessionRecord | None:
        return self._read(lambda: self._store.load(sid), None)

    def unfinished(self) -> SessionRecord | None:
        """The newest unfinished session with answers, to offer to carry on from Home."""
        skip = tuple(self.passed_over)
        return self._read(lambda: self._store.unfinished(skip=skip), None)

    def unfinished_together(self) -> SessionRecord | None:
        """The latest together session, if it was left unfinished (not a talk after a fight):
        `softlanding together` offers to carry it on."""
        record = self._read(lambda: self._store.latest_session(("together",)), None)
        if record is None or record.status != "open" or record.current_step == "after":
            return None
        return record

    def pending_return(self) -> tuple[str, str] | None:
        """An agreed return from a break that has not come yet (Home shows it)."""
        pending = self._read(self._store.pending_return, None)
        return None if pending is None or pending[1] in self.passed_over else pending

    def latest_partners(self) -> dict[str, str]:
        """The names the latest together session gave (the talk after it starts with them)."""
        record = self._read(lambda: self._store.latest_session(("together",)), None)
        return dict(record.partners) if record is not None else {}

    def count(self) -> int:
        return self._read(self._store.count_sessions, 0)

    def page(self, size: int, offset: int) -> list[HistoryRow]:
        """One page of History, newest first."""
        from softlanding.store import archive  # History's queries: not needed at start-up

        return self._read(
            lambda: archive.history_page(self._store, size, offset=offset, viewer=self.viewer), []
        )

    def locked(self) -> bool:
        """The store is locked and this run has not opened it."""
        from softlanding.store import privacy

        opened = self.viewer.keyring.lock_private is not None
        return not opened and self._read(lambda: privacy.is_locked(self._store), False)

    def open_with(self, passphrase: str, sids: list[str] | None = None) -> bool:
        """Open what `passphrase` seals (for this run only); False when it opens nothing."""
        from softlanding.store import privacy

        keyring = self.viewer.keyring
        store = self._store
        return self._read(lambda: privacy.open_keyring(store, passphrase, keyring, sids), False)

    def hidden(self, record: SessionRecord) -> int:
        """How many of a session's answers this run may not see."""
        from softlanding.report.visible import hidden_count

        return hidden_count(record, self.viewer)

    def erase_stale(self) -> None:
        """Unsealed private words of sessions left open over a day leave the file."""
        from softlanding.store.privacy import erase_stale

        guarded(self._store, self._report, lambda: erase_stale(self._store))

    def delete(self, sid: str) -> bool:
        """Delete one session for good (the store scrubs the file); False if it failed."""
        return guarded(self._store, self._report, lambda: self._store.delete(sid))

    def pattern_facts(self, since: str | None) -> list[SessionFacts]:
        """What Patterns counts; on its own read-only connection (it runs in a thread)."""
        from softlanding.store import archive
        from softlanding.store.sessions import Store

        if self._store.path is None:
            return archive.pattern_facts(self._store, since, self.viewer)
        with Store.open(self._store.path, readonly=True) as store:
            return archive.pattern_facts(store, since, self.viewer)
