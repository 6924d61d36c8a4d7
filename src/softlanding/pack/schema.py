"""The shape of a prompts pack: strict pydantic models, one per section of `data/prompts.yaml`."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from softlanding.analysis.rules import AnalysisSection
from softlanding.pack.after_schema import AfterTalk
from softlanding.pack.fill import names_in, placeholder_problem
from softlanding.pack.labels import TextSection
from softlanding.pack.safety_schema import Safety
from softlanding.pack.schema_base import MAX_ITEMS, Ident, Sourced, Strict, Text
from softlanding.pack.schema_base import unique as _unique
from softlanding.textsafe import plain_pack_text


def _placeholders(template: str, allowed: set[str], required: set[str]) -> None:
    problem = placeholder_problem(template, allowed)
    if problem:
        raise ValueError(problem)
    missing = required - names_in(template)
    if missing:
        raise ValueError(f"must contain the placeholder {{{sorted(missing)[0]}}}")


class Meta(Strict):
    name: Text
    version: int = Field(ge=1)
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Za-z]{2})?$")]


class FirstRun(Sourced):
    title: Text
    is_: list[Text] = Field(alias="is", min_length=1, max_length=MAX_ITEMS)
    is_not: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)
    adults: Text
    help: Text
    continue_: Text = Field(alias="continue")


class Flooding(Sourced):
    title: Text
    question: Text
    signs: list[Text] = Field(min_length=3, max_length=MAX_ITEMS)
    pulse_note: Text
    fear_question: Text
    fear_note: Text
    yes: Text
    no: Text


class BreakGuidance(Sourced):
    title: Text
    intro: Text
    min_minutes: int = Field(ge=20, le=24 * 60)
    default_minutes: int = Field(ge=20, le=24 * 60)
    max_hours: int = Field(ge=1, le=24)
    length_choices: list[int] = Field(min_length=1, max_length=MAX_ITEMS)
    return_prompt: Text
    do: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)
    dont: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)
    countdown: Text
    over: Text

    @model_validator(mode="after")
    def _bounds(self) -> BreakGuidance:
        if not self.min_minutes <= self.default_minutes <= self.max_hours * 60:
            raise ValueError("default_minutes must be between min_minutes and max_hours")
        for minutes in self.length_choices:
            if not self.min_minutes <= minutes <= self.max_hours * 60:
                raise ValueError(f"length choice {minutes} is outside min_minutes..max_hours")
        return self


class PhaseWords(Strict):
    inhale: Text = "Breathe in"
    hold_in: Text = "Hold"
    exhale: Text = "Breathe out"
    hold_out: Text = "Hold"


class BreathingPattern(Strict):
    id: Ident
    name: Text
    description: Text
    inhale: float = Field(ge=1, le=15)
    hold_in: float = Field(ge=0, le=15)
    exhale: float = Field(ge=1, le=20)
    hold_out: float = Field(ge=0, le=15)
    cycles: int = Field(ge=1, le=30)
    caution: Text | None = None
    words: PhaseWords = PhaseWords()


class Breathing(Sourced):
    title: Text
    intro: Text
    patterns: list[BreathingPattern] = Field(min_length=1, max_length=20)
    done: Text

    @model_validator(mode="after")
    def _ids(self) -> Breathing:
        _unique(self.patterns, "id", "breathing patterns")
        return self


class Card(Sourced):
    title: Text
    intro: Text
    steps: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)


class Word(Strict):
    word: Text
    definition: Text


class Family(Strict):
    id: Ident
    name: Text
    words: list[Word] = Field(min_length=2, max_length=MAX_ITEMS)


class Feelings(Sourced):
    title: Text
    family_question: Text
    word_question: Text
    families: list[Family] = Field(min_length=3, max_length=MAX_ITEMS)
    under_question: Text
    under_anger: list[Word] = Field(min_length=3, max_length=MAX_ITEMS)
    intensity_question: Text
    not_sure: Text
    rather_not_say: Text
    thought_not_feeling: Text

    @model_validator(mode="after")
    def _ids(self) -> Feelings:
        _unique(self.families, "id", "feeling families")
        return self


class Need(Strict):
    name: Text
    definition: Text


class Needs(Sourced):
    question: Text
    options: list[Need] = Field(min_length=3, max_length=MAX_ITEMS)


class Defusion(Sourced):
    title: Text
    intro: Text
    prefix: Text
    prompts: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)


class BidTranslation(Strict):
    match: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)
    wish: Text


class Bids(Sourced):
    title: Text
    intro: Text
    translations: list[BidTranslation] = Field(min_length=3, max_length=MAX_ITEMS)
    fallback: Text


class Cycle(Strict):
    id: Ident
    name: Text
    description: Text


class Cycles(Sourced):
    title: Text
    intro: Text
    options: list[Cycle] = Field(min_length=3, max_length=MAX_ITEMS)
    common_enemy: Text

    @model_validator(mode="after")
    def _ids(self) -> Cycles:
        _unique(self.options, "id", "cycles")
        return self


class Lovingkindness(Sourced):
    title: Text
    for_self: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)
    for_partner: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)


class Ofnr(Strict):
    observation: Text
    feeling: Text
    need: Text
    request: Text
    template: Text


class Templates(Sourced):
    softened_startup: Text
    startup_hint: Text
    ofnr: Ofnr

    @model_validator(mode="after")
    def _check_placeholders(self) -> Templates:
        startup = {"feeling", "situation", "need"}
        _placeholders(self.softened_startup, startup, startup)
        ofnr = {"observation", "feeling", "need", "request"}
        _placeholders(self.ofnr.template, ofnr, ofnr)
        return self


class RepairGroup(Strict):
    id: Ident
    name: Text
    phrases: list[Text] = Field(min_length=2, max_length=MAX_ITEMS)


REPAIR_GROUPS = ("i_feel", "sorry", "getting_to_yes", "calm_down", "stop_action", "appreciate")


class Repair(Sourced):
    title: Text
    groups: list[RepairGroup] = Field(min_length=6, max_length=6)

    @model_validator(mode="after")
    def _six_groups(self) -> Repair:
        ids = sorted(g.id for g in self.groups)
        if ids != sorted(REPAIR_GROUPS):
            raise ValueError("the six groups must have the ids " + ", ".join(REPAIR_GROUPS))
        return self


class Questions(Sourced):
    questions: list[Text] = Field(min_length=3, max_length=MAX_ITEMS)


class DebriefStep(Strict):
    id: Ident
    title: Text
    prompt: Text
    solo_title: Text | None = Field(None, description="for one person's session; none: title")
    solo_prompt: Text | None = Field(None, description="for one person's session; none: prompt")


class Debrief(Sourced):
    title: Text
    solo_title: Text | None = Field(None, description="for one person's session; none: title")
    steps: list[DebriefStep] = Field(min_length=5, max_length=12)

    @model_validator(mode="after")
    def _ids(self) -> Debrief:
        _unique(self.steps, "id", "debrief steps")
        return self


class Pack(Strict):
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
    analysis: AnalysisSection
    tags: list[
        Annotated[
            str, StringConstraints(min_length=1, max_length=30), AfterValidator(plain_pack_text)
        ]
    ] = Field(min_length=1, max_length=MAX_ITEMS)
    text: TextSection


SECTIONS: tuple[str, ...] = tuple(Pack.model_fields)
