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
from softlanding.pack.view_labels_together import (
    AfterTalkText,
    ClosingText,
    HandoverText,
    KeepText,
    ListenText,
    PrivateSafetyText,
    RevealText,
    TogetherPauseText,
    TogetherText,
)


class AppText(Frozen):
    ctrl_c: Label
    ctrl_c_quit: Label
    too_long: Label
    too_small: Label
    rows_skipped: Label
    solo_name: Label


class BreakText(Frozen):
    length_question: Label
    minutes: Label
    one_minute: Label
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


class FirstRunText(Frozen):
    is_heading: Label
    is_not_heading: Label


class GroundingText(Frozen):
    progress: Label
    next_hint: Label


class HelpText(Frozen):
    title: Label
    keys_heading: Label
    more: Label
    default: Label
    home: Label
    pause: Label
    pause_flooded: Label
    pause_fear: Label
    pause_choose: Label
    breathing: Label
    grounding: Label
    break_: Label
    name: Label
    reframe: Label
    reframe_cycle: Label
    reframe_kindness: Label
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
    pause_more_time: Label
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
    safety_forget: Label
    passphrase_open: Label
    passphrase_next: Label
    passphrase_lock: Label


class LaunchText(Frozen):
    already_open: Label
    ask_take_over: Label
    answer_yes: Label
    closed_window: Label
    not_responding: Label
    could_not_end: Label


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


class SafetyText(Frozen):
    home: Label
    after_yes: Label
    after_yes_kept: Label
    private_check: Label
    routine_check: Label
    asked_again: Label
    kept: Label
    forget_title: Label
    forget_body: Label
    forget_yes: Label
    forgotten: Label


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
    own_words: Label
    repair: Label
    calm: Label
    calm_both: Label
    calm_before: Label
    calm_after: Label
    nothing: Label
    finish: Label
    tags_label: Label
    done_note: Label


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
    after_talk: AfterTalkText
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
        "after_talk": AfterTalkText,
    }
    RENAMED = {"break": "break_"}
