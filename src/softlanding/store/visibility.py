"""What a viewer may see of a saved session: the one gate every reader goes through.

It lives with the store, so the store's own readers (export, history pages, pattern facts) can
apply it without reaching the views above; readers outside the store use it as
`softlanding.report.visible`.

An answer is either shared (both partners saw it, or it was one person's own session) or its
owner's alone (typed on a private turn and not revealed, or a private note). Stored readers —
history, the session view, patterns, `show`, `export`, the `reflect` debrief, Markdown — see:
- shared words, as they are, unless the store is locked (then only with the lock's passphrase);
- an owner's words only when sealed and opened with that owner's passphrase. Unsealed private
  words exist only while their session is open, for the live flow, never for a reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from softlanding.models import SessionRecord
from softlanding.store.seal import Keyring, is_sealed


class _Hidden:
    def __repr__(self) -> str:
        return "HIDDEN"


HIDDEN: Any = _Hidden()


@dataclass
class Viewer:
    """Who is looking: by default anyone at the keyboard, who has typed no passphrase."""

    keyring: Keyring = field(default_factory=Keyring)
    keep_sealed: bool = False  # export: a sealed value it cannot open is written still sealed


ANYONE = Viewer()


def lock_only(viewer: Viewer) -> Viewer:
    """The viewer for lists over many sessions (history, patterns): the store lock opens,
    a partner's own words don't (one slow derive per session would stall the list)."""
    return Viewer(keyring=Keyring(lock_private=viewer.keyring.lock_private))


def visible_value(value: Any, private: bool, viewer: Viewer = ANYONE) -> Any:
    """The answer as this viewer may see it, or HIDDEN (or still sealed, for an export)."""
    if is_sealed(value):
        opened, plain = viewer.keyring.open(value)
        if opened:
            return plain
        return value if viewer.keep_sealed else HIDDEN
    if private:
        return HIDDEN  # not sealed, so kept only for the open session's own screens
    return value


def visible_answers(record: SessionRecord, viewer: Viewer = ANYONE) -> SessionRecord:
    """A copy of the record holding only what `viewer` may see; `private` marks the owner's
    own words that their passphrase opened (readers show them as theirs)."""
    answers: dict[tuple[str, str, str], Any] = {}
    for key, value in record.answers.items():
        shown = visible_value(value, key in record.private, viewer)
        if shown is not HIDDEN:
            answers[key] = shown
    private = {key for key in record.private if key in answers}
    return replace(record, answers=answers, private=private, tags=list(record.tags))


def hidden_count(record: SessionRecord, viewer: Viewer = ANYONE) -> int:
    """How many answers this viewer cannot see (said plainly, never what they are)."""
    return sum(
        1
        for key, value in record.answers.items()
        if visible_value(value, key in record.private, viewer) is HIDDEN
    )


def sealed_count(record: SessionRecord) -> int:
    return sum(1 for value in record.answers.values() if is_sealed(value))
