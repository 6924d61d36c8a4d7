"""Read a prompts file safely: size cap, no aliases, no duplicate keys, YAML 1.2 scalars."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_PACK_BYTES = 320 * 1024  # the shipped pack is ~260 KiB; room for its words to grow

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PackLoader(_Loader):  # type: ignore[misc]
    """Safe loader whose plain scalars follow YAML 1.2: `no` and `12:30` stay text."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


def _resolver(tag: str, pattern: str, first: str) -> None:
    PackLoader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN")
PackLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])
_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789")
_resolver(
    "tag:yaml.org,2002:float",
    r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$",
    "-+0123456789.",
)


@dataclass  # not frozen: Python sets __traceback__ on exceptions as they pass through `with`
class YamlProblem(Exception):
    """A file that cannot be read as a pack, said in plain words with a line when known."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class YamlDocument:
    """A parsed pack file: its data and the node tree that remembers line numbers."""

    path: Path
    data: Any
    root: yaml.Node | None


def read_text(path: Path) -> str:
    """Read a pack file as UTF-8 text within the size cap."""
    try:
        if path.is_dir():
            raise YamlProblem(path, None, "this is a folder, not a prompts file.")
        if path.is_symlink() and not path.exists():
            raise YamlProblem(
                path, None, "this is a link that leads nowhere (or round in a circle)."
            )
        if path.exists() and not path.is_file():
            # A pipe or a device would block or never end: never open it.
            raise YamlProblem(path, None, "this is not an ordinary file; give a .yaml file.")
        if not path.is_file():
            raise YamlProblem(path, None, "there is no prompts file here.")
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise YamlProblem(
                path,
                None,
                f"the file is {size // 1024} KiB; a prompts pack may be at most "
                f"{MAX_PACK_BYTES // 1024} KiB.",
            )
        raw = path.read_bytes()
    except PermissionError as exc:
        raise YamlProblem(path, None, "softlanding is not allowed to read this file.") from exc
    except OSError as exc:
        raise YamlProblem(path, None, f"the file cannot be read ({exc.strerror or exc}).") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            path, line, "this file is not UTF-8 text. Save it as UTF-8 in your editor."
        ) from exc
    if "\x00" in text:
        raise YamlProblem(
            path, text[: text.index("\x00")].count("\n") + 1, "the file has a NUL byte."
        )
    return text


def parse(path: Path) -> YamlDocument:
    """Parse one pack file into plain data plus its node tree."""
    text = read_text(path)
    try:
        _refuse_aliases_and_tags(text, path)
        loader = PackLoader(text)
        try:
            root = loader.get_single_node()
            if root is not None:
                _refuse_duplicates(root, path)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = _plain_yaml_error(exc)
        if mark and _tab_indented(text, mark.line):
            message = _TAB  # libyaml calls a tab "a character that cannot start any token"
        raise YamlProblem(path, line, message) from None
    except yaml.reader.ReaderError:
        # libyaml counts bytes, not characters: find the character ourselves for the line.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        line = text[: found.start()].count("\n") + 1 if found else None
        code = f" (U+{ord(found.group()[0]):04X})" if found else ""
        raise YamlProblem(
            path, line, f"the file has an invisible control character{code}; delete it."
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(path, None, f"this is not valid YAML ({type(exc).__name__}).") from None
    except (ValueError, RecursionError):
        # A last net under the checks above: a pack YAML cannot build is a problem, not a crash.
        raise YamlProblem(path, None, "this file cannot be read as a prompts pack.") from None
    return YamlDocument(path, data, root)


# Explicit tags a pack may use: `!!str` (and a bare `!`) only ever make text.
_ALLOWED_TAGS = (None, "!", "tag:yaml.org,2002:str")
# Python refuses to turn longer digit strings into numbers (int_max_str_digits).
_MAX_DIGITS = 4000


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


def _refuse_aliases_and_tags(text: str, path: Path) -> None:
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(
                path,
                _line(event.start_mark),
                "anchors and aliases (& and *) are not allowed in a prompts pack; "
                "write the text out in full.",
            )
        if getattr(event, "tag", None) not in _ALLOWED_TAGS:
            raise YamlProblem(
                path,
                _line(event.start_mark),
                "this file uses a YAML tag (!!...) that a prompts pack may not use.",
            )


def _refuse_duplicates(node: yaml.Node, path: Path) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _refuse_long_number(key, path)
                if key.value in seen:
                    raise YamlProblem(
                        path,
                        key.start_mark.line + 1,
                        f"the key '{key.value}' appears twice in the same section; keep one.",
                    )
                seen.add(key.value)
            _refuse_duplicates(value, path)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_duplicates(item, path)
    else:
        _refuse_long_number(node, path)


def _refuse_long_number(node: yaml.Node, path: Path) -> None:
    if node.tag == "tag:yaml.org,2002:int" and len(node.value) > _MAX_DIGITS:
        raise YamlProblem(
            path,
            node.start_mark.line + 1,
            "this number is far too long; if it is meant as text, put it in quotes.",
        )


_TAB = "a tab character is used for indentation; use spaces."


def _tab_indented(text: str, index: int) -> bool:
    lines = text.splitlines()
    if not 0 <= index < len(lines):
        return False
    line = lines[index]
    return "\t" in line[: len(line) - len(line.lstrip(" \t"))]


def _plain_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if "could not determine a constructor" in problem or "tag" in problem:
        return "this file uses a YAML tag (!!...) that a prompts pack may not use."
    if "tab" in problem:
        return _TAB
    if "mapping values are not allowed" in problem or "indentation" in problem:
        return (
            "the indentation looks wrong here (a line is indented more or less than its section)."
        )
    if "found unexpected end of stream" in problem or "quoted scalar" in problem:
        return "a quote is opened but never closed."
    return f"this is not valid YAML here ({problem or 'syntax error'})."


def line_of(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The line of the deepest key or item on `loc` that exists in the file."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        found = _child(node, part)
        if found is None:
            break
        marker, node = found
        line = marker.start_mark.line + 1
    return line


def _child(node: yaml.Node | None, part: int | str) -> tuple[yaml.Node, yaml.Node] | None:
    """(the node marking where `part` starts, its value) — a mapping's key, or a list item."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key, value
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return node.value[part], node.value[part]
    return None
