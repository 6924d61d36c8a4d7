"""Sealing words: Argon2id turns a passphrase into a key, AES-GCM seals each answer with it.

Two kinds of seal, both stored as a JSON object in place of the answer's value:
- "passphrase": a partner's unshared words, sealed with a key derived from their passphrase
  (one random salt per partner per session; the key lives in memory only while typing).
- "lock": `softlanding lock`; each value is sealed to the store's X25519 public key (a fresh
  key pair per value, ECDH + HKDF-SHA256 -> AES-GCM), so new words are sealed without asking;
  the private half is itself sealed with the lock passphrase's Argon2id key.

Nothing here stores a passphrase. Libraries are imported inside the functions that need them,
so start-up of an unlocked store stays as it was.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field
from typing import Any

# Argon2id cost: OWASP's baseline, 2 passes over 19 MiB, 1 lane, 32-byte key. About 0.03 s a
# derive on the idle 2-core test VM (0.09 s under a load of 6), so opening a pair's session
# (one derive per partner's salt) stays well under 0.5 s on a busy laptop.
KDF_TIME_COST = 2
KDF_MEMORY_KIB = 19 * 1024
KDF_LANES = 1
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
MARK = "sealed"  # the key that tells a sealed value from an ordinary answer


class WrongPassphrase(Exception):
    """The passphrase opens nothing it was tried on."""


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive(passphrase: str, salt: bytes) -> bytes:
    """The AES key a passphrase gives with this salt (slow on purpose: guessing is costly)."""
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=KDF_TIME_COST,
        memory_cost=KDF_MEMORY_KIB,
        parallelism=KDF_LANES,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def _encrypt(key: bytes, plain: bytes) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return _b64(nonce + AESGCM(key).encrypt(nonce, plain, None))


def _decrypt(key: bytes, sealed: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        raw = _unb64(sealed)
        return AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], None)
    except (InvalidTag, ValueError):
        return None


def is_sealed(value: Any) -> bool:
    return isinstance(value, dict) and value.get(MARK) in ("passphrase", "lock")


def seal_with_key(key: bytes, salt: bytes, value: Any) -> dict[str, str]:
    """A partner's answer sealed with the key their passphrase gave (see `derive`)."""
    plain = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return {MARK: "passphrase", "salt": _b64(salt), "box": _encrypt(key, plain)}


# --- the store lock (X25519 + AES-GCM) ---------------------------------------------------------


def _lock_key(shared: bytes, ephemeral: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    info = b"softlanding lock v1" + ephemeral
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info).derive(shared)


def seal_to_lock(public: bytes, value: Any) -> dict[str, str]:
    """Seal with the store's public key: anyone can seal, only the passphrase holder opens."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    mine = X25519PrivateKey.generate()
    ephemeral = mine.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key = _lock_key(mine.exchange(X25519PublicKey.from_public_bytes(public)), ephemeral)
    plain = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return {MARK: "lock", "epk": _b64(ephemeral), "box": _encrypt(key, plain)}


def new_lock(passphrase: str) -> tuple[dict[str, str], bytes]:
    """A new lock: (what the store keeps, the private key for this run)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    private = X25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    salt = new_salt()
    kept = {"v": "1", "public": _b64(public), "salt": _b64(salt)}
    kept["private"] = _encrypt(derive(passphrase, salt), raw)
    return kept, raw


def open_lock(kept: dict[str, str], passphrase: str) -> bytes | None:
    """The store's private key, or None when the passphrase is not the lock's."""
    return _decrypt(derive(passphrase, _unb64(kept["salt"])), kept["private"])


def valid_lock(kept: Any) -> bool:
    """A lock as `new_lock` writes it (imported files are data: checked, never trusted)."""
    if not isinstance(kept, dict) or set(kept) != {"v", "public", "salt", "private"}:
        return False
    try:
        return len(_unb64(kept["public"])) == 32 and len(_unb64(kept["salt"])) == SALT_BYTES
    except (TypeError, ValueError, AttributeError):
        return False


def lock_public(kept: dict[str, str]) -> bytes:
    return _unb64(kept["public"])


# --- opening -----------------------------------------------------------------------------------


@dataclass
class Keyring:
    """What one person typed to open words: passphrases (derived once per salt) and the
    store's private key once the lock was opened. Lives in memory only."""

    passphrases: list[str] = field(default_factory=list)
    lock_private: bytes | None = None
    _keys: dict[str, list[bytes]] = field(default_factory=dict, repr=False)

    def forget_derived(self) -> None:
        """Passphrases changed: derive again per salt on the next open."""
        self._keys.clear()

    def open(self, value: Any) -> tuple[bool, Any]:
        """(True, the answer) when a key here opens the sealed value, else (False, None)."""
        if not is_sealed(value):
            return True, value
        plain = self._open_lock(value) if value[MARK] == "lock" else self._open_passphrase(value)
        if plain is None:
            return False, None
        return True, json.loads(plain.decode("utf-8"))

    def _open_passphrase(self, value: dict[str, str]) -> bytes | None:
        salt = value.get("salt", "")
        if salt not in self._keys:
            self._keys[salt] = [derive(p, _unb64(salt)) for p in self.passphrases]
        for key in self._keys[salt]:
            plain = _decrypt(key, value.get("box", ""))
            if plain is not None:
                return plain
        return None

    def _open_lock(self, value: dict[str, str]) -> bytes | None:
        if self.lock_private is None:
            return None
        from cryptography.hazmat.primitives.asymmetric.x25519 import (
            X25519PrivateKey,
            X25519PublicKey,
        )

        try:
            ephemeral = _unb64(value["epk"])
            mine = X25519PrivateKey.from_private_bytes(self.lock_private)
            shared = mine.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        except (KeyError, ValueError):
            return None
        return _decrypt(_lock_key(shared, ephemeral), value.get("box", ""))
