"""The prompts pack as typed, read-only data (tools/gen_pack_view.py writes it).

Built from the compiled JSON copy by `frozen.build` without pydantic; every text is a `Label`,
whose `.format()` fills in only plain `{name}` placeholders.
"""

from __future__ import annotations

from typing import Any

from softlanding.pack.fill import Label
from softlanding.pack.frozen import Frozen
from softlanding.pack.view_after import AfterTalk
from softlanding.pack.view_labels import TextSection
from softlanding.pack.view_safety import Safety


class BidTranslation(Frozen):
    match: list[Label]
    wish: Label


class Bids(Frozen):
    source: Label
    title: Label
    intro: Label
    translations: list[BidTranslation]
    fallback: Label
    NESTED = {"translations": BidTranslation}


class BreakGuidance(Frozen):
    source: Label
    title: Label
    intro: Label
    min_minutes: int
    default_minutes: int
    max_hours: int
    length_choices: list[int]
    return_prompt: Label
    do: list[Label]
    dont: list[Label]
    countdown: Label
    over: Label


class PhaseWords(Frozen):
    inhale: Label
    hold_in: Label
    exhale: Label
    hold_out: Label


class BreathingPattern(Frozen):
    id: Label
    name: Label
    description: Label
    inhale: float
    hold_in: float
    exhale: float
    hold_out: float
    cycles: int
    caution: Label | None
    words: PhaseWords
    NESTED = {"words": PhaseWords}


class Breathing(Frozen):
    source: Label
    title: Label
    intro: Label
    patterns: list[BreathingPattern]
    done: Label
    NESTED = {"patterns": BreathingPattern}


class Card(Frozen):
    source: Label
    title: Label
    intro: Label
    steps: list[Label]


class Cycle(Frozen):
    id: Label
    name: Label
    description: Label


class Cycles(Frozen):
    source: Label
    title: Label
    intro: Label
    options: list[Cycle]
    common_enemy: Label
    NESTED = {"options": Cycle}


class DebriefStep(Frozen):
    id: Label
    title: Label
    prompt: Label
    solo_title: Label | None
    solo_prompt: Label | None


class Debrief(Frozen):
    source: Label
    title: Label
    solo_title: Label | None
    steps: list[DebriefStep]
    NESTED = {"steps": DebriefStep}


class Defusion(Frozen):
    source: Label
    title: Label
    intro: Label
    prefix: Label
    prompts: list[Label]


class Word(Frozen):
    word: Label
    definition: Label


class Family(Frozen):
    id: Label
    name: Label
    words: list[Word]
    NESTED = {"words": Word}


class Feelings(Frozen):
    source: Label
    title: Label
    family_question: Label
    word_question: Label
    families: list[Family]
    under_question: Label
    under_anger: list[Word]
    intensity_question: Label
    not_sure: Label
    rather_not_say: Label
    thought_not_feeling: Label
    NESTED = {"families": Family, "under_anger": Word}


class FirstRun(Frozen):
    source: Label
    title: Label
    is_: list[Label]
    is_not: list[Label]
    adults: Label
    help: Label
    continue_: Label


class Flooding(Frozen):
    source: Label
    title: Label
    question: Label
    signs: list[Label]
    pulse_note: Label
    fear_question: Label
    fear_note: Label
    yes: Label
    no: Label


class Lovingkindness(Frozen):
    source: Label
    title: Label
    for_self: list[Label]
    for_partner: list[Label]


class Meta(Frozen):
    name: Label
    version: int
    language: Label


class Need(Frozen):
    name: Label
    definition: Label


class Needs(Frozen):
    source: Label
    question: Label
    options: list[Need]
    NESTED = {"options": Need}


class Questions(Frozen):
    source: Label
    questions: list[Label]


class RepairGroup(Frozen):
    id: Label
    name: Label
    phrases: list[Label]


class Repair(Frozen):
    source: Label
    title: Label
    groups: list[RepairGroup]
    NESTED = {"groups": RepairGroup}


class Ofnr(Frozen):
    observation: Label
    feeling: Label
    need: Label
    request: Label
    template: Label


class Templates(Frozen):
    source: Label
    softened_startup: Label
    startup_hint: Label
    ofnr: Ofnr
    NESTED = {"ofnr": Ofnr}


class Pack(Frozen):
    """A whole, merged prompts pack; every section is required."""

    meta: Meta
    first_run: FirstRun
    safety: Safety
    flooding: Flooding
    break_guidance: BreakGuidance
    breathing: Breathing
    grounding: Card
    stop_card: Card
    feelings: Feelings
    needs: Needs
    defusion: Defusion
    bids: Bids
    cycles: Cycles
    lovingkindness: Lovingkindness
    templates: Templates
    repair: Repair
    reflection: Questions
    debrief: Debrief
    after: AfterTalk
    analysis: dict[str, Any]
    tags: list[Label]
    text: TextSection
    raw: dict[str, Any]  # the same pack as plain data, for the analyzer
    NESTED = {
        "meta": Meta,
        "first_run": FirstRun,
        "safety": Safety,
        "flooding": Flooding,
        "break_guidance": BreakGuidance,
        "breathing": Breathing,
        "grounding": Card,
        "stop_card": Card,
        "feelings": Feelings,
        "needs": Needs,
        "defusion": Defusion,
        "bids": Bids,
        "cycles": Cycles,
        "lovingkindness": Lovingkindness,
        "templates": Templates,
        "repair": Repair,
        "reflection": Questions,
        "debrief": Debrief,
        "after": AfterTalk,
        "analysis": None,
        "text": TextSection,
    }
