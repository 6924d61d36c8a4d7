"""What of a session goes to disk, and how: the rules of keeping, as plain Python.

- "Don't keep this session": the app swaps in a store held in memory (`memory_store`).
- A partner's own words (typed on a private turn, not revealed) with their passphrase set:
  sealed with it. Without one: kept only while the session is open (erased when it ends), and
  in a locked store not written at all (the lock's owner must not be able to open them).
- Everything else: as it is, or sealed to the store lock's public key when the store is locked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from softlanding.store import seal

NOT_WRITTEN: Any = object()  # `for_disk` result: keep this answer in memory only
KEPT = ("keep", "sealed")  # saved (True) when a partner set a passphrase for the session


@dataclass
class Keeping:
    lock_public: bytes | None = None
    keys: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)  # partner -> (key, salt)
    sealing: set[str] = field(default_factory=set)  # partners who chose a passphrase

    def set_passphrase(self, partner: str, passphrase: str) -> None:
        """Derive this partner's key for this session (the passphrase itself is not kept)."""
        salt = seal.new_salt()
        self.keys[partner] = (seal.derive(passphrase, salt), salt)
        self.sealing.add(partner)

    def for_disk(self, step: str, name: str, value: Any, partner: str, private: bool) -> Any:
        """The value as it may be written, or NOT_WRITTEN."""
        from softlanding.store.privacy import is_word

        if private:
            if partner in self.keys:
                key, salt = self.keys[partner]
                return seal.seal_with_key(key, salt, value)
            if partner in self.sealing or self.lock_public is not None:
                return NOT_WRITTEN  # the key is gone (a resumed session), or the store is locked
            return value
        if self.lock_public is not None and is_word(step, name):
            return seal.seal_to_lock(self.lock_public, value)
        return value
