"""The prompts pack as typed, read-only data (tools/gen_pack_view.py writes it).

Built from the compiled JSON copy by `frozen.build` without pydantic; every text is a `Label`,
whose `.format()` fills in only plain `{name}` placeholders.
"""

from __future__ import annotations

from typing import Literal

from softlanding.pack.fill import Label
from softlanding.pack.frozen import Frozen


class Ordinary(Frozen):
    title: Label
    choose: Label
    lines: list[Label]


class Resource(Frozen):
    name: Label
    contact: Label
    kind: Literal["crisis", "domestic_violence", "directory", "emergency", "own_behaviour"]
    region: Label
    note: Label | None


class SafetyAsk(Frozen):
    title: Label
    question: Label
    all: Label


class SafetyCheck(Frozen):
    question: Label
    yes: Label
    no: Label
    not_sure: Label


class SafetyPage(Frozen):
    """One kind of danger: its own words first, then its kinds of resources first."""

    key: Label
    label: Label
    title: Label
    lines: list[Label]
    first: list[Literal["crisis", "domestic_violence", "directory", "emergency", "own_behaviour"]]


class SafetyPages(Frozen):
    danger_now: SafetyPage
    partner_fear: SafetyPage
    self_harm: SafetyPage
    hurt_partner: SafetyPage
    NESTED = {
        "danger_now": SafetyPage,
        "partner_fear": SafetyPage,
        "self_harm": SafetyPage,
        "hurt_partner": SafetyPage,
    }


class SafetyRegion(Frozen):
    question: Label
    choose: Label
    none: Label
    regions: list[Label]


class Safety(Frozen):
    source: Label
    title: Label
    lines: list[Label]
    ask: SafetyAsk
    pages: SafetyPages
    check: SafetyCheck
    region: SafetyRegion
    ordinary: Ordinary
    resources_note: Label
    check_country: Label
    own_pack: Label
    not_saved: Label
    resources: list[Resource]
    added_lines: list[Label]
    added_resources: list[Resource]
    leave: Label
    NESTED = {
        "ask": SafetyAsk,
        "pages": SafetyPages,
        "check": SafetyCheck,
        "region": SafetyRegion,
        "ordinary": Ordinary,
        "resources": Resource,
        "added_resources": Resource,
    }
