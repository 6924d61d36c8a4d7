"""The base of the pack's typed view: read-only objects built from plain data, cheaply.

Plain classes with annotations (no dataclass machinery to run at import), filled by `build`.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from softlanding.pack.fill import Label

T = TypeVar("T", bound="Frozen")


class Frozen:
    """Read-only after it is built; equal when of one type with equal fields."""

    NESTED: ClassVar[dict[str, type[Frozen] | None]] = {}  # fields holding sections (None: raw)
    RENAMED: ClassVar[dict[str, str]] = {}  # a YAML name that is a Python keyword -> field

    def __getattr__(self, name: str) -> Any:
        # Only called when `name` is not a field: a YAML name like "break" read with getattr.
        field = type(self).RENAMED.get(name)
        if field is None:
            raise AttributeError(f"{type(self).__name__} has no {name!r}")
        return getattr(self, field)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"the prompts pack is read-only ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"the prompts pack is read-only ({name})")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

    __hash__ = None  # type: ignore[assignment]  # lists inside: not hashable, like a dict

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"


def build(kind: type[T], data: dict[str, Any]) -> T:
    """One view object from its compiled dict: nested sections built, every text a Label."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = kind.RENAMED.get(key, key)
        if name not in kind.NESTED:
            values[name] = _labels(value)
            continue
        inner = kind.NESTED[name]
        if inner is None or value is None:  # plain data (the analysis section), or left out
            values[name] = value
        elif isinstance(value, list):
            values[name] = [build(inner, item) for item in value]
        else:
            values[name] = build(inner, value)
    made = object.__new__(kind)
    vars(made).update(values)
    return made


def _labels(value: Any) -> Any:
    if isinstance(value, str):
        return Label(value)
    if isinstance(value, list):
        return [_labels(v) for v in value]
    return value
