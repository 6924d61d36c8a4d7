"""Compiled regexes kept between runs, so a command does not parse the same regexes every start.

Python's `re` turns a regex into a list of opcodes in pure Python (a few hundred microseconds to
milliseconds each); building the matcher from those opcodes takes microseconds. This module
keeps each regex's opcodes (as `re` made them, for this very Python) and builds from them the
next time. Plain data only (strings, numbers, bytes), written with `marshal`; the caller keeps
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
from array import array
from typing import Any

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

FORMAT = 1
FILE_NAME = "regexes.marshal"
_LIMIT = 6000  # regexes kept (about 1.5 KB each); the pack has about 1,500
_DEBUG = 128  # re.DEBUG: prints while compiling, never cached

# (pattern, flags) -> (final flags, opcodes as bytes, groups, group index, index group, and
# whether to hand it to `re`'s own cache: a regex a module compiles through `re` itself)
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...], bool]
_known: dict[tuple[str, int], Entry] = {}
_made: dict[tuple[str, int], Entry] = {}  # compiled here, not yet in the file


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - as re.compile
    """`re.compile(pattern, flags)`, from the kept opcodes when they are known."""
    key = (pattern, flags)
    entry = _known.get(key) or _made.get(key)
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
    if len(_known) + len(_made) < _LIMIT:
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


def load(data: bytes | None) -> None:
    """Take the kept regexes from a file's bytes (a damaged file counts as none), and hand those
    that modules compile through `re` to its cache, so their imports find them there."""
    if not data or not _STAMP:
        return
    try:
        stamp, entries = marshal.loads(data)
    except Exception:  # noqa: BLE001 - damaged: as if there were no file
        return
    if stamp != f"{FORMAT}|{_STAMP}" or not isinstance(entries, dict):
        return
    _known.update(entries)
    _seed(entries)


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
    cache = getattr(re, "_cache", None) if _known else None
    for key in list(cache) if isinstance(cache, dict) else []:
        if not (isinstance(key, tuple) and len(key) == 3 and key[0] is str):  # noqa: PLR2004
            continue
        _kind, pattern, flags = key
        if (pattern, flags) in _known or not isinstance(flags, int) or flags & _DEBUG:
            continue
        try:
            fresh[pattern, flags] = _entry(pattern, flags, to_re=True)
        except Exception:  # noqa: BLE001, S112 - not ours to keep
            continue
    _made.clear()
    if not fresh:
        return None
    for key, entry in fresh.items():
        if len(_known) >= _LIMIT:
            break
        _known[key] = entry
    return marshal.dumps((f"{FORMAT}|{_STAMP}", _known))
