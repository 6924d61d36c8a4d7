"""The building blocks every pack model shares: strict models, bounded text, ids."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from softlanding.pack.label_types import Text
from softlanding.textsafe import plain_pack_text

__all__ = ["MAX_ITEMS", "Ident", "Sourced", "Strict", "Tag", "Text", "unique"]

MAX_ITEMS = 200  # a pack is read by people; thousands of entries are a mistake

Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Tag = Annotated[
    str, StringConstraints(min_length=1, max_length=30), AfterValidator(plain_pack_text)
]


def unique(items: list[Any], attr: str, what: str) -> None:
    seen: set[str] = set()
    for item in items:
        key = getattr(item, attr)
        if key in seen:
            raise ValueError(f"two {what} share the id '{key}'; each needs its own")
        seen.add(key)


class Strict(BaseModel):
    """Every pack model forbids unknown fields, so a typo is an error, not silence."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Sourced(Strict):
    source: Text = Field(description="author and work the idea comes from")
