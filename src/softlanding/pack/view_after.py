"""The prompts pack as typed, read-only data (tools/gen_pack_view.py writes it).

Built from the compiled JSON copy by `frozen.build` without pydantic; every text is a `Label`,
whose `.format()` fills in only plain `{name}` placeholders.
"""

from __future__ import annotations

from typing import Literal

from softlanding.pack.fill import Label
from softlanding.pack.frozen import Frozen


class AfterAsk(Frozen):
    id: Label
    to: Literal["speaker", "listener", "pair"]
    kind: Literal["text", "choice", "many", "when", "starter"]
    prompt: Label
    solo: Label | None
    hint: Label | None
    solo_hint: Label | None
    options: list[Label]
    optional: bool


class AfterStage(Frozen):
    id: Label
    title: Label
    asks: list[AfterAsk]
    NESTED = {"asks": AfterAsk}


class AfterTalk(Frozen):
    source: Label
    title: Label
    intro: Label
    solo_intro: Label
    calm_check: Label
    calm_yes: Label
    calm_solo: Label
    calm_not_yet: Label
    names_question: Label
    finish: Label
    home: Label
    not_yet: Label
    progress: Label
    stages: list[AfterStage]
    done: Label
    solo_done: Label | None
    NESTED = {"stages": AfterStage}
