"""The words on every screen (`text:` in the pack): one model per block of labels.

Each label says which `{name}` placeholders it may use (`Uses(...)`, the names the code fills in);
`prompts check` refuses any other, and braces that are not a plain placeholder.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from softlanding.pack.label_types import Labels, Plain, Text, Uses
from softlanding.pack.labels_history import (
    ConfirmText,
    HistoryCliText,
    HistoryExportText,
    HistoryText,
    LockCliText,
    PatternsText,
    SessionViewText,
    UnlockText,
)
from softlanding.pack.labels_together import (
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


class KeysText(Labels):
    not_safe: Plain
    quick_hide: Plain
    help: Plain
    quit: Plain
    close: Plain
    help_about: Plain
    home: Plain
    back: Plain
    next: Plain
    pause_skip: Plain
    pause_motion: Plain
    pause_back_now: Plain
    pause_more_time: Plain
    pause_previous: Plain
    respond_repair: Plain
    respond_form: Plain
    respond_show: Plain
    respond_done: Plain
    summary_done: Plain
    history_open: Plain
    history_delete: Plain
    history_carry_on: Plain
    history_talk_over: Plain
    history_next_page: Plain
    history_prev_page: Plain
    history_patterns: Plain
    history_period: Plain
    history_yes: Plain
    history_no: Plain
    together_note: Plain
    together_ready: Plain
    together_done: Plain
    together_read: Plain
    region: Plain
    ordinary: Plain
    history_passphrase: Plain
    together_no_keep: Plain
    safety_forget: Plain
    passphrase_open: Plain
    passphrase_next: Plain
    passphrase_lock: Plain


class AppText(Labels):
    ctrl_c: Plain  # while the session under way is saved on this computer
    ctrl_c_quit: Plain  # when nothing of it is (on Home, before a first answer, not kept)
    too_long: Annotated[Text, Uses("limit")]
    too_small: Annotated[Text, Uses("height", "width")]
    rows_skipped: Plain
    solo_name: Plain  # the one person of a session on their own, as it is kept (and exported)


class LaunchText(Labels):
    already_open: Plain
    ask_take_over: Plain
    answer_yes: Plain
    closed_window: Plain
    not_responding: Plain
    could_not_end: Annotated[Text, Uses("pid")]


class HomeText(Labels):
    title: Plain
    greeting: Plain
    resume: Annotated[Text, Uses("when")]
    start: Plain
    together: Plain
    history: Plain
    quit: Plain
    return_notice: Annotated[Text, Uses("when")]
    not_ready: Plain
    after: Plain
    start_unkept: Plain


class FirstRunText(Labels):
    is_heading: Plain
    is_not_heading: Plain


class SafetyText(Labels):
    home: Plain
    after_yes: Plain
    after_yes_kept: Plain
    private_check: Plain
    routine_check: Plain
    asked_again: Plain
    kept: Plain
    forget_title: Plain
    forget_body: Plain
    forget_yes: Plain
    forgotten: Plain


class HideText(Labels):
    neutral: Plain


class PauseText(Labels):
    title: Plain
    calm_question: Plain
    calm_after_question: Plain
    calm_hint: Plain
    choose_hint: Plain
    choose_title: Plain
    choose_question: Plain
    take_care: Plain


class BreathingText(Labels):
    count: Annotated[Text, Uses("cycle", "cycles", "seconds")]
    stopped: Plain


class GroundingText(Labels):
    progress: Annotated[Text, Uses("n", "total")]
    next_hint: Plain


class BreakText(Labels):
    length_question: Annotated[Text, Uses("min")]
    minutes: Annotated[Text, Uses("n")]
    one_minute: Plain
    one_hour: Plain
    hours: Annotated[Text, Uses("n")]
    hours_minutes: Annotated[Text, Uses("h", "m")]
    suggestion: Annotated[Text, Uses("length", "time")]
    return_hint: Plain
    save: Plain
    unreadable: Plain
    too_soon: Annotated[Text, Uses("earliest", "min")]
    too_late: Annotated[Text, Uses("hours", "latest")]
    back_at: Annotated[Text, Uses("time")]
    back_at_tomorrow: Annotated[Text, Uses("time")]
    do_heading: Plain
    dont_heading: Plain
    carry_on: Plain
    confirm_far: Annotated[Text, Uses("day", "length", "time")]
    today: Plain
    tomorrow: Plain
    early: Annotated[Text, Uses("agreed", "gone")]


class NameText(Labels):
    choose_hint: Plain
    own_words_question: Plain
    own_words_placeholder: Plain
    intensity_hint: Plain
    next: Plain


class ReframeText(Labels):
    choose_hint: Plain
    thought_placeholder: Plain
    partner_question: Plain
    partner_placeholder: Plain
    wish_heading: Plain
    kindness_self: Plain
    kindness_partner: Plain
    just_read: Plain
    next: Plain


class RespondText(Labels):
    title: Plain
    startup_label: Plain
    ofnr_label: Plain
    form_switch: Annotated[Text, Uses("current", "key", "other")]
    feeling: Plain
    situation: Plain
    need: Plain
    observation: Plain
    ofnr_need: Plain
    request: Plain
    feeling_help: Plain
    situation_help: Plain
    need_help: Plain
    draft_label: Plain
    draft_placeholder: Plain
    draft_help: Plain
    blank: Plain
    repair_intro: Plain


class ShowPartnerText(Labels):
    heading: Plain
    empty: Plain


class HintsText(Labels):
    title: Plain
    empty: Plain
    criticism: Plain
    contempt: Plain
    defensiveness: Plain
    stonewalling: Plain
    words: Annotated[Text, Uses("match")]
    why: Annotated[Text, Uses("why")]
    antidote: Annotated[Text, Uses("antidote")]


class SummaryText(Labels):
    title: Plain
    intro: Plain
    felt: Plain
    felt_under: Annotated[Text, Uses("under", "word")]
    intensity: Annotated[Text, Uses("value")]
    needed: Plain
    thought: Plain
    wish: Plain
    words: Plain
    own_words: Plain
    repair: Plain
    calm: Plain
    calm_both: Annotated[Text, Uses("after", "before")]
    calm_before: Annotated[Text, Uses("before")]
    calm_after: Annotated[Text, Uses("after")]
    nothing: Plain
    finish: Plain
    tags_label: Plain
    done_note: Plain


class HelpText(Labels):
    """F1: a short word for each screen (by topic, see screens/help.py), and its keys."""

    title: Plain
    keys_heading: Plain
    more: Plain
    default: Plain
    home: Plain
    pause: Plain
    pause_flooded: Plain  # a part of a screen with keys of its own: `<topic>_<part>`
    pause_fear: Plain
    pause_choose: Plain
    breathing: Plain
    grounding: Plain
    break_: Plain = Field(alias="break")
    name: Plain
    reframe: Plain
    reframe_cycle: Plain
    reframe_kindness: Plain
    respond: Plain
    summary: Plain
    history: Plain
    patterns: Plain
    session: Plain
    handover: Plain
    floor: Plain
    speak: Plain
    listen: Plain
    together_start: Plain
    together_pause: Plain
    reveal_choice: Plain
    revealed: Plain
    closing: Plain
    note: Plain
    safety: Plain
    repair_picker: Plain
    show_partner: Plain
    confirm: Plain


class TextSection(Labels):
    """Every block of screen words; a user's pack may replace any label, one at a time."""

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
    break_: BreakText = Field(alias="break")
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
