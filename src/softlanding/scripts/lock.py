"""`softlanding lock`, `unlock` and `passphrase change`; the passphrase prompt of show/export.

A passphrase is only ever read with getpass (never from an argument or the environment, which
land in shell history and process lists). A forgotten passphrase cannot be recovered.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import warnings
from typing import Any

from softlanding.report.visible import Viewer
from softlanding.store import privacy, seal
from softlanding.store.sessions import Store


def words() -> dict[str, str]:
    from softlanding.pack.loader import load_data

    return dict(load_data()["text"]["lock_cli"])


class NotAsked(Exception):
    """No passphrase was read: stopped at the prompt, input closed, or no keyboard to type it
    hidden at."""


def ask(prompt: str) -> str:
    """One passphrase from the keyboard, not echoed (never from a pipe, where it would show)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            return getpass.getpass(prompt)
        except (getpass.GetPassWarning, EOFError, KeyboardInterrupt) as exc:
            raise NotAsked from exc


def ask_new(say: dict[str, str]) -> str | None:
    """A new passphrase typed twice; None (said why) when empty or the two differ."""
    first = ask(say["new"])
    if not first:
        print(say["empty"], file=sys.stderr)
        return None
    if ask(say["again"]) != first:
        print(say["differ"], file=sys.stderr)
        return None
    return first


def open_viewer(store: Store, say: dict[str, str], sids: list[str] | None = None) -> Viewer | None:
    """Ask for a passphrase; a viewer that opens what it opens, or None if it opens nothing."""
    keyring = seal.Keyring()
    try:
        passphrase = ask(say["ask"])
    except NotAsked:
        print(file=sys.stderr)
        print(say["not_asked"], file=sys.stderr)
        return None
    if not privacy.open_keyring(store, passphrase, keyring, sids):
        print(say["wrong"], file=sys.stderr)
        return None
    return Viewer(keyring=keyring)


def lock(store: Store, passphrase: str) -> int:
    """Seal every saved word under a new lock; returns how many answers were sealed."""
    kept, _ = seal.new_lock(passphrase)
    public = seal.lock_public(kept)

    def close(step: str, field: str, value: Any) -> Any:
        if seal.is_sealed(value) or not privacy.is_word(step, field):
            return value
        return seal.seal_to_lock(public, value)

    return privacy.reseal_all(store, close, lock=kept)


def unlock(store: Store, lock_private: bytes) -> int:
    """Open every lock-sealed word for good and remove the lock (partner seals stay)."""
    keyring = seal.Keyring(lock_private=lock_private)

    def open_(step: str, field: str, value: Any) -> Any:
        if not (seal.is_sealed(value) and value.get(seal.MARK) == "lock"):
            return value
        opened, plain = keyring.open(value)
        return plain if opened else value

    return privacy.reseal_all(store, open_, lock=None)


def change(store: Store, lock_private: bytes, passphrase: str) -> None:
    """Seal every word again under a new lock (a fresh key pair: nothing sealed under the old
    passphrase remains), in one step: no word is ever left open on the way."""
    keyring = seal.Keyring(lock_private=lock_private)
    kept, _ = seal.new_lock(passphrase)
    public = seal.lock_public(kept)

    def reseal(step: str, field: str, value: Any) -> Any:
        if seal.is_sealed(value):
            if value.get(seal.MARK) != "lock":
                return value  # a partner's own seal stays theirs
            opened, plain = keyring.open(value)
            return seal.seal_to_lock(public, plain) if opened else value
        return seal.seal_to_lock(public, value) if privacy.is_word(step, field) else value

    privacy.reseal_all(store, reseal, lock=kept)


def main(argv: list[str], prog: str) -> int:
    command = prog.rsplit(" ", 1)[-1]
    parser = argparse.ArgumentParser(prog=prog, description=_DESCRIPTIONS[command])
    if command == "passphrase":
        parser.add_argument("action", choices=("change",), help="change the lock's passphrase")
    parser.parse_args(argv)
    say = words()
    try:
        return _run(command, say)
    except NotAsked:  # at a prompt: nothing is changed before the last one is answered
        print(file=sys.stderr)  # the prompt's line is left open
        print(say["not_asked"], file=sys.stderr)
        return 130


def _run(command: str, say: dict[str, str]) -> int:
    with Store.open() as store:
        kept = store.get_setting(privacy.LOCK_SETTING)
        if command == "lock":
            return _lock(store, kept, say)
        if not isinstance(kept, dict):
            print(say["not_locked"], file=sys.stderr)
            return 1
        private = seal.open_lock(kept, ask(say["ask"]))
        if private is None:
            print(say["wrong"], file=sys.stderr)
            return 1
        new = ask_new(say) if command == "passphrase" else None
        if command == "passphrase" and new is None:
            print(say["unchanged"], file=sys.stderr)
            return 1
        if new is None:
            print(say["unlocked"].format(count=unlock(store, private)))
            return 0
        change(store, private, new)
        print(say["changed"])
        return 0


def _lock(store: Store, kept: Any, say: dict[str, str]) -> int:
    if isinstance(kept, dict):
        print(say["already"], file=sys.stderr)
        return 1
    print(say["warning"])
    passphrase = ask_new(say)
    if passphrase is None:
        return 1
    count = lock(store, passphrase)
    print(say["locked"].format(count=count))
    return 0


_DESCRIPTIONS = {
    "lock": "Seal the words of every saved session under one passphrase. "
    "A forgotten passphrase means the words are gone.",
    "unlock": "Open every sealed word for good and remove the lock.",
    "passphrase": "Change the lock's passphrase (every word is sealed again).",
}
