"""A model's features as a hash table in two flat arrays, so a process reads its weights without
first building a dict of 40,000 names (about 8 ms per model, at every start).

The JSON weights stay the source (plain, readable, what the trainers write). Beside each,
`<model>.table` holds the same model in `marshal` form with the table added: each feature's
64-bit key (CRC-32 and Adler-32 of its UTF-8) in open addressing, and the row its weights start
at. It is written with the JSON (`write`), and a test checks that the two agree. A lookup costs
about a microsecond, a dict's a tenth of that: a process that reads many messages builds the
dict after its first few dozen (`Rows`), one that reads a single message never does.
"""

from __future__ import annotations

import binascii
import marshal
import zlib
from array import array
from pathlib import Path
from typing import Any

STAMP = f"softlanding-table|1|{marshal.version}"
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


def write(json_path: Path, data: dict[str, Any], k: int) -> Path:
    """Write the table copy of the weights `data` (as in the JSON at `json_path`) beside it."""
    blob = str(data.get("features") or "")
    names = blob.split("\n") if blob else []
    keys, rows = build(names, k)
    header = {key: value for key, value in data.items() if key not in ("features", "weights")}
    out = json_path.with_suffix(".table")
    names_raw = zlib.compress(blob.encode("utf-8"), 9)  # needed only to build the dict
    weights = binascii.a2b_base64(str(data["weights"]))
    out.write_bytes(marshal.dumps((STAMP, header, len(names), names_raw, weights, keys, rows)))
    return out


class Table:
    """A model's weights as read from its table copy: the header (everything in the JSON but the
    features and weights), the weights' bytes, and the features' rows (`Rows`)."""

    __slots__ = ("header", "rows", "weights")

    def __init__(self, header: dict[str, Any], weights: bytes, rows: Rows) -> None:
        self.header, self.weights, self.rows = header, weights, rows


def read(json_path: Path, k: int) -> Table | None:
    """The table copy beside `json_path`, or None when there is none or it is damaged or of
    another format (the JSON is read then)."""
    try:
        raw = json_path.with_suffix(".table").read_bytes()
        stamp, header, count, names_raw, weights, keys_raw, rows_raw = marshal.loads(raw)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if stamp != STAMP or not isinstance(header, dict) or not isinstance(names_raw, bytes):
        return None
    if not isinstance(count, int) or not isinstance(weights, bytes):
        return None
    keys, rows = array("Q"), array("i")
    try:
        keys.frombytes(keys_raw)
        rows.frombytes(rows_raw)
    except TypeError:
        return None
    if len(keys) != len(rows) or len(keys) & (len(keys) - 1) or not keys:
        return None
    return Table(header, weights, Rows(k, (keys, rows), count, names_raw))


class Rows:
    """feature -> the row where its weights start (None when unknown): by the table while few
    messages have been read, by a dict after (or at once when there is no table)."""

    def __init__(
        self,
        k: int,
        table: tuple[array[int], array[int]] | None = None,
        count: int = 0,
        names: bytes | str = "",
    ) -> None:
        """From the table (with the feature count and the names, zlib-compressed, for the dict
        built later), or at once from the names (one string, a line each) when there is none."""
        self._k, self._names, self._count = k, names, count
        self._dict: dict[str, int] | None = None
        self._keys, self._rows = table if table is not None else (array("Q"), array("i"))
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
            blob = zlib.decompress(raw).decode("utf-8") if isinstance(raw, bytes) else raw
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
