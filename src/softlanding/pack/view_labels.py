"""The prompts pack as typed, read-only data (tools/gen_pack_view.py writes it).

Built from the compiled JSON copy by `frozen.build` without pydantic; every text is a `Label`,
whose `.format()` fills in only plain `{name}` placeholders.
"""

from __future__ import annotations

from softlanding.pack.fill import Label
from softlanding.pack.frozen import Frozen
from softlanding.pack.view_labels_history import (
    ConfirmText,
    HistoryCliText,
    HistoryExportText,
    HistoryText,
    LockCliText,
    PatternsText,
    SessionViewText,
    UnlockText,
)


class AppText(Frozen):
    ctrl_c: Label
    too_long: Label
    too_small: Label
    rows_skipped: Label


class BreakText(Frozen):
    length_question: Label
    minutes: Label
    one_hour: Label
    hours: Label
    hours_minutes: Label
    suggestion: Label
    return_hint: Label
    save: Label
    unreadable: Label
    too_soon: Label
    too_late: Label
    back_at: Label
    back_at_tomorrow: Label
    do_heading: Label
    dont_heading: Label
    carry_on: Label
    confirm_far: Label
    today: Label
    tomorrow: Label
    early: Label


class BreathingText(Frozen):
    count: Label
    stopped: Label


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
    appreciates: Label
    today: Label
    tomorrow: Label
    next_talk: Label
    no_talk: Label
    finish: Label
    short_next: Label


class FirstRunText(Frozen):
    is_heading: Label
    is_not_heading: Label


class GroundingText(Frozen):
    progress: Label
    next_hint: Label


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


class HelpText(Frozen):
    title: Label
    keys_heading: Label
    more: Label
    default: Label
    home: Label
    pause: Label
    breathing: Label
    grounding: Label
    break_: Label
    name: Label
    reframe: Label
    respond: Label
    summary: Label
    history: Label
    patterns: Label
    session: Label
    handover: Label
    floor: Label
    speak: Label
    listen: Label
    together_start: Label
    together_pause: Label
    reveal_choice: Label
    revealed: Label
    closing: Label
    note: Label
    safety: Label
    repair_picker: Label
    show_partner: Label
    confirm: Label
    RENAMED = {"break": "break_"}


class HideText(Frozen):
    neutral: Label


class HintsText(Frozen):
    title: Label
    empty: Label
    criticism: Label
    contempt: Label
    defensiveness: Label
    stonewalling: Label
    words: Label
    why: Label
    antidote: Label


class HomeText(Frozen):
    title: Label
    greeting: Label
    resume: Label
    start: Label
    together: Label
    history: Label
    quit: Label
    return_notice: Label
    not_ready: Label
    after: Label
    start_unkept: Label


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


class KeysText(Frozen):
    not_safe: Label
    quick_hide: Label
    help: Label
    quit: Label
    close: Label
    help_about: Label
    home: Label
    back: Label
    next: Label
    pause_skip: Label
    pause_motion: Label
    pause_back_now: Label
    pause_previous: Label
    respond_repair: Label
    respond_form: Label
    respond_show: Label
    respond_done: Label
    summary_done: Label
    history_open: Label
    history_delete: Label
    history_carry_on: Label
    history_talk_over: Label
    history_next_page: Label
    history_prev_page: Label
    history_patterns: Label
    history_period: Label
    history_yes: Label
    history_no: Label
    together_note: Label
    together_ready: Label
    together_done: Label
    together_read: Label
    region: Label
    ordinary: Label
    history_passphrase: Label
    together_no_keep: Label


class LaunchText(Frozen):
    already_open: Label
    ask_take_over: Label
    answer_yes: Label
    closed_window: Label
    not_responding: Label
    could_not_end: Label


class ListenText(Frozen):
    speak_title: Label
    speak_help: Label
    read_title: Label
    read_hint: Label
    said_it: Label
    said: Label
    added: Label
    mirror_question: Label
    mirror_prefix: Label
    heard: Label
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


class NameText(Frozen):
    choose_hint: Label
    own_words_question: Label
    own_words_placeholder: Label
    intensity_hint: Label
    next: Label


class PauseText(Frozen):
    title: Label
    calm_question: Label
    calm_after_question: Label
    calm_hint: Label
    choose_hint: Label
    choose_title: Label
    choose_question: Label
    take_care: Label


class PrivateSafetyText(Frozen):
    fear_note: Label
    not_sure: Label
    only_you: Label
    go_on: Label
    erase: Label


class ReframeText(Frozen):
    choose_hint: Label
    thought_placeholder: Label
    partner_question: Label
    partner_placeholder: Label
    wish_heading: Label
    kindness_self: Label
    kindness_partner: Label
    just_read: Label
    next: Label


class RespondText(Frozen):
    title: Label
    startup_label: Label
    ofnr_label: Label
    form_switch: Label
    feeling: Label
    situation: Label
    need: Label
    observation: Label
    ofnr_need: Label
    request: Label
    feeling_help: Label
    situation_help: Label
    need_help: Label
    draft_label: Label
    draft_placeholder: Label
    draft_help: Label
    blank: Label
    repair_intro: Label


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


class SafetyText(Frozen):
    home: Label
    after_yes: Label
    private_check: Label


class ShowPartnerText(Frozen):
    heading: Label
    empty: Label


class SummaryText(Frozen):
    title: Label
    intro: Label
    felt: Label
    felt_under: Label
    intensity: Label
    needed: Label
    thought: Label
    wish: Label
    words: Label
    calm: Label
    calm_both: Label
    calm_before: Label
    calm_after: Label
    nothing: Label
    finish: Label
    tags_label: Label
    done_note: Label


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


class TextSection(Frozen):
    keys: KeysText
    app: AppText
    launch: LaunchText
    home: HomeText
    first_run: FirstRunText
    help: HelpText
    safety: SafetyText
    hide: HideText
    pause: PauseText
    breathing: BreathingText
    grounding: GroundingText
    break_: BreakText
    name: NameText
    reframe: ReframeText
    respond: RespondText
    show_partner: ShowPartnerText
    hints: HintsText
    summary: SummaryText
    history: HistoryText
    unlock: UnlockText
    session_view: SessionViewText
    patterns: PatternsText
    confirm: ConfirmText
    history_export: HistoryExportText
    lock_cli: LockCliText
    history_cli: HistoryCliText
    together: TogetherText
    handover: HandoverText
    private_safety: PrivateSafetyText
    keep: KeepText
    together_pause: TogetherPauseText
    reveal: RevealText
    listen: ListenText
    closing: ClosingText
    NESTED = {
        "keys": KeysText,
        "app": AppText,
        "launch": LaunchText,
        "home": HomeText,
        "first_run": FirstRunText,
        "help": HelpText,
        "safety": SafetyText,
        "hide": HideText,
        "pause": PauseText,
        "breathing": BreathingText,
        "grounding": GroundingText,
        "break_": BreakText,
        "name": NameText,
        "reframe": ReframeText,
        "respond": RespondText,
        "show_partner": ShowPartnerText,
        "hints": HintsText,
        "summary": SummaryText,
        "history": HistoryText,
        "unlock": UnlockText,
        "session_view": SessionViewText,
        "patterns": PatternsText,
        "confirm": ConfirmText,
        "history_export": HistoryExportText,
        "lock_cli": LockCliText,
        "history_cli": HistoryCliText,
        "together": TogetherText,
        "handover": HandoverText,
        "private_safety": PrivateSafetyText,
        "keep": KeepText,
        "together_pause": TogetherPauseText,
        "reveal": RevealText,
        "listen": ListenText,
        "closing": ClosingText,
    }
    RENAMED = {"break": "break_"}
