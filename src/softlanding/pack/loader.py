"""The prompts pack: find it, merge a user's pack over the shipped one, validate, compile.

Two ways in:
- `load_pack()` validates with pydantic and returns typed models (used by `prompts check`).
- `load_view()` returns the same content as typed frozen dataclasses (`pack/view.py`, generated
  from the schema) built from a compiled JSON copy, so the TUI starts without pydantic or YAML.
"""

from __future__ import annotations

import os
import stat
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from softlanding import __version__, paths
from softlanding.pack.problems import PackError as PackError
from softlanding.pack.problems import PackProblem as PackProblem
from softlanding.pack.problems import PackSources as PackSources

if TYPE_CHECKING:
    from collections.abc import Callable

    from softlanding.pack import view
    from softlanding.pack.schema import Pack
    from softlanding.pack.yaml_reader import YamlDocument

COMPILED_FORMAT = 5  # 3: every label block modelled, placeholders checked; 4: regex needs;
# 5: a user pack that changes `analysis` carries the shipped one beside it (_safety_core)


def sources(explicit: Path | None = None) -> PackSources:
    """The active pack's files: --prompts, else $SOFTLANDING_PROMPTS, else the config folder."""
    shipped = paths.shipped_prompts_path()
    if explicit is not None:
        return PackSources(shipped, Path(explicit).expanduser(), "--prompts")
    env = os.environ.get(paths.PROMPTS_ENV)
    if env:
        return PackSources(shipped, Path(env).expanduser(), f"${paths.PROMPTS_ENV}")
    user = paths.user_prompts_path()
    if user.is_file():
        # Someone else able to plant this file could change every word, crisis numbers included.
        folder = user.parent
        refused = paths.trusted_file(user, (folder.parent, folder))
        if refused:
            raise PackError([PackProblem(user, None, "", refused)])
        return PackSources(shipped, user, "config folder")
    return PackSources(shipped, None, "shipped only")


def load_pack(explicit: Path | None = None) -> Pack:
    """Load, merge and validate the active pack; raise PackError with located problems."""
    src = sources(explicit)
    shipped = _parse(src.shipped)
    user = _parse(src.user) if src.user else None
    return validate(shipped, user)


def validate(shipped: YamlDocument, user: YamlDocument | None) -> Pack:
    """Validate a shipped document with an optional partial user document laid over it."""
    from pydantic import ValidationError

    from softlanding.pack.schema import Pack

    problems: list[PackProblem] = []
    base = _top_mapping(shipped, problems)
    over = _top_mapping(user, problems) if user else {}
    if problems:
        raise PackError(problems)
    unknown = sorted(set(over) - set(Pack.model_fields), key=str)  # keys may be numbers
    if unknown and user is not None:
        from softlanding.pack.yaml_reader import line_of

        raise PackError(
            [
                PackProblem(user.path, line_of(user.root, (name,)), name, _UNKNOWN_SECTION)
                for name in unknown
            ]
        )
    merged = merge(base, over)
    try:
        return Pack.model_validate(merged)
    except ValidationError as exc:
        raise PackError(_problems(exc, shipped, user, over)) from None


_UNKNOWN_SECTION = "this is not a section softlanding knows (check the spelling)."


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """A user's section replaces the shipped one; `text` merges screen by screen, label by label."""
    from softlanding.pack.safety_lock import merge_analysis, merge_safety

    merged = dict(base)
    for name, value in over.items():
        if name == "safety":  # the safety core can be added to, never removed
            merged[name] = merge_safety(base.get(name), value)
        elif name == "analysis":
            merged[name] = merge_analysis(base.get(name), value)
        elif name == "text" and isinstance(value, dict) and isinstance(base.get("text"), dict):
            text = {k: dict(v) if isinstance(v, dict) else v for k, v in base["text"].items()}
            for screen, labels in value.items():
                if isinstance(labels, dict) and isinstance(text.get(screen), dict):
                    text[screen] = {**text[screen], **labels}
                else:
                    text[screen] = labels
            merged["text"] = text
        else:
            merged[name] = value
    return merged


def _parse(path: Path) -> YamlDocument:
    from softlanding.pack.yaml_reader import YamlProblem, parse

    try:
        return parse(path)
    except YamlProblem as exc:
        raise PackError([PackProblem(exc.path, exc.line, "", exc.message)]) from None


def _top_mapping(doc: YamlDocument | None, problems: list[PackProblem]) -> dict[str, Any]:
    if doc is None:
        return {}
    if doc.data is None:
        problems.append(
            PackProblem(doc.path, None, "", "the file is empty; a pack needs sections.")
        )
        return {}
    if not isinstance(doc.data, dict):
        problems.append(
            PackProblem(
                doc.path,
                1,
                "",
                "the top of the file must be sections like 'feelings:', not a list or text.",
            )
        )
        return {}
    return doc.data


def _problems(
    exc: Any, shipped: YamlDocument, user: YamlDocument | None, over: dict[str, Any]
) -> list[PackProblem]:
    from softlanding.pack.yaml_reader import line_of

    out: list[PackProblem] = []
    for err in exc.errors(include_url=False, include_input=False, include_context=True):
        loc = tuple(err["loc"])
        doc = user if (user is not None and loc and loc[0] in over) else shipped
        out.append(PackProblem(doc.path, line_of(doc.root, loc), _field_name(loc), _plain(err)))
    return out


def _field_name(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"item {part + 1}")
        elif not part.startswith("function-"):
            parts.append(part)
    return " → ".join(parts)


def _plain(err: dict[str, Any]) -> str:
    """A pydantic error in words a therapist editing YAML understands; never the input itself."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    messages = {
        "missing": "this is missing; add it.",
        "extra_forbidden": "this is not a field softlanding knows here (check the spelling).",
        "string_type": "this should be text. If it is yes/no/on/off, a time like 12:30, "
        "or a number, put it in quotes.",
        "int_type": "this should be a whole number.",
        "int_parsing": "this should be a whole number.",
        "int_from_float": "this should be a whole number.",
        "float_type": "this should be a number.",
        "float_parsing": "this should be a number.",
        "list_type": "this should be a list (lines starting with '- ').",
        "dict_type": "this should be a section with named fields.",
        "model_type": "this should be a section with named fields.",
        "string_too_short": "this text is empty; write something or remove the field.",
        "string_too_long": f"this text is too long (at most {ctx.get('max_length')} characters).",
        "too_short": f"this needs at least {_items(ctx.get('min_length'))}.",
        "too_long": f"this may have at most {_items(ctx.get('max_length'))}.",
        "greater_than_equal": f"this must be at least {ctx.get('ge')}.",
        "less_than_equal": f"this must be at most {ctx.get('le')}.",
        "string_pattern_mismatch": "use lower-case letters, digits and _ only (like 'box').",
        "literal_error": f"this must be one of: {ctx.get('expected')}.",
        "bool_type": "this should be true or false.",
    }
    if kind == "value_error":
        return str(ctx.get("error", "this value is not allowed.")).rstrip(".") + "."
    return messages.get(kind, "this value is not allowed here.")


def _items(count: object) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


# --- the compiled copy: JSON, no pydantic, no YAML ---------------------------------------------


def load_view(
    explicit: Path | None = None, building: Callable[[], None] | None = None
) -> view.Pack:
    """The active pack, typed, from a compiled copy rebuilt when a file changes. Every text in
    it is a `Label`: its `.format()` fills in plain `{name}` placeholders only."""
    from softlanding.pack import view  # the typed view: only the app needs it, not `reflect`
    from softlanding.pack.frozen import build

    data = load_data(explicit, building)
    sections = {k: v for k, v in data.items() if not k.startswith("_")}
    return build(view.Pack, {**sections, "raw": data})


def load_data(
    explicit: Path | None = None, building: Callable[[], None] | None = None
) -> dict[str, Any]:
    """The active pack as plain data (dict), validated once and cached by content hash.
    `building` is called first when there is no compiled copy to read (seconds of work)."""
    src = sources(explicit)
    key = _cache_key(src)
    shipped = _shipped_compiled(src, key)
    if shipped is not None:
        return shipped
    cached = paths.cache_dir() / f"pack-{key}.json"
    data = _read_cache(cached)
    if data is not None:
        return data
    if building is not None:
        building()
    pack = load_pack(explicit)
    data = {"_format": COMPILED_FORMAT, **pack.model_dump(mode="json")}
    core = _safety_core(src, data)
    if core is not None:
        data[SAFETY_CORE] = core
    _write_cache(cached, data)
    return data


SAFETY_CORE = "_safety_core"  # the shipped analysis, kept beside a user's own


def _safety_core(src: PackSources, data: dict[str, Any]) -> dict[str, Any] | None:
    """The shipped `analysis` section when a user pack changed it: danger is also heard through
    the shipped words, normaliser and terms, so remapping "kill" to "tea" hides nothing."""
    if src.user is None:
        return None
    shipped = validate(_parse(src.shipped), None).model_dump(mode="json")["analysis"]
    return None if shipped == data.get("analysis") else dict(shipped)


def _read_cache(cached: Path) -> dict[str, Any] | None:
    """The compiled copy, only if we wrote it (see `read_private`)."""
    raw = read_private(cached)
    if raw is None:
        return None
    import json  # the shipped pack's marshal copy needs none: most starts never import it

    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if isinstance(data, dict) and data.get("_format") == COMPILED_FORMAT:
        return data
    return None


def read_private(cached: Path) -> bytes | None:
    """A cache file's bytes, only if we wrote it: ours, private, no link, in folders only we
    change; None otherwise (or when there is none)."""
    folder = cached.parent
    if paths.untrusted(folder.parent) or paths.untrusted(folder):
        return None
    try:
        fd = os.open(
            cached, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not (stat.S_ISREG(info.st_mode) and mine and not info.st_mode & 0o077):
            return None
        try:
            return fh.read()
        except OSError:
            return None


SHIPPED_COMPILED = "prompts.compiled.json"  # built into the wheel beside prompts.yaml


def compiled_shipped() -> dict[str, Any]:
    """The shipped pack compiled, with the key that says which files it was built from."""
    src = PackSources(paths.shipped_prompts_path(), None, "shipped only")
    pack = validate(_parse(src.shipped), None)
    return {"_format": COMPILED_FORMAT, "_key": _cache_key(src), **pack.model_dump(mode="json")}


def _shipped_compiled(src: PackSources, key: str) -> dict[str, Any] | None:
    """The copy compiled when the wheel was built, so even the first run skips pydantic."""
    if src.user is not None:
        return None
    from softlanding.pack import fast_copy

    data = fast_copy.read(src.shipped)
    try:
        if data is None:
            import json  # only where the marshal copy is missing or from another Python

            with src.shipped.with_name(SHIPPED_COMPILED).open("rb") as fh:
                data = json.load(fh)
    except (OSError, ValueError):
        return None
    ok = isinstance(data, dict) and data.get("_format") == COMPILED_FORMAT
    return data if ok and data.get("_key") == key else None  # a stale copy is ignored


class _Digest:
    """Which files a compiled copy was built from: two checksums and the length (zlib is loaded
    anyway; a hashing library would cost every start). It detects changes; the copies it names
    are trusted by where they live and who owns them, not by this."""

    def __init__(self, first: bytes) -> None:
        self.crc, self.adler, self.size = zlib.crc32(first), zlib.adler32(first), len(first)

    def update(self, data: bytes) -> None:
        self.crc, self.adler = zlib.crc32(data, self.crc), zlib.adler32(data, self.adler)
        self.size += len(data)

    def hexdigest(self) -> str:
        return f"{self.crc:08x}{self.adler:08x}{self.size:08x}"


def _cache_key(src: PackSources) -> str:
    digest = _Digest(f"{__version__}:{COMPILED_FORMAT}".encode())
    for path in (src.shipped, src.user):
        if path is None:
            continue
        try:
            info = path.stat()
            # Never read a pipe (it blocks) or a device or huge file (it never ends): the loader
            # refuses those with a plain message anyway.
            if stat.S_ISREG(info.st_mode) and info.st_size <= _HASH_LIMIT:
                digest.update(path.read_bytes())
            else:
                digest.update(f"unusable:{path}:{info.st_mode}:{info.st_size}".encode())
        except OSError:
            digest.update(b"unreadable:" + str(path).encode())
    return digest.hexdigest()[:24]


_HASH_LIMIT = 1024 * 1024  # above the pack size cap, so every usable pack is hashed whole


def _write_cache(target: Path, data: dict[str, Any]) -> None:
    """Best effort: a cache we cannot write only costs start-up time."""
    import json  # only when a compiled copy is written

    write_private(target, json.dumps(data, ensure_ascii=False).encode("utf-8"), "pack-*.json")


def write_private(target: Path, content: bytes, stale: str | None = None) -> None:
    """Write a cache file atomically, owner-only, in a private folder (best effort: a cache we
    cannot write only costs time); files matching `stale` there are removed first."""
    try:
        folder = paths.ensure_private_dir(target.parent)
        if paths.untrusted(folder.parent) or paths.untrusted(folder):
            return  # a folder others can change: don't leave a copy there to be swapped
        for old in folder.glob(stale) if stale else ():
            old.unlink(missing_ok=True)
        fd, tmp = _new_private(folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except (OSError, paths.PathsError):
        pass


def _new_private(folder: Path) -> tuple[int, Path]:
    """A new owner-only file there, made with O_EXCL as `tempfile.mkstemp` makes one (importing
    tempfile costs a first run several ms)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = folder / f".cache-{os.urandom(8).hex()}.tmp"
        try:
            return os.open(tmp, flags | getattr(os, "O_BINARY", 0), 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free name for a cache file in {folder}")
