"""The after-the-fight talk in the pack: its stages and what each asks, of whom."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from softlanding.pack.schema_base import MAX_ITEMS, Ident, Sourced, Strict, Text, unique

# who answers: the speaker of this round, the one listening to them, or the pair once
Asked = Literal["speaker", "listener", "pair"]
Kind = Literal["text", "choice", "many", "when", "starter"]


class AfterAsk(Strict):
    id: Ident
    to: Asked = "speaker"
    kind: Kind = "text"
    prompt: Text = Field(description="together wording; {name}, {other}, {said} may appear")
    solo: Text | None = Field(None, description="wording when preparing alone; none skips it")
    hint: Text | None = None
    solo_hint: Text | None = Field(None, description="the hint when preparing alone, if other")
    options: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    optional: bool = True

    @model_validator(mode="after")
    def _options(self) -> AfterAsk:
        if self.kind in ("choice", "many") and len(self.options) < 2:
            raise ValueError(f"'{self.id}' is a choice, so it needs at least two options")
        return self


class AfterStage(Strict):
    id: Ident
    title: Text
    asks: list[AfterAsk] = Field(min_length=1, max_length=MAX_ITEMS)


class AfterTalk(Sourced):
    title: Text
    intro: Text
    solo_intro: Text
    calm_check: Text
    calm_yes: Text
    calm_solo: Text
    calm_not_yet: Text
    names_question: Text
    finish: Text
    home: Text
    not_yet: Text
    progress: Text = Field(description="{step} of {steps}")
    stages: list[AfterStage] = Field(min_length=3, max_length=20)
    done: Text
    solo_done: Text | None = Field(None, description="the end when preparing alone, if other")

    @model_validator(mode="after")
    def _ids(self) -> AfterTalk:
        unique(self.stages, "id", "after-the-fight stages")
        for stage in self.stages:
            unique(stage.asks, "id", f"questions in '{stage.id}'")
        return self
