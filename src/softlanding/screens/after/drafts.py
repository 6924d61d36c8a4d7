"""What the talk keeps between sittings: words typed but not given, and where to carry on."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from softlanding.flow.after import STEP, Question
from softlanding.flow.context import Answers

DRAFTS = "drafts"  # {question key: words typed but not yet given}, as the other steps keep them


def draft_of(answers: Answers, question: Question) -> str | None:
    found = (answers.get(STEP, question.seat).get(DRAFTS) or {}).get(question.key)
    return found if isinstance(found, str) and found else None


def keep_draft(answers: Answers, question: Question, text: str | None) -> None:
    """Keep `text` as the question's draft (None or given words: no draft)."""
    saved = answers.get(STEP, question.seat)
    before = saved.get(DRAFTS) if isinstance(saved.get(DRAFTS), dict) else {}
    drafts = dict(before or {})
    if text and text != saved.get(question.key):
        drafts[question.key] = text
    else:
        drafts.pop(question.key, None)
    if drafts == (before or {}):
        return
    if drafts:
        answers.save(STEP, DRAFTS, drafts, seat=question.seat)
    else:
        answers.forget(STEP, DRAFTS, seat=question.seat)


def carry_on_at(answers: Answers, questions: list[Question]) -> int:
    """Where a resumed talk opens: a question left half-typed, else the one after the last
    answered (a question passed over with Enter is not asked again)."""
    last = -1
    for index, question in enumerate(questions):
        if draft_of(answers, question) is not None:
            return index
        if answers.get(STEP, question.seat).get(question.key) is not None:
            last = index
    return last + 1


def when_shown(saved: Any, local: Any) -> str | None:
    """A saved time as the box shows it ("Fri 19:30"), or None when it cannot be read."""
    try:
        at = datetime.fromisoformat(str(saved))
    except ValueError:
        return None
    return at.astimezone(local).strftime("%a %H:%M") if at.tzinfo else at.strftime("%a %H:%M")
