"""The prompts pack as typed, read-only data (tools/gen_pack_view.py writes it).

Built from the compiled JSON copy by `frozen.build` without pydantic; every text is a `Label`,
whose `.format()` fills in only plain `{name}` placeholders.
"""

from __future__ import annotations

from softlanding.pack.fill import Label
from softlanding.pack.frozen import Frozen


class ConfirmText(Frozen):
    delete_title: Label
    delete_body: Label
    yes: Label
    no: Label


class HistoryCliText(Frozen):
    empty: Label
    title: Label
    col_id: Label
    not_found: Label
    ambiguous: Label
    private_hidden: Label
    private_hidden_solo: Label
    ask_one: Label
    ask_all: Label
    ask_type: Label
    answer_yes: Label
    needs_yes: Label
    kept: Label
    nothing_saved: Label
    forgot_one: Label
    forgot_all: Label
    written: Label
    imported: Label
    skipped: Label
    import_bad: Label
    import_more: Label
    not_json: Label
    unreadable: Label
    no_match: Label
    no_match_one: Label
    ask_all_one: Label
    forgot_all_one: Label
    forgot_waiting: Label
    forgot_one_waiting: Label
    copies_found: Label
    copies_found_one: Label
    ask_copies: Label
    copies_erased: Label
    copies_kept: Label
    written_one: Label
    imported_one: Label
    skipped_one: Label
    import_bad_one: Label
    exists: Label
    ask_replace: Label
    ask_type_replace: Label
    not_a_file: Label
    no_folder: Label
    cannot_write: Label
    import_not_a_file: Label
    import_too_big: Label
    more_entries: Label
    import_unreadable_json: Label
    import_not_an_export: Label


class HistoryExportText(Frozen):
    title: Label
    exported: Label
    private_excluded: Label
    none: Label


class HistoryText(Frozen):
    title: Label
    count: Label
    open_hint: Label
    pages: Label
    empty: Label
    col_when: Label
    col_kind: Label
    col_feelings: Label
    col_tags: Label
    col_break: Label
    kind_solo: Label
    kind_together: Label
    kind_reflect: Label
    pair: Label
    break_kept: Label
    break_early: Label
    break_later: Label
    break_not_noted: Label
    break_pending: Label
    deleted: Label
    locked: Label


class LockCliText(Frozen):
    warning: Label
    new: Label
    again: Label
    ask: Label
    empty: Label
    differ: Label
    wrong: Label
    locked: Label
    already: Label
    not_locked: Label
    unlocked: Label
    unchanged: Label
    changed: Label
    not_asked: Label


class PatternsText(Frozen):
    title: Label
    period_30: Label
    period_90: Label
    period_all: Label
    sessions: Label
    none: Label
    counting: Label
    feelings: Label
    needs: Label
    under: Label
    tags: Label
    time_of_day: Label
    calm: Label
    calm_before: Label
    calm_after: Label
    calm_average: Label
    calm_one: Label
    calm_none: Label
    breaks: Label
    breaks_taken: Label
    nothing_yet: Label
    morning: Label
    afternoon: Label
    evening: Label
    night: Label


class SessionViewText(Frozen):
    title: Label
    missing: Label
    nothing: Label
    with_: Label
    tags: Label
    private_hidden: Label
    private_note: Label
    private_hidden_solo: Label
    solo_after_heard_back: Label
    status_open: Label
    status_completed: Label
    status_abandoned: Label
    date_unknown: Label
    yes: Label
    no: Label
    out_of_ten: Label
    minutes: Label
    choice_breathe: Label
    choice_ground: Label
    choice_break: Label
    form_startup: Label
    form_ofnr: Label
    pause_heading: Label
    feelings_heading: Label
    realities_heading: Label
    triggers_heading: Label
    my_part_heading: Label
    one_change_heading: Label
    reflect_heading: Label
    other_heading: Label
    private_heading: Label
    pause_calm_before: Label
    pause_calm_after: Label
    pause_flooded: Label
    pause_choice: Label
    pause_pattern: Label
    pause_card: Label
    pause_break_minutes: Label
    pause_return_at: Label
    pause_returned_at: Label
    name_family: Label
    name_word: Label
    name_own_words: Label
    name_under: Label
    name_intensity: Label
    name_need: Label
    reframe_thought: Label
    reframe_partner_said: Label
    reframe_wish: Label
    reframe_cycle: Label
    reframe_kindness_self: Label
    reframe_kindness_partner: Label
    respond_situation: Label
    respond_repair_used: Label
    respond_feeling: Label
    respond_need: Label
    respond_form: Label
    respond_draft: Label
    respond_final: Label
    respond_confirmed: Label
    respond_correction: Label
    respond_more: Label
    closing_appreciation: Label
    closing_follow_up_at: Label
    way_check: Label
    way_way: Label
    way_short: Label
    way_full: Label
    reflect_text: Label
    reflect_noticed: Label
    reflect_bid: Label
    reflect_rewrite: Label
    reflect_question: Label
    reflect_patterns: Label
    name_reveal: Label
    reveal_nothing: Label
    closing_talk_again: Label
    listen_draft: Label
    listen_final: Label
    listen_confirmed: Label
    listen_correction: Label
    listen_mirror: Label
    listen_more: Label
    listen_validate: Label
    listen_empathise: Label
    after_about_session: Label
    after_felt: Label
    after_my_view: Label
    after_heard_back: Label
    after_makes_sense: Label
    after_older: Label
    after_set_up: Label
    after_regret: Label
    after_sorry: Label
    after_accepted: Label
    after_still_need: Label
    after_needed: Label
    after_answer: Label
    after_went_quiet: Label
    after_way_back: Label
    after_i_will: Label
    after_you_could: Label
    after_when: Label
    after_starter: Label
    after_opening: Label
    after_safe_next_time: Label
    after_heading: Label
    not_yet_given: Label
    RENAMED = {"with": "with_"}


class UnlockText(Frozen):
    title: Label
    hint: Label
    placeholder: Label
    wrong: Label
    open: Label
    back: Label
