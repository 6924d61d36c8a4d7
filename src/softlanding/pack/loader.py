"""The prompts pack: find it, merge a user's pack over the shipped one, validate, compile.

Two ways in:
- `load_pack()` validates with pydantic and returns typed models (used by `prompts check`).
- `load_view()` returns the same content as plain attribute objects from a compiled JSON copy,
  so the TUI and `reflect` start without importing pydantic or YAML once the copy exists.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from softlanding import __version__, paths

if TYPE_CHECKING:
    from softlanding.pack.schema import Pack
    from softlanding.pack.yaml_reader import YamlDocument

COMPILED_FORMAT = 2


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack, located by file, line and field."""

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else str(self.path)
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


@dataclass
class PackError(Exception):
    """The pack cannot be used; `problems` says where and why, in plain words."""

    problems: list[PackProblem] = field(default_factory=list)

    def __str__(self) -> str:
        count = len(self.problems)
        head = (
            "The prompts pack has a problem:"
            if count == 1
            else f"The prompts pack has {count} problems:"
        )
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


@dataclass(frozen=True)
class PackSources:
    """The shipped pack, and the user's pack laid over it (if any), with how it was chosen."""

    shipped: Path
    user: Path | None
    how: str


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


def load_view(explicit: Path | None = None) -> Pack:
    """The active pack as attribute objects, from a compiled copy rebuilt when a file changes."""
    data = load_data(explicit)
    return _to_view(data)  # type: ignore[no-any-return]


def load_data(explicit: Path | None = None) -> dict[str, Any]:
    """The active pack as plain data (dict), validated once and cached by content hash."""
    src = sources(explicit)
    key = _cache_key(src)
    cached = paths.cache_dir() / f"pack-{key}.json"
    try:
        with cached.open("rb") as fh:
            data = json.load(fh)
        if isinstance(data, dict) and data.get("_format") == COMPILED_FORMAT:
            return data
    except (OSError, ValueError):
        pass
    pack = load_pack(explicit)
    data = {"_format": COMPILED_FORMAT, **pack.model_dump(mode="json")}
    _write_cache(cached, data)
    return data


def _cache_key(src: PackSources) -> str:
    digest = hashlib.sha256(f"{__version__}:{COMPILED_FORMAT}".encode())
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
    try:
        paths.ensure_private_dir(target.parent)
        for old in target.parent.glob("pack-*.json"):
            old.unlink(missing_ok=True)
        tmp = target.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, target)
    except (OSError, paths.PathsError):
        pass


class PackView(SimpleNamespace):
    """Attribute access over compiled pack data (mirrors the pydantic models' field names)."""


def _to_view(value: Any) -> Any:
    if isinstance(value, dict):
        return PackView(**{str(k): _to_view(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_to_view(v) for v in value]
    return value
