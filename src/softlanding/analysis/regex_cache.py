"""Compiled regexes kept between runs, so a command does not parse the same regexes every start.

Python's `re` turns a regex into a list of opcodes in pure Python (a few hundred microseconds to
milliseconds each); building the matcher from those opcodes takes microseconds. This module
keeps each regex's opcodes (as `re` made them, for this very Python) and builds from them the
next time. A run needs a few dozen of ~3,000, so the file is an index (each regex's checksum, in
order, and where its entry lies) and the entries as bytes: an entry is unpacked only when a run
asks for it (unpacking them all cost more than the rest of a start). Plain data only (strings,
numbers, bytes), written with `marshal`; the caller keeps
the file in the private cache folder and reads it only when it is ours alone
(`pack.loader.read_private`), as the compiled pack is.

Anything unexpected (another Python, damaged data, an `re` without these internals) means
compiling as usual: the result is the same regex, only slower to make.
"""

from __future__ import annotations

import importlib
import marshal
import re
import sys
import zlib
from array import array
from bisect import bisect_left
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import mmap

_sre: Any = None
_compiler: Any = None
_parser: Any = None
_STAMP = ""
try:  # CPython's regex engine and its compiler: internals, so every use is guarded
    _sre = importlib.import_module("_sre")
    _compiler = importlib.import_module("re._compiler")
    _parser = importlib.import_module("re._parser")
    _STAMP = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - another Python
    _sre = None

FORMAT = 3  # 3: an index of checksums, each entry unpacked when asked for
FILE_NAME = "regexes.marshal"  # in the private cache folder, and in the wheel beside the pack
_LIMIT = 6000  # regexes kept (about 1.5 KB each); the pack has about 1,500
_DEBUG = 128  # re.DEBUG: prints while compiling, never cached

# (pattern, flags) -> (final flags, opcodes as bytes, groups, group index, index group, and
# whether to hand it to `re`'s own cache: a regex a module compiles through `re` itself)
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...], bool]
_known: dict[tuple[str, int], Entry] = {}
_made: dict[tuple[str, int], Entry] = {}  # compiled here, not yet in the file
# What the base file (the wheel's, beside the pack) holds: never written to the private file
_base_keys: set[tuple[str, int]] = set()


class _Layer:
    """One file's entries, unpacked as they are asked for: sorted checksums, where each one's
    entries lie in the blob, and which were taken already."""

    __slots__ = ("base", "blob", "ends", "sums", "taken")

    def __init__(self, sums: array[int], ends: array[int], blob: memoryview, base: bool) -> None:
        self.sums, self.ends, self.blob, self.base = sums, ends, blob, base
        self.taken: set[int] = set()

    def take(self, crc: int) -> list[Any]:
        """The entries filed under `crc` the first time it is asked for (then none)."""
        i = bisect_left(self.sums, crc)
        if i == len(self.sums) or self.sums[i] != crc or i in self.taken:
            return []
        self.taken.add(i)
        start = self.ends[i - 1] if i else 0
        rows = marshal.loads(self.blob[start : self.ends[i]])
        return rows if isinstance(rows, list) else []

    def left(self) -> int:
        return len(self.sums) - len(self.taken)


_layers: list[_Layer] = []


def _crc(pattern: str, flags: int) -> int:
    return (zlib.crc32(pattern.encode("utf-8", "surrogatepass")) ^ flags) & 0xFFFFFFFF


def _waiting() -> int:
    """Entries in the files not unpacked yet."""
    return sum(layer.left() for layer in _layers)


def _unpacked(key: tuple[str, int]) -> Entry | None:
    """The files' entry for a regex, unpacked now (and kept with the known ones)."""
    crc = _crc(*key)
    for layer in _layers:
        _take(layer, crc)
    return _known.get(key)


def _take(layer: _Layer, crc: int) -> None:
    try:
        for pattern, flags, entry in layer.take(crc):
            _known.setdefault((pattern, flags), tuple(entry))
            if layer.base:
                _base_keys.add((pattern, flags))
    except Exception:  # noqa: BLE001, S110 - damaged: as if it were not kept
        pass


def _kept(key: tuple[str, int]) -> bool:
    return key in _known or (bool(_layers) and _unpacked(key) is not None)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - as re.compile
    """`re.compile(pattern, flags)`, from the kept opcodes when they are known."""
    key = (pattern, flags)
    entry = _known.get(key) or _made.get(key) or (_unpacked(key) if _layers else None)
    if entry is not None:
        made = _build(pattern, entry)
        if made is not None:
            return made
    if _sre is None or flags & _DEBUG:
        return re.compile(pattern, flags)
    try:
        entry = _entry(pattern, flags, to_re=False)
    except Exception:  # noqa: BLE001 - internals changed: compile the ordinary way
        return re.compile(pattern, flags)
    made = _build(pattern, entry)
    if made is None:
        return re.compile(pattern, flags)
    if len(_known) + len(_made) + _waiting() < _LIMIT:
        _made[key] = entry
    return made


def _entry(pattern: str, flags: int, to_re: bool) -> Entry:
    """What `re` makes of a regex before building it (as `re._compiler.compile` does)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)  # noqa: SLF001
    state = parsed.state
    index: list[str | None] = [None] * state.groups
    for name, number in state.groupdict.items():
        index[number] = name
    ops = array("I", [int(c) for c in code]).tobytes()
    groups = state.groups - 1
    return (int(flags | state.flags), ops, groups, dict(state.groupdict), tuple(index), to_re)


def _build(pattern: str, entry: Entry) -> re.Pattern[str] | None:
    try:
        flags, ops, groups, groupindex, indexgroup, _to_re = entry
        code = array("I", ops).tolist()
        # _sre checks the opcodes before it uses them (damaged ones raise, never run)
        made: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    except Exception:  # noqa: BLE001 - damaged or foreign data: compile the ordinary way
        return None
    return made


def load(data: bytes | mmap.mmap | None, base: bool = False) -> None:
    """Take the kept regexes from a file's bytes (a damaged file counts as none), and hand those
    that modules compile through `re` to its cache, so their imports find them there.

    `base`: the wheel's file, read first; the private file then holds only what it lacks."""
    if not data or not _STAMP:
        return
    try:
        stamp, seeded, sums_raw, ends_raw, start = marshal.loads(data)
        sums, ends = array("I"), array("I")
        sums.frombytes(sums_raw)
        ends.frombytes(ends_raw)
    except Exception:  # noqa: BLE001 - damaged: as if there were no file
        return
    if stamp != f"{FORMAT}|{_STAMP}" or not isinstance(seeded, dict) or len(sums) != len(ends):
        return
    if not isinstance(start, int) or not 0 < start <= len(data):
        return
    if ends and start + ends[-1] > len(data):
        return
    _known.update(seeded)
    if base:
        _base_keys.update(seeded)
    else:
        _base_keys.difference_update(seeded)
    _layers.insert(
        0 if not base else len(_layers), _Layer(sums, ends, memoryview(data)[start:], base)
    )
    _seed(seeded)


def _seed(entries: dict[tuple[str, int], Entry]) -> None:
    """Give `re` its regexes, keyed as `re` keys them (when it keeps a cache that way)."""
    cache = getattr(re, "_cache", None)
    limit = getattr(re, "_MAXCACHE", 0)
    if not isinstance(cache, dict) or not isinstance(limit, int):
        return
    room = limit // 2 - len(cache)  # leave `re` room for what it compiles itself
    for (pattern, flags), entry in entries.items():
        if room <= 0:
            return
        if (
            isinstance(entry, tuple)
            and entry[-1:] == (True,)
            and (str, pattern, flags) not in cache
        ):
            made = _build(pattern, entry)
            if made is not None:
                cache[str, pattern, flags] = made
                room -= 1


def dump() -> bytes | None:
    """The file's new bytes when this process compiled regexes the file lacks; else None.

    Regexes that modules compiled through `re` itself (found in its cache) are kept too, but
    only once there is a file: parsing them again would slow the very first run."""
    if not _STAMP:
        return None
    fresh: dict[tuple[str, int], Entry] = dict(_made)
    cache = getattr(re, "_cache", None) if _known or _layers else None
    for key in list(cache) if isinstance(cache, dict) else []:
        if not (isinstance(key, tuple) and len(key) == 3 and key[0] is str):  # noqa: PLR2004
            continue
        _kind, pattern, flags = key
        if not isinstance(flags, int) or flags & _DEBUG or _kept((pattern, flags)):
            continue
        try:
            fresh[pattern, flags] = _entry(pattern, flags, to_re=True)
        except Exception:  # noqa: BLE001, S112 - not ours to keep
            continue
    _made.clear()
    if not fresh:
        return None
    for key, entry in fresh.items():
        if len(_known) + _waiting() >= _LIMIT:
            break
        _known[key] = entry
    return whole_file()


def whole_file() -> bytes:
    """Every kept regex the base file lacks: those `re` is given at once as they are, the rest
    indexed by checksum."""
    for layer in [la for la in _layers if not la.base]:  # unpack them all, to write them again
        for crc in list(layer.sums):
            _take(layer, crc)
    mine = {k: v for k, v in _known.items() if k not in _base_keys}
    seeded = {k: v for k, v in mine.items() if v[-1:] == (True,)}
    groups: dict[int, list[tuple[str, int, Entry]]] = {}
    for (pattern, flags), entry in mine.items():
        if entry[-1:] != (True,):
            groups.setdefault(_crc(pattern, flags), []).append((pattern, flags, entry))
    sums, ends, parts, end = array("I"), array("I"), [], 0
    for crc in sorted(groups):
        part = marshal.dumps(groups[crc])
        parts.append(part)
        end += len(part)
        sums.append(crc)
        ends.append(end)
    stamp = f"{FORMAT}|{_STAMP}"
    head = marshal.dumps((stamp, seeded, sums.tobytes(), ends.tobytes(), 0))
    for _ in range(3):  # the header names where the entries start, its own length
        start = len(head)
        head = marshal.dumps((stamp, seeded, sums.tobytes(), ends.tobytes(), start))
        if len(head) == start:
            break
    return head + b"".join(parts)
