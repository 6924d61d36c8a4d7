"""The words of history, the session view, patterns and the history commands (`text:`).

Each label says which `{name}` placeholders it may use (`Uses(...)`, the names the code fills in);
`prompts check` refuses any other, and braces that are not a plain placeholder.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from softlanding.pack.label_types import Labels, Plain, Text, Uses


class HistoryText(Labels):
    title: Plain
    count: Annotated[Text, Uses("first", "last", "total")]
    open_hint: Plain
    pages: Plain
    empty: Plain
    col_when: Plain
    col_kind: Plain
    col_feelings: Plain
    col_tags: Plain
    col_break: Plain
    kind_solo: Plain
    kind_together: Plain
    kind_reflect: Plain
    pair: Annotated[Text, Uses("first", "second")]  # a pair's names, in place of the kind
    break_kept: Plain
    break_early: Plain  # back before the agreed time
    break_later: Plain
    break_not_noted: Plain
    break_pending: Plain
    deleted: Plain
    locked: Plain


class UnlockText(Labels):
    title: Plain
    hint: Plain
    placeholder: Plain
    wrong: Plain
    open: Plain
    back: Plain


class SessionViewText(Labels):
    title: Plain
    missing: Plain
    nothing: Plain
    with_: Annotated[Text, Uses("names")] = Field(alias="with")
    tags: Plain
    private_hidden: Plain  # no count: how much a partner kept back is theirs too
    private_note: Annotated[Text, Uses("name")]
    private_hidden_solo: Annotated[Text, Uses("count")]
    solo_after_heard_back: Plain
    status_open: Plain
    status_completed: Plain
    status_abandoned: Plain
    date_unknown: Plain
    yes: Plain
    no: Plain
    out_of_ten: Annotated[Text, Uses("n")]
    minutes: Annotated[Text, Uses("n")]
    choice_breathe: Plain
    choice_ground: Plain
    choice_break: Plain
    form_startup: Plain
    form_ofnr: Plain
    pause_heading: Plain
    feelings_heading: Plain
    realities_heading: Plain
    triggers_heading: Plain
    my_part_heading: Plain
    one_change_heading: Plain
    reflect_heading: Plain
    other_heading: Plain
    private_heading: Plain
    pause_calm_before: Plain
    pause_calm_after: Plain
    pause_flooded: Plain
    pause_choice: Plain
    pause_pattern: Plain
    pause_card: Plain
    pause_break_minutes: Plain
    pause_return_at: Plain
    pause_returned_at: Plain
    name_family: Plain
    name_word: Plain
    name_own_words: Plain
    name_under: Plain
    name_intensity: Plain
    name_need: Plain
    reframe_thought: Plain
    reframe_partner_said: Plain
    reframe_wish: Plain
    reframe_cycle: Plain
    reframe_kindness_self: Plain
    reframe_kindness_partner: Plain
    respond_situation: Plain
    respond_repair_used: Plain
    respond_feeling: Plain
    respond_need: Plain
    respond_form: Plain
    respond_draft: Plain
    respond_final: Plain
    respond_confirmed: Plain
    respond_correction: Plain
    respond_more: Plain
    closing_appreciation: Plain
    closing_follow_up_at: Plain
    way_check: Plain
    way_way: Plain
    way_short: Plain
    way_full: Plain
    reflect_text: Plain
    reflect_noticed: Plain
    reflect_bid: Plain
    reflect_rewrite: Plain
    reflect_question: Plain
    reflect_patterns: Plain
    name_reveal: Plain
    reveal_nothing: Plain
    closing_talk_again: Plain
    listen_draft: Plain
    listen_final: Plain
    listen_confirmed: Plain
    listen_correction: Plain
    listen_mirror: Plain
    listen_more: Plain
    listen_validate: Plain
    listen_empathise: Plain
    after_about_session: Plain
    after_felt: Plain
    after_my_view: Plain
    after_heard_back: Plain
    after_makes_sense: Plain
    after_older: Plain
    after_set_up: Plain
    after_regret: Plain
    after_sorry: Plain
    after_accepted: Plain
    after_still_need: Plain
    after_needed: Plain
    after_answer: Plain
    after_went_quiet: Plain
    after_way_back: Plain
    after_i_will: Plain
    after_you_could: Plain
    after_when: Plain
    after_starter: Plain
    after_opening: Plain
    after_safe_next_time: Plain
    after_heading: Plain
    not_yet_given: Annotated[Text, Uses("label")]


class PatternsText(Labels):
    title: Plain
    period_30: Plain
    period_90: Plain
    period_all: Plain
    sessions: Annotated[Text, Uses("count")]
    none: Plain
    counting: Plain
    feelings: Plain
    needs: Plain
    under: Plain
    tags: Plain
    time_of_day: Plain
    calm: Plain
    calm_before: Plain
    calm_after: Plain
    calm_average: Annotated[Text, Uses("after", "before", "count")]
    calm_one: Annotated[Text, Uses("after", "before")]  # the same, for a single pause
    calm_none: Plain
    breaks: Plain
    breaks_taken: Annotated[Text, Uses("count")]
    nothing_yet: Plain
    morning: Plain
    afternoon: Plain
    evening: Plain
    night: Plain


class ConfirmText(Labels):
    delete_title: Plain
    delete_body: Annotated[Text, Uses("when")]
    yes: Plain
    no: Plain


class HistoryExportText(Labels):
    title: Plain
    exported: Annotated[Text, Uses("count", "when")]
    private_excluded: Plain
    none: Plain


class LockCliText(Labels):
    warning: Plain
    new: Plain
    again: Plain
    ask: Plain
    empty: Plain
    differ: Plain
    wrong: Plain
    locked: Annotated[Text, Uses("count")]
    already: Plain
    not_locked: Plain
    unlocked: Annotated[Text, Uses("count")]
    unchanged: Plain
    changed: Plain
    not_asked: Plain


class HistoryCliText(Labels):
    empty: Plain
    title: Annotated[Text, Uses("shown", "total")]
    col_id: Plain
    not_found: Annotated[Text, Uses("id")]
    ambiguous: Annotated[Text, Uses("id")]
    private_hidden: Plain  # no count: how much a partner kept back is theirs too
    private_hidden_solo: Annotated[Text, Uses("count")]
    ask_one: Annotated[Text, Uses("when")]
    ask_all: Annotated[Text, Uses("count")]
    ask_type: Plain
    answer_yes: Plain  # the answers that mean yes, with | between them ("y|yes")
    needs_yes: Plain
    kept: Plain
    nothing_saved: Plain
    forgot_one: Plain
    forgot_all: Annotated[Text, Uses("count")]
    written: Annotated[Text, Uses("count", "path")]
    imported: Annotated[Text, Uses("count")]
    skipped: Annotated[Text, Uses("count")]
    import_bad: Annotated[Text, Uses("count", "path")]
    import_more: Annotated[Text, Uses("count")]
    not_json: Annotated[Text, Uses("column", "line", "path")]
    unreadable: Annotated[Text, Uses("path", "reason")]
    no_match: Annotated[Text, Uses("total")]
    no_match_one: Plain
    ask_all_one: Plain
    forgot_all_one: Plain
    forgot_waiting: Annotated[Text, Uses("count")]
    forgot_one_waiting: Plain
    copies_found: Annotated[Text, Uses("count", "folder")]
    copies_found_one: Annotated[Text, Uses("folder")]
    ask_copies: Plain
    copies_erased: Plain
    copies_kept: Plain
    written_one: Annotated[Text, Uses("path")]
    imported_one: Plain
    skipped_one: Plain
    import_bad_one: Annotated[Text, Uses("path")]
    exists: Annotated[Text, Uses("path")]
    ask_replace: Annotated[Text, Uses("path")]
    ask_type_replace: Plain
    not_a_file: Annotated[Text, Uses("path")]
    no_folder: Annotated[Text, Uses("folder")]
    cannot_write: Annotated[Text, Uses("path", "reason")]
    import_not_a_file: Annotated[Text, Uses("path")]
    import_too_big: Annotated[Text, Uses("limit", "path")]
    more_entries: Annotated[Text, Uses("count")]
    import_unreadable_json: Annotated[Text, Uses("path", "reason")]
    import_not_an_export: Annotated[Text, Uses("path")]
