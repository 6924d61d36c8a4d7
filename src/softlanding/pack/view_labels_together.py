"""The prompts pack as typed, read-only data (tools/gen_pack_view.py writes it).

Built from the compiled JSON copy by `frozen.build` without pydantic; every text is a `Label`,
whose `.format()` fills in only plain `{name}` placeholders.
"""

from __future__ import annotations

from softlanding.pack.fill import Label
from softlanding.pack.frozen import Frozen


class AfterTalkText(Frozen):
    nothing_ticked: Label
    solo_name: Label


class ClosingText(Frozen):
    thanks_question: Label
    thanks_prefix: Label
    again_question: Label
    again_yes: Label
    again_no: Label
    when_question: Label
    when_hint: Label
    unreadable: Label
    summary_title: Label
    said: Label
    heard: Label
    appreciates: Label
    today: Label
    tomorrow: Label
    next_talk: Label
    no_talk: Label
    finish: Label
    short_next: Label


class HandoverText(Frozen):
    private_title: Label
    private_body: Label
    floor_title: Label
    floor_body: Label
    swap_title: Label
    swap_body: Label
    next_pause: Label
    next_name: Label
    next_reveal: Label
    next_reframe: Label
    next_respond: Label
    next_feel: Label
    ready: Label
    note_title: Label
    note_whose: Label
    note_placeholder: Label
    note_hint: Label
    note_saved: Label
    next_keep: Label


class KeepText(Frozen):
    title: Label
    body: Label
    forget: Label
    seal: Label
    seal_note: Label
    passphrase: Label
    again: Label
    empty: Label
    differ: Label
    sealed: Label
    lock: Label


class ListenText(Frozen):
    speak_title: Label
    speak_help: Label
    gaps_left: Label
    read_title: Label
    read_hint: Label
    said_it: Label
    said: Label
    added: Label
    mirror_question: Label
    mirror_prefix: Label
    heard: Label
    kept_off: Label
    confirm_question: Label
    confirm_yes: Label
    confirm_no: Label
    correct_question: Label
    more_question: Label
    more_hint: Label
    validate_question: Label
    validate_prefix: Label
    empathise_question: Label
    empathise_prefix: Label


class PrivateSafetyText(Frozen):
    fear_note: Label
    not_sure: Label
    only_you: Label
    go_on: Label
    erase: Label


class RevealText(Frozen):
    title: Label
    intro: Label
    hint: Label
    nothing: Label
    done: Label
    word: Label
    family: Label
    own_words: Label
    under: Label
    need: Label
    intensity: Label
    intensity_value: Label
    both_title: Label
    kept: Label
    both_hint: Label


class TogetherPauseText(Frozen):
    breathe_title: Label
    breathe_intro: Label
    breathe_done: Label
    breathe_stopped: Label
    break_title: Label
    break_body: Label
    break_button: Label


class TogetherText(Frozen):
    title: Label
    intro: Label
    names_question: Label
    first_placeholder: Label
    second_placeholder: Label
    first_default: Label
    second_default: Label
    who_first: Label
    goes_first: Label
    random: Label
    hint: Label
    go_on: Label
    turn_private: Label
    turn_shared: Label
    turn_floor: Label
    turn_keyboard: Label
    progress: Label
    way_check: Label
    way_flooded: Label
    way_hurry: Label
    way_fine: Label
    way_question: Label
    way_short: Label
    way_full: Label
    way_suggest_short: Label
    way_suggest_full: Label
    carry_on_title: Label
    carry_on_body: Label
    carry_on: Label
    start_new: Label
    unkept: Label
    kept: Label
