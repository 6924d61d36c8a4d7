"""What can be wrong with a pack, and where the pack comes from: written out rather than as
dataclasses (each costs about 0.7 ms of every start, and every command loads the pack)."""

from __future__ import annotations

from pathlib import Path

from softlanding.analysis.record import Record


class PackProblem(Record):
    """One thing wrong with a pack, located by file, line and field."""

    __slots__ = _fields = ("path", "line", "field", "message")
    path: Path
    line: int | None
    field: str
    message: str

    def __init__(self, path: Path, line: int | None, field: str, message: str) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "message", message)

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else str(self.path)
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class PackError(Exception):
    """The pack cannot be used; `problems` says where and why, in plain words."""

    problems: list[PackProblem]

    def __init__(self, problems: list[PackProblem] | None = None) -> None:
        self.problems = [] if problems is None else problems

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self.problems == other.problems
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compared by its problems, as a dataclass is

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}(problems={self.problems!r})"

    def __str__(self) -> str:
        count = len(self.problems)
        head = (
            "The prompts pack has a problem:"
            if count == 1
            else f"The prompts pack has {count} problems:"
        )
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class PackSources(Record):
    """The shipped pack, and the user's pack laid over it (if any), with how it was chosen."""

    __slots__ = _fields = ("shipped", "user", "how")
    shipped: Path
    user: Path | None
    how: str

    def __init__(self, shipped: Path, user: Path | None, how: str) -> None:
        object.__setattr__(self, "shipped", shipped)
        object.__setattr__(self, "user", user)
        object.__setattr__(self, "how", how)
