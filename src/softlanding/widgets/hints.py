"""Gentle notes beside a draft: what the words may sound like, and a softer thing to try."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class NoteReader(Protocol):
    def safety(self, text: str) -> Any: ...
    def hints(self, text: str) -> list[Any]: ...


def draft_notes(reader: NoteReader, text: str) -> tuple[list[Any], bool]:
    """(findings, has_text) for the notes beside a draft. Danger language gets no notes at all:
    never "keep going" or a softer wording for it (the safety check deals with it)."""
    if not text.strip() or reader.safety(text).concern:
        return [], False
    return reader.hints(text), True


class FindingLike(Protocol):
    """What the analyzer reports for one pattern it noticed (read-only)."""

    @property
    def kind(self) -> str: ...
    @property
    def match(self) -> str: ...
    @property
    def why(self) -> str: ...
    @property
    def antidote(self) -> str: ...


class DraftHints(VerticalScroll, can_focus=False):
    """Shows findings calmly (never blocking); an encouraging line when there are none."""

    DEFAULT_CSS = """
    DraftHints {
        height: 1fr;
        border: round $secondary 60%;
        border-title-color: $text-muted;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    DraftHints.-found {
        border: round $warning 70%;
    }
    DraftHints > #hints-body {
        width: 1fr;
    }
    """

    def __init__(self, words: Any, start: str, *, id: str | None = None) -> None:
        """`words` is the pack's `text.hints` block; `start` is shown before anything is typed."""
        super().__init__(id=id)
        self.words = words
        self.start = start
        self._plain = start

    def compose(self) -> ComposeResult:
        yield Static(self.start, id="hints-body", markup=False)

    def on_mount(self) -> None:
        self.border_title = self.words.title

    @property
    def text(self) -> str:
        """What the widget shows now, as plain text."""
        return self._plain

    def show(self, findings: Iterable[FindingLike], has_text: bool) -> None:
        """Replace what is shown with these findings (or the start or encouraging line)."""
        groups = _group(findings)
        if groups:
            body = Text()
            for index, (kind, why, antidote, matches) in enumerate(groups):
                if index:
                    body.append("\n\n")
                body.append_text(self._one(kind, why, antidote, matches))
        else:
            body = Text(self.words.empty if has_text else self.start)
        if body.plain == self._plain and bool(groups) == self.has_class("-found"):
            return  # most keys change nothing here: redraw only what changed
        self.set_class(bool(groups), "-found")
        self._plain = body.plain
        self.query_one("#hints-body", Static).update(body)

    def _one(self, kind: str, why: str, antidote: str, matches: list[str]) -> Text:
        label = getattr(self.words, kind, kind.replace("_", " "))
        quoted = ", ".join(f"“{m}”" for m in matches)
        out = Text()
        out.append(label, style="bold")  # only the label: a Text's own style would cover it all
        out.append("\n" + self.words.words.format(match=quoted), style="italic")
        out.append("\n" + self.words.why.format(why=why))
        out.append("\n" + self.words.antidote.format(antidote=antidote))
        return out


def _group(findings: Iterable[FindingLike]) -> list[tuple[str, str, str, list[str]]]:
    """One note per kind of pattern (and its advice), listing every matched phrase once."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for finding in findings:
        matches = grouped.setdefault((finding.kind, finding.why, finding.antidote), [])
        if finding.match not in matches:
            matches.append(finding.match)
    return [(kind, why, antidote, m) for (kind, why, antidote), m in grouped.items()]
