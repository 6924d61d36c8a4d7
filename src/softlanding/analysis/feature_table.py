"""A model's features as a hash table in flat arrays mapped from disk, so a process reads its
weights without first building a dict of 50,000 names (about 8 ms per model, at every start)
or even copying the file (3-5 ms per model): the arrays are views of the mapped file.

The JSON weights stay the source (plain, readable, what the trainers write). Beside each,
`<model>.table` holds the same model with the table added: a short `marshal` head (everything
in the JSON but the features and weights, and where each part starts), then, each at a
multiple of 8 bytes, the int8 weights, each feature's 64-bit key (CRC-32 and Adler-32 of its
UTF-8) in open addressing, the row its weights start at, and the names, zlib-compressed. It is
written with the JSON (`write`), and a test checks that the two agree. A lookup costs about a
microsecond, a dict's a tenth of that: a process that reads many messages builds the dict after
its first few dozen (`Rows`), one that reads a single message never does.
"""

from __future__ import annotations

import binascii
import marshal
import mmap
import zlib
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

STAMP = f"softlanding-table|2|{marshal.version}"
MAGIC = b"SLTABLE2"
_DICT_AFTER = 48  # messages read by table before the dict is worth building
_EMPTY = 0


def key_of(feature: str) -> int:
    raw = feature.encode("utf-8")
    return (zlib.crc32(raw) << 32) | zlib.adler32(raw) or 1  # 0 marks an empty slot


def build(names: list[str], k: int) -> tuple[bytes, bytes]:
    """The table for `names` (row i*k for the i-th), as the bytes of its keys and rows."""
    size = 1 << max(4, (len(names) * 3 // 2).bit_length())  # at most two-thirds full
    keys, rows = array("Q", [_EMPTY]) * size, array("i", [-1]) * size
    mask = size - 1
    for i, name in enumerate(names):
        key = key_of(name)
        slot = (key >> 32) & mask
        while keys[slot] != _EMPTY:
            if keys[slot] == key:
                raise ValueError(f"two features share a key: {name!r}")
            slot = (slot + 1) & mask
        keys[slot], rows[slot] = key, i * k
    return keys.tobytes(), rows.tobytes()


def pack(header: dict[str, Any], count: int, parts: dict[str, bytes]) -> bytes:
    """The file: magic, the head's length, the head, then each part at a multiple of 8."""
    places: dict[str, tuple[int, int]] = {}
    for _round in range(2):  # the head's length depends on the places it records
        head = marshal.dumps((STAMP, header, count, places))
        at = _aligned(len(MAGIC) + 8 + len(head))
        places = {}
        for name, raw in parts.items():
            places[name] = (at, len(raw))
            at = _aligned(at + len(raw))
    head = marshal.dumps((STAMP, header, count, places))
    out = bytearray(MAGIC + len(head).to_bytes(8, "little") + head)
    for name, raw in parts.items():
        out += bytes(places[name][0] - len(out)) + raw
    return bytes(out)


def _aligned(n: int) -> int:
    return (n + 7) & ~7


def write(json_path: Path, data: dict[str, Any], k: int) -> Path:
    """Write the table copy of the weights `data` (as in the JSON at `json_path`) beside it."""
    blob = str(data.get("features") or "")
    names = blob.split("\n") if blob else []
    keys, rows = build(names, k)
    header = {key: value for key, value in data.items() if key not in ("features", "weights")}
    weights = binascii.a2b_base64(str(data["weights"]))
    names_raw = zlib.compress(blob.encode("utf-8"), 9)  # needed only to build the dict
    parts = {"weights": weights, "keys": keys, "rows": rows, "names": names_raw}
    out = json_path.with_suffix(".table")
    out.write_bytes(pack(header, len(names), parts))
    return out


class Table:
    """A model's weights as read from its table copy: the header (everything in the JSON but the
    features and weights), the weights (int8 steps) and the features' rows (`Rows`)."""

    __slots__ = ("header", "rows", "weights")

    def __init__(self, header: dict[str, Any], weights: Sequence[int], rows: Rows) -> None:
        self.header, self.weights, self.rows = header, weights, rows


def read(json_path: Path, k: int) -> Table | None:
    """The table copy beside `json_path`, mapped, or None when there is none or it is damaged or
    of another format (the JSON is read then)."""
    try:
        with json_path.with_suffix(".table").open("rb") as fh:
            view = memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # missing, unreadable, or empty (nothing to map)
        return None
    try:
        return _parsed(view, k)
    except (EOFError, ValueError, TypeError, IndexError):
        return None


def _parsed(view: memoryview, k: int) -> Table | None:
    if bytes(view[: len(MAGIC)]) != MAGIC:
        return None
    size = int.from_bytes(view[len(MAGIC) : len(MAGIC) + 8], "little")
    start = len(MAGIC) + 8
    stamp, header, count, places = marshal.loads(view[start : start + size])
    if stamp != STAMP or not isinstance(header, dict) or not isinstance(count, int):
        return None
    part: dict[str, memoryview] = {}
    for name in ("weights", "keys", "rows", "names"):
        at, length = places[name]
        if at % 8 or at < start + size or at + length > len(view):
            return None
        part[name] = view[at : at + length]
    weights, names = part["weights"].cast("b"), part["names"]
    keys, rows = part["keys"].cast("Q"), part["rows"].cast("i")
    if len(keys) != len(rows) or len(keys) & (len(keys) - 1) or not keys:
        return None
    return Table(header, weights, Rows(k, (keys, rows), count, names))


class Rows:
    """feature -> the row where its weights start (None when unknown): by the table while few
    messages have been read, by a dict after (or at once when there is no table)."""

    def __init__(
        self,
        k: int,
        table: tuple[Sequence[int], Sequence[int]] | None = None,
        count: int = 0,
        names: bytes | memoryview | str = "",
    ) -> None:
        """From the table (with the feature count and the names, zlib-compressed, for the dict
        built later), or at once from the names (one string, a line each) when there is none."""
        self._k, self._names, self._count = k, names, count
        self._dict: dict[str, int] | None = None
        empty: tuple[Sequence[int], Sequence[int]] = (array("Q"), array("i"))
        self._keys, self._rows = table if table is not None else empty
        self._mask = len(self._keys) - 1
        self._reads = 0
        if table is None:
            self._count = len(self.mapping())

    def __len__(self) -> int:
        return self._count

    def mapping(self) -> dict[str, int]:
        """The dict of every feature's row (built once, when first needed)."""
        if self._dict is None:
            raw = self._names
            blob = raw if isinstance(raw, str) else zlib.decompress(raw).decode("utf-8")
            names = blob.split("\n") if blob else []
            if self._keys and len(names) != self._count:
                raise ValueError("the table's names do not match its count")
            self._dict = dict(zip(names, range(0, len(names) * self._k, self._k), strict=True))
        return self._dict

    def get(self, feature: str) -> int | None:
        found = self._dict
        if found is not None:
            return found.get(feature)
        key = key_of(feature)
        keys, mask = self._keys, self._mask
        slot = (key >> 32) & mask
        while True:
            held = keys[slot]
            if held == key:
                return int(self._rows[slot])
            if held == _EMPTY:
                return None
            slot = (slot + 1) & mask

    def of(self, features: list[str]) -> list[int]:
        """The rows of the known features among `features`, in order."""
        self._reads += 1
        found = self._dict
        if found is None and self._reads > _DICT_AFTER:
            found = self.mapping()
        if found is not None:
            return [r for r in map(found.get, features) if r is not None]
        get = self.get
        return [r for f in features if (r := get(f)) is not None]
