"""The words of together mode: the start, the hand-over, the pair's pause, reveal, listening,
the closing and keeping, and the talk after the fight (`text:`).

Each label says which `{name}` placeholders it may use (`Uses(...)`, the names the code fills in);
`prompts check` refuses any other, and braces that are not a plain placeholder.
"""

from __future__ import annotations

from typing import Annotated

from softlanding.pack.label_types import Labels, Plain, Text, Uses


class TogetherText(Labels):
    title: Plain
    intro: Plain
    names_question: Plain
    first_placeholder: Plain
    second_placeholder: Plain
    first_default: Plain
    second_default: Plain
    who_first: Plain
    goes_first: Annotated[Text, Uses("name")]
    random: Plain
    hint: Plain
    go_on: Plain
    turn_private: Annotated[Text, Uses("name")]
    turn_shared: Annotated[Text, Uses("a", "b")]
    turn_floor: Annotated[Text, Uses("listener", "speaker")]
    turn_keyboard: Annotated[Text, Uses("listener", "speaker", "typing")]
    progress: Annotated[Text, Uses("n", "total")]
    way_check: Plain
    way_flooded: Plain
    way_hurry: Plain
    way_fine: Plain
    way_question: Plain
    way_short: Annotated[Text, Uses("steps")]  # the steps each turn counts ("Step 1 of 4")
    way_full: Annotated[Text, Uses("steps")]
    way_suggest_short: Plain
    way_suggest_full: Plain
    carry_on_title: Plain
    carry_on_body: Annotated[Text, Uses("a", "b", "when")]
    carry_on: Plain
    start_new: Plain
    unkept: Plain
    kept: Plain


class HandoverText(Labels):
    private_title: Annotated[Text, Uses("name", "other")]
    private_body: Annotated[Text, Uses("name", "other")]
    floor_title: Annotated[Text, Uses("name", "other")]
    floor_body: Annotated[Text, Uses("name", "other")]
    swap_title: Annotated[Text, Uses("name", "other")]
    swap_body: Annotated[Text, Uses("name", "other")]
    next_pause: Annotated[Text, Uses("name", "other")]
    next_name: Annotated[Text, Uses("name", "other")]
    next_reveal: Annotated[Text, Uses("name", "other")]
    next_reframe: Annotated[Text, Uses("name", "other")]
    next_respond: Annotated[Text, Uses("name", "other")]
    next_feel: Annotated[Text, Uses("name", "other")]
    ready: Annotated[Text, Uses("name", "other")]
    note_title: Annotated[Text, Uses("name", "other")]
    note_whose: Plain
    note_placeholder: Plain
    note_hint: Annotated[Text, Uses("name", "other")]
    note_saved: Annotated[Text, Uses("name")]
    next_keep: Plain


class TogetherPauseText(Labels):
    breathe_title: Plain
    breathe_intro: Plain
    breathe_done: Plain
    breathe_stopped: Plain
    break_title: Plain
    break_body: Plain
    break_button: Plain


class RevealText(Labels):
    title: Annotated[Text, Uses("other")]
    intro: Plain
    hint: Plain
    nothing: Plain
    done: Plain
    word: Plain
    family: Plain
    own_words: Plain
    under: Plain
    need: Plain
    intensity: Plain
    intensity_value: Annotated[Text, Uses("value")]
    both_title: Plain
    kept: Annotated[Text, Uses("name")]
    both_hint: Plain


class ListenText(Labels):
    speak_title: Annotated[Text, Uses("listener", "name")]
    speak_help: Annotated[Text, Uses("listener", "name")]
    gaps_left: Annotated[Text, Uses("blank")]
    read_title: Annotated[Text, Uses("listener", "name")]
    read_hint: Plain
    said_it: Plain
    said: Annotated[Text, Uses("name")]
    added: Annotated[Text, Uses("name")]
    mirror_question: Annotated[Text, Uses("listener", "speaker")]
    mirror_prefix: Plain
    heard: Annotated[Text, Uses("listener")]
    kept_off: Plain
    confirm_question: Annotated[Text, Uses("listener", "speaker")]
    confirm_yes: Plain
    confirm_no: Plain
    correct_question: Annotated[Text, Uses("listener", "speaker")]
    more_question: Annotated[Text, Uses("listener", "speaker")]
    more_hint: Annotated[Text, Uses("listener", "speaker")]
    validate_question: Annotated[Text, Uses("listener", "speaker")]
    validate_prefix: Plain
    empathise_question: Annotated[Text, Uses("listener", "speaker")]
    empathise_prefix: Plain


class ClosingText(Labels):
    thanks_question: Annotated[Text, Uses("name", "other")]
    thanks_prefix: Plain
    again_question: Plain
    again_yes: Plain
    again_no: Plain
    when_question: Plain
    when_hint: Plain
    unreadable: Plain
    summary_title: Plain
    said: Plain
    heard: Plain
    appreciates: Plain
    today: Plain
    tomorrow: Plain
    next_talk: Annotated[Text, Uses("day", "time")]
    no_talk: Plain
    finish: Plain
    short_next: Plain


class PrivateSafetyText(Labels):
    fear_note: Annotated[Text, Uses("other")]
    not_sure: Plain
    only_you: Annotated[Text, Uses("other")]
    go_on: Plain
    erase: Plain


class KeepText(Labels):
    title: Annotated[Text, Uses("name", "other")]
    body: Annotated[Text, Uses("name", "other")]
    forget: Plain
    seal: Plain
    seal_note: Plain
    passphrase: Plain
    again: Plain
    empty: Plain
    differ: Plain
    sealed: Annotated[Text, Uses("name")]
    lock: Plain


class AfterTalkText(Labels):
    nothing_ticked: Plain
    solo_name: Plain  # the one person preparing alone, as their session keeps them
