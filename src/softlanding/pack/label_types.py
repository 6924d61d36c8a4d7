"""The pieces label models are built from: a label's text, and the placeholders it may use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    StringConstraints,
)
from pydantic_core import core_schema

from softlanding.pack.fill import placeholder_problem
from softlanding.textsafe import plain_pack_text

# Plain text only (no escape codes, no square brackets), as every pack text.
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
    AfterValidator(plain_pack_text),
]


@dataclass(frozen=True)
class Uses:
    """The `{name}` placeholders a label may use: the names the code fills in for it."""

    names: tuple[str, ...]

    def __init__(self, *names: str) -> None:
        object.__setattr__(self, "names", names)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def check(self, value: str) -> str:
        problem = placeholder_problem(value, self.names)
        if problem:
            raise ValueError(problem)
        return value


Plain = Annotated[Text, Uses()]  # a label that fills in nothing, so braces have no place in it


class Labels(BaseModel):
    """A block of labels: unknown labels are typos; written out under their YAML names."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, serialize_by_alias=True
    )
