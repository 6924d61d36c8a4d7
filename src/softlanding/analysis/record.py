"""Frozen records with a frozen dataclass's manners (equality, hash and repr by field, no
assignment, `replace`), written out instead of generated: each `@dataclass` costs about 0.7 ms
of every start, and `reflect` starts many times a day."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any, TypeVar

R = TypeVar("R", bound="Record")


class Record:
    """Subclasses list their fields in `_fields` (in `__init__`'s order) and `__slots__`, and
    set them in `__init__` with `object.__setattr__`."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inside = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({inside})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._values())

    def replace(self: R, **changes: Any) -> R:
        """A copy with some fields changed (as `dataclasses.replace`)."""
        values = dict(zip(self._fields, self._values(), strict=True))
        values.update(changes)
        return type(self)(**values)
