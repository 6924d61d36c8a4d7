"""The shape of the pack's `safety:` section: pages by kind of danger, the gentle check, regions."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from softlanding.pack.schema_base import MAX_ITEMS, Strict, Text

PAGE_KINDS: tuple[str, ...] = ("danger_now", "partner_fear", "self_harm", "hurt_partner")
ResourceKind = Literal["crisis", "domestic_violence", "directory", "emergency", "own_behaviour"]

Key = Annotated[str, StringConstraints(pattern=r"^[0-9]$")]


class Resource(Strict):
    name: Text
    contact: Text
    kind: ResourceKind
    region: Text
    note: Text | None = None


class SafetyPage(Strict):
    """One kind of danger: its own words first, then its kinds of resources first."""

    key: Key
    label: Text
    title: Text
    lines: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)
    first: list[ResourceKind] = Field(min_length=1)


class SafetyPages(Strict):
    danger_now: SafetyPage
    partner_fear: SafetyPage
    self_harm: SafetyPage
    hurt_partner: SafetyPage

    @model_validator(mode="after")
    def _keys_differ(self) -> SafetyPages:
        keys = [getattr(self, k).key for k in PAGE_KINDS]
        if len(set(keys)) != len(keys):
            raise ValueError("each safety page needs its own key")
        return self


class SafetyAsk(Strict):
    title: Text
    question: Text
    all: Text


class SafetyCheck(Strict):
    question: Text
    yes: Text = Field(alias="yes")
    no: Text = Field(alias="no")
    not_sure: Text


class SafetyRegion(Strict):
    question: Text
    choose: Text
    none: Text
    regions: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)


class Ordinary(Strict):
    title: Text
    choose: Text = Field(description="the safety page's line that opens this page (key O)")
    lines: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)


class Safety(Strict):
    source: Text = Field(description="author and work the idea comes from")
    title: Text
    lines: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)
    ask: SafetyAsk
    pages: SafetyPages
    check: SafetyCheck
    region: SafetyRegion
    ordinary: Ordinary
    resources_note: Text
    check_country: Text
    own_pack: Text
    not_saved: Text = Field(description="reflect --save, when danger language was found")
    resources: list[Resource] = Field(min_length=1, max_length=MAX_ITEMS)
    added_lines: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    added_resources: list[Resource] = Field(default_factory=list, max_length=MAX_ITEMS)
    leave: Text

    @model_validator(mode="after")
    def _has_directory(self) -> Safety:
        if not any(r.kind == "directory" for r in self.resources):
            raise ValueError("needs a resource of kind 'directory' (an international list)")
        return self
